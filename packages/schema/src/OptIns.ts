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

const OptIn_ = struct("OptIn", registration)

/**
 * The body of `POST /v1/projects/{project_id}/optins:register` (`request_id` is a query parameter).
 *
 * @since 0.1.0
 * @category requests
 */
export const OptIn: OptInSchema = OptIn_
/**
 * The schema of {@link OptIn}, as a struct.
 *
 * @since 0.1.0
 * @category requests
 */
export interface OptInSchema extends Schema.Struct<typeof OptIn_.fields> {}
/**
 * @since 0.1.0
 * @category requests
 */
export interface OptIn extends Schema.Schema.Type<typeof OptIn_> {}

const OptOut_ = struct("OptOut", registration)

/**
 * The body of `POST /v1/projects/{project_id}/optouts:register`.
 *
 * @since 0.1.0
 * @category requests
 */
export const OptOut: OptOutSchema = OptOut_
/**
 * The schema of {@link OptOut}, as a struct.
 *
 * @since 0.1.0
 * @category requests
 */
export interface OptOutSchema extends Schema.Struct<typeof OptOut_.fields> {}
/**
 * @since 0.1.0
 * @category requests
 */
export interface OptOut extends Schema.Schema.Type<typeof OptOut_> {}

const OptInResponse_ = struct("OptInResponse", { opt_in: optional(OptIn), request_id: optional(Schema.String) })

/**
 * The registered opt-in with defaults resolved.
 *
 * @since 0.1.0
 * @category responses
 */
export const OptInResponse: OptInResponseSchema = OptInResponse_
/**
 * The schema of {@link OptInResponse}, as a struct.
 *
 * @since 0.1.0
 * @category responses
 */
export interface OptInResponseSchema extends Schema.Struct<typeof OptInResponse_.fields> {}
/**
 * @since 0.1.0
 * @category responses
 */
export interface OptInResponse extends Schema.Schema.Type<typeof OptInResponse_> {}

const OptOutResponse_ = struct("OptOutResponse", {
  opt_out: optional(OptOut),
  request_id: optional(Schema.String)
})

/**
 * The registered opt-out with defaults resolved.
 *
 * @since 0.1.0
 * @category responses
 */
export const OptOutResponse: OptOutResponseSchema = OptOutResponse_
/**
 * The schema of {@link OptOutResponse}, as a struct.
 *
 * @since 0.1.0
 * @category responses
 */
export interface OptOutResponseSchema extends Schema.Struct<typeof OptOutResponse_.fields> {}
/**
 * @since 0.1.0
 * @category responses
 */
export interface OptOutResponse extends Schema.Schema.Type<typeof OptOutResponse_> {}
