/**
 * Opt-in and opt-out registrations. The outcome arrives later as an OPT_IN / OPT_OUT callback.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Common from "./Common.js"
import * as Enums from "./Enums.js"
import * as Ids from "./Ids.js"
import { optional, struct } from "./internal/schema.js"

const registration = {
  app_id: Ids.AppId,
  recipient: Common.Recipient,
  channels: optional(Schema.Array(Enums.ConversationChannel)),
  processing_strategy: optional(Enums.ProcessingStrategy)
}

/**
 * The body of `POST /v1/projects/{project_id}/optins:register` (`request_id` is a query parameter).
 *
 * @since 0.1.0
 * @category requests
 */
export const OptIn = struct("OptIn", registration)
/**
 * @since 0.1.0
 * @category requests
 */
export type OptIn = typeof OptIn.Type

/**
 * The body of `POST /v1/projects/{project_id}/optouts:register`.
 *
 * @since 0.1.0
 * @category requests
 */
export const OptOut = struct("OptOut", registration)
/**
 * @since 0.1.0
 * @category requests
 */
export type OptOut = typeof OptOut.Type

/**
 * The registered opt-in with defaults resolved.
 *
 * @since 0.1.0
 * @category responses
 */
export const OptInResponse = struct("OptInResponse", { opt_in: optional(OptIn), request_id: optional(Schema.String) })
/**
 * @since 0.1.0
 * @category responses
 */
export type OptInResponse = typeof OptInResponse.Type

/**
 * The registered opt-out with defaults resolved.
 *
 * @since 0.1.0
 * @category responses
 */
export const OptOutResponse = struct("OptOutResponse", {
  opt_out: optional(OptOut),
  request_id: optional(Schema.String)
})
/**
 * @since 0.1.0
 * @category responses
 */
export type OptOutResponse = typeof OptOutResponse.Type
