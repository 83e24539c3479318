/**
 * Throughput of verify + decode (`Webhook.parse` and `Webhook.parseExit`: header checks, timestamp window, HMAC-SHA256 with constant-time
 * comparison, JSON.parse, Schema decoding into the callback union) against HMAC + JSON.parse alone, on the same 10k
 * signed bodies (all conformance callbacks in turn, each with its own correlation id).
 *
 * Both sides use the same HMAC primitive (a prepared key, base64 decoding, timingSafeEqual). The three variants run
 * interleaved, round after round, so that they see the same machine load; medians are reported, by wall-clock and by
 * process CPU time (steadier on a busy machine).
 *
 * Run: `pnpm bench` at the root builds every package, then measures the built code (what users run).
 */
import { Callbacks } from "@sinch-effect/schema"
import { Effect, Redacted, Schema } from "effect"
import { createHmac, createSecretKey, timingSafeEqual } from "node:crypto"
import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { NonceStore, Signature, Webhooks } from "@sinch-effect/webhooks"

const N = 10_000
const ROUNDS = 15
const SECRET = "bench-secret"

const dir =
  process.env["SINCH_CONFORMANCE_DIR"] ?? fileURLToPath(new URL("../../../../shared/conformance", import.meta.url))
const payloads = readdirSync(join(dir, "webhooks"))
  .filter((name) => name.endsWith(".json"))
  .sort()
  .map((name) => JSON.parse(readFileSync(join(dir, "webhooks", name), "utf8")) as Record<string, unknown>)

const now = Math.floor(Date.now() / 1000)
const requests = Array.from({ length: N }, (_, i) => {
  const body = JSON.stringify({ ...payloads[i % payloads.length], correlation_id: `bench-${i}` })
  return { body, headers: Signature.sign(body, SECRET, { timestamp: now, nonce: `nonce-${i}` }) }
})
// the same bodies as bytes, as a server reads them
const requestsAsBytes = requests.map(({ body, headers }) => ({ body: Buffer.from(body, "utf8"), headers }))
const averageBytes = requests.reduce((n, r) => n + Buffer.byteLength(r.body), 0) / N

// every round verifies the same signed requests: a store that remembers every nonce would refuse them from the second
// round on, so this one remembers none (never do this in a server); like NonceStore.memory(), it answers synchronously
const nonceStore = NonceStore.NonceStore.of({ remember: () => Effect.succeed(true), rememberSync: () => true })
const webhook = Webhooks.make({ secrets: Redacted.make(SECRET), nonceStore })
const key = createSecretKey(Buffer.from(SECRET, "utf8"))

let sink = 0

const baseline = () => {
  for (const { body, headers } of requests) {
    const nonce = headers["x-sinch-webhook-signature-nonce"]
    const timestamp = headers["x-sinch-webhook-signature-timestamp"]
    const mac = createHmac("sha256", key).update(`${body}.${nonce}.${timestamp}`).digest()
    if (!timingSafeEqual(mac, Buffer.from(headers["x-sinch-webhook-signature"], "base64"))) {
      throw new Error("baseline mismatch")
    }
    sink += (JSON.parse(body) as { app_id: string }).app_id.length
  }
}

// the same, with the key given as a string on every call (as HMAC verification is usually written)
const baselineStringKey = () => {
  for (const { body, headers } of requests) {
    const nonce = headers["x-sinch-webhook-signature-nonce"]
    const timestamp = headers["x-sinch-webhook-signature-timestamp"]
    const mac = createHmac("sha256", SECRET).update(`${body}.${nonce}.${timestamp}`).digest()
    if (!timingSafeEqual(mac, Buffer.from(headers["x-sinch-webhook-signature"], "base64"))) {
      throw new Error("baseline mismatch")
    }
    sink += (JSON.parse(body) as { app_id: string }).app_id.length
  }
}

const baselineBytes = () => {
  for (const { body, headers } of requestsAsBytes) {
    const nonce = headers["x-sinch-webhook-signature-nonce"]
    const timestamp = headers["x-sinch-webhook-signature-timestamp"]
    const mac = createHmac("sha256", key).update(body).update(`.${nonce}.${timestamp}`).digest()
    if (!timingSafeEqual(mac, Buffer.from(headers["x-sinch-webhook-signature"], "base64"))) {
      throw new Error("baseline mismatch")
    }
    sink += (JSON.parse(body.toString("utf8")) as { app_id: string }).app_id.length
  }
}

const oneFiberBytes = Effect.forEach(
  requestsAsBytes,
  ({ body, headers }) => Effect.map(webhook.parse(body, headers), ({ event }) => (sink += event._tag.length)),
  { discard: true }
)
const inOneFiberBytes = () => Effect.runSync(oneFiberBytes)

// the floor for any verify + decode with this schema: HMAC + JSON.parse + the callback Schema, nothing else
const decodeCallback = Schema.decodeUnknownEither(Callbacks.Callback)
const baselinePlusSchema = () => {
  for (const { body, headers } of requests) {
    const nonce = headers["x-sinch-webhook-signature-nonce"]
    const timestamp = headers["x-sinch-webhook-signature-timestamp"]
    const mac = createHmac("sha256", key).update(`${body}.${nonce}.${timestamp}`).digest()
    if (!timingSafeEqual(mac, Buffer.from(headers["x-sinch-webhook-signature"], "base64"))) {
      throw new Error("baseline mismatch")
    }
    sink += decodeCallback(JSON.parse(body))._tag.length
  }
}

const runSyncEach = () => {
  for (const { body, headers } of requests) {
    sink += Effect.runSync(webhook.parse(body, headers)).event._tag.length
  }
}

// the synchronous path: no fiber at all
const parseExitEach = () => {
  for (const { body, headers } of requests) {
    const exit = webhook.parseExit(body, headers)
    if (exit._tag === "Failure") throw new Error("parseExit refused a callback")
    sink += exit.value.event._tag.length
  }
}

const oneFiber = Effect.forEach(
  requests,
  ({ body, headers }) => Effect.map(webhook.parse(body, headers), ({ event }) => (sink += event._tag.length)),
  { discard: true }
)
const inOneFiber = () => Effect.runSync(oneFiber)

interface Sample {
  readonly wall: number
  readonly cpu: number
}
const time = (run: () => void): Sample => {
  const cpu = process.cpuUsage()
  const start = process.hrtime.bigint()
  run()
  const wall = Number(process.hrtime.bigint() - start) / 1e6
  const used = process.cpuUsage(cpu)
  return { wall, cpu: (used.user + used.system) / 1000 }
}
const median = (values: ReadonlyArray<number>): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

// warm-up
for (let i = 0; i < 2; i++) {
  baseline()
  baselineStringKey()
  baselinePlusSchema()
  runSyncEach()
  parseExitEach()
  inOneFiber()
  baselineBytes()
  inOneFiberBytes()
}

const samples = {
  baseline: [] as Array<Sample>,
  baselineStringKey: [] as Array<Sample>,
  baselinePlusSchema: [] as Array<Sample>,
  runSyncEach: [] as Array<Sample>,
  parseExitEach: [] as Array<Sample>,
  inOneFiber: [] as Array<Sample>,
  baselineBytes: [] as Array<Sample>,
  inOneFiberBytes: [] as Array<Sample>
}
for (let round = 0; round < ROUNDS; round++) {
  samples.baseline.push(time(baseline))
  samples.baselineStringKey.push(time(baselineStringKey))
  samples.baselinePlusSchema.push(time(baselinePlusSchema))
  samples.runSyncEach.push(time(runSyncEach))
  samples.parseExitEach.push(time(parseExitEach))
  samples.inOneFiber.push(time(inOneFiber))
  samples.baselineBytes.push(time(baselineBytes))
  samples.inOneFiberBytes.push(time(inOneFiberBytes))
}

const format = (n: number) => Math.round(n).toLocaleString("en-US").padStart(9)
const rates = (name: keyof typeof samples) => {
  const wall = median(samples[name].map((s) => s.wall))
  const cpu = median(samples[name].map((s) => s.cpu))
  return { wall, cpu, wallRate: (N / wall) * 1000, cpuRate: (N / cpu) * 1000 }
}
const base = rates("baseline")
const baseStringKey = rates("baselineStringKey")
const basePlusSchema = rates("baselinePlusSchema")
const each = rates("runSyncEach")
const exitEach = rates("parseExitEach")
const fiber = rates("inOneFiber")
const bytesBase = rates("baselineBytes")
const bytesFiber = rates("inOneFiberBytes")

console.log(
  `${N} signed callbacks (${payloads.length} conformance payloads, ${averageBytes.toFixed(0)} bytes on average), ` +
    `median of ${ROUNDS} interleaved rounds, Node ${process.version}`
)
console.log("                                               events/s (wall)  events/s (CPU)")
console.log(`HMAC + JSON.parse alone                        ${format(base.wallRate)}        ${format(base.cpuRate)}`)
console.log(
  `  (same, HMAC key as a string each call)     ${format(baseStringKey.wallRate)}        ${format(baseStringKey.cpuRate)}`
)
console.log(
  `HMAC + JSON.parse + Schema decode, bare       ${format(basePlusSchema.wallRate)}        ${format(basePlusSchema.cpuRate)}`
)
console.log(`verify + decode, in one fiber (server path)    ${format(fiber.wallRate)}        ${format(fiber.cpuRate)}`)
console.log(`verify + decode, Effect.runSync per event      ${format(each.wallRate)}        ${format(each.cpuRate)}`)
console.log(
  `verify + decode, parseExit (no fiber)          ${format(exitEach.wallRate)}        ${format(exitEach.cpuRate)}`
)
console.log(`bodies as bytes (Buffer), as read from a socket:`)
console.log(
  `HMAC + JSON.parse alone                        ${format(bytesBase.wallRate)}        ${format(bytesBase.cpuRate)}`
)
console.log(
  `verify + decode, in one fiber                  ${format(bytesFiber.wallRate)}        ${format(bytesFiber.cpuRate)}`
)
const ratio = (label: string, a: typeof base, b: typeof base, note = "") =>
  console.log(
    `${label.padEnd(58)} ${(a.wallRate / b.wallRate).toFixed(2)} (wall)  ${(a.cpuRate / b.cpuRate).toFixed(2)} (CPU)${note}`
  )
ratio("ratio, one fiber / baseline (same HMAC primitive)", fiber, base, "   target >= 0.5")
ratio("ratio, runSync per event / baseline", each, base)
ratio("ratio, parseExit per event / baseline", exitEach, base)
ratio("ratio, one fiber / baseline with a string key", fiber, baseStringKey)
ratio("ratio, bare HMAC + JSON.parse + Schema / baseline (ceiling)", basePlusSchema, base)
ratio("ratio, bytes: one fiber / baseline (same HMAC primitive)", bytesFiber, bytesBase, "   target >= 0.5")
if (sink === 0) throw new Error("nothing measured")
