/**
 * Durable intake of verified callbacks: acknowledged only once durably enqueued, consumed at least once by workers on
 * any instance, dead-lettered after repeated failures.
 *
 * Built on `PersistedQueue` of `@effect/experimental`: its in-memory store suits one process (like
 * {@link EventQueue}); its Redis store (`@effect/experimental/PersistedQueue/Redis`) is shared by every receiver and
 * worker, and survives their crashes.
 *
 * - {@link Intake.handler} plugs into any adapter (`Platform.httpApp`, `Web.handler`, `Node.handler`): the request is
 *   answered 200 only after the callback (its raw body and what verification established) is in the store; when the
 *   store cannot take it the answer is 503 with `Retry-After`, so Sinch delivers it again. A callback already queued
 *   (same body) is not queued twice.
 * - {@link Intake.worker} takes callbacks one at a time per fiber and runs a handler; a failure puts the callback back
 *   (attempt count + 1), a crash of the worker leaves it locked until the lock expires, then another worker takes it.
 * - After `maxAttempts` failed attempts the callback moves to the dead-letter queue with its last error;
 *   {@link Intake.deadLetters} takes them for inspection, and {@link Intake.replay} puts one back.
 *
 * Handlers run at least once: make their effects idempotent with {@link Idempotency}.
 *
 * @since 0.1.0
 */
import * as PersistedQueue from "@effect/experimental/PersistedQueue"
import { createHash } from "node:crypto"
import * as Cause from "effect/Cause"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as Signature from "./Signature.js"
import * as Webhooks from "./Webhooks.js"

/**
 * A callback as stored: its body exactly as received (text) and what verification established.
 *
 * @since 0.1.0
 * @category models
 */
export const Stored = Schema.Struct({
  body: Schema.String,
  nonce: Schema.String,
  timestamp: Schema.Number,
  secretIndex: Schema.Number
})

/**
 * The type of {@link Stored}.
 *
 * @since 0.1.0
 * @category models
 */
export interface Stored extends Schema.Schema.Type<typeof Stored> {}

/**
 * A callback that failed `maxAttempts` times, with the last error.
 *
 * @since 0.1.0
 * @category models
 */
export const DeadLetter = Schema.Struct({
  callback: Stored,
  /** The intake id of the callback (a hash of its body). */
  id: Schema.String,
  attempts: Schema.Number,
  error: Schema.String,
  /** Unix time in milliseconds. */
  failedAt: Schema.Number
})

/**
 * The type of {@link DeadLetter}.
 *
 * @since 0.1.0
 * @category models
 */
export interface DeadLetter extends Schema.Schema.Type<typeof DeadLetter> {}

/**
 * What a worker's handler receives besides the event.
 *
 * @since 0.1.0
 * @category models
 */
export interface Delivery {
  /** What verification established when the callback was received. */
  readonly verified: Signature.Verified
  /** The intake id of the callback (a hash of its body; the same callback delivered twice has the same id). */
  readonly id: string
  /** Failed attempts before this one. */
  readonly attempts: number
}

/**
 * A durable intake of callbacks of type `A`.
 *
 * @since 0.1.0
 * @category models
 */
export interface Intake<A> {
  /** The handler to give to an adapter: enqueues the verified callback, or fails with {@link Webhooks.Overloaded}. */
  readonly handler: Webhooks.Handler<A, Webhooks.Overloaded, never>
  /**
   * Runs `handle` on callbacks as they come, `concurrency` at a time (default 1), until interrupted. A callback that
   * fails is retried; after `maxAttempts` it is dead-lettered. A body that no longer decodes is dead-lettered at once.
   */
  readonly worker: <E, R>(
    handle: (event: A, delivery: Delivery) => Effect.Effect<unknown, E, R>,
    options?: { readonly concurrency?: number | undefined }
  ) => Effect.Effect<never, never, R>
  /**
   * Takes the next dead letter (waiting for one) and gives it to `f`: when `f` succeeds the letter is gone, when it
   * fails the letter stays in the dead-letter queue.
   */
  readonly deadLetters: <X, E, R>(
    f: (letter: DeadLetter) => Effect.Effect<X, E, R>
  ) => Effect.Effect<X, E | IntakeError, R>
  /** Puts a dead letter back into the intake, with its attempts reset. */
  readonly replay: (letter: DeadLetter) => Effect.Effect<void, IntakeError>
}

/**
 * The store of the queue failed (e.g. Redis unreachable) or a stored value did not decode.
 *
 * @since 0.1.0
 * @category errors
 */
export class IntakeError extends Schema.TaggedError<IntakeError>("@sinch-effect/webhooks/IntakeError")("IntakeError", {
  message: Schema.String
}) {}

/**
 * Options of {@link make}.
 *
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** Name of the queue in the store (the dead letters are in `<name>-dead`). Default `sinch-callbacks`. */
  readonly name?: string | undefined
  /** Attempts of a callback before it is dead-lettered. Default 5. */
  readonly maxAttempts?: number | undefined
  /** Sent as `Retry-After` with a 503 when the store cannot take a callback. Default 5 seconds. */
  readonly retryAfter?: Duration.DurationInput | undefined
}

const textOf = (body: Signature.RawBody): string =>
  typeof body === "string" ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString("utf8")

const toIntakeError = (error: { readonly message: string }) => new IntakeError({ message: error.message })

/**
 * Creates an intake over the `PersistedQueueFactory` of the context: `PersistedQueue.layer` with
 * `PersistedQueue.layerStoreMemory` for one process, or with `PersistedQueueRedis.layerStore(...)` for many. Workers
 * only decode what receivers verified: they need the webhook's `decode` (e.g. `{ decode: Webhooks.decode }`), not
 * its secrets.
 *
 * @example
 * ```ts
 * import * as PersistedQueue from "@effect/experimental/PersistedQueue"
 * import * as PersistedQueueRedis from "@effect/experimental/PersistedQueue/Redis"
 * import { Effect, Layer } from "effect"
 * import { Intake, NonceStore, Platform, Webhooks } from "@sinch-effect/webhooks"
 *
 * const program = Effect.gen(function* () {
 *   // receivers on several instances share the nonce store too: NonceStore.layerStore() on the same Redis
 *   const webhook = Webhooks.make({ secrets: "...", nonceStore: yield* NonceStore.NonceStore })
 *   const intake = yield* Intake.make(webhook)
 *   const app = Platform.httpApp(webhook, intake.handler) // serve it on every receiver
 *   yield* intake.worker((event) => Effect.log(event._tag), { concurrency: 8 }) // on every worker
 * })
 *
 * const queues = PersistedQueue.layer.pipe(Layer.provide(PersistedQueueRedis.layerStore({ host: "127.0.0.1" })))
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = <A>(
  webhook: Pick<Webhooks.Webhook<A>, "decode">,
  options?: Options
): Effect.Effect<Intake<A>, never, PersistedQueue.PersistedQueueFactory> =>
  Effect.gen(function* () {
    const name = options?.name ?? "sinch-callbacks"
    const maxAttempts = Math.max(1, Math.floor(options?.maxAttempts ?? 5))
    const queue = yield* PersistedQueue.make({ name, schema: Stored })
    const dead = yield* PersistedQueue.make({ name: `${name}-dead`, schema: DeadLetter })
    const overloaded = new Webhooks.Overloaded({
      retryAfterSeconds: Math.ceil(Duration.toSeconds(options?.retryAfter ?? Webhooks.DEFAULT_RETRY_AFTER))
    })

    const offer = (stored: Stored, id: string) =>
      queue.offer(stored, { id }).pipe(Effect.asVoid, Effect.mapError(toIntakeError))

    const handler: Webhooks.Handler<A, Webhooks.Overloaded, never> = (_event, verified) => {
      const body = textOf(verified.body)
      const stored: Stored = {
        body,
        nonce: verified.nonce,
        timestamp: verified.timestamp,
        secretIndex: verified.secretIndex
      }
      return offer(stored, createHash("sha256").update(body).digest("base64url")).pipe(
        Effect.tapError((error) => Effect.logWarning("callback not enqueued; answering 503", error.message)),
        Effect.mapError(() => overloaded),
        Effect.withSpan("Intake.enqueue", { kind: "producer", captureStackTrace: false })
      )
    }

    const deadLetter = (stored: Stored, id: string, attempts: number, error: string) =>
      Effect.flatMap(
        Effect.clockWith((clock) => clock.currentTimeMillis),
        (failedAt) =>
          Effect.asVoid(
            dead.offer({ callback: stored, id, attempts, error, failedAt }, { id: `${id}:dead:${failedAt}` })
          )
      )

    const worker = <E, R>(
      handle: (event: A, delivery: Delivery) => Effect.Effect<unknown, E, R>,
      workerOptions?: { readonly concurrency?: number | undefined }
    ): Effect.Effect<never, never, R> => {
      const takeOne = queue.take(
        (stored, meta): Effect.Effect<void, unknown, R> =>
          Effect.matchCauseEffect(webhook.decode(stored.body), {
            // a body that verified but no longer decodes (a schema change) cannot succeed later: dead-letter it now
            onFailure: (cause) => deadLetter(stored, meta.id, meta.attempts + 1, Cause.pretty(cause)),
            onSuccess: (event) =>
              handle(event, {
                verified: { ...stored, body: stored.body },
                id: meta.id,
                attempts: meta.attempts
              }).pipe(
                Effect.asVoid,
                Effect.withSpan("Intake.handle", {
                  kind: "consumer",
                  captureStackTrace: false,
                  attributes: { "sinch.intake.id": meta.id, "sinch.intake.attempts": meta.attempts }
                }),
                Effect.catchAllCause((cause): Effect.Effect<void, unknown> =>
                  Cause.isInterruptedOnly(cause) || meta.attempts + 1 < maxAttempts
                    ? Effect.failCause(cause)
                    : deadLetter(stored, meta.id, meta.attempts + 1, Cause.pretty(cause))
                )
              )
          }),
        // the intake dead-letters itself (with the error, and a way back); the store never drops a callback
        { maxAttempts: Number.MAX_SAFE_INTEGER }
      )
      const loop = takeOne.pipe(
        Effect.catchAllCause((cause) =>
          Cause.isInterruptedOnly(cause)
            ? Effect.interrupt
            : Effect.logDebug("callback attempt failed; it will be retried", cause)
        ),
        Effect.forever
      )
      const concurrency = Math.max(1, Math.floor(workerOptions?.concurrency ?? 1))
      return Effect.all(
        Array.from({ length: concurrency }, () => loop),
        {
          concurrency: "unbounded",
          discard: true
        }
      ).pipe(Effect.zipRight(Effect.never))
    }

    return {
      handler,
      worker,
      deadLetters: <X, E, R>(f: (letter: DeadLetter) => Effect.Effect<X, E, R>) =>
        dead
          .take(f)
          .pipe(
            Effect.mapError((error): E | IntakeError =>
              error instanceof PersistedQueue.PersistedQueueError || ParseResult.isParseError(error)
                ? toIntakeError(error)
                : (error as E)
            )
          ),
      replay: (letter) => offer(letter.callback, `${letter.id}:replay:${letter.failedAt}`)
    }
  })
