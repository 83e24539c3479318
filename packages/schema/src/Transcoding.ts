/**
 * Transcoding: how the API would render a message on each channel, without sending it.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Enums from "./Enums.js"
import * as Ids from "./Ids.js"
import * as Messages from "./Messages.js"
import { optional, record, struct } from "./internal/schema.js"

const TranscodeMessageRequest_ = struct("TranscodeMessageRequest", {
  app_id: Ids.AppId,
  app_message: Messages.AppMessage,
  channels: Schema.Array(Enums.ConversationChannel),
  from: optional(Schema.String),
  to: optional(Schema.String)
})

/**
 * The body of `POST /v1/projects/{project_id}/messages:transcode`.
 *
 * @since 0.1.0
 * @category requests
 */
export const TranscodeMessageRequest: TranscodeMessageRequestSchema = TranscodeMessageRequest_
/**
 * The schema of {@link TranscodeMessageRequest}, as a struct.
 *
 * @since 0.1.0
 * @category requests
 */
export interface TranscodeMessageRequestSchema extends Schema.Struct<typeof TranscodeMessageRequest_.fields> {}
/**
 * @since 0.1.0
 * @category requests
 */
export interface TranscodeMessageRequest extends Schema.Schema.Type<typeof TranscodeMessageRequest_> {}

const TranscodeMessageResponse_ = struct("TranscodeMessageResponse", {
  transcoded_message: optional(record({ key: Schema.String, value: Schema.String }))
})

/**
 * The channel-specific JSON (as strings) per channel.
 *
 * @since 0.1.0
 * @category responses
 */
export const TranscodeMessageResponse: TranscodeMessageResponseSchema = TranscodeMessageResponse_
/**
 * The schema of {@link TranscodeMessageResponse}, as a struct.
 *
 * @since 0.1.0
 * @category responses
 */
export interface TranscodeMessageResponseSchema extends Schema.Struct<typeof TranscodeMessageResponse_.fields> {}
/**
 * @since 0.1.0
 * @category responses
 */
export interface TranscodeMessageResponse extends Schema.Schema.Type<typeof TranscodeMessageResponse_> {}
