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
 * - {@link Intake.worker} takes callbacks one at a time per fiber and runs a handler; a failure puts the callback back,
 *   a crash of the worker leaves it locked until the lock expires, then another worker takes it.
 * - Every attempt is counted in the key-value store (`Persistence` of `@effect/experimental`) before the handler
 *   runs, so a callback whose handler kills the process every time is counted too: after `maxAttempts` attempts
 *   that failed or never finished, the callback moves to the dead letters with its last error instead of being tried
 *   forever.
 * - The dead letters are kept in the key-value store: {@link Intake.deadLetters} lists them and changes nothing;
 *   {@link Intake.replay} puts one back into the intake and {@link Intake.discard} drops one, both explicitly.
 *
 * Handlers run at least once: make their effects idempotent with {@link Idempotency}.
 *
 * @since 0.1.0
 */
import * as PersistedQueue from "@effect/experimental/PersistedQueue"
import * as Persistence from "@effect/experimental/Persistence"
import { createHash } from "node:crypto"
import * as Cause from "effect/Cause"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import type * as Scope from "effect/Scope"
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
  /** Attempts before this one (that failed, or never finished because their process died). */
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
   * fails is retried; after `maxAttempts` attempts that failed or never finished (a handler that kills its process)
   * it is dead-lettered. A body that no longer decodes is dead-lettered at once.
   */
  readonly worker: <E, R>(
    handle: (event: A, delivery: Delivery) => Effect.Effect<unknown, E, R>,
    options?: { readonly concurrency?: number | undefined }
  ) => Effect.Effect<never, never, R>
  /** The dead letters, oldest first. Listing them changes nothing. */
  readonly deadLetters: Effect.Effect<ReadonlyArray<DeadLetter>, IntakeError>
  /** Puts a dead letter back into the intake, its attempts reset, and removes it from the dead letters. */
  readonly replay: (letter: DeadLetter) => Effect.Effect<void, IntakeError>
  /** Removes a dead letter for good. */
  readonly discard: (letter: DeadLetter) => Effect.Effect<void, IntakeError>
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
  /**
   * Name of the queue in the store. The dead letters are in the key-value store `<name>-dead` (guarded by the queue
   * `<name>-dead-lock`), the attempt counts in `<name>-attempts`. Default `sinch-callbacks`.
   */
  readonly name?: string | undefined
  /** Attempts of a callback before it is dead-lettered. Default 5. */
  readonly maxAttempts?: number | undefined
  /** Sent as `Retry-After` with a 503 when the store cannot take a callback. Default 5 seconds. */
  readonly retryAfter?: Duration.DurationInput | undefined
}

const textOf = (body: Signature.RawBody): string =>
  typeof body === "string" ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString("utf8")

const toIntakeError = (error: { readonly message: string }) => new IntakeError({ message: error.message })

/** The result of work done while holding the dead letters' lock (the lock is given back by failing its take). */
class Released<X, E> {
  constructor(readonly exit: Exit.Exit<X, E>) {}
}

const Keys = Schema.Array(Schema.String)
// compiled on first use, not at import (Effect memoises a compiled parser per schema)
const decodeLetter = (u: unknown) => Schema.decodeUnknown(DeadLetter)(u)
const decodeKeys = (u: unknown) => Schema.decodeUnknown(Keys)(u)
const encodeLetter = (letter: DeadLetter) => Schema.encodeSync(DeadLetter)(letter)
const letterKey = (letter: DeadLetter) => `${letter.id}:${letter.failedAt}`

/**
 * Creates an intake over the `PersistedQueueFactory` and the `BackingPersistence` of the context:
 * `PersistedQueue.layer` with `PersistedQueue.layerStoreMemory` and `Persistence.layerMemory` for one process, or
 * with `PersistedQueueRedis.layerStore(...)` and `PersistenceRedis.layer(...)` for many. Workers only decode what
 * receivers verified: they need the webhook's `decode` (e.g. `{ decode: Webhooks.decode }`), not its secrets.
 *
 * @example
 * ```ts
 * import * as PersistedQueue from "@effect/experimental/PersistedQueue"
 * import * as PersistedQueueRedis from "@effect/experimental/PersistedQueue/Redis"
 * import * as PersistenceRedis from "@effect/experimental/Persistence/Redis"
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
 * const stores = Layer.merge(
 *   PersistedQueue.layer.pipe(Layer.provide(PersistedQueueRedis.layerStore({ host: "127.0.0.1" }))),
 *   PersistenceRedis.layer({ host: "127.0.0.1" })
 * )
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = <A>(
  webhook: Pick<Webhooks.Webhook<A>, "decode">,
  options?: Options
): Effect.Effect<
  Intake<A>,
  never,
  PersistedQueue.PersistedQueueFactory | Persistence.BackingPersistence | Scope.Scope
> =>
  Effect.gen(function* () {
    const name = options?.name ?? "sinch-callbacks"
    const maxAttempts = Math.max(1, Math.floor(options?.maxAttempts ?? 5))
    const queue = yield* PersistedQueue.make({ name, schema: Stored })
    const backing = yield* Persistence.BackingPersistence
    const dead = yield* backing.make(`${name}-dead`)
    const attempts = yield* backing.make(`${name}-attempts`)
    // the dead letters' index is changed by one holder of this queue's only element at a time
    const lockName = `${name}-dead-lock`
    const lock = yield* PersistedQueue.make({ name: lockName, schema: Schema.Literal("lock") })
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

    // created once: the store keeps the ids it has seen, so offering it again does nothing
    yield* lock.offer("lock", { id: lockName }).pipe(Effect.orDie)
    const exclusively = <X>(body: Effect.Effect<X, IntakeError>): Effect.Effect<X, IntakeError> =>
      lock
        .take(() => Effect.flatMap(Effect.exit(body), (exit) => Effect.fail(new Released(exit))), {
          maxAttempts: Number.MAX_SAFE_INTEGER
        })
        .pipe(
          Effect.catchAll((error) =>
            error instanceof Released
              ? (error.exit as Exit.Exit<X, IntakeError>)
              : Effect.fail(toIntakeError(error as { readonly message: string }))
          )
        )
    const persisted = <X>(effect: Effect.Effect<X, Persistence.PersistenceError>) =>
      Effect.mapError(effect, (error) => new IntakeError({ message: `dead letters: ${error.message}` }))
    const index = persisted(dead.get("index")).pipe(
      Effect.flatMap(
        Option.match({
          onNone: () => Effect.succeed<ReadonlyArray<string>>([]),
          onSome: (keys) => Effect.mapError(decodeKeys(keys), toIntakeError)
        })
      )
    )
    const removeLetter = (letter: DeadLetter) =>
      exclusively(
        Effect.gen(function* () {
          const key = letterKey(letter)
          const keys = yield* index
          yield* persisted(
            dead.set(
              "index",
              keys.filter((k) => k !== key),
              Option.none()
            )
          )
          yield* persisted(dead.remove(`letter:${key}`))
        })
      )

    const deadLetter = (stored: Stored, id: string, attempted: number, error: string) =>
      Effect.flatMap(
        Effect.clockWith((clock) => clock.currentTimeMillis),
        (failedAt) => {
          const letter: DeadLetter = { callback: stored, id, attempts: attempted, error, failedAt }
          const key = letterKey(letter)
          return exclusively(
            Effect.gen(function* () {
              yield* persisted(dead.set(`letter:${key}`, encodeLetter(letter), Option.none()))
              const keys = yield* index
              if (!keys.includes(key)) yield* persisted(dead.set("index", [...keys, key], Option.none()))
            })
          ).pipe(Effect.zipRight(Effect.ignore(attempts.remove(id))))
        }
      )

    const worker = <E, R>(
      handle: (event: A, delivery: Delivery) => Effect.Effect<unknown, E, R>,
      workerOptions?: { readonly concurrency?: number | undefined }
    ): Effect.Effect<never, never, R> => {
      const attempt = (stored: Stored, id: string): Effect.Effect<void, unknown, R> =>
        Effect.gen(function* () {
          // counted before the handler runs: an attempt whose process dies is counted too
          const before = Option.match(yield* attempts.get(id), {
            onNone: () => 0,
            onSome: (n) => (typeof n === "number" && Number.isInteger(n) && n >= 0 ? n : 0)
          })
          const begun = before + 1
          if (begun > maxAttempts) {
            return yield* deadLetter(
              stored,
              id,
              before,
              `${before} attempts did not finish: the process handling the callback died each time`
            )
          }
          yield* attempts.set(id, begun, Option.some(Duration.days(7)))
          const event = yield* Effect.either(webhook.decode(stored.body))
          if (event._tag === "Left") {
            // a body that verified but no longer decodes (a schema change) cannot succeed later: dead-letter it now
            return yield* deadLetter(stored, id, begun, Cause.pretty(Cause.fail(event.left)))
          }
          yield* handle(event.right, { verified: { ...stored, body: stored.body }, id, attempts: before }).pipe(
            Effect.withSpan("Intake.handle", {
              kind: "consumer",
              captureStackTrace: false,
              attributes: { "sinch.intake.id": id, "sinch.intake.attempts": before }
            }),
            Effect.matchCauseEffect({
              // (the count of a handled callback is left to expire: its id is never queued again)
              onSuccess: () => Effect.void,
              onFailure: (cause): Effect.Effect<void, unknown> =>
                Cause.isInterruptedOnly(cause)
                  ? // an interrupted attempt (a worker stopping) does not count
                    Effect.zipRight(
                      Effect.ignore(attempts.set(id, before, Option.some(Duration.days(7)))),
                      Effect.failCause(cause)
                    )
                  : begun < maxAttempts
                    ? Effect.failCause(cause)
                    : deadLetter(stored, id, begun, Cause.pretty(cause))
            })
          )
        })
      const takeOne = queue.take(
        (stored, meta) => attempt(stored, meta.id),
        // the intake counts attempts and dead-letters itself (with the error, and a way back)
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
      deadLetters: Effect.gen(function* () {
        const keys = yield* index
        if (keys.length === 0) return []
        const values = yield* persisted(dead.getMany(keys.map((key) => `letter:${key}`)))
        const letters: Array<DeadLetter> = []
        // (a letter removed between reading the index and reading it is gone: skipped)
        for (const value of values) {
          if (Option.isSome(value)) letters.push(yield* Effect.mapError(decodeLetter(value.value), toIntakeError))
        }
        return letters
      }),
      replay: (letter) =>
        // queued again before it leaves the dead letters: a crash in between leaves it in both, never in neither
        Effect.zipRight(offer(letter.callback, `${letter.id}:replay:${letter.failedAt}`), removeLetter(letter)),
      discard: removeLetter
    }
  })
