/**
 * A campaign in its own process, for the tests that kill it midway and measure its memory: sends CAMPAIGN_SIZE
 * generated recipients (a `Stream`, never an array) through `sinch.batch.sendAll` with a file checkpoint, and prints
 * one JSON line per outcome with the process's memory at that moment.
 *
 * Environment: the emulator's SINCH_* variables, CAMPAIGN_APP_ID, CAMPAIGN_SIZE, CAMPAIGN_CHECKPOINT (a file path),
 * CAMPAIGN_CONCURRENCY (default 4).
 */
import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import * as CheckpointStore from "../../src/CheckpointStore.js"
import * as SinchClient from "../../src/SinchClient.js"
import { recipient } from "./campaign-recipients.js"

const env = (name: string): string => {
  const value = process.env[name]
  if (value === undefined) throw new Error(`${name} is not set`)
  return value
}

const size = Number(env("CAMPAIGN_SIZE"))
const started = Date.now()
let peakRss = 0
let sent = 0

const program = Effect.gen(function* () {
  const sinch = yield* SinchClient.SinchClient
  const store = yield* CheckpointStore.makeFileSystem
  yield* sinch.batch
    .sendAll(Stream.range(0, size - 1).pipe(Stream.map(recipient)), {
      campaign: "kill-and-resume",
      app_id: env("CAMPAIGN_APP_ID"),
      message: { text_message: { text: "Hello number ${n}" } },
      concurrency: Number(process.env["CAMPAIGN_CONCURRENCY"] ?? "4"),
      checkpoint: { store, key: env("CAMPAIGN_CHECKPOINT") }
    })
    .pipe(
      Stream.runForEach((outcome) =>
        Effect.sync(() => {
          // the live heap (after a full collection), not garbage waiting to be collected
          ;(globalThis as { gc?: () => void }).gc?.()
          const memory = process.memoryUsage()
          peakRss = Math.max(peakRss, memory.rss)
          if (outcome._tag === "Accepted") sent += outcome.size
          process.stdout.write(
            JSON.stringify({
              tag: outcome._tag,
              chunk: outcome.chunk,
              sent,
              rss: memory.rss,
              heapUsed: memory.heapUsed
            }) + "\n"
          )
        })
      )
    )
  process.stdout.write(JSON.stringify({ done: true, sent, seconds: (Date.now() - started) / 1000, peakRss }) + "\n")
})

const client = SinchClient.layerConfig().pipe(Layer.provide(NodeHttpClient.layerUndici))

Effect.runPromise(program.pipe(Effect.provide(Layer.merge(client, NodeFileSystem.layer)))).catch((error) => {
  process.stderr.write(`${String(error)}\n`)
  process.exit(1)
})
