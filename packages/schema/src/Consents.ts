/**
 * Consent lists: the identities on an app's opt-in / opt-out lists and their audit records.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Enums from "./Enums.js"
import * as Ids from "./Ids.js"
import { nextPageToken, optional, page, struct, Timestamp } from "./internal/schema.js"

const ConsentIdentity_ = struct("ConsentIdentity", { identity: Schema.String })

/**
 * An identity on a consent list.
 *
 * @since 0.1.0
 * @category models
 */
export const ConsentIdentity: ConsentIdentitySchema = ConsentIdentity_
/**
 * The schema of {@link ConsentIdentity}, as a struct.
 *
 * @since 0.1.0
 * @category models
 */
export interface ConsentIdentitySchema extends Schema.Struct<typeof ConsentIdentity_.fields> {}
/**
 * @since 0.1.0
 * @category models
 */
export interface ConsentIdentity extends Schema.Schema.Type<typeof ConsentIdentity_> {}

const ListIdentitiesRequest_ = struct("ListIdentitiesRequest", {
  page_size: optional(Schema.Int),
  page_token: optional(Schema.String)
})

/**
 * The query of `GET /v1/projects/{project_id}/apps/{app_id}/consents/{list_type}`.
 *
 * @since 0.1.0
 * @category requests
 */
export const ListIdentitiesRequest: ListIdentitiesRequestSchema = ListIdentitiesRequest_
/**
 * The schema of {@link ListIdentitiesRequest}, as a struct.
 *
 * @since 0.1.0
 * @category requests
 */
export interface ListIdentitiesRequestSchema extends Schema.Struct<typeof ListIdentitiesRequest_.fields> {}
/**
 * @since 0.1.0
 * @category requests
 */
export interface ListIdentitiesRequest extends Schema.Schema.Type<typeof ListIdentitiesRequest_> {}

const ListIdentitiesResponse_ = struct("ListIdentitiesResponse", {
  identities: page(ConsentIdentity),
  next_page_token: nextPageToken
})

/**
 * One page of `GET /v1/projects/{project_id}/apps/{app_id}/consents/{list_type}`.
 *
 * @since 0.1.0
 * @category responses
 */
export const ListIdentitiesResponse: ListIdentitiesResponseSchema = ListIdentitiesResponse_
/**
 * The schema of {@link ListIdentitiesResponse}, as a struct.
 *
 * @since 0.1.0
 * @category responses
 */
export interface ListIdentitiesResponseSchema extends Schema.Struct<typeof ListIdentitiesResponse_.fields> {}
/**
 * @since 0.1.0
 * @category responses
 */
export interface ListIdentitiesResponse extends Schema.Schema.Type<typeof ListIdentitiesResponse_> {}

const AuditRecord_ = struct("AuditRecord", {
  origin: optional(Enums.ConsentAuditOrigin),
  operation: optional(Enums.ConsentAuditOperation),
  list_type: optional(Enums.ConsentListType),
  project_id: optional(Ids.ProjectId),
  app_id: optional(Ids.AppId),
  datetime: optional(Timestamp)
})

/**
 * One change of a consent list for an identity.
 *
 * @since 0.1.0
 * @category models
 */
export const AuditRecord: AuditRecordSchema = AuditRecord_
/**
 * The schema of {@link AuditRecord}, as a struct.
 *
 * @since 0.1.0
 * @category models
 */
export interface AuditRecordSchema extends Schema.Struct<typeof AuditRecord_.fields> {}
/**
 * @since 0.1.0
 * @category models
 */
export interface AuditRecord extends Schema.Schema.Type<typeof AuditRecord_> {}

const ListAuditRecordsResponse_ = struct("ListAuditRecordsResponse", {
  identity: optional(ConsentIdentity),
  audit_records: optional(Schema.Array(AuditRecord))
})

/**
 * The answer of `GET /v1/projects/{project_id}/apps/{app_id}/consents/identities/{identity}`.
 *
 * @since 0.1.0
 * @category responses
 */
export const ListAuditRecordsResponse: ListAuditRecordsResponseSchema = ListAuditRecordsResponse_
/**
 * The schema of {@link ListAuditRecordsResponse}, as a struct.
 *
 * @since 0.1.0
 * @category responses
 */
export interface ListAuditRecordsResponseSchema extends Schema.Struct<typeof ListAuditRecordsResponse_.fields> {}
/**
 * @since 0.1.0
 * @category responses
 */
export interface ListAuditRecordsResponse extends Schema.Schema.Type<typeof ListAuditRecordsResponse_> {}
