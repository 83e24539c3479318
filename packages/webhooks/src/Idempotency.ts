/**
 * Makes a handler's effects idempotent under at-least-once delivery: an effect keyed by a message or event id runs
 * once; a redelivered callback with the same key is skipped.
 *
 * The marks live in a `BackingPersistence` of `@effect/experimental` (`Persistence.layerMemory` for one process,
 * `PersistenceRedis.layer(...)` for many). A key is marked done after its effect succeeded, so a failed effect runs
 * again on the next attempt. The one window left is a crash between the end of the effect and the mark: the effect
 * then runs again, which is why the effect itself should be an upsert keyed by the same id where it can.
 *
 * @since 0.1.0
 */
import * as Persistence from "@effect/experimental/Persistence"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Predicate from "effect/Predicate"
import * as Schema from "effect/Schema"
import type * as Scope from "effect/Scope"

/**
 * The store of done keys failed (e.g. Redis unreachable); the callback is retried.
 *
 * @since 0.1.0
 * @category errors
 */
export class IdempotencyError extends Schema.TaggedError<IdempotencyError>("@sinch-effect/webhooks/IdempotencyError")(
  "IdempotencyError",
  { message: Schema.String }
) {}

/**
 * The idempotency service.
 *
 * @since 0.1.0
 * @category tags
 */
export class Idempotency extends Context.Tag("@sinch-effect/webhooks/Idempotency")<
  Idempotency,
  Idempotency.Service
>() {}

/**
 * @since 0.1.0
 */
export declare namespace Idempotency {
  /**
   * @since 0.1.0
   * @category models
   */
  export interface Service {
    /**
     * Runs `effect` unless `key` is marked done, then marks it; answers whether the effect ran. A failure of the
     * effect leaves the key unmarked.
     */
    readonly once: <A, E, R>(
      key: string,
      effect: Effect.Effect<A, E, R>
    ) => Effect.Effect<boolean, E | IdempotencyError, R>
  }
}

/**
 * Options of {@link make}.
 *
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** Name of the store (a key prefix on Redis). Default `sinch-idempotency`. */
  readonly storeId?: string | undefined
  /** How long a done key is remembered; longer than Sinch's redelivery period. Default 7 days. */
  readonly ttl?: Duration.DurationInput | undefined
}

/**
 * Creates the service over the `BackingPersistence` of the context.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (
  options?: Options
): Effect.Effect<Idempotency.Service, never, Persistence.BackingPersistence | Scope.Scope> =>
  Effect.gen(function* () {
    const persistence = yield* Persistence.BackingPersistence
    const store = yield* persistence.make(options?.storeId ?? "sinch-idempotency")
    const ttl = Option.some(Duration.decode(options?.ttl ?? Duration.days(7)))
    const storeError = (error: Persistence.PersistenceError) =>
      new IdempotencyError({ message: `idempotency store: ${error.message}` })
    return Idempotency.of({
      once: (key, effect) =>
        Effect.flatMap(Effect.mapError(store.get(key), storeError), (done) =>
          Option.isSome(done)
            ? Effect.succeed(false)
            : effect.pipe(Effect.zipRight(Effect.mapError(store.set(key, 1, ttl), storeError)), Effect.as(true))
        ).pipe(Effect.withSpan("Idempotency.once", { attributes: { "sinch.idempotency.key": key } }))
    })
  })

/**
 * A layer of the service; provide it a `BackingPersistence`.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (options?: Options): Layer.Layer<Idempotency, never, Persistence.BackingPersistence> =>
  Layer.scoped(Idempotency, make(options))

const pick = (u: unknown, field: string): unknown => (Predicate.isRecord(u) ? u[field] : undefined)

const str = (u: unknown): string | undefined => (typeof u === "string" && u !== "" ? u : undefined)

/**
 * The natural key of a callback: the message id of an inbound message, message id and status of a delivery report,
 * the event id of an inbound event, ...; `undefined` when the callback carries no such id (use the intake id then).
 *
 * @since 0.1.0
 * @category keys
 */
export const keyOf = (event: unknown): string | undefined => {
  const message = pick(event, "message")
  if (str(pick(message, "id")) !== undefined) return `message:${str(pick(message, "id"))}`
  const event_ = pick(event, "event")
  if (str(pick(event_, "id")) !== undefined) return `event:${str(pick(event_, "id"))}`
  const report = pick(event, "message_delivery_report")
  if (str(pick(report, "message_id")) !== undefined) {
    return `message_delivery:${str(pick(report, "message_id"))}:${String(pick(report, "status"))}`
  }
  const eventReport = pick(event, "event_delivery_report")
  if (str(pick(eventReport, "event_id")) !== undefined) {
    return `event_delivery:${str(pick(eventReport, "event_id"))}:${String(pick(eventReport, "status"))}`
  }
  return undefined
}
