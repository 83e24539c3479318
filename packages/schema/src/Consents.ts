/**
 * Consent lists: the identities on an app's opt-in / opt-out lists and their audit records.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Enums from "./Enums.js"
import * as Ids from "./Ids.js"
import { nextPageToken, optional, page, struct, Timestamp } from "./internal/schema.js"

/**
 * An identity on a consent list.
 *
 * @since 0.1.0
 * @category models
 */
export const ConsentIdentity = struct("ConsentIdentity", { identity: Schema.String })
/**
 * @since 0.1.0
 * @category models
 */
export type ConsentIdentity = typeof ConsentIdentity.Type

/**
 * The query of `GET /v1/projects/{project_id}/apps/{app_id}/consents/{list_type}`.
 *
 * @since 0.1.0
 * @category requests
 */
export const ListIdentitiesRequest = struct("ListIdentitiesRequest", {
  page_size: optional(Schema.Int),
  page_token: optional(Schema.String)
})
/**
 * @since 0.1.0
 * @category requests
 */
export type ListIdentitiesRequest = typeof ListIdentitiesRequest.Type

/**
 * One page of `GET /v1/projects/{project_id}/apps/{app_id}/consents/{list_type}`.
 *
 * @since 0.1.0
 * @category responses
 */
export const ListIdentitiesResponse = struct("ListIdentitiesResponse", {
  identities: page(ConsentIdentity),
  next_page_token: nextPageToken
})
/**
 * @since 0.1.0
 * @category responses
 */
export type ListIdentitiesResponse = typeof ListIdentitiesResponse.Type

/**
 * One change of a consent list for an identity.
 *
 * @since 0.1.0
 * @category models
 */
export const AuditRecord = struct("AuditRecord", {
  origin: optional(Enums.ConsentAuditOrigin),
  operation: optional(Enums.ConsentAuditOperation),
  list_type: optional(Enums.ConsentListType),
  project_id: optional(Ids.ProjectId),
  app_id: optional(Ids.AppId),
  datetime: optional(Timestamp)
})
/**
 * @since 0.1.0
 * @category models
 */
export type AuditRecord = typeof AuditRecord.Type

/**
 * The answer of `GET /v1/projects/{project_id}/apps/{app_id}/consents/identities/{identity}`.
 *
 * @since 0.1.0
 * @category responses
 */
export const ListAuditRecordsResponse = struct("ListAuditRecordsResponse", {
  identity: optional(ConsentIdentity),
  audit_records: optional(Schema.Array(AuditRecord))
})
/**
 * @since 0.1.0
 * @category responses
 */
export type ListAuditRecordsResponse = typeof ListAuditRecordsResponse.Type
