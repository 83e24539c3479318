/**
 * Callback delivery benchmark: how many signed callbacks per second the emulator delivers to one webhook. Run:
 * `npx tsx --conditions=@sinch-effect/source packages/emulator/bench/callbacks.bench.ts` (the sources) or with the
 * built package.
 *
 * The emulator runs in this process; the webhook receiver runs in a child process (a bare `node:http` server that
 * counts the POSTs and answers 200), so the numbers are the emulator's, not the receiver's. BENCH_RECIPIENTS (default
 * 10 000) recipients are sent in batches of 1000 through the Batch API; every recipient brings two delivery reports
 * (QUEUED_ON_CHANNEL, DELIVERED) and every batch a status callback. The clock runs from the first batch sent to the
 * last callback received; the emulator's CPU time (this process: the batches and the callbacks) is given per callback,
 * a figure that depends less on what else the machine runs. BENCH_CONCURRENCY sets the emulator's `callbackConcurrency` (callbacks in flight to the
 * webhook; default 16).
 */
import { spawn } from "node:child_process"
import { Emulator } from "@sinch-effect/emulator"
import * as Effect from "effect/Effect"

const RECIPIENTS = Number(process.env["BENCH_RECIPIENTS"] ?? 10_000)
const BATCH = 1000
const CONCURRENCY =
  process.env["BENCH_CONCURRENCY"] === undefined ? undefined : Number(process.env["BENCH_CONCURRENCY"])

const RECEIVER = `
const http = require("node:http")
let count = 0
const server = http.createServer((req, res) => {
  req.resume()
  req.on("end", () => { count++; res.writeHead(200); res.end() })
})
server.listen(0, "127.0.0.1", () => process.stdout.write("port " + server.address().port + "\\n"))
process.stdin.on("data", () => process.stdout.write("count " + count + "\\n"))
`

/** The receiver: its URL and a way to ask how many callbacks it got. */
const startReceiver = Effect.acquireRelease(
  Effect.async<{ url: string; count: () => Promise<number>; child: ReturnType<typeof spawn> }, Error>((resume) => {
    const child = spawn(process.execPath, ["-e", RECEIVER], { stdio: ["pipe", "pipe", "inherit"] })
    let waiting: Array<(n: number) => void> = []
    let buffer = ""
    child.stdout.on("data", (d: Buffer) => {
      buffer += d.toString()
      let nl: number
      while ((nl = buffer.indexOf("\n")) >= 0) {
        const line = buffer.slice(0, nl)
        buffer = buffer.slice(nl + 1)
        if (line.startsWith("port ")) {
          const url = `http://127.0.0.1:${line.slice(5)}/callbacks`
          const count = () =>
            new Promise<number>((resolve) => {
              waiting.push(resolve)
              child.stdin.write("?\n")
            })
          resume(Effect.succeed({ url, count, child }))
        } else if (line.startsWith("count ")) {
          const [first, ...rest] = waiting
          waiting = rest
          first?.(Number(line.slice(6)))
        }
      }
    })
    child.on("error", (e) => resume(Effect.fail(e)))
  }),
  ({ child }) => Effect.sync(() => child.kill())
)

const program = Effect.gen(function* () {
  const emu = yield* Emulator.serve({ deliveryDelayMillis: 0, callbackConcurrency: CONCURRENCY })
  const receiver = yield* startReceiver
  const authorization = `Basic ${Buffer.from(`${emu.keyId}:${emu.env["SINCH_KEY_SECRET"]}`).toString("base64")}`
  const call = (url: string, body: unknown) =>
    Effect.promise(async () => {
      const res = await fetch(url, {
        method: "POST",
        headers: { authorization, "content-type": "application/json" },
        body: JSON.stringify(body)
      })
      const json = (await res.json()) as Record<string, unknown>
      if (!res.ok) throw new Error(`${url}: ${res.status} ${JSON.stringify(json)}`)
      return json
    })
  const api = `${emu.url}/v1/projects/${emu.projectId}`
  const app = yield* call(`${api}/apps`, {
    display_name: "bench",
    processing_mode: "DISPATCH",
    channel_credentials: [{ channel: "SMS", static_bearer: { claimed_identity: "bench", token: "token" } }]
  })
  yield* call(`${api}/webhooks`, {
    app_id: app["id"],
    target: receiver.url,
    triggers: ["BATCH_STATUS_UPDATE", "MESSAGE_DELIVERY"],
    secret: "bench-secret"
  })
  const batches = Math.ceil(RECIPIENTS / BATCH)
  const expected = 2 * RECIPIENTS + batches
  const started = performance.now()
  const cpu = process.cpuUsage()
  for (let b = 0; b < batches; b++) {
    const size = Math.min(BATCH, RECIPIENTS - b * BATCH)
    yield* call(`${emu.batchUrl}/v1/projects/${emu.projectId}/messages`, {
      app_id: app["id"],
      message: { text_message: { text: "Hello ${n}" } },
      recipient_and_params: Array.from({ length: size }, (_, i) => ({
        recipient: {
          identified_by: {
            channel_identities: [{ channel: "SMS", identity: `+46${String(b * BATCH + i).padStart(9, "0")}` }]
          }
        },
        parameters: { n: String(b * BATCH + i) }
      }))
    })
  }
  const sentMs = performance.now() - started
  yield* emu.awaitCallbacks
  const got = yield* Effect.promise(() => receiver.count())
  const ms = performance.now() - started
  const used = process.cpuUsage(cpu)
  const failed = (yield* emu.deliveries).filter((d) => d.outcome !== "delivered").length
  console.log(
    `${RECIPIENTS} recipients in ${batches} batches (sent in ${sentMs.toFixed(0)} ms): ${got}/${expected} callbacks ` +
      `in ${ms.toFixed(0)} ms = ${((got / ms) * 1000).toFixed(0)} callbacks/s` +
      `${failed > 0 ? `, ${failed} not delivered in the last 10 000 logged` : ""}, ` +
      `emulator CPU ${((used.user + used.system) / 1000 / got).toFixed(3)} ms per callback, ` +
      `rss ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MiB`
  )
})

await Effect.runPromise(Effect.scoped(program))
