/**
 * The `transcoding` group: render a message in the channel-specific formats without sending it.
 *
 * @since 0.1.0
 */
import { Transcoding } from "@sinch-effect/schema"
import * as Effect from "effect/Effect"
import * as Api from "./internal/api.js"
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
 * The operation name, HTTP method, path template and idempotency of each `transcoding` operation: the name is used for
 * the operation's span (`Sinch.transcoding.transcodeMessage`) and emulator fault, `idempotent` picks its retry schedule
 * (`Retry.Policy`).
 *
 * @since 0.1.0
 * @category endpoints
 */
export const endpoints = {
  transcodeMessage: {
    operation: "transcoding.transcodeMessage",
    method: "POST",
    path: "/v1/projects/{project_id}/messages:transcode",
    idempotent: true
  }
} as const satisfies Record<string, Api.Endpoint>

const encodeRequest = Api.encoder(Transcoding.TranscodeMessageRequest)
const decodeResponse = Api.decoder(Transcoding.TranscodeMessageResponse)

/** @internal */
export const make = (api: Api.Api): TranscodingApi => ({
  transcodeMessage: (request) =>
    Effect.flatMap(Api.encode(endpoints.transcodeMessage.operation, encodeRequest, request), (body) =>
      api.request(endpoints.transcodeMessage, { body }, decodeResponse)
    )
})
