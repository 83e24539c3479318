/**
 * Capability queries: which channels can reach a contact. The answer arrives later as a CAPABILITY callback.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Common from "./Common.js"
import * as Ids from "./Ids.js"
import { optional, struct } from "./internal/schema.js"

/**
 * The body of `POST /v1/projects/{project_id}/capability:query`.
 *
 * @since 0.1.0
 * @category requests
 */
export const QueryCapabilityRequest = struct("QueryCapabilityRequest", {
  app_id: Ids.AppId,
  recipient: Common.Recipient,
  request_id: optional(Schema.String)
})
/**
 * @since 0.1.0
 * @category requests
 */
export type QueryCapabilityRequest = typeof QueryCapabilityRequest.Type

/**
 * The immediate answer: the query as registered, with its `request_id`.
 *
 * @since 0.1.0
 * @category responses
 */
export const QueryCapabilityResponse = struct("QueryCapabilityResponse", {
  app_id: optional(Ids.AppId),
  recipient: optional(Common.Recipient),
  request_id: optional(Schema.String)
})
/**
 * @since 0.1.0
 * @category responses
 */
export type QueryCapabilityResponse = typeof QueryCapabilityResponse.Type
