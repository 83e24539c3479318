/**
 * Transcoding: how the API would render a message on each channel, without sending it.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Enums from "./Enums.js"
import * as Ids from "./Ids.js"
import * as Messages from "./Messages.js"
import { optional, struct } from "./internal/schema.js"

/**
 * The body of `POST /v1/projects/{project_id}/messages:transcode`.
 *
 * @since 0.1.0
 * @category requests
 */
export const TranscodeMessageRequest = struct("TranscodeMessageRequest", {
  app_id: Ids.AppId,
  app_message: Messages.AppMessage,
  channels: Schema.Array(Enums.ConversationChannel),
  from: optional(Schema.String),
  to: optional(Schema.String)
})
/**
 * @since 0.1.0
 * @category requests
 */
export type TranscodeMessageRequest = typeof TranscodeMessageRequest.Type

/**
 * The channel-specific JSON (as strings) per channel.
 *
 * @since 0.1.0
 * @category responses
 */
export const TranscodeMessageResponse = struct("TranscodeMessageResponse", {
  transcoded_message: optional(Schema.Record({ key: Schema.String, value: Schema.String }))
})
/**
 * @since 0.1.0
 * @category responses
 */
export type TranscodeMessageResponse = typeof TranscodeMessageResponse.Type
