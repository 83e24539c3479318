/**
 * The `transcoding` group: render a message in the channel-specific formats without sending it.
 *
 * @since 0.1.0
 */
import { Operations, Transcoding } from "@sinch-effect/schema"
import type * as Effect from "effect/Effect"
import type * as Api from "./internal/api.js"
import * as Operation from "./internal/operation.js"
import type * as SinchError from "./SinchError.js"

/**
 * The operations of the `transcoding` group (`SinchClient.Service["transcoding"]`).
 *
 * @since 0.1.0
 * @category models
 */
export interface TranscodingApi {
  /** `POST /messages:transcode` (no side effect: retried like a read). */
  readonly transcodeMessage: (
    request: Transcoding.TranscodeMessageRequest
  ) => Effect.Effect<Transcoding.TranscodeMessageResponse, SinchError.SinchError>
}

/**
 * The operation name, HTTP method, path template and idempotency of each `transcoding` operation (a view of
 * `Operations.conversation.transcoding`): the name is used for the operation's span (`Sinch.transcoding.transcodeMessage`) and emulator
 * fault, `idempotent` picks its retry schedule (`Retry.Policy`).
 *
 * @since 0.1.0
 * @category endpoints
 */
export const endpoints = Operation.endpoints(Operations.conversation.transcoding)

/** @internal */
export const make = (api: Api.Api): TranscodingApi => ({
  transcodeMessage: Operation.call(api, Operations.conversation.transcoding.transcodeMessage)
})
