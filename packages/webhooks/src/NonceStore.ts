/**
 * Replay protection: a store of the nonces of callbacks already accepted.
 *
 * Every verifier needs one (`nonceStore` in `Signature.VerifyOptions`, or this service for `Webhooks.layer`): a nonce
 * is accepted once, and a request replayed within the timestamp window fails with reason `ReplayedNonce`. The
 * in-memory store ({@link memory}, {@link layerMemory}) suits a single process. Several instances behind a load
 * balancer share one store with {@link layerStore}, built on the `RateLimiterStore` of `@effect/experimental` (an
 * atomic counter with a TTL): with its Redis store (`@effect/experimental/RateLimiter/Redis`) exactly one instance
 * accepts a given nonce.
 *
 * ```ts
 * import * as RateLimiterRedis from "@effect/experimental/RateLimiter/Redis"
 * import { NonceStore, Webhooks } from "@sinch-effect/webhooks"
 *
 * // one process
 * const webhook = Webhooks.make({ secrets, nonceStore: NonceStore.memory() })
 * // several processes on one Redis
 * const WebhookLive = Webhooks.layerConfig().pipe(
 *   Layer.provide(NonceStore.layerStore()),
 *   Layer.provide(RateLimiterRedis.layerStore({ host, port }))
 * )
 * ```
 *
 * @since 0.1.0
 */
import * as RateLimiter from "@effect/experimental/RateLimiter"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"

/**
 * The nonce store service: remembers the nonces of verified callbacks, so that a replayed callback is refused.
 *
 * @since 0.1.0
 * @category tags
 */
export class NonceStore extends Context.Tag("@sinch-effect/webhooks/NonceStore")<NonceStore, NonceStore.Service>() {}

/**
 * @since 0.1.0
 */
export declare namespace NonceStore {
  /**
   * @since 0.1.0
   * @category models
   */
  export interface Service {
    /**
     * Records `nonce` for at least `ttl` and answers `true` if it was not already recorded (the request is fresh),
     * `false` if it was (a replay). Must be atomic.
     */
    readonly remember: (nonce: string, ttl: Duration.Duration) => Effect.Effect<boolean>
    /**
     * The same check, answered synchronously at `now` (epoch milliseconds, read by the verifier from its clock), by
     * a store that needs no I/O ({@link memory}). Verifiers use it when present, so that verifying a callback needs
     * no effect of its own; a store without it (a shared store on Redis) is asked through `remember`.
     */
    readonly rememberSync?: ((nonce: string, ttl: Duration.Duration, now: number) => boolean) | undefined
  }
}

/**
 * Options of the in-memory store.
 *
 * @since 0.1.0
 * @category models
 */
export interface MemoryOptions {
  /**
   * Minimum time a nonce is kept, whatever the verifier asks (which is the whole timestamp window, 10 minutes by
   * default).
   */
  readonly ttl?: Duration.DurationInput | undefined
  /**
   * Upper bound of kept nonces (only verified requests reach the store); the oldest are dropped beyond it.
   * Default: 1,000,000.
   */
  readonly maxEntries?: number | undefined
}

/**
 * A new, empty in-memory store whose entries expire after their TTL, read from Effect's `Clock`. Each call makes a
 * separate store: build it once per process and give the same store to every verifier of an endpoint.
 *
 * @example
 * ```ts
 * import { NonceStore, Webhooks } from "@sinch-effect/webhooks"
 *
 * const webhook = Webhooks.make({ secrets: "my-secret", nonceStore: NonceStore.memory() })
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const memory = (options?: MemoryOptions): NonceStore.Service => {
  const minimumTtl = options?.ttl === undefined ? 0 : Duration.toMillis(options.ttl)
  const maxEntries = Math.max(1, options?.maxEntries ?? 1_000_000)
  // nonce -> expiry (ms); a Map iterates in insertion order, and every entry has ttl >= minimumTtl, so the first
  // entries are (nearly) the first to expire.
  const entries = new Map<string, number>()
  const sweep = (now: number) => {
    for (const [nonce, expiresAt] of entries) {
      if (expiresAt > now) break
      entries.delete(nonce)
    }
  }
  const rememberSync = (nonce: string, ttl: Duration.Duration, now: number): boolean => {
    sweep(now)
    const expiresAt = entries.get(nonce)
    if (expiresAt !== undefined && expiresAt > now) return false
    if (expiresAt !== undefined) entries.delete(nonce)
    while (entries.size >= maxEntries) {
      const oldest = entries.keys().next()
      if (oldest.done === true) break
      entries.delete(oldest.value)
    }
    entries.set(nonce, now + Math.max(minimumTtl, Duration.toMillis(ttl)))
    return true
  }
  return NonceStore.of({
    remember: (nonce, ttl) => Effect.map(Clock.currentTimeMillis, (now) => rememberSync(nonce, ttl, now)),
    rememberSync
  })
}

/**
 * {@link memory} as an Effect.
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeMemory = (options?: MemoryOptions): Effect.Effect<NonceStore.Service> =>
  Effect.sync(() => memory(options))

/**
 * A layer with a new in-memory store (see {@link memory}).
 *
 * @since 0.1.0
 * @category layers
 */
export const layerMemory = (options?: MemoryOptions): Layer.Layer<NonceStore> =>
  Layer.sync(NonceStore, () => memory(options))

/**
 * Options of the shared store.
 *
 * @since 0.1.0
 * @category models
 */
export interface StoreOptions {
  /** Prefix of the store's keys, so that several webhooks (or environments) can share one Redis. Default: `sinch-nonce:`. */
  readonly prefix?: string | undefined
  /** Minimum time a nonce is kept, whatever the verifier asks. */
  readonly ttl?: Duration.DurationInput | undefined
}

/**
 * A store over a `RateLimiterStore` of `@effect/experimental`: a nonce is a key that may be taken once per TTL, an
 * atomic operation of the store (a Lua script on Redis). Give it the Redis store and every instance sharing that Redis
 * refuses a callback another instance accepted. A store that cannot answer (Redis down) fails the verification with a
 * defect rather than accepting a possible replay.
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeStore = (
  options?: StoreOptions
): Effect.Effect<NonceStore.Service, never, RateLimiter.RateLimiterStore> =>
  Effect.map(RateLimiter.RateLimiterStore, (store) => {
    const prefix = options?.prefix ?? "sinch-nonce:"
    const minimumTtl = options?.ttl === undefined ? 0 : Duration.toMillis(options.ttl)
    return NonceStore.of({
      remember: (nonce, ttl) =>
        store
          .fixedWindow({
            key: prefix + nonce,
            tokens: 1,
            refillRate: Duration.millis(Math.max(1, minimumTtl, Duration.toMillis(ttl))),
            limit: 1
          })
          .pipe(
            Effect.map(([count]) => count <= 1),
            Effect.orDie,
            Effect.withSpan("NonceStore.remember", { kind: "client", captureStackTrace: false })
          )
    })
  })

/**
 * A layer with the shared store (see {@link makeStore}); provide it a `RateLimiterStore`, e.g.
 * `RateLimiterRedis.layerStore(...)`.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerStore = (options?: StoreOptions): Layer.Layer<NonceStore, never, RateLimiter.RateLimiterStore> =>
  Layer.effect(NonceStore, makeStore(options))
