import * as RateLimiter from "@effect/experimental/RateLimiter"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import type * as Tracer from "effect/Tracer"
import * as RateLimit from "../RateLimit.js"

const positive = (value: number | undefined): boolean =>
  value === undefined || (typeof value === "number" && Number.isFinite(value) && value > 0)

/**
 * Validates the options: `undefined` gives the defaults, `false` turns the limiter off (`undefined` settings); a
 * string describes an invalid value.
 *
 * @internal
 */
export const settings = (
  options: RateLimit.Options | false | undefined
): { readonly settings: RateLimit.Settings | undefined } | string => {
  if (options === false) return { settings: undefined }
  const o = options ?? {}
  if (!positive(o.requestsPerSecond)) return "rateLimit.requestsPerSecond must be a positive number"
  if (!positive(o.burst) || (o.burst !== undefined && !Number.isInteger(o.burst))) {
    return "rateLimit.burst must be a positive integer"
  }
  if (!positive(o.appSendsPerSecond)) return "rateLimit.appSendsPerSecond must be a positive number"
  const requestsPerSecond = o.requestsPerSecond ?? RateLimit.DEFAULT_REQUESTS_PER_SECOND
  return {
    settings: {
      requestsPerSecond,
      burst: o.burst ?? Math.max(1, Math.ceil(requestsPerSecond / 10)),
      appSendsPerSecond: o.appSendsPerSecond,
      prefix: o.prefix ?? "sinch:"
    }
  }
}

/** The window of a bucket of `capacity` tokens refilled at `perSecond`: the time it takes to refill entirely. */
const windowOf = (capacity: number, perSecond: number): Duration.Duration =>
  Duration.millis((1000 * capacity) / perSecond)

/** What pacing records on the operation span. */
type SpanSink = Pick<Tracer.Span, "attribute" | "event">

/** @internal */
export interface Pacer {
  /**
   * Waits for the project's token (and the app's for a send) before one HTTP request; `false`, at once, when the token
   * would come after `until` (the call's deadline, in clock milliseconds), or when a shared store has not answered by
   * then: nothing may be sent. A token taken but not waited for is given back.
   */
  readonly pace: (operation: string, appId: string | undefined, span: SpanSink, until: number) => Effect.Effect<boolean>
}

/** A bucket of the limiter: what `RateLimiter.consume` takes. */
type Bucket = Parameters<RateLimiter.RateLimiter["consume"]>[0]

/**
 * The pacer of a client: over the `RateLimiter` of the context when there is one (shared, e.g. on Redis), else over a
 * limiter of its own in memory.
 *
 * @internal
 */
export const make = (settings: RateLimit.Settings, projectId: string): Effect.Effect<Pacer> =>
  Effect.gen(function* () {
    const shared = yield* Effect.serviceOption(RateLimiter.RateLimiter)
    const limiter = Option.isSome(shared)
      ? shared.value
      : yield* Effect.provide(RateLimiter.make, RateLimiter.layerStoreMemory)
    const project: Bucket = {
      algorithm: "token-bucket",
      onExceeded: "delay",
      key: `${settings.prefix}project:${projectId}`,
      limit: settings.burst,
      window: windowOf(settings.burst, settings.requestsPerSecond)
    }
    const appWindow = settings.appSendsPerSecond === undefined ? undefined : windowOf(1, settings.appSendsPerSecond)

    /** A call to the store, bounded by `until` when the store is shared (one in memory answers at once). */
    const bounded = <A>(effect: Effect.Effect<A>, until: number, onTimeout: () => A): Effect.Effect<A> =>
      Option.isNone(shared)
        ? effect
        : Effect.clockWith((clock) =>
            Effect.timeoutTo(effect, {
              duration: Duration.millis(Math.max(0, until - clock.unsafeCurrentTimeMillis())),
              onTimeout,
              onSuccess: (a) => a
            })
          )

    /**
     * Takes a token: the delay until it may be used (zero when the store failed: the request goes out unpaced, and a
     * warning is logged), `undefined` when a shared store did not answer by `until`.
     */
    const take = (bucket: Bucket, until: number): Effect.Effect<Duration.Duration | undefined> =>
      bounded(
        Effect.matchEffect(limiter.consume(bucket), {
          onFailure: (error) =>
            Effect.as(
              Effect.logWarning("sinch rate limiter unavailable; request sent unpaced").pipe(
                Effect.annotateLogs({ key: bucket.key, error: error.message })
              ),
              Duration.zero
            ),
          onSuccess: (result) => Effect.succeed(result.delay)
        }),
        until,
        () => undefined
      )

    /** Gives back a token that will not be used (a store that cannot take it back leaves the slot unused). */
    const giveBack = (bucket: Bucket, until: number): Effect.Effect<void> =>
      bounded(Effect.ignore(limiter.consume({ ...bucket, tokens: -1 })), until, () => undefined)

    /** Takes a token and waits for it; `false` without waiting when it would come after `until` (given back). */
    const slot = (bucket: Bucket, span: SpanSink, until: number): Effect.Effect<boolean> =>
      Effect.flatMap(take(bucket, until), (delay) => {
        if (delay === undefined) return Effect.succeed(false)
        if (Duration.isZero(delay)) return Effect.succeed(true)
        const millis = Duration.toMillis(delay)
        return Effect.clockWith((clock) => {
          span.attribute("sinch.rate_limit.wait_ms", millis)
          span.event("sinch.rate_limit.wait", clock.unsafeCurrentTimeNanos(), {
            "sinch.rate_limit.key": bucket.key,
            "sinch.rate_limit.wait_ms": millis
          })
          return millis <= until - clock.unsafeCurrentTimeMillis()
            ? Effect.as(Effect.sleep(delay), true)
            : Effect.as(giveBack(bucket, until), false)
        })
      })

    return {
      pace: (operation, appId, span, until) => {
        const projectSlot = slot(project, span, until)
        if (appWindow === undefined || operation !== "messages.send" || appId === undefined) return projectSlot
        const app: Bucket = {
          algorithm: "token-bucket",
          onExceeded: "delay",
          key: `${settings.prefix}app:${appId}:send`,
          limit: 1,
          window: appWindow
        }
        // the app's token first, then the project's: a project token is not held while the app's is awaited
        return Effect.flatMap(slot(app, span, until), (paced) =>
          paced
            ? Effect.flatMap(projectSlot, (sent) =>
                sent ? Effect.succeed(true) : Effect.as(giveBack(app, until), false)
              )
            : Effect.succeed(false)
        )
      }
    }
  })
