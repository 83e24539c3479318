/**
 * Node adapter: a `(req, res)` listener for `node:http` and a route handler for Express (with or without
 * `express.raw()`).
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Runtime from "effect/Runtime"
import type { IncomingMessage, ServerResponse } from "node:http"
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
 * The message answered (500, and logged) when a body parser consumed the body before the webhook handler.
 *
 * @since 0.1.0
 * @category constants
 */
export const BODY_ALREADY_PARSED =
  "the request body was already consumed by a body parser (req.body is a parsed value), so the raw bytes that the" +
  " signature covers are gone: re-serialised JSON is not byte-identical. Mount the webhook route before" +
  ' express.json(), or give it express.raw({ type: "*/*" }) so req.body is a Buffer.'

type Read =
  | { readonly _tag: "Body"; readonly body: Uint8Array | string }
  | { readonly _tag: "Reply"; readonly reply: Webhooks.Reply }

const misconfigured = (description: string): Read => ({
  _tag: "Reply",
  reply: Webhooks.reply(500, { error: "webhook misconfigured", description })
})

const readStream = (req: IncomingMessage, maxBytes: number): Promise<Read> =>
  new Promise((resolve) => {
    // past the limit, keep draining (up to a hard cap) without storing, so that the client gets a 413
    const state = internalBody.empty()
    let settled = false
    const settle = (read: Read) => {
      if (settled) return
      settled = true
      req.off("data", onData)
      req.off("end", onEnd)
      req.off("error", onError)
      resolve(read)
    }
    const tooLarge = (): Read => ({ _tag: "Reply", reply: Webhooks.payloadTooLarge(maxBytes) })
    const onData = (chunk: Buffer | string) => {
      internalBody.append(state, typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk, maxBytes)
      if (state.size > maxBytes * internalBody.DRAIN_FACTOR) {
        req.pause()
        settle(tooLarge())
      }
    }
    const onEnd = () => settle(state.size > maxBytes ? tooLarge() : { _tag: "Body", body: internalBody.concat(state) })
    const onError = () =>
      settle({ _tag: "Reply", reply: Webhooks.reply(400, { error: "the request body could not be read" }) })
    req.on("data", onData)
    req.on("end", onEnd)
    req.on("error", onError)
  })

/**
 * Reads and drops the rest of a request body (at most `maxBytes` times the drain factor) so that the client, still
 * sending, gets the answer instead of a reset connection.
 */
const drain = (req: IncomingMessage, maxBytes: number): Promise<void> =>
  new Promise((resolve) => {
    if (req.readableEnded || req.destroyed) return resolve()
    let size = 0
    const done = () => {
      req.off("data", onData)
      req.off("end", done)
      req.off("error", done)
      req.off("close", done)
      resolve()
    }
    const onData = (chunk: Buffer | string) => {
      size += chunk.length
      if (size > maxBytes * internalBody.DRAIN_FACTOR) {
        req.pause()
        done()
      }
    }
    req.on("data", onData)
    req.on("end", done)
    req.on("error", done)
    req.on("close", done)
  })

const readBody = async (req: IncomingMessage, maxBytes: number): Promise<Read> => {
  const declared = Number(req.headers["content-length"])
  if (Number.isFinite(declared) && declared > maxBytes) {
    if (declared <= maxBytes * internalBody.DRAIN_FACTOR) await drain(req, maxBytes)
    return { _tag: "Reply", reply: Webhooks.payloadTooLarge(maxBytes) }
  }
  const parsed = (req as IncomingMessage & { readonly body?: unknown }).body
  if (parsed instanceof Uint8Array || typeof parsed === "string") {
    // express.raw() (a Buffer) or express.text() (a string)
    return Promise.resolve(
      parsed.length > maxBytes
        ? { _tag: "Reply", reply: Webhooks.payloadTooLarge(maxBytes) }
        : { _tag: "Body", body: parsed }
    )
  }
  if (parsed !== undefined && parsed !== null) return Promise.resolve(misconfigured(BODY_ALREADY_PARSED))
  if (req.readableEnded || (req as IncomingMessage & { readonly _body?: unknown })._body === true) {
    return Promise.resolve(misconfigured(BODY_ALREADY_PARSED))
  }
  return readStream(req, maxBytes)
}

const send = (res: ServerResponse, reply: Webhooks.Reply): void => {
  if (res.headersSent || res.writableEnded) return
  res.statusCode = reply.status
  for (const [name, value] of Object.entries(reply.headers)) res.setHeader(name, value)
  res.setHeader("content-length", Buffer.byteLength(reply.body))
  res.end(reply.body)
}

/**
 * A `(req, res)` handler for Sinch callbacks, usable with `http.createServer(...)` and as an Express route handler
 * (`app.post("/sinch", Node.handler(webhook, onEvent))`). Reads the body itself, or takes `req.body` when
 * `express.raw()` (a Buffer) or `express.text()` (a string) ran; answers 500 with an explanation (also logged) when a
 * JSON body parser already consumed it. The returned Promise never rejects.
 *
 * @since 0.1.0
 * @category adapters
 */
export const handler: {
  <A>(
    webhook: Webhooks.Webhook<A>,
    onEvent: Handler<A>,
    options?: Options
  ): (req: IncomingMessage, res: ServerResponse) => Promise<void>
  <A, R>(
    webhook: Webhooks.Webhook<A>,
    onEvent: Handler<A, R>,
    options: Options & { readonly runtime: Runtime.Runtime<R> }
  ): (req: IncomingMessage, res: ServerResponse) => Promise<void>
} = <A, R>(
  webhook: Webhooks.Webhook<A>,
  onEvent: Handler<A, R>,
  options?: Options & { readonly runtime?: Runtime.Runtime<R> }
): ((req: IncomingMessage, res: ServerResponse) => Promise<void>) => {
  const maxBodyBytes = options?.maxBodyBytes ?? Webhooks.DEFAULT_MAX_BODY_BYTES
  const runtime = (options?.runtime ?? Runtime.defaultRuntime) as Runtime.Runtime<R>
  const run = Runtime.runPromise(runtime)
  const effectHandler = internalHandler.toEffectHandler(onEvent)
  const internalError = Webhooks.reply(500, { error: "internal error" })
  return async (req, res) => {
    try {
      if (req.method !== "POST") {
        await drain(req, maxBodyBytes)
        return send(res, Webhooks.methodNotAllowed)
      }
      const read = await readBody(req, maxBodyBytes)
      if (read._tag === "Reply") {
        if (read.reply.status === 500) {
          await run(Effect.logError(`Sinch webhook misconfigured: ${BODY_ALREADY_PARSED}`)).catch(() => undefined)
        }
        return send(res, read.reply)
      }
      const reply = await run(
        Webhooks.handle(webhook, { body: read.body, headers: req.headers }, effectHandler).pipe(
          Effect.catchAllDefect(() => Effect.succeed(internalError))
        )
      ).catch(() => internalError)
      send(res, reply)
    } catch {
      send(res, internalError)
    }
  }
}
