/**
 * Emulator benchmark. Run: `pnpm bench` at the root builds every package, then measures the built code (what users run).
 *
 * 1. seeding 1M messages in-process: time, RSS and heap growth;
 * 2. requests/s over localhost for `GET messages` pages of 20 and for `messages:send`, against the `sinch-emulator`
 *    bin in its own process (so the load generator does not share the server's event loop).
 */
import { spawn } from "node:child_process"
import { readFileSync } from "node:fs"
import * as Http from "node:http"
import * as Path from "node:path"
import { fileURLToPath } from "node:url"
import * as Effect from "effect/Effect"
import { Emulator } from "@sinch-effect/emulator"

const here = Path.dirname(fileURLToPath(import.meta.url))
const SECONDS = Number(process.env["BENCH_SECONDS"] ?? 5)
const CONCURRENCY = Number(process.env["BENCH_CONCURRENCY"] ?? 32)
const MB = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`

const seedBench = Effect.scoped(
  Effect.gen(function* () {
    const emu = yield* Emulator.serve()
    const before = process.memoryUsage()
    const started = performance.now()
    const result = yield* emu.seed({ contacts: 10_000, messages: 1_000_000 })
    const ms = performance.now() - started
    const after = process.memoryUsage()
    console.log(
      `seed 1M messages (10k contacts, 10k conversations): ${ms.toFixed(0)} ms (${((result.messages / ms) * 1000).toFixed(0)} messages/s)`
    )
    console.log(
      `  memory: rss +${MB(after.rss - before.rss)} (total ${MB(after.rss)}), heap used +${MB(after.heapUsed - before.heapUsed)} (total ${MB(after.heapUsed)})`
    )
    // page latency on the seeded store, in-process
    const auth = `Basic ${Buffer.from(`${emu.keyId}:${emu.env["SINCH_KEY_SECRET"]}`).toString("base64")}`
    // (the API lists the messages of conversations per conversation or contact: one contact's pages, again and again)
    const ofContact = `contact_id=${result.firstContactId}`
    const t0 = performance.now()
    let token = ""
    for (let i = 0; i < 200; i++) {
      const res = yield* Effect.promise(() =>
        fetch(`${emu.url}/v1/projects/${emu.projectId}/messages?${ofContact}&page_size=20&page_token=${token}`, {
          headers: { authorization: auth }
        }).then((r) => r.json() as Promise<{ next_page_token: string }>)
      )
      token = res.next_page_token
    }
    console.log(
      `  200 consecutive pages of 20 of a contact's messages, 1M stored (fetch, sequential): ${((performance.now() - t0) / 200).toFixed(2)} ms/page`
    )
  })
)

interface Target {
  readonly env: Record<string, string>
  readonly stop: () => void
  /** CPU seconds (user + system) the emulator process used so far, when /proc is available */
  readonly cpuSeconds: () => number | undefined
}

const procCpuSeconds = (pid: number | undefined): number | undefined => {
  if (pid === undefined) return undefined
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8")
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ")
    return (Number(fields[11]) + Number(fields[12])) / 100
  } catch {
    return undefined
  }
}

const startBin = (): Promise<Target> =>
  new Promise((resolve, reject) => {
    // node itself running the built bin, so the pid is the emulator's and its CPU time can be read
    const child = spawn(
      process.execPath,
      [Path.resolve(here, "../dist/bin.js"), "--port", "0", "--seed", "contacts=1000,messages=100000"],
      { stdio: ["ignore", "pipe", "inherit"] }
    )
    let out = ""
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString()
      if (out.includes("SINCH_CONTACT_ID=")) {
        const env = Object.fromEntries(
          out
            .trim()
            .split("\n")
            .map((l) => l.split("=") as [string, string])
        )
        resolve({ env, stop: () => child.kill("SIGTERM"), cpuSeconds: () => procCpuSeconds(child.pid) })
      }
    })
    child.on("exit", (code) => reject(new Error(`emulator exited with ${code}`)))
  })

const load = (
  target: Target,
  label: string,
  url: URL,
  make: () => { method: string; path: string; body?: string },
  headers: Record<string, string>
): Promise<void> =>
  new Promise((resolve) => {
    const agent = new Http.Agent({ keepAlive: true, maxSockets: CONCURRENCY })
    const cpuBefore = target.cpuSeconds()
    const deadline = performance.now() + SECONDS * 1000
    let done = 0
    let errors = 0
    let active = 0
    const latencies: Array<number> = []
    const one = () => {
      if (performance.now() >= deadline) {
        if (--active === 0) {
          agent.destroy()
          latencies.sort((a, b) => a - b)
          const p = (q: number) => latencies[Math.floor(latencies.length * q)]?.toFixed(2)
          const cpuAfter = target.cpuSeconds()
          const cpu =
            cpuBefore !== undefined && cpuAfter !== undefined
              ? `, emulator CPU ${(((cpuAfter - cpuBefore) / SECONDS) * 100).toFixed(0)}% of one core`
              : ""
          console.log(
            `${label}: ${(done / SECONDS).toFixed(0)} req/s (${CONCURRENCY} connections, ${SECONDS}s, ${errors} errors, p50 ${p(0.5)} ms, p99 ${p(0.99)} ms${cpu})`
          )
          resolve()
        }
        return
      }
      const r = make()
      const started = performance.now()
      const req = Http.request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          method: r.method,
          path: r.path,
          headers: { ...headers, ...(r.body !== undefined ? { "content-length": Buffer.byteLength(r.body) } : {}) }
        },
        (res) => {
          res.on("data", () => undefined)
          res.on("end", () => {
            if (res.statusCode === 200) done++
            else errors++
            latencies.push(performance.now() - started)
            one()
          })
        }
      )
      req.on("error", () => {
        errors++
        one()
      })
      req.end(r.body)
    }
    for (let i = 0; i < CONCURRENCY; i++) {
      active++
      one()
    }
  })

const httpBench = async () => {
  const target = await startBin()
  try {
    const { env } = target
    const url = new URL(env["SINCH_CONVERSATION_URL"]!)
    const tokenRes = await fetch(`${env["SINCH_AUTH_URL"]}/oauth2/token`, {
      method: "POST",
      headers: {
        authorization: `Basic ${Buffer.from(`${env["SINCH_KEY_ID"]}:${env["SINCH_KEY_SECRET"]}`).toString("base64")}`,
        "content-type": "application/x-www-form-urlencoded"
      },
      body: "grant_type=client_credentials"
    })
    const { access_token } = (await tokenRes.json()) as { access_token: string }
    const headers = { authorization: `Bearer ${access_token}`, "content-type": "application/json" }
    const base = `/v1/projects/${env["SINCH_PROJECT_ID"]}`
    // collect some page tokens to spread the reads over the store
    const tokens: Array<string> = [""]
    for (let i = 0; i < 50; i++) {
      const r = await fetch(
        `${url.origin}${base}/messages?contact_id=${env["SINCH_CONTACT_ID"]}&page_size=20&page_token=${tokens[tokens.length - 1]}`,
        { headers }
      )
      const next = ((await r.json()) as { next_page_token: string }).next_page_token
      if (next === "") break
      tokens.push(next)
    }
    let n = 0
    await load(
      target,
      "GET messages (page_size=20, the pages of a contact, 100k stored)",
      url,
      () => ({
        method: "GET",
        path: `${base}/messages?contact_id=${env["SINCH_CONTACT_ID"]}&page_size=20&page_token=${tokens[n++ % tokens.length]}`
      }),
      headers
    )
    await load(
      target,
      "GET messages (page_size=20, contact_id filter)",
      url,
      () => ({ method: "GET", path: `${base}/messages?page_size=20&contact_id=${env["SINCH_CONTACT_ID"]}` }),
      headers
    )
    let i = 0
    await load(
      target,
      "POST messages:send (text, identified_by, CONVERSATION mode)",
      url,
      () => ({
        method: "POST",
        path: `${base}/messages:send`,
        body: JSON.stringify({
          app_id: env["SINCH_APP_ID"],
          recipient: { identified_by: { channel_identities: [{ channel: "SMS", identity: `+4670${i++ % 5000}` }] } },
          message: { text_message: { text: "Benchmark message" } }
        })
      }),
      headers
    )
  } finally {
    target.stop()
  }
}

await Effect.runPromise(seedBench)
await httpBench()
