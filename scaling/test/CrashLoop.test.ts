/**
 * A callback whose handler kills the process every time: worker processes on one real Redis take it one after the
 * other and die, until the attempt count kept in Redis reaches maxAttempts; then the next worker dead-letters it
 * instead of running the handler again, and goes on with the other callbacks.
 */
import { assert, describe, it } from "@effect/vitest"
import { Intake, NonceStore, Signature, Webhooks } from "@sinch-effect/webhooks"
import { spawn } from "node:child_process"
import { fileURLToPath } from "node:url"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import { persistenceOnRedis, queuesOnRedis } from "../processes/common.js"
import * as Redis from "../redis.js"

const SECRET = "crash-loop-secret"
const MAX_ATTEMPTS = 3
const script = fileURLToPath(new URL("../processes/crashing-worker.ts", import.meta.url))
const tsx = fileURLToPath(new URL("../../node_modules/tsx/dist/esm/index.mjs", import.meta.url))
const webhook = Webhooks.make({ secrets: SECRET, nonceStore: NonceStore.memory() })

const inbound = (id: string, text: string) =>
  JSON.stringify({
    app_id: "APP",
    project_id: "PROJECT",
    accepted_time: "2026-01-01T00:00:00Z",
    message: {
      id,
      direction: "TO_APP",
      contact_message: { text_message: { text } },
      channel_identity: { channel: "SMS", identity: "46700000001", app_id: "APP" },
      conversation_id: "C1",
      contact_id: "K1",
      accept_time: "2026-01-01T00:00:00Z"
    }
  })

interface Worker {
  readonly exited: Promise<{ readonly signal: string | null; readonly stderr: string }>
  readonly handled: () => ReadonlyArray<string>
}

/** Starts a crashing worker process; stopped (SIGKILL) with the scope if it is still alive. */
const startWorker = (port: number) =>
  Effect.acquireRelease(
    Effect.sync((): Worker & { readonly kill: () => void } => {
      const child = spawn(process.execPath, ["--conditions=@sinch-effect/source", "--import", tsx, script], {
        env: {
          ...process.env,
          SCALING_REDIS_PORT: String(port),
          SCALING_SECRET: SECRET,
          SCALING_MAX_ATTEMPTS: String(MAX_ATTEMPTS)
        },
        stdio: ["ignore", "pipe", "pipe"]
      })
      let out = ""
      let err = ""
      child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()))
      child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()))
      return {
        exited: new Promise((resolve) => child.once("exit", (_, signal) => resolve({ signal, stderr: err }))),
        handled: () => [...out.matchAll(/^HANDLED (.+)$/gm)].map((m) => m[1]!),
        kill: () => void (child.exitCode === null && child.signalCode === null && child.kill("SIGKILL"))
      }
    }),
    (worker) => Effect.sync(worker.kill)
  )

describe("a crash-looping callback", () => {
  it.scopedLive(`reaches the dead letters after ${MAX_ATTEMPTS} workers died on it, instead of looping forever`, () =>
    Effect.gen(function* () {
      const server = yield* Redis.start
      const redis = { host: server.host, port: server.port }
      // the receiver: this process, on the same Redis
      const intake = yield* Effect.flatMap(
        Layer.build(Layer.merge(queuesOnRedis(redis), persistenceOnRedis(redis))),
        (context) => Effect.provide(Intake.make(webhook, { maxAttempts: MAX_ATTEMPTS }), context)
      )
      for (const [id, text] of [
        ["m-crash", "please crash"],
        ["m-fine", "hello"]
      ] as const) {
        const body = inbound(id, text)
        const reply = yield* Webhooks.handle(webhook, { body, headers: Signature.sign(body, SECRET) }, intake.handler)
        assert.strictEqual(reply.status, 200)
      }
      // workers one after the other: each either dies on the callback, or dead-letters it and lives on
      const workers: Array<Worker> = []
      let crashes = 0
      let survivor: Worker | undefined
      while (survivor === undefined) {
        assert.isAtMost(workers.length, MAX_ATTEMPTS, "a worker more than maxAttempts + 1: the callback loops")
        const worker = yield* startWorker(server.port)
        workers.push(worker)
        const lettered = Effect.gen(function* () {
          for (;;) {
            if ((yield* intake.deadLetters).length > 0) return
            yield* Effect.sleep("50 millis")
          }
        })
        const outcome = yield* Effect.raceFirst(
          Effect.map(
            Effect.promise(() => worker.exited),
            (exit) => Either.left(exit)
          ),
          Effect.map(lettered, () => Either.right(worker))
        )
        if (Either.isLeft(outcome)) {
          assert.strictEqual(outcome.left.signal, "SIGKILL", outcome.left.stderr)
          crashes++
        } else survivor = outcome.right
      }
      assert.strictEqual(crashes, MAX_ATTEMPTS)
      const [letter] = yield* intake.deadLetters
      assert.strictEqual(letter!.attempts, MAX_ATTEMPTS)
      assert.include(letter!.callback.body, "m-crash")
      assert.include(letter!.error, `${MAX_ATTEMPTS} attempts did not finish`)
      // the other callback was handled, once
      for (;;) {
        if (workers.some((w) => w.handled().includes("m-fine"))) break
        yield* Effect.sleep("50 millis")
      }
      assert.deepStrictEqual(
        workers.flatMap((w) => w.handled()),
        ["m-fine"]
      )
    })
  )
})
