/**
 * Replay protection: a store of the nonces of callbacks already accepted.
 *
 * The store is optional. When a `NonceStore` is in the context of a verification, a nonce is accepted once; a
 * request replayed within the timestamp window fails with reason `ReplayedNonce`. The in-memory store suits a single
 * process; several instances behind a load balancer need a shared store (e.g. Redis `SET key 1 NX PX ttl`), which
 * only has to implement {@link NonceStore.Service}.
 *
 * @since 0.1.0
 */
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
 * An in-memory store whose entries expire after their TTL, read from Effect's `Clock`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeMemory = (options?: MemoryOptions): Effect.Effect<NonceStore.Service> =>
  Effect.sync(() => {
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
    return NonceStore.of({
      remember: (nonce, ttl) =>
        Effect.map(Clock.currentTimeMillis, (now) => {
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
        })
    })
  })

/**
 * A layer with the in-memory store.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerMemory = (options?: MemoryOptions): Layer.Layer<NonceStore> =>
  Layer.effect(NonceStore, makeMemory(options))
