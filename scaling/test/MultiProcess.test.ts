/**
 * Beyond one machine: the emulator, 3 receiver processes, 2 worker processes and 4 sender processes sharing one real
 * Redis through @effect/experimental.
 *
 * - The emulator delivers 10k signed callbacks through a round-robin load balancer to the receivers, while a worker
 *   and a receiver are killed with SIGKILL at random moments. Every callback is handled, its effect applied once,
 *   and a replay of a delivered callback to any instance is refused.
 * - The same 10k callbacks through receivers with in-memory queues: the throughput of both paths is printed.
 * - 4 senders sending as fast as they can stay under the emulator's project limit with the shared limiter (0 429s),
 *   and collect 429s without it.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { assert, describe, it } from "@effect/vitest"
import { SinchClient } from "@sinch-effect/client"
import { Emulator } from "@sinch-effect/emulator"
import { type ChildProcess, spawn } from "node:child_process"
import * as Http from "node:http"
import type { AddressInfo } from "node:net"
import { fileURLToPath } from "node:url"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as Scope from "effect/Scope"
import { Redis as RedisClient } from "ioredis"
import * as Redis from "../redis.js"

const CALLBACKS = Number(process.env["SCALING_CALLBACKS"] ?? 10_000)
/** The in-memory path is measured on fewer callbacks (its rate is what is compared), to keep the suite short. */
const MEMORY_CALLBACKS = Math.min(CALLBACKS, 2_000)
const SECRET = "scaling-secret"
const LIMIT = 40
const processDir = fileURLToPath(new URL("../processes/", import.meta.url))
const tsx = fileURLToPath(new URL("../../node_modules/tsx/dist/esm/index.mjs", import.meta.url))

interface Proc {
  readonly child: ChildProcess
  /** The first line the process printed. */
  readonly ready: string
  readonly output: () => string
}

/** Starts a process of `scaling/processes` and waits for its first line (its readiness signal). */
const startProcess = (script: string, env: Record<string, string>): Effect.Effect<Proc, Error, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.async<Proc, Error>((resume) => {
      const child = spawn(
        process.execPath,
        ["--conditions=@sinch-effect/source", "--import", tsx, `${processDir}${script}.ts`],
        { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] }
      )
      let out = ""
      let err = ""
      let done = false
      child.stdout!.on("data", (chunk: Buffer) => {
        out += chunk.toString()
        const newline = out.indexOf("\n")
        if (!done && newline >= 0) {
          done = true
          resume(Effect.succeed({ child, ready: out.slice(0, newline), output: () => out + err }))
        }
      })
      child.stderr!.on("data", (chunk: Buffer) => (err += chunk.toString()))
      child.once("exit", (code, signal) => {
        if (!done) {
          done = true
          resume(
            Effect.fail(new Error(`${script} exited (${code ?? signal}) before it was ready:\n${err.slice(-3000)}`))
          )
        }
      })
    }),
    (proc) =>
      Effect.promise(
        () =>
          new Promise<void>((resolve) => {
            if (proc.child.exitCode !== null || proc.child.signalCode !== null) return resolve()
            proc.child.once("exit", () => resolve())
            proc.child.kill("SIGKILL")
          })
      )
  )

const waitExit = (proc: Proc) =>
  Effect.promise(
    () =>
      new Promise<number | null>((resolve) => {
        if (proc.child.exitCode !== null || proc.child.signalCode !== null) return resolve(proc.child.exitCode)
        proc.child.once("exit", (code) => resolve(code))
      })
  )

const kill = (proc: Proc) =>
  Effect.promise(
    () =>
      new Promise<void>((resolve) => {
        if (proc.child.exitCode !== null || proc.child.signalCode !== null) return resolve()
        proc.child.once("exit", () => resolve())
        proc.child.kill("SIGKILL")
      })
  )

/** A round-robin load balancer over the receivers; a receiver that refuses the connection is skipped. */
const loadBalancer = (
  ports: ReadonlyArray<number>,
  record: (headers: Http.IncomingHttpHeaders, body: string) => void
) =>
  Effect.acquireRelease(
    Effect.async<{ readonly url: string; readonly server: Http.Server }>((resume) => {
      const agent = new Http.Agent({ keepAlive: true, maxSockets: 64 })
      let next = 0
      const forward = (body: Buffer, headers: Http.IncomingHttpHeaders, tries: number, res: Http.ServerResponse) => {
        const port = ports[next++ % ports.length]!
        const request = Http.request(
          { host: "127.0.0.1", port, method: "POST", path: "/", headers, agent },
          (answer) => {
            const chunks: Array<Buffer> = []
            answer.on("data", (c: Buffer) => chunks.push(c))
            answer.on("end", () => {
              if (answer.statusCode === 200) record(headers, body.toString("utf8"))
              res.writeHead(answer.statusCode ?? 502, answer.headers)
              res.end(Buffer.concat(chunks))
            })
            answer.on("error", () => {
              res.writeHead(502)
              res.end()
            })
          }
        )
        request.on("error", (error: NodeJS.ErrnoException) => {
          // nothing was sent to a receiver that refused the connection: try the next one, like a load balancer
          if (error.code === "ECONNREFUSED" && tries < ports.length) return forward(body, headers, tries + 1, res)
          if (!res.headersSent) res.writeHead(502)
          res.end()
        })
        request.end(body)
      }
      const server = Http.createServer({ keepAlive: true }, (req, res) => {
        const chunks: Array<Buffer> = []
        req.on("data", (c: Buffer) => chunks.push(c))
        req.on("end", () => forward(Buffer.concat(chunks), req.headers, 1, res))
      })
      server.listen(0, "127.0.0.1", () =>
        resume(Effect.succeed({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server }))
      )
    }),
    ({ server }) => Effect.promise(() => new Promise<void>((resolve) => server.close(() => resolve())))
  )

const await_ = <A>(p: Promise<A>) => Effect.promise(() => p)

/** Polls `check` until it answers true (a readiness signal), at most `seconds`. */
const until = (what: string, seconds: number, check: () => Promise<boolean>) =>
  Effect.promise(async () => {
    const deadline = Date.now() + seconds * 1000
    while (Date.now() < deadline) {
      if (await check()) return
      await new Promise((r) => setTimeout(r, 50))
    }
    throw new Error(`timed out waiting for ${what}`)
  })

const clientOf = (emu: Emulator.Running) =>
  Layer.build(
    SinchClient.layerWith({ ...emu.clientOptions, authMode: "basic", rateLimit: false }).pipe(
      Layer.provide(FetchHttpClient.layer),
      Layer.orDie
    )
  ).pipe(Effect.map(Context.get(SinchClient.SinchClient)))

/** Creates an app whose webhook (MESSAGE_INBOUND) targets `target`. */
const appWithWebhook = (sinch: SinchClient.Service, target: string | undefined) =>
  Effect.gen(function* () {
    const app = yield* sinch.apps.create({
      display_name: "scaling",
      channel_credentials: [{ channel: "SMS", static_bearer: { claimed_identity: "plan", token: "t" } }]
    } as never)
    if (target !== undefined) {
      yield* sinch.webhooks.create({
        app_id: app.id!,
        target,
        target_type: "HTTP",
        secret: SECRET,
        triggers: ["MESSAGE_INBOUND"]
      } as never)
    }
    return app.id!
  })

/** Injects `count` inbound messages (one MESSAGE_INBOUND callback each) through the emulator's control API. */
const inject = (emu: Emulator.Running, appId: string, count: number, onProgress: (n: number) => Effect.Effect<void>) =>
  Effect.gen(function* () {
    let injected = 0
    yield* Effect.forEach(
      Array.from({ length: count }, (_, i) => i),
      (i) =>
        Effect.promise(() =>
          fetch(`${emu.url}/emulator/projects/${emu.projectId}/inbound-messages`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({
              app_id: appId,
              channel: "SMS",
              identity: `4670${String(i % 1000).padStart(7, "0")}`,
              contact_message: { text_message: { text: `message ${i}` } }
            })
          }).then((r) => {
            if (r.status !== 200) throw new Error(`inbound ${i}: ${r.status}`)
            return r.text()
          })
        ).pipe(Effect.zipRight(Effect.suspend(() => onProgress(++injected)))),
      { concurrency: 32, discard: true }
    )
  })

describe("scaling out on one Redis", () => {
  it.scopedLive(
    "10k callbacks through 3 receivers and 2 workers with SIGKILLs: all handled, effects once, replays refused",
    () =>
      Effect.gen(function* () {
        const server = yield* Redis.start
        const redis = yield* Effect.acquireRelease(
          Effect.sync(() => new RedisClient({ host: server.host, port: server.port })),
          (r) => Effect.promise(() => r.quit())
        )
        const env = { SCALING_REDIS_PORT: String(server.port), SCALING_SECRET: SECRET }
        const emu = yield* Emulator.serve({
          port: 0,
          // a receiver killed mid-request answers nothing: Sinch-like retries bring the callback back
          callbackRetry: { initialDelayMillis: 100, maxDelayMillis: 1000, maxRetries: 50, timeoutMillis: 10_000 }
        })
        const sinch = yield* clientOf(emu)

        /** Runs the 10k callbacks through receivers in `mode`; kills at random moments when `chaos`. */
        const run = (mode: "durable" | "memory", chaos: boolean, count: number) =>
          Effect.gen(function* () {
            yield* Effect.promise(() => redis.flushall())
            const receivers = yield* Effect.all(
              [1, 2, 3].map(() => startProcess("receiver", { ...env, SCALING_MODE: mode })),
              { concurrency: "unbounded" }
            )
            const workers =
              mode === "durable"
                ? yield* Effect.all(
                    [1, 2].map(() => startProcess("worker", env)),
                    { concurrency: "unbounded" }
                  )
                : []
            const accepted: Array<{ headers: Http.IncomingHttpHeaders; body: string }> = []
            const lb = yield* loadBalancer(
              receivers.map((r) => Number(r.ready.split(" ")[1])),
              (headers, body) => {
                if (accepted.length < 50) accepted.push({ headers, body })
              }
            )
            const appId = yield* appWithWebhook(sinch, lb.url)
            const killWorkerAt = Math.floor(count * (0.1 + 0.5 * Math.random()))
            const killReceiverAt = Math.floor(count * (0.1 + 0.5 * Math.random()))
            const started = performance.now()
            yield* inject(emu, appId, count, (n) =>
              !chaos
                ? Effect.void
                : n === killWorkerAt
                  ? Effect.forkDaemon(kill(workers[0]!))
                  : n === killReceiverAt
                    ? Effect.forkDaemon(kill(receivers[0]!))
                    : Effect.void
            )
            yield* emu.awaitCallbacks
            yield* until("every effect applied", 180, async () => (await redis.hlen("scaling:effects")) >= count).pipe(
              Effect.tapErrorCause(() =>
                Effect.promise(async () =>
                  console.error(
                    `queue ${await redis.llen("effectq:sinch-callbacks")}, pending ${await redis.hlen("effectq:sinch-callbacks:pending")}, dead ${await redis.llen("effectq:sinch-callbacks-dead")}, effects ${await redis.hlen("scaling:effects")}, deliveries pending ${
                      (await Effect.runPromise(emu.deliveries)).filter((d) => d.outcome === "pending").length
                    }; ${receivers.map((r) => r.output().slice(-500)).join("\n")}; ${workers.map((r) => r.output().slice(-1500)).join("\n")}`
                  )
                )
              )
            )
            const seconds = (performance.now() - started) / 1000
            const deliveries = (yield* emu.deliveries).filter((d) => d.target === lb.url)
            const runs = yield* await_(redis.hvals("scaling:runs"))
            return { receivers, workers, accepted, seconds, deliveries, runs, lb }
          })

        // the durable path, with a worker and a receiver killed at random moments
        const durable = yield* Effect.scoped(
          Effect.gen(function* () {
            const result = yield* run("durable", true, CALLBACKS)
            // every callback was acknowledged (none given up) and its effect applied exactly once
            assert.strictEqual(result.deliveries.length, CALLBACKS)
            assert.deepStrictEqual(
              result.deliveries.filter((d) => d.outcome !== "delivered").map((d) => d.outcome),
              []
            )
            assert.strictEqual(yield* await_(redis.hlen("scaling:effects")), CALLBACKS)
            // an effect ran again only for callbacks in flight on the killed worker (its 8 fibers) between the end of
            // the effect and the idempotency mark; every other redelivery was skipped by the helper
            const reruns = result.runs.filter((n) => Number(n) > 1).length
            assert.isAtMost(reruns, 8)
            // the killed processes are dead; the surviving worker took over the killed one's callbacks
            assert.isNotNull(result.workers[0]!.child.signalCode)
            assert.isNotNull(result.receivers[0]!.child.signalCode)
            // a replay of an accepted callback to any live receiver is refused, and applies nothing
            const live = result.receivers.filter((r) => r.child.signalCode === null)
            assert.isAbove(result.accepted.length, 10)
            for (const { body, headers } of result.accepted.slice(0, 10)) {
              for (const receiver of live) {
                const answer = yield* await_(
                  fetch(`http://127.0.0.1:${receiver.ready.split(" ")[1]}/`, {
                    method: "POST",
                    headers: Object.fromEntries(
                      Object.entries(headers).filter(([k]) => k.startsWith("x-sinch") || k === "content-type")
                    ) as Record<string, string>,
                    body
                  })
                )
                assert.strictEqual(answer.status, 401, yield* await_(answer.text()))
              }
            }
            assert.strictEqual(yield* await_(redis.hlen("scaling:effects")), CALLBACKS)
            return { seconds: result.seconds, reruns }
          })
        )

        // the same load through in-memory queues (each receiver handles what it receives), no kills
        const memory = yield* Effect.scoped(
          Effect.gen(function* () {
            const result = yield* run("memory", false, MEMORY_CALLBACKS)
            assert.strictEqual(yield* await_(redis.hlen("scaling:effects")), MEMORY_CALLBACKS)
            return { seconds: result.seconds }
          })
        )
        console.log(
          `scaling: ${CALLBACKS} callbacks through the durable path (Redis, 3 receivers + 2 workers, 1 of each ` +
            `SIGKILLed): ${durable.seconds.toFixed(1)} s, ${(CALLBACKS / durable.seconds).toFixed(0)} callbacks/s, ` +
            `${durable.reruns} effect re-runs; in-memory path (3 receivers, ${MEMORY_CALLBACKS} callbacks): ` +
            `${memory.seconds.toFixed(1)} s, ${(MEMORY_CALLBACKS / memory.seconds).toFixed(0)} callbacks/s`
        )
      })
  )

  it.scopedLive("4 senders stay under the project limit with the shared limiter, and collect 429s without it", () =>
    Effect.gen(function* () {
      const server = yield* Redis.start
      const emu = yield* Emulator.serve({ port: 0, rateLimitPerSecond: LIMIT })
      const sinch = yield* clientOf(emu)
      const appId = yield* appWithWebhook(sinch, undefined)
      const senders = (limiter: "on" | "off") =>
        Effect.scoped(
          Effect.gen(function* () {
            const env = {
              ...emu.env,
              SCALING_REDIS_PORT: String(server.port),
              SCALING_SECRET: SECRET,
              SCALING_APP_ID: appId,
              SCALING_LIMITER: limiter,
              SCALING_RATE: String(LIMIT),
              SCALING_SECONDS: "4",
              // at most 4 x 8 requests pending at once: even when a stall releases them together they fit in the
              // emulator's burst (a second of requests), so a 429 can only come from exceeding the rate
              SCALING_CONCURRENCY: "8"
            }
            const procs = yield* Effect.all(
              [1, 2, 3, 4].map(() => startProcess("sender", env)),
              { concurrency: "unbounded" }
            )
            for (const p of procs) assert.strictEqual(yield* waitExit(p), 0, p.output())
            return procs.map(
              (p) =>
                JSON.parse(p.ready) as {
                  readonly sent: number
                  readonly limited: number
                  readonly other: number
                  readonly startedAt: number
                  readonly endedAt: number
                }
            )
          })
        )
      // the emulator's bucket starts full (a second of requests): wait until it is full again between runs
      const on = yield* senders("on")
      yield* Effect.sleep("1100 millis")
      const off = yield* senders("off")
      const total = (rs: typeof on, f: (r: (typeof on)[number]) => number) => rs.reduce((s, r) => s + f(r), 0)
      // the window from the first sender's start to the last one's end
      const seconds = (Math.max(...on.map((r) => r.endedAt)) - Math.min(...on.map((r) => r.startedAt))) / 1000
      const observed = total(on, (r) => r.sent) / seconds
      console.log(
        `scaling: 4 senders, emulator limit ${LIMIT}/s. Limiter on: ${total(on, (r) => r.sent)} sent, ` +
          `${total(on, (r) => r.limited)} 429s in ${seconds.toFixed(2)} s, observed ${observed.toFixed(1)}/s ` +
          `(${((observed / LIMIT) * 100).toFixed(1)}% of the configured rate). Limiter off: ` +
          `${total(off, (r) => r.sent)} sent, ${total(off, (r) => r.limited)} 429s`
      )
      assert.strictEqual(
        total(on, (r) => r.limited),
        0
      )
      assert.strictEqual(
        total(on, (r) => r.other),
        0
      )
      assert.isAbove(
        total(off, (r) => r.limited),
        0
      )
      assert.isAtMost(observed, LIMIT * 1.05)
    })
  )
})
