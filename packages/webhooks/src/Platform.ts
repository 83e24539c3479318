/**
 * @effect/platform adapter: an `HttpApp` (usable as a router handler) that reads the raw body once, verifies,
 * decodes, runs an Effect handler and answers.
 *
 * @since 0.1.0
 */
import type * as HttpApp from "@effect/platform/HttpApp"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import * as internalBody from "./internal/body.js"
import * as Webhooks from "./Webhooks.js"

/**
 * Options of {@link httpApp}.
 *
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** Bodies above this size are answered with 413. Default: {@link Webhooks.DEFAULT_MAX_BODY_BYTES}. */
  readonly maxBodyBytes?: number | undefined
}

/**
 * Turns a {@link Webhooks.Reply} into an `HttpServerResponse`.
 *
 * @since 0.1.0
 * @category conversions
 */
export const toResponse = (reply: Webhooks.Reply): HttpServerResponse.HttpServerResponse => {
  const { "content-type": contentType, ...headers } = reply.headers
  return HttpServerResponse.text(reply.body, {
    status: reply.status,
    headers,
    contentType: contentType ?? "application/json"
  })
}

/**
 * An `HttpApp` for Sinch callbacks: 200 after `handler` succeeded, 401 on a bad signature, 400 on an undecodable
 * body, 503 when the handler fails with {@link Webhooks.Overloaded}, 500 on other failures, 405 for other methods
 * than POST, 413 above `maxBodyBytes`.
 *
 * @example
 * ```ts
 * import { HttpRouter } from "@effect/platform"
 * import { Effect } from "effect"
 * import { NonceStore, Platform, Webhooks } from "@sinch-effect/webhooks"
 *
 * const webhook = Webhooks.make({ secrets: process.env.SINCH_WEBHOOK_SECRET!, nonceStore: NonceStore.memory() })
 * const router = HttpRouter.empty.pipe(
 *   HttpRouter.post("/sinch", Platform.httpApp(webhook, (event) => Effect.log(event._tag)))
 * )
 * ```
 *
 * @since 0.1.0
 * @category adapters
 */
export const httpApp = <A, E, R>(
  webhook: Webhooks.Webhook<A>,
  handler: Webhooks.Handler<A, E, R>,
  options?: Options
): HttpApp.Default<never, R | HttpServerRequest.HttpServerRequest> => {
  const maxBodyBytes = options?.maxBodyBytes ?? Webhooks.DEFAULT_MAX_BODY_BYTES
  const hardCap = maxBodyBytes * internalBody.DRAIN_FACTOR
  // reads and drops the body (up to the hard cap) so that a client still sending gets the answer, not a reset
  const drainThen = (request: HttpServerRequest.HttpServerRequest, reply: Webhooks.Reply) =>
    Stream.runFoldWhile(
      request.stream,
      0,
      (size) => size <= hardCap,
      (size, chunk) => size + chunk.byteLength
    ).pipe(Effect.ignore, Effect.as(toResponse(reply)))
  return Effect.flatMap(HttpServerRequest.HttpServerRequest, (request) => {
    if (request.method !== "POST") return drainThen(request, Webhooks.methodNotAllowed)
    const declared = Number(request.headers["content-length"])
    if (Number.isFinite(declared) && declared > maxBodyBytes) {
      return declared <= hardCap
        ? drainThen(request, Webhooks.payloadTooLarge(maxBodyBytes))
        : Effect.succeed(toResponse(Webhooks.payloadTooLarge(maxBodyBytes)))
    }
    // Read the body as a stream: past the limit, keep draining (up to a hard cap) without storing, so that the
    // client gets a 413 rather than a reset connection.
    return Stream.runFoldWhile(
      request.stream,
      internalBody.empty(),
      (state) => state.size <= hardCap,
      (state, chunk) => internalBody.append(state, chunk, maxBodyBytes)
    ).pipe(
      Effect.matchEffect({
        onFailure: () =>
          Effect.succeed(toResponse(Webhooks.reply(400, { error: "the request body could not be read" }))),
        onSuccess: (state) =>
          state.size > maxBodyBytes
            ? Effect.succeed(toResponse(Webhooks.payloadTooLarge(maxBodyBytes)))
            : Effect.map(
                Webhooks.handle(webhook, { body: internalBody.concat(state), headers: request.headers }, handler),
                toResponse
              )
      })
    )
  })
}
