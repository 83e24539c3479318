/**
 * Retry policies as replaceable `Schedule`s.
 *
 * - Idempotent operations (GET, DELETE, full-field PATCH, read-only POSTs) are retried on transient errors (429, 5xx,
 *   transport failures, timeouts) with capped full-jitter exponential backoff that honours `Retry-After`.
 * - Non-idempotent operations (messages:send, events:send, creates, inject, merge) are retried only when the error
 *   proves the request was not processed (429, a connection that could not be opened), whatever schedule is given,
 *   unless `atLeastOnce` is turned on. Otherwise an ambiguous failure becomes `SendOutcomeUnknown`.
 *
 * Replace the policy for a whole program with `Layer.succeed(Retry.RetryPolicy, ...)`, or for one call with
 * `Effect.provideService(effect, Retry.RetryPolicy, ...)`.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import { dual } from "effect/Function"
import * as Random from "effect/Random"
import * as Schedule from "effect/Schedule"
import type { SinchError } from "./SinchError.js"
import { isNotProcessed, isTransient } from "./SinchError.js"

/**
 * Options of the backoff schedules (`backoff`, `idempotent`, `nonIdempotent`): the number of attempts, the base and cap
 * of the delays, and the longest `Retry-After` that is waited for.
 *
 * @since 0.1.0
 * @category models
 */
export interface BackoffOptions {
  /** Total attempts, the first one included. Default 3. */
  readonly attempts?: number | undefined
  /** Base delay of the exponential backoff. Default 250 millis. */
  readonly base?: Duration.DurationInput | undefined
  /** Upper bound of one backoff delay (before `Retry-After`). Default 10 seconds. */
  readonly cap?: Duration.DurationInput | undefined
  /** A `Retry-After` longer than this stops retrying (the error is returned). Default 60 seconds. */
  readonly maxRetryAfter?: Duration.DurationInput | undefined
}

/**
 * The `Retry-After` of an error, if it has one.
 *
 * @since 0.1.0
 * @category utils
 */
export const retryAfterOf = (error: SinchError): Duration.Duration | undefined =>
  error._tag === "RateLimited" || error._tag === "TokenError" ? error.retryAfter : undefined

/**
 * Capped full-jitter exponential backoff: before retry `n` (from 0) it waits a uniformly random delay in
 * `[0, min(cap, base * 2^n)]` (AWS "full jitter").
 *
 * @since 0.1.0
 * @category schedules
 */
export const fullJitter = (options?: {
  readonly base?: Duration.DurationInput | undefined
  readonly cap?: Duration.DurationInput | undefined
}): Schedule.Schedule<Duration.Duration> => {
  const capMillis = Duration.toMillis(options?.cap ?? Duration.seconds(10))
  return Schedule.exponential(options?.base ?? Duration.millis(250), 2).pipe(
    Schedule.modifyDelayEffect((_, delay) =>
      Effect.map(Random.next, (r) => Duration.millis(Math.floor(r * Math.min(capMillis, Duration.toMillis(delay)))))
    )
  )
}

/**
 * A schedule whose delay is the `Retry-After` of the last error (zero when it has none). Intersected with a backoff,
 * the longer of the two delays wins.
 *
 * @since 0.1.0
 * @category schedules
 */
export const honourRetryAfter: Schedule.Schedule<SinchError, SinchError> = Schedule.identity<SinchError>().pipe(
  Schedule.addDelay((error) => retryAfterOf(error) ?? Duration.zero)
)

/**
 * The schedule retrying errors matching `retryable`: full-jitter backoff, `Retry-After` honoured, at most `attempts`
 * attempts in all.
 *
 * @since 0.1.0
 * @category schedules
 */
export const backoff = (
  retryable: (error: SinchError) => boolean,
  options?: BackoffOptions
): Schedule.Schedule<unknown, SinchError> => {
  const attempts = Math.max(1, Math.floor(options?.attempts ?? 3))
  const maxRetryAfter = Duration.decode(options?.maxRetryAfter ?? Duration.seconds(60))
  return honourRetryAfter.pipe(
    Schedule.intersect(fullJitter(options)),
    Schedule.intersect(Schedule.recurs(attempts - 1)),
    Schedule.whileInput((error: SinchError) => {
      if (!retryable(error)) return false
      const after = retryAfterOf(error)
      return after === undefined || Duration.lessThanOrEqualTo(after, maxRetryAfter)
    })
  )
}

/**
 * The default schedule of idempotent operations: transient errors, 3 attempts.
 *
 * @since 0.1.0
 * @category schedules
 */
export const idempotent = (options?: BackoffOptions): Schedule.Schedule<unknown, SinchError> =>
  backoff(isTransient, options)

/**
 * The default schedule of non-idempotent operations: only errors proving the request was not processed, 3 attempts.
 *
 * @since 0.1.0
 * @category schedules
 */
export const nonIdempotent = (options?: BackoffOptions): Schedule.Schedule<unknown, SinchError> =>
  backoff(isNotProcessed, options)

/**
 * A schedule that never retries.
 *
 * @since 0.1.0
 * @category schedules
 */
export const never: Schedule.Schedule<unknown, SinchError> = Schedule.recurs(0)

/**
 * How the client retries: the schedule of idempotent operations, the schedule of non-idempotent ones, and the
 * at-least-once opt-in. Build one with `policy` and provide it as `RetryPolicy`.
 *
 * @since 0.1.0
 * @category models
 */
export interface Policy {
  /** Schedule of idempotent operations. */
  readonly idempotent: Schedule.Schedule<unknown, SinchError>
  /**
   * Schedule of non-idempotent operations. Unless `atLeastOnce` is set, it is only consulted for errors proving the
   * request was not processed.
   */
  readonly nonIdempotent: Schedule.Schedule<unknown, SinchError>
  /**
   * Opt-in to at-least-once delivery: non-idempotent operations are also retried on ambiguous errors (5xx, dropped
   * connections, timeouts) with the `idempotent` schedule and the same correlation id. A message may then reach a
   * person twice.
   */
  readonly atLeastOnce: boolean
}

/**
 * Builds a policy; unspecified fields take the defaults.
 *
 * @since 0.1.0
 * @category constructors
 */
export const policy = (options?: Partial<Policy>): Policy => ({
  idempotent: options?.idempotent ?? idempotent(),
  nonIdempotent: options?.nonIdempotent ?? nonIdempotent(),
  atLeastOnce: options?.atLeastOnce ?? false
})

/**
 * The retry policy in use, read for every call (a `Context.Reference` with {@link policy}`()` as default).
 *
 * @since 0.1.0
 * @category tags
 */
export class RetryPolicy extends Context.Reference<RetryPolicy>()("@sinch-effect/client/RetryPolicy", {
  defaultValue: () => policy()
}) {}

/**
 * Runs `effect` with a retry policy.
 *
 * @since 0.1.0
 * @category combinators
 */
export const withPolicy: {
  (policy: Policy): <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
  <A, E, R>(effect: Effect.Effect<A, E, R>, policy: Policy): Effect.Effect<A, E, R>
} = dual(2, <A, E, R>(effect: Effect.Effect<A, E, R>, policy: Policy): Effect.Effect<A, E, R> =>
  Effect.provideService(effect, RetryPolicy, policy)
)
