/**
 * Capability queries: which channels can reach a contact. The answer arrives later as a CAPABILITY callback.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Common from "./Common.js"
import * as Ids from "./Ids.js"
import { optional, struct } from "./internal/schema.js"

const QueryCapabilityRequest_ = struct("QueryCapabilityRequest", {
  app_id: Ids.AppId,
  recipient: Common.Recipient,
  request_id: optional(Schema.String)
})

/**
 * The body of `POST /v1/projects/{project_id}/capability:query`.
 *
 * @since 0.1.0
 * @category requests
 */
export const QueryCapabilityRequest: QueryCapabilityRequestSchema = QueryCapabilityRequest_
/**
 * The schema of {@link QueryCapabilityRequest}, as a struct.
 *
 * @since 0.1.0
 * @category requests
 */
export interface QueryCapabilityRequestSchema extends Schema.Struct<typeof QueryCapabilityRequest_.fields> {}
/**
 * @since 0.1.0
 * @category requests
 */
export interface QueryCapabilityRequest extends Schema.Schema.Type<typeof QueryCapabilityRequest_> {}

const QueryCapabilityResponse_ = struct("QueryCapabilityResponse", {
  app_id: optional(Ids.AppId),
  recipient: optional(Common.Recipient),
  request_id: optional(Schema.String)
})

/**
 * The immediate answer: the query as registered, with its `request_id`.
 *
 * @since 0.1.0
 * @category responses
 */
export const QueryCapabilityResponse: QueryCapabilityResponseSchema = QueryCapabilityResponse_
/**
 * The schema of {@link QueryCapabilityResponse}, as a struct.
 *
 * @since 0.1.0
 * @category responses
 */
export interface QueryCapabilityResponseSchema extends Schema.Struct<typeof QueryCapabilityResponse_.fields> {}
/**
 * @since 0.1.0
 * @category responses
 */
export interface QueryCapabilityResponse extends Schema.Schema.Type<typeof QueryCapabilityResponse_> {}
