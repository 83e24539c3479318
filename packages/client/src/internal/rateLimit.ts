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
   * Waits for the project's token (and the app's for a send) before one HTTP request; `false` when a wait would end
   * after `until` (the call's deadline, in clock milliseconds): it then waits until `until` only, and nothing may be sent.
   */
  readonly pace: (operation: string, appId: string | undefined, span: SpanSink, until: number) => Effect.Effect<boolean>
}

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
    const project = {
      algorithm: "token-bucket",
      onExceeded: "delay",
      key: `${settings.prefix}project:${projectId}`,
      limit: settings.burst,
      window: windowOf(settings.burst, settings.requestsPerSecond)
    } as const
    const appWindow = settings.appSendsPerSecond === undefined ? undefined : windowOf(1, settings.appSendsPerSecond)

    const consume = (options: RateLimiter.RateLimiter extends { consume: (o: infer O) => any } ? O : never) =>
      Effect.matchEffect(limiter.consume(options), {
        onFailure: (error) =>
          Effect.as(
            Effect.logWarning("sinch rate limiter unavailable; request sent unpaced").pipe(
              Effect.annotateLogs({ key: options.key, error: error.message })
            ),
            Duration.zero
          ),
        onSuccess: (result) => Effect.succeed(result.delay)
      })

    /** Sleeps `delay`, or until `until` when the delay would end after it (then `false`). */
    const wait = (delay: Duration.Duration, span: SpanSink, key: string, until: number): Effect.Effect<boolean> => {
      if (Duration.isZero(delay)) return Effect.succeed(true)
      const millis = Duration.toMillis(delay)
      return Effect.clockWith((clock) => {
        span.attribute("sinch.rate_limit.wait_ms", millis)
        span.event("sinch.rate_limit.wait", clock.unsafeCurrentTimeNanos(), {
          "sinch.rate_limit.key": key,
          "sinch.rate_limit.wait_ms": millis
        })
        const left = until - clock.unsafeCurrentTimeMillis()
        return millis <= left ? Effect.as(Effect.sleep(delay), true) : Effect.as(Effect.sleep(Math.max(0, left)), false)
      })
    }

    return {
      pace: (operation, appId, span, until) => {
        const projectWait = Effect.flatMap(consume(project), (delay) => wait(delay, span, project.key, until))
        if (appWindow === undefined || operation !== "messages.send" || appId === undefined) return projectWait
        const key = `${settings.prefix}app:${appId}:send`
        return Effect.flatMap(
          Effect.flatMap(
            consume({ algorithm: "token-bucket", onExceeded: "delay", key, limit: 1, window: appWindow }),
            (delay) => wait(delay, span, key, until)
          ),
          (paced) => (paced ? projectWait : Effect.succeed(false))
        )
      }
    }
  })
