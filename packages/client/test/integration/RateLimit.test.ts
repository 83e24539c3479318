/**
 * The client's rate limiter against the emulator's project limit (429 + Retry-After), over real sockets, and shared
 * by several clients on a real Redis.
 */
import * as RateLimiter from "@effect/experimental/RateLimiter"
import * as RateLimiterRedis from "@effect/experimental/RateLimiter/Redis"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { assert, describe, it } from "@effect/vitest"
import { Emulator } from "@sinch-effect/emulator"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redis from "../../../../scaling/redis.js"
import * as Retry from "../../src/Retry.js"
import * as SinchClient from "../../src/SinchClient.js"
import * as SinchConfig from "../../src/SinchConfig.js"
import { recordingSpans } from "../utils/client.js"

const LIMIT = 100

/** A client of `emu` with `options`, built in the current scope (its own connections, like another process). */
const clientOf = (
  emu: Emulator.Running,
  options: Partial<SinchConfig.Options>,
  shared?: Layer.Layer<RateLimiter.RateLimiter>
) =>
  Layer.build(
    SinchClient.layerWith({ ...emu.clientOptions, authMode: "basic", ...options }).pipe(
      Layer.provide(FetchHttpClient.layer),
      Layer.provide(shared ?? Layer.empty),
      Layer.orDie
    )
  ).pipe(Effect.map(Context.get(SinchClient.SinchClient)))

/** Fires `total` apps.list at `concurrency` without retries; counts 429s, measures the rate. */
const fire = (clients: ReadonlyArray<SinchClient.Service>, total: number, concurrency: number) =>
  Effect.gen(function* () {
    let limited = 0
    let ok = 0
    const started = performance.now()
    yield* Effect.forEach(
      Array.from({ length: total }, (_, i) => clients[i % clients.length]!),
      (client) =>
        client.apps.list().pipe(
          Effect.matchEffect({
            onFailure: (error) => (error._tag === "RateLimited" ? Effect.sync(() => limited++) : Effect.die(error)),
            onSuccess: () => Effect.sync(() => ok++)
          })
        ),
      { concurrency, discard: true }
    )
    const seconds = (performance.now() - started) / 1000
    return { limited, ok, seconds, rate: total / seconds }
  }).pipe(Retry.withPolicy(Retry.policy({ idempotent: Retry.never, nonIdempotent: Retry.never })))

const emulator = Emulator.serve({ port: 0, rateLimitPerSecond: LIMIT })

describe("rate limiter", () => {
  it.scopedLive("with the limiter at the project limit: no 429, and the rate is the configured one", () =>
    Effect.gen(function* () {
      const emu = yield* emulator
      const client = yield* clientOf(emu, { rateLimit: { requestsPerSecond: LIMIT } })
      // the emulator's bucket starts full (a second of requests): drain it, so the measure starts at the steady rate
      const [result, spans] = yield* recordingSpans(fire([client], 3 * LIMIT, 30))
      assert.strictEqual(result.limited, 0)
      // 300 requests with a burst of 10 at 100/s take at least 2.9 s: never faster than the configured rate (slower
      // only when the machine is too busy to keep up, which is not the limiter's doing)
      assert.isAtMost(result.rate, LIMIT * 1.05, `observed ${result.rate.toFixed(1)}/s`)
      // the wait is visible in the operation spans: of the 30 requests that start together, those beyond the burst of
      // 10 find no token left (how many more wait depends on how fast the machine sends)
      const waited = spans.filter((s) => s.name === "Sinch.apps.list" && s.attributes.has("sinch.rate_limit.wait_ms"))
      assert.isAtLeast(waited.length, 10)
    })
  )

  it.scopedLive("without the limiter the same load collects 429s", () =>
    Effect.gen(function* () {
      // a low project limit, so that even a loaded machine sends faster than it without the limiter
      const emu = yield* Emulator.serve({ port: 0, rateLimitPerSecond: 10 })
      const client = yield* clientOf(emu, { rateLimit: false })
      const result = yield* fire([client], 60, 30)
      assert.isAbove(result.limited, 0)
    })
  )

  it.scopedLive("per-app pacing spaces the sends of one app, not those of another", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve({ port: 0 })
      const client = yield* clientOf(emu, { rateLimit: { appSendsPerSecond: 20 } })
      const app = (name: string) =>
        client.apps.create({
          display_name: name,
          channel_credentials: [{ channel: "SMS", static_bearer: { claimed_identity: "plan", token: "t" } }]
        } as never)
      const [a, b] = yield* Effect.all([app("A"), app("B")])
      const send = (appId: string, n: number) =>
        client.messages.send({
          app_id: appId,
          recipient: { identified_by: { channel_identities: [{ channel: "SMS", identity: `4670000${n}` }] } },
          message: { text_message: { text: "hi" } }
        } as never)
      const started = performance.now()
      const bDone = yield* Effect.fork(
        Effect.zipRight(
          Effect.forEach([1, 2, 3], (n) => send(b!.id!, n), { concurrency: "unbounded" }),
          Effect.sync(() => performance.now() - started)
        )
      )
      yield* Effect.forEach(
        Array.from({ length: 21 }, (_, n) => n),
        (n) => send(a!.id!, n),
        { concurrency: "unbounded" }
      )
      const aMillis = performance.now() - started
      // 21 sends at 20/s: 20 intervals of 50 ms
      assert.isAtLeast(aMillis, 950)
      // B's sends did not wait behind A's
      const bMillis = yield* bDone.await.pipe(Effect.flatten)
      assert.isBelow(bMillis, aMillis)
    })
  )

  it.scopedLive("clients sharing a RateLimiter on Redis stay under the project limit together", () =>
    Effect.gen(function* () {
      const server = yield* Redis.start
      // a low project limit, so that even a loaded machine sends faster than it with three separate limiters
      const limit = 20
      const emu = yield* Emulator.serve({ port: 0, rateLimitPerSecond: limit })
      const shared = () =>
        RateLimiter.layer.pipe(Layer.provide(RateLimiterRedis.layerStore({ host: server.host, port: server.port })))
      // each client has its own connection to Redis, as separate processes have
      const clients = yield* Effect.all(
        [1, 2, 3].map(() => clientOf(emu, { rateLimit: { requestsPerSecond: limit } }, shared()))
      )
      const together = yield* fire(clients, 3 * limit, 30)
      assert.strictEqual(together.limited, 0)
      assert.isAtMost(together.rate, limit * 1.05, `observed ${together.rate.toFixed(1)}/s`)
      // the same clients, each with a limiter of its own: three times the limit, 429s
      const alone = yield* Effect.all([1, 2, 3].map(() => clientOf(emu, { rateLimit: { requestsPerSecond: limit } })))
      const apart = yield* fire(alone, 6 * limit, 30)
      assert.isAbove(apart.limited, 0)
    })
  )
})

describe("rate limiter configuration", () => {
  const base = { projectId: "p", keyId: "k", keySecret: "s" }

  it.effect("defaults to Sinch's 800 requests/s with a burst of a tenth of a second; false turns it off", () =>
    Effect.gen(function* () {
      const config = yield* SinchConfig.make(base)
      assert.deepStrictEqual(config.rateLimit, {
        requestsPerSecond: 800,
        burst: 80,
        appSendsPerSecond: undefined,
        prefix: "sinch:"
      })
      assert.isUndefined((yield* SinchConfig.make({ ...base, rateLimit: false })).rateLimit)
    })
  )

  it.effect("invalid limits are ConfigErrors naming the setting", () =>
    Effect.gen(function* () {
      for (const rateLimit of [
        { requestsPerSecond: -1 },
        { requestsPerSecond: Number.NaN },
        { burst: 1.5 },
        { appSendsPerSecond: 0 }
      ]) {
        const error = yield* Effect.flip(SinchConfig.make({ ...base, rateLimit }))
        assert.include(String(error), "rateLimit.")
      }
    })
  )

  it.effect("SINCH_RATE_LIMIT sets the project's rate, or turns the limiter off", () =>
    Effect.gen(function* () {
      const read = (value: string) =>
        SinchConfig.config.pipe(
          Effect.withConfigProvider(
            ConfigProvider.fromMap(
              new Map([
                ["SINCH_PROJECT_ID", "p"],
                ["SINCH_KEY_ID", "k"],
                ["SINCH_KEY_SECRET", "s"],
                ["SINCH_RATE_LIMIT", value]
              ])
            )
          )
        )
      assert.strictEqual((yield* read("200")).rateLimit?.requestsPerSecond, 200)
      assert.isUndefined((yield* read("off")).rateLimit)
      assert.include(String(yield* Effect.flip(read("fast"))), "SINCH_RATE_LIMIT")
    })
  )
})
