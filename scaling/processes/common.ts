/**
 * What the processes of the multi-process test share: their settings (from the environment the test gives them) and
 * the Redis layers of @effect/experimental.
 */
import * as PersistedQueue from "@effect/experimental/PersistedQueue"
import * as PersistedQueueRedis from "@effect/experimental/PersistedQueue/Redis"
import * as Persistence from "@effect/experimental/Persistence"
import * as PersistenceRedis from "@effect/experimental/Persistence/Redis"
import * as RateLimiter from "@effect/experimental/RateLimiter"
import * as RateLimiterRedis from "@effect/experimental/RateLimiter/Redis"
import * as Layer from "effect/Layer"

const env = (name: string): string => {
  const value = process.env[name]
  if (value === undefined || value === "") throw new Error(`${name} is not set`)
  return value
}

/** The settings of a process. */
export const settings = () => ({
  redis: { host: "127.0.0.1", port: Number(env("SCALING_REDIS_PORT")) },
  secret: env("SCALING_SECRET"),
  /** "durable" (PersistedQueue on Redis) or "memory" (PersistedQueue in memory, handled in the receiver) */
  mode: process.env["SCALING_MODE"] ?? "durable"
})

/** The queues of the intake: on Redis, with short locks so that a killed worker's callbacks come back quickly. */
export const queuesOnRedis = (redis: {
  host: string
  port: number
}): Layer.Layer<PersistedQueue.PersistedQueueFactory> =>
  PersistedQueue.layer.pipe(
    Layer.provide(
      PersistedQueueRedis.layerStore({
        ...redis,
        pollInterval: "5 millis",
        lockRefreshInterval: "1 second",
        lockExpiration: "5 seconds"
      })
    )
  )

/** The queues of one process, in memory. */
export const queuesInMemory: Layer.Layer<PersistedQueue.PersistedQueueFactory> = PersistedQueue.layer.pipe(
  Layer.provide(PersistedQueue.layerStoreMemory)
)

/** Persistence on Redis (idempotency marks). */
export const persistenceOnRedis = (redis: {
  host: string
  port: number
}): Layer.Layer<Persistence.BackingPersistence> => PersistenceRedis.layer(redis)

/** The rate limiter's store on Redis (nonces, request pacing). */
export const rateLimiterStoreOnRedis = (redis: { host: string; port: number }) => RateLimiterRedis.layerStore(redis)

/** A RateLimiter over the Redis store. */
export const rateLimiterOnRedis = (redis: { host: string; port: number }): Layer.Layer<RateLimiter.RateLimiter> =>
  RateLimiter.layer.pipe(Layer.provide(rateLimiterStoreOnRedis(redis)))
