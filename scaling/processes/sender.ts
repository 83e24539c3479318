/**
 * A sender process: sends requests (`apps.get`) through the client as fast as it can (SCALING_CONCURRENCY loops, no
 * retries) for SCALING_SECONDS, with the project rate limiter shared on Redis (SCALING_LIMITER=on) or none (off);
 * prints one JSON line: { sent, limited, other, startedAt, endedAt }.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { Retry, SinchClient } from "@sinch-effect/client"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { rateLimiterOnRedis, settings } from "./common.js"

const { redis } = settings()
const env = process.env
const limiterOn = env["SCALING_LIMITER"] === "on"
const seconds = Number(env["SCALING_SECONDS"] ?? 3)
const appId = env["SCALING_APP_ID"]!
const concurrency = Number(env["SCALING_CONCURRENCY"] ?? 8)

const client = SinchClient.layerWith({
  projectId: env["SINCH_PROJECT_ID"]!,
  keyId: env["SINCH_KEY_ID"]!,
  keySecret: env["SINCH_KEY_SECRET"]!,
  conversationUrl: env["SINCH_CONVERSATION_URL"]!,
  authUrl: env["SINCH_AUTH_URL"]!,
  authMode: "basic",
  rateLimit: limiterOn ? { requestsPerSecond: Number(env["SCALING_RATE"]) } : false
}).pipe(Layer.provide(FetchHttpClient.layer), Layer.provide(limiterOn ? rateLimiterOnRedis(redis) : Layer.empty))

const program = Effect.gen(function* () {
  const sinch = yield* SinchClient.SinchClient
  const counts = { sent: 0, limited: 0, other: 0 }
  const startedAt = Date.now()
  const started = performance.now()
  const deadline = started + seconds * 1000
  const loop = Effect.gen(function* () {
    while (performance.now() < deadline) {
      // a cheap call: the senders measure the limiter, not the emulator's handling of sends
      const result = yield* Effect.either(sinch.apps.get({ app_id: appId }))
      if (result._tag === "Right") counts.sent++
      else if (result.left._tag === "RateLimited") counts.limited++
      else counts.other++
    }
  })
  yield* Effect.all(
    Array.from({ length: concurrency }, () => loop),
    { concurrency: "unbounded", discard: true }
  )
  process.stdout.write(JSON.stringify({ ...counts, startedAt, endedAt: Date.now() }) + "\n")
}).pipe(Retry.withPolicy(Retry.policy({ idempotent: Retry.never, nonIdempotent: Retry.never })), Effect.provide(client))

Effect.runPromise(program).then(
  () => process.exit(0),
  (error) => {
    console.error(String(error))
    process.exit(1)
  }
)
