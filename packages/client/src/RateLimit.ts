/**
 * A project-wide rate limiter on every API call, and optional per-app send pacing.
 *
 * Sinch limits a project to 800 requests per second across all its apps and most endpoints, and an app's MT queue
 * drains at 20 messages per second by default. Before each HTTP attempt the client takes a token from the project's
 * bucket (and, for `messages.send` with `appSendsPerSecond`, from the app's), waiting when none is left, so that
 * requests go out under the limit instead of collecting 429s. The wait is recorded on the operation's span
 * (`sinch.rate_limit.wait_ms` and a `sinch.rate_limit.wait` event).
 *
 * The buckets are those of `@effect/experimental`'s `RateLimiter`. Without one in the context, each client keeps its
 * own in memory (right for one process). Several processes share one limit when a `RateLimiter` over the Redis store
 * is provided to the client's layer:
 *
 * ```ts
 * import * as RateLimiter from "@effect/experimental/RateLimiter"
 * import * as RateLimiterRedis from "@effect/experimental/RateLimiter/Redis"
 * import { SinchClient } from "@sinch-effect/client"
 * import { Layer } from "effect"
 *
 * const shared = RateLimiter.layer.pipe(Layer.provide(RateLimiterRedis.layerStore({ host: "127.0.0.1", port: 6379 })))
 * const client = SinchClient.layerConfig().pipe(Layer.provide(shared))
 * ```
 *
 * When the store fails (Redis down), the request goes out unpaced and a warning is logged: Sinch's own limit and the
 * 429 retries still apply. A store that does not answer at all holds a call until its deadline. A call whose slot would
 * come after its deadline fails at once (a `Timeout` whose `notSent` is `true`) and gives the slot back.
 *
 * @since 0.1.0
 */
/**
 * The limits, given as `SinchConfig.Options.rateLimit` (or `false` to turn the limiter off).
 *
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** Requests per second for the whole project, over every instance sharing the limiter. Default 800 (Sinch's limit). */
  readonly requestsPerSecond?: number | undefined
  /**
   * Requests that may leave at once after a quiet period: the bucket's capacity. Default a tenth of a second of
   * requests (80 at 800/s), which keeps bursts well inside a server that allows a second's worth.
   */
  readonly burst?: number | undefined
  /** `messages.send` calls per second per app (its MT queue drains at 20/s by default). Default: not paced. */
  readonly appSendsPerSecond?: number | undefined
  /** Prefix of the limiter's keys in a shared store. Default `sinch:`. */
  readonly prefix?: string | undefined
}

/**
 * The validated limits of a client.
 *
 * @since 0.1.0
 * @category models
 */
export interface Settings {
  readonly requestsPerSecond: number
  readonly burst: number
  readonly appSendsPerSecond: number | undefined
  readonly prefix: string
}

/**
 * Sinch's documented limit: 800 requests per second per project.
 *
 * @since 0.1.0
 * @category constants
 */
export const DEFAULT_REQUESTS_PER_SECOND = 800
