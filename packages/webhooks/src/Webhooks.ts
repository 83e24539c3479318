/**
 * Verify and decode Sinch Conversation API callbacks, server-free.
 *
 * A {@link Webhook} bundles a verifier (secrets, timestamp window, nonce store) with a decoder (`JSON.parse` + `Schema`): give it
 * the raw body and the headers of a request and get a typed event, or a {@link Signature.SignatureError} or a
 * {@link DecodeError}. {@link handle} turns a request into the reply to send (200, 400, 401, 503, 500), which is
 * what the server adapters (`Platform`, `Web`, `Node`) build on.
 *
 * @since 0.1.0
 */
import * as Cause from "effect/Cause"
import * as Config from "effect/Config"
import type * as ConfigError from "effect/ConfigError"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Predicate from "effect/Predicate"
import type * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { Callbacks, Decoder } from "@sinch-effect/schema"
import { NonceStore } from "./NonceStore.js"
import * as internalVerifier from "./internal/verifier.js"
import * as internalWarmUp from "./internal/warmUp.js"
import * as Signature from "./Signature.js"
import { isUtf8 } from "node:buffer"

/**
 * Why a verified body could not be decoded.
 *
 * - `NotUtf8`: the bytes are not valid UTF-8.
 * - `NotJson`: the text is not JSON.
 * - `SchemaMismatch`: the JSON does not have the shape of the callback (see `path`).
 *
 * @since 0.1.0
 * @category errors
 */
export const DecodeReason = Schema.Literal("NotUtf8", "NotJson", "SchemaMismatch")

/**
 * @since 0.1.0
 * @category errors
 */
export type DecodeReason = typeof DecodeReason.Type

/**
 * A body that could not be decoded into a callback.
 *
 * @since 0.1.0
 * @category errors
 */
export class DecodeError extends Schema.TaggedError<DecodeError>("@sinch-effect/webhooks/DecodeError")("DecodeError", {
  reason: DecodeReason,
  description: Schema.String,
  /** Where the mismatch is, e.g. `message.contact_message.text_message.text` (for `SchemaMismatch`). */
  path: Schema.optional(Schema.String)
}) {
  /**
   * @since 0.1.0
   */
  override get message(): string {
    return this.path === undefined
      ? `${this.reason}: ${this.description}`
      : `${this.reason} at ${this.path === "" ? "(root)" : this.path}: ${this.description}`
  }
}

/**
 * A handler may fail with `Overloaded` to have the request answered with 503 (and `Retry-After`), so that Sinch
 * delivers it again later. The queue of {@link EventQueue} does it when it is full.
 *
 * @since 0.1.0
 * @category errors
 */
export class Overloaded extends Schema.TaggedError<Overloaded>("@sinch-effect/webhooks/Overloaded")("Overloaded", {
  /** Seconds suggested to the sender before retrying. */
  retryAfterSeconds: Schema.optional(Schema.Number)
}) {
  /**
   * @since 0.1.0
   */
  override get message(): string {
    return "the webhook consumer is overloaded; retry later"
  }
}

/**
 * A configured webhook endpoint: verification and decoding of one kind of event `A`.
 *
 * @since 0.1.0
 * @category models
 */
export interface Webhook<A> {
  /** Verifies signature headers against the raw body. */
  readonly verify: Signature.Verifier
  /** Decodes a raw body (bytes or text), without verifying it; an event's keys follow the body's order. */
  readonly decode: (body: Signature.RawBody) => Effect.Effect<A, DecodeError>
  /** Decodes an already parsed JSON value, without verifying it; the value is copied, never changed. */
  readonly decodeJson: (json: unknown) => Effect.Effect<A, DecodeError>
  /**
   * Verifies, then decodes. With a nonce store that answers synchronously (`NonceStore.memory()`) this is one step of
   * the fiber that runs it.
   */
  readonly parse: (
    body: Signature.RawBody,
    headers: Signature.HeadersInput
  ) => Effect.Effect<Parsed<A>, Signature.SignatureError | DecodeError>
  /**
   * `parse` without a fiber: the same checks and answers, returned as an `Exit` (what `Effect.runSyncExit` of
   * `parse` gives), for hot loops and servers outside Effect. Two differences: the timestamp window is checked
   * against the system clock (`Date.now()`) instead of Effect's `Clock`, and the nonce store must answer
   * synchronously (`NonceStore.memory()` does): with a store that needs I/O (on Redis) a request whose signature
   * matches is a defect (`IllegalArgumentException`: its nonce cannot be checked, the store is not asked), so use
   * `parse` there. Never throws.
   */
  readonly parseExit: (
    body: Signature.RawBody,
    headers: Signature.HeadersInput
  ) => Exit.Exit<Parsed<A>, Signature.SignatureError | DecodeError>
}

/**
 * A verified and decoded callback.
 *
 * @since 0.1.0
 * @category models
 */
export interface Parsed<A> {
  readonly event: A
  readonly verified: Signature.Verified
}

/**
 * Options of a {@link Webhook}: the secrets, the timestamp window and the nonce store that refuses replays (see
 * {@link Signature.VerifyOptions}), and whether to warm it up when it is built.
 *
 * @since 0.1.0
 * @category models
 */
export interface Options extends Signature.VerifyOptions {
  /**
   * Warm the webhook up when it is built, so that its first callbacks are verified and decoded at the speed of later
   * ones (see {@link WarmUp}): `true` for the built-in samples, or the samples and rounds to run. Off by default.
   */
  readonly warmUp?: boolean | WarmUp | undefined
}

/**
 * A warm-up, run once when the webhook is built (before a server listens): signed sample callbacks go through the
 * same signature checks and the same decoder as real callbacks, as text and as bytes, so that V8 has optimized them
 * before the first request. A callback of every trigger is built in; `samples` adds your own raw bodies (a sample
 * that does not verify and decode with the webhook's schema is left out). It costs about 100 ms of CPU at
 * startup (docs/performance.md), asks no nonce store, logs, traces and counts nothing, and keeps nothing.
 *
 * @since 0.2.0
 * @category models
 */
export interface WarmUp {
  /** Raw bodies to run besides the built-in samples (the first 64): callbacks your server receives most. */
  readonly samples?: ReadonlyArray<Signature.RawBody> | undefined
  /** Rounds over the samples: 100 by default, at most 1000. */
  readonly rounds?: number | undefined
}

const decodeUtf8 = (bytes: Uint8Array): string | undefined =>
  isUtf8(bytes) ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8") : undefined

const formatPath = (path: ReadonlyArray<PropertyKey>): string =>
  path.map((key, i) => (typeof key === "number" ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`)).join("")

const mismatch = (error: ParseResult.ParseError): DecodeError => {
  const issues = ParseResult.ArrayFormatter.formatErrorSync(error)
  const first = issues[0]
  return new DecodeError({
    reason: "SchemaMismatch",
    description: first === undefined ? "the body does not match the callback schema" : first.message.slice(0, 500),
    path: first === undefined ? "" : formatPath(first.path)
  })
}

const notUtf8 = (): DecodeError => new DecodeError({ reason: "NotUtf8", description: "the body is not valid UTF-8" })

const notJson = (error: unknown): DecodeError =>
  new DecodeError({
    reason: "NotJson",
    description:
      error instanceof SyntaxError ? `the body is not JSON (${error.message.slice(0, 200)})` : "the body is not JSON"
  })

// a raw body's text, or the DecodeError of bytes that are not UTF-8
const textOf = (body: Signature.RawBody): string | DecodeError =>
  typeof body === "string" ? body : (decodeUtf8(body) ?? notUtf8())

/**
 * Parses a raw body as JSON. Total: every input gives a value or a {@link DecodeError}.
 *
 * @since 0.1.0
 * @category decoding
 */
export const parseJson = (body: Signature.RawBody): Either.Either<unknown, DecodeError> => {
  const text = textOf(body)
  if (text instanceof DecodeError) return Either.left(text)
  try {
    return Either.right(JSON.parse(text))
  } catch (error) {
    return Either.left(notJson(error))
  }
}

/**
 * Builds a {@link Webhook} that decodes bodies with `schema` (for instance a narrower or extended version of the
 * Sinch callback union).
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeWith = <A, I>(schema: Schema.Schema<A, I, never>, options: Options): Webhook<A> => {
  // one synchronous core from bytes to the event (verification, nonce, JSON.parse, the compiled decoder): the Effect
  // APIs run it as one step of their fiber, parseExit without one
  const core = internalVerifier.make(options)
  const { decode, decodeJson } = decoder(schema)
  const decodeVerified = (verified: Signature.Verified): Either.Either<Parsed<A>, DecodeError> => {
    const event = decode(verified.body)
    return Either.isRight(event) ? Either.right({ event: event.right, verified }) : Either.left(event.left)
  }
  const parse = (body: Signature.RawBody, headers: Signature.HeadersInput) =>
    Effect.withFiberRuntime<Parsed<A>, Signature.SignatureError | DecodeError>((fiber) => {
      const result = core.verify(body, headers, Signature.clockMillis(fiber))
      if (result instanceof internalVerifier.Failure) return Either.left(Signature.fromFailure(result))
      if (result instanceof internalVerifier.NonceToRemember) {
        return Effect.flatMap(Signature.rememberNonce(core.nonceStore, result.verified, core.nonceTtl), decodeVerified)
      }
      return decodeVerified(result)
    })
  const parseExit = (
    body: Signature.RawBody,
    headers: Signature.HeadersInput
  ): Exit.Exit<Parsed<A>, Signature.SignatureError | DecodeError> => {
    const result = core.verify(body, headers, Date.now())
    if (result instanceof internalVerifier.Failure) return Exit.fail(Signature.fromFailure(result))
    if (result instanceof internalVerifier.NonceToRemember) return Exit.die(ASYNC_NONCE_STORE)
    const event = decode(result.body)
    return Either.isRight(event) ? Exit.succeed({ event: event.right, verified: result }) : Exit.fail(event.left)
  }
  if (options.warmUp !== undefined && options.warmUp !== false) {
    const warmUp: WarmUp = options.warmUp === true ? {} : options.warmUp
    internalWarmUp.run(
      { check: core.check, decode },
      internalVerifier.usableSecrets(options.secrets).map(({ value }) => value),
      warmUp.samples ?? [],
      warmUp.rounds ?? internalWarmUp.DEFAULT_ROUNDS
    )
  }
  return { verify: Signature.verifierOf(core), decode, decodeJson, parse, parseExit }
}

// e.g. a stack overflow on absurdly nested input
const undecodable = (): DecodeError =>
  new DecodeError({ reason: "SchemaMismatch", description: "the body could not be decoded" })

const ASYNC_NONCE_STORE = new Cause.IllegalArgumentException(
  "Webhook.parseExit needs a nonce store that answers synchronously (NonceStore.memory()); with this store, use parse"
)

const decoder = <A, I>(
  schema: Schema.Schema<A, I, never>
): {
  readonly decode: (body: Signature.RawBody) => Either.Either<A, DecodeError>
  readonly decodeJson: (json: unknown) => Either.Either<A, DecodeError>
} => {
  // compiled on the first callback; a body they cannot decode is decoded again by Effect for the error. A raw body is
  // parsed here, so its JSON is decoded in place (Decoder.makeJson); a JSON value the caller gives is copied.
  const decodeValue = Decoder.make(schema)
  const decodeText = Decoder.makeJson(schema)
  const decodeJson = (json: unknown): Either.Either<A, DecodeError> => {
    try {
      const decoded = decodeValue(json)
      // a Right carries no error: it is returned as it is rather than copied
      return Either.isRight(decoded) ? (decoded as Either.Either<A, never>) : Either.left(mismatch(decoded.left))
    } catch {
      return Either.left(undecodable())
    }
  }
  const decode = (body: Signature.RawBody): Either.Either<A, DecodeError> => {
    const text = textOf(body)
    if (text instanceof DecodeError) return Either.left(text)
    try {
      const decoded = decodeText(text)
      if (Either.isRight(decoded)) return decoded as Either.Either<A, never>
      return Either.left(decoded.left instanceof SyntaxError ? notJson(decoded.left) : mismatch(decoded.left))
    } catch {
      return Either.left(undecodable())
    }
  }
  return { decode, decodeJson }
}

/**
 * A decoded Sinch callback: a union tagged by trigger (`"MESSAGE_INBOUND"`, `"MESSAGE_DELIVERY"`, ...), plus
 * `"Unknown"` (with the `raw` JSON) for a trigger this SDK does not know yet.
 *
 * @since 0.1.0
 * @category models
 */
export type Event = Callbacks.Callback

/**
 * The trigger names, as in `Event["_tag"]` (without `"Unknown"`).
 *
 * @since 0.1.0
 * @category models
 */
export type Trigger = Callbacks.Trigger

/**
 * Builds a {@link Webhook} for Sinch Conversation API callbacks: verification with `options`, decoding with
 * `Callbacks.Callback` from `@sinch-effect/schema`.
 *
 * @example
 * ```ts
 * import { Effect, Redacted } from "effect"
 * import { NonceStore, Webhooks } from "@sinch-effect/webhooks"
 *
 * const webhook = Webhooks.make({
 *   secrets: [Redacted.make("current"), Redacted.make("previous")],
 *   nonceStore: NonceStore.memory()
 * })
 * const program = (rawBody: string, headers: Record<string, string>) =>
 *   Effect.map(webhook.parse(rawBody, headers), ({ event }) => event._tag)
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (options: Options): Webhook<Event> => makeWith(Callbacks.Callback, options)

/**
 * The {@link Webhook} of an Effect program, as a service.
 *
 * @since 0.1.0
 * @category services
 */
export class SinchWebhook extends Context.Tag("@sinch-effect/webhooks/SinchWebhook")<SinchWebhook, Webhook<Event>>() {}

/**
 * A layer with the {@link SinchWebhook} built from `options` and the {@link NonceStore.NonceStore} of the context
 * (`NonceStore.layerMemory()` in one process, `NonceStore.layerStore()` shared by several).
 *
 * @example
 * ```ts
 * import { Layer } from "effect"
 * import { NonceStore, Webhooks } from "@sinch-effect/webhooks"
 *
 * const WebhookLive = Webhooks.layer({ secrets: "my-secret" }).pipe(Layer.provide(NonceStore.layerMemory()))
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (options: Omit<Options, "nonceStore">): Layer.Layer<SinchWebhook, never, NonceStore> =>
  Layer.effect(
    SinchWebhook,
    Effect.map(NonceStore, (nonceStore) => make({ ...options, nonceStore }))
  )

/**
 * A layer with the {@link SinchWebhook} built from configuration (`SINCH_WEBHOOK_SECRET`, required, and
 * `SINCH_WEBHOOK_SECRET_PREVIOUS`, optional during a rotation, by default, both read as `Redacted`) and the
 * {@link NonceStore.NonceStore} of the context.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfig = (options?: {
  readonly secrets?: Config.Config<ReadonlyArray<Redacted.Redacted<string>>> | undefined
  readonly tolerance?: Config.Config<Duration.Duration> | undefined
  /** Warm the webhook up when the layer is built (see {@link WarmUp}). */
  readonly warmUp?: boolean | WarmUp | undefined
}): Layer.Layer<SinchWebhook, ConfigError.ConfigError, NonceStore> =>
  Layer.effect(
    SinchWebhook,
    Effect.gen(function* () {
      const nonceStore = yield* NonceStore
      const secrets = yield* (
        options?.secrets ??
        Config.all([
          Config.redacted("SINCH_WEBHOOK_SECRET"),
          Config.option(Config.redacted("SINCH_WEBHOOK_SECRET_PREVIOUS"))
        ]).pipe(Config.map(([current, previous]) => [current, ...Option.toArray(previous)]))
      )
      const tolerance = options?.tolerance === undefined ? undefined : yield* options.tolerance
      return make({
        secrets,
        nonceStore,
        ...(tolerance === undefined ? {} : { tolerance }),
        ...(options?.warmUp === undefined ? {} : { warmUp: options.warmUp })
      })
    })
  )

/**
 * Decodes a raw body (not verified) into an {@link Event}. Total: every input gives an event or a
 * {@link DecodeError}.
 *
 * @since 0.1.0
 * @category decoding
 */
export const decode: (body: Signature.RawBody) => Effect.Effect<Event, DecodeError> = decoder(Callbacks.Callback).decode

/**
 * Decodes the double-encoded `payload` of an UNSUPPORTED callback (the channel's own JSON, sent as a string), on
 * demand. Fails with a {@link DecodeError} (`NotJson`) when the payload is absent or not JSON.
 *
 * @since 0.1.0
 * @category decoding
 */
export const unsupportedPayload = (
  event: Extract<Event, { readonly _tag: "UNSUPPORTED" }>
): Effect.Effect<unknown, DecodeError> => {
  const payload = event.unsupported_callback.payload
  return payload === undefined
    ? Effect.fail(new DecodeError({ reason: "NotJson", description: "the UNSUPPORTED callback has no payload" }))
    : Either.mapLeft(
        parseJson(payload),
        (error) => new DecodeError({ reason: error.reason, description: `payload: ${error.description}` })
      )
}

type TaggedUnion = { readonly _tag: string }

/**
 * Handlers per `_tag` of a tagged union `A`; each receives its member of the union.
 *
 * @since 0.1.0
 * @category dispatch
 */
export type Handlers<A extends TaggedUnion> = {
  readonly [K in A["_tag"]]?: (
    event: Extract<A, { readonly _tag: K }>,
    verified: Verified
  ) => Effect.Effect<unknown, unknown, unknown>
}

type HandlerError<H> = {
  [K in keyof H]-?: H[K] extends
    ((...args: ReadonlyArray<never>) => Effect.Effect<infer _A, infer E, infer _R>) | undefined
    ? E
    : never
}[keyof H]

type HandlerContext<H> = {
  [K in keyof H]-?: H[K] extends
    ((...args: ReadonlyArray<never>) => Effect.Effect<infer _A, infer _E, infer R>) | undefined
    ? R
    : never
}[keyof H]

/**
 * Dispatch over any tagged union (see {@link dispatch} for Sinch events).
 *
 * @since 0.1.0
 * @category dispatch
 */
export const dispatchOn =
  <A extends TaggedUnion>() =>
  <const H extends Handlers<A>, FE = never, FR = never>(
    handlers: H,
    orElse?: (event: Exclude<A, { readonly _tag: keyof H }>, verified: Verified) => Effect.Effect<unknown, FE, FR>
  ): Handler<A, HandlerError<H> | FE, HandlerContext<H> | FR> =>
  (event, verified) => {
    const handler = (handlers as { readonly [tag: string]: Handlers<A>[A["_tag"]] })[event._tag]
    if (handler !== undefined) {
      return (handler as (event: A, verified: Verified) => Effect.Effect<unknown, HandlerError<H>, HandlerContext<H>>)(
        event,
        verified
      )
    }
    if (orElse !== undefined) {
      return orElse(event as Exclude<A, { readonly _tag: keyof H }>, verified)
    }
    return Effect.logDebug(`Sinch callback ${event._tag} acknowledged without a handler`)
  }

/**
 * A {@link Handler} that runs the handler of the event's trigger, or `orElse` for the others (without `orElse`,
 * unhandled events are acknowledged and ignored). Each handler receives its member of the union, typed.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Webhooks } from "@sinch-effect/webhooks"
 *
 * const handler = Webhooks.dispatch(
 *   {
 *     MESSAGE_INBOUND: (event) => Effect.log(event.message.contact_message),
 *     MESSAGE_DELIVERY: (event) => Effect.log(event.message_delivery_report.status)
 *   },
 *   (other) => Effect.logDebug(`ignored ${other._tag}`)
 * )
 * ```
 *
 * @since 0.1.0
 * @category dispatch
 */
export const dispatch = dispatchOn<Event>()

/**
 * What a handler receives besides the event: what verification established (nonce, timestamp, matching secret).
 * The nonce is unique per delivery attempt; use an id of the event (`message.id`, ...) for idempotency.
 *
 * @since 0.1.0
 * @category models
 */
export type Verified = Signature.Verified

/**
 * An Effect handler of verified events. Fail with {@link Overloaded} to answer 503; any other failure or defect
 * answers 500, so that Sinch retries.
 *
 * @since 0.1.0
 * @category models
 */
export type Handler<A, E, R> = (event: A, verified: Verified) => Effect.Effect<unknown, E, R>

/**
 * An HTTP reply, independent of any server.
 *
 * @since 0.1.0
 * @category models
 */
export interface Reply {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

/**
 * Builds a JSON {@link Reply}.
 *
 * @since 0.1.0
 * @category replies
 */
export const reply = (status: number, body: unknown, headers?: Readonly<Record<string, string>>): Reply => ({
  status,
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify(body)
})

const DEFAULT_RETRY_AFTER_SECONDS = 5

const fromCause = (cause: Cause.Cause<unknown>): Effect.Effect<Reply> => {
  const failure = Cause.failureOption(cause)
  if (failure._tag === "Some" && failure.value instanceof Overloaded) {
    const seconds = Math.max(0, Math.ceil(failure.value.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS))
    return Effect.as(
      Effect.logWarning("Sinch callback refused with 503: the consumer is overloaded"),
      reply(503, { error: "overloaded, retry later" }, { "retry-after": String(seconds) })
    )
  }
  if (Cause.isInterruptedOnly(cause)) {
    return Effect.succeed(reply(503, { error: "interrupted, retry later" }))
  }
  return Effect.as(
    Effect.logError("Sinch callback handler failed; answering 500 so that Sinch retries", cause),
    reply(500, { error: "handler failed" })
  )
}

/**
 * Where a {@link Signature.SignatureError} comes from the server's configuration rather than from the request.
 *
 * @since 0.1.0
 * @category replies
 */
export const isConfigurationError = (error: Signature.SignatureError): boolean =>
  error.reason === "BodyNotRaw" || error.reason === "NoSecrets"

/**
 * The reply for a request that failed verification or decoding: 401 for a bad signature, 400 for an undecodable
 * body, 500 when the server is misconfigured (no secret, body already parsed). Messages carry no secret.
 *
 * @since 0.1.0
 * @category replies
 */
export const replyForError = (error: Signature.SignatureError | DecodeError): Effect.Effect<Reply> => {
  if (error._tag === "SignatureError") {
    if (isConfigurationError(error)) {
      return Effect.as(
        Effect.logError(`Sinch webhook misconfigured: ${error.message}`),
        reply(500, { error: "webhook misconfigured", reason: error.reason, description: error.description })
      )
    }
    return Effect.as(
      Effect.logWarning(`Sinch callback refused: ${error.message}`).pipe(Effect.annotateLogs({ reason: error.reason })),
      reply(401, { error: "invalid signature" })
    )
  }
  return Effect.as(
    Effect.logWarning(`Sinch callback undecodable: ${error.message}`).pipe(
      Effect.annotateLogs({ reason: error.reason })
    ),
    reply(400, {
      error: "undecodable body",
      reason: error.reason,
      ...(error.path === undefined ? {} : { path: error.path })
    })
  )
}

/**
 * A request as seen by {@link handle}: the raw body and the headers.
 *
 * @since 0.1.0
 * @category models
 */
export interface Request {
  readonly body: Signature.RawBody
  readonly headers: Signature.HeadersInput
}

/**
 * Verifies and decodes a request, runs `handler`, and answers: 200 once the handler succeeded, 401 on a bad
 * signature, 400 on an undecodable body, 503 when the handler fails with {@link Overloaded} or is interrupted, 500
 * on any other failure. Never fails.
 *
 * @since 0.1.0
 * @category handling
 */
export const handle = <A, E, R>(
  webhook: Webhook<A>,
  request: Request,
  handler: Handler<A, E, R>
): Effect.Effect<Reply, never, R> =>
  Effect.matchEffect(webhook.parse(request.body, request.headers), {
    onFailure: replyForError,
    onSuccess: ({ event, verified }) =>
      Effect.flatMap(
        Effect.exit(
          Effect.suspend(() => handler(event, verified)).pipe(
            Effect.withSpan("Webhooks.handle", {
              attributes: Predicate.hasProperty(event, "_tag") ? { "sinch.callback.trigger": String(event._tag) } : {}
            })
          )
        ),
        (exit) => (Exit.isSuccess(exit) ? Effect.succeed(reply(200, {})) : fromCause(exit.cause))
      )
  })

/**
 * The reply to a request with another method than POST.
 *
 * @since 0.1.0
 * @category replies
 */
export const methodNotAllowed: Reply = reply(405, { error: "method not allowed" }, { allow: "POST" })

/**
 * The reply to a body above the configured limit.
 *
 * @since 0.1.0
 * @category replies
 */
export const payloadTooLarge = (maxBytes: number): Reply => reply(413, { error: `body larger than ${maxBytes} bytes` })

/**
 * Default upper bound of a callback body read by the adapters: 1 MiB.
 *
 * @since 0.1.0
 * @category constants
 */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024

/**
 * `Retry-After` duration suggested with a 503 when none is given.
 *
 * @since 0.1.0
 * @category constants
 */
export const DEFAULT_RETRY_AFTER: Duration.Duration = Duration.seconds(DEFAULT_RETRY_AFTER_SECONDS)
