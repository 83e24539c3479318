/**
 * Web standard adapter: `(request: Request) => Promise<Response>`, for Hono, Next.js route handlers, Bun, Deno,
 * Cloudflare Workers and any server built on the Fetch API.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Runtime from "effect/Runtime"
import * as internalBody from "./internal/body.js"
import * as internalHandler from "./internal/handler.js"
import * as Webhooks from "./Webhooks.js"

/**
 * A handler written with Promises (return nothing or a Promise) or with Effects (return an Effect). Throw, reject or
 * fail with {@link Webhooks.Overloaded} to answer 503; any other error answers 500.
 *
 * @since 0.1.0
 * @category models
 */
export type Handler<A, R = never> = internalHandler.AnyHandler<A, R>

/**
 * Options of {@link handler}.
 *
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** Bodies above this size are answered with 413. Default: {@link Webhooks.DEFAULT_MAX_BODY_BYTES}. */
  readonly maxBodyBytes?: number | undefined
}

/**
 * Turns a {@link Webhooks.Reply} into a Fetch `Response`.
 *
 * @since 0.1.0
 * @category conversions
 */
export const toResponse = (reply: Webhooks.Reply): Response =>
  new Response(reply.body, { status: reply.status, headers: reply.headers })

type Read =
  { readonly _tag: "Body"; readonly body: Uint8Array } | { readonly _tag: "Reply"; readonly reply: Webhooks.Reply }

/**
 * Reads and drops a request body (at most `maxBytes` times the drain factor) so that the client, still sending, gets
 * the answer instead of a reset connection.
 */
const drain = async (request: Request, maxBytes: number): Promise<void> => {
  if (request.body === null || request.bodyUsed) return
  const reader = request.body.getReader()
  let size = 0
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) return
      size += value.byteLength
      if (size > maxBytes * internalBody.DRAIN_FACTOR) return void (await reader.cancel().catch(() => undefined))
    }
  } catch {
    // the client went away: nothing left to drain
  }
}

const readBody = async (request: Request, maxBytes: number): Promise<Read> => {
  const declared = Number(request.headers.get("content-length"))
  if (Number.isFinite(declared) && declared > maxBytes) {
    if (declared <= maxBytes * internalBody.DRAIN_FACTOR) await drain(request, maxBytes)
    return { _tag: "Reply", reply: Webhooks.payloadTooLarge(maxBytes) }
  }
  if (request.bodyUsed) {
    return {
      _tag: "Reply",
      reply: Webhooks.reply(500, {
        error: "webhook misconfigured",
        description:
          "the request body was already read before the webhook handler; pass the untouched Request so the raw bytes can be verified"
      })
    }
  }
  if (request.body === null) return { _tag: "Body", body: new Uint8Array(0) }
  // past the limit, keep draining (up to a hard cap) without storing, so that the client gets a 413
  const reader = request.body.getReader()
  const state = internalBody.empty()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    internalBody.append(state, value, maxBytes)
    if (state.size > maxBytes * internalBody.DRAIN_FACTOR) {
      await reader.cancel().catch(() => undefined)
      break
    }
  }
  return state.size > maxBytes
    ? { _tag: "Reply", reply: Webhooks.payloadTooLarge(maxBytes) }
    : { _tag: "Body", body: internalBody.concat(state) }
}

/**
 * A Fetch handler for Sinch callbacks. Without a `runtime`, Effects returned by `onEvent` run with the default
 * runtime; with one (e.g. from a `ManagedRuntime`), they can use its services.
 *
 * @example
 * ```ts
 * import { NonceStore, Webhooks, Web } from "@sinch-effect/webhooks"
 *
 * const webhook = Webhooks.make({ secrets: process.env.SINCH_WEBHOOK_SECRET!, nonceStore: NonceStore.memory() })
 * export const POST = Web.handler(webhook, async (event) => {
 *   if (event._tag === "MESSAGE_INBOUND") await saveInbound(event.message)
 * })
 * ```
 *
 * @since 0.1.0
 * @category adapters
 */
export const handler: {
  <A>(webhook: Webhooks.Webhook<A>, onEvent: Handler<A>, options?: Options): (request: Request) => Promise<Response>
  <A, R>(
    webhook: Webhooks.Webhook<A>,
    onEvent: Handler<A, R>,
    options: Options & { readonly runtime: Runtime.Runtime<R> }
  ): (request: Request) => Promise<Response>
} = <A, R>(
  webhook: Webhooks.Webhook<A>,
  onEvent: Handler<A, R>,
  options?: Options & { readonly runtime?: Runtime.Runtime<R> }
): ((request: Request) => Promise<Response>) => {
  const maxBodyBytes = options?.maxBodyBytes ?? Webhooks.DEFAULT_MAX_BODY_BYTES
  const runtime = (options?.runtime ?? Runtime.defaultRuntime) as Runtime.Runtime<R>
  const run = Runtime.runPromise(runtime)
  const effectHandler = internalHandler.toEffectHandler(onEvent)
  return async (request) => {
    if (request.method !== "POST") {
      await drain(request, maxBodyBytes)
      return toResponse(Webhooks.methodNotAllowed)
    }
    let read: Read
    try {
      read = await readBody(request, maxBodyBytes)
    } catch {
      return toResponse(Webhooks.reply(400, { error: "the request body could not be read" }))
    }
    if (read._tag === "Reply") return toResponse(read.reply)
    const reply = await run(
      Webhooks.handle(webhook, { body: read.body, headers: request.headers }, effectHandler).pipe(
        Effect.catchAllDefect(() => Effect.succeed(Webhooks.reply(500, { error: "internal error" })))
      )
    ).catch(() => Webhooks.reply(500, { error: "internal error" }))
    return toResponse(reply)
  }
}
