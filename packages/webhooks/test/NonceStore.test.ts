import * as RateLimiter from "@effect/experimental/RateLimiter"
import * as RateLimiterRedis from "@effect/experimental/RateLimiter/Redis"
import { assert, describe, it } from "@effect/vitest"
import { NonceStore, Signature } from "@sinch-effect/webhooks"
import { Context, Duration, Effect, Layer } from "effect"
import * as Redis from "../../../scaling/redis.js"

const SECRET = "nonce-secret"

/** One "instance": its own connection to the shared Redis, as a separate process would have. */
const instance = (server: Redis.RedisServer, prefix: string) =>
  Layer.build(
    NonceStore.layerStore({ prefix }).pipe(
      Layer.provide(RateLimiterRedis.layerStore({ host: server.host, port: server.port }))
    )
  ).pipe(Effect.map(Context.get(NonceStore.NonceStore)))

describe("NonceStore", () => {
  it.scopedLive("on one Redis, exactly one of several instances accepts a nonce, even when they race", () =>
    Effect.gen(function* () {
      const server = yield* Redis.start
      const stores = yield* Effect.all([1, 2, 3].map(() => instance(server, "race:")))
      for (let round = 0; round < 20; round++) {
        const nonce = `nonce-${round}`
        // every instance tries the same nonce several times at once
        const answers = yield* Effect.all(
          stores.flatMap((store) => [1, 2, 3, 4].map(() => store.remember(nonce, Duration.minutes(10)))),
          { concurrency: "unbounded" }
        )
        assert.strictEqual(answers.filter((fresh) => fresh).length, 1, `round ${round}: ${answers}`)
      }
      // another prefix is another store
      const other = yield* instance(server, "other:")
      assert.isTrue(yield* other.remember("nonce-0", Duration.minutes(10)))
    })
  )

  it.scopedLive("a nonce is accepted again once its TTL has passed on the server", () =>
    Effect.gen(function* () {
      const server = yield* Redis.start
      const store = yield* instance(server, "ttl:")
      assert.isTrue(yield* store.remember("short", Duration.millis(50)))
      assert.isFalse(yield* store.remember("short", Duration.millis(50)))
      // Redis expires the key on its own clock: poll until it does (bounded)
      let accepted = false
      for (let i = 0; i < 200 && !accepted; i++) {
        yield* Effect.sleep("10 millis")
        accepted = yield* store.remember("short", Duration.millis(50))
      }
      assert.isTrue(accepted)
      // the store's minimum TTL wins over a shorter one asked by the verifier
      const kept = yield* Layer.build(
        NonceStore.layerStore({ prefix: "min:", ttl: "10 minutes" }).pipe(
          Layer.provide(RateLimiterRedis.layerStore({ host: server.host, port: server.port }))
        )
      ).pipe(Effect.map(Context.get(NonceStore.NonceStore)))
      assert.isTrue(yield* kept.remember("long", Duration.millis(1)))
      yield* Effect.sleep("20 millis")
      assert.isFalse(yield* kept.remember("long", Duration.millis(1)))
    })
  )

  it.scopedLive("a signed callback verified by one instance is a ReplayedNonce on another", () =>
    Effect.gen(function* () {
      const server = yield* Redis.start
      const [a, b] = yield* Effect.all([instance(server, "verify:"), instance(server, "verify:")])
      const body = '{"app_id":"A","message":{}}'
      const headers = Signature.sign(body, SECRET, { nonce: "n-1" })
      const first = yield* Signature.verify(body, headers, { secrets: SECRET, nonceStore: a! })
      assert.strictEqual(first.nonce, "n-1")
      const replay = yield* Effect.flip(Signature.verify(body, headers, { secrets: SECRET, nonceStore: b! }))
      assert.strictEqual(replay.reason, "ReplayedNonce")
    })
  )

  it.effect("the in-memory RateLimiterStore gives the same store on one machine", () =>
    Effect.gen(function* () {
      const store = yield* NonceStore.makeStore()
      assert.isTrue(yield* store.remember("x", Duration.minutes(1)))
      assert.isFalse(yield* store.remember("x", Duration.minutes(1)))
    }).pipe(Effect.provide(RateLimiter.layerStoreMemory))
  )
})
