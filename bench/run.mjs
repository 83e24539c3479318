// The side-by-side benchmark: our built packages, the official SDK (@sinch/sdk-core) and the limit (plain Node), on one
// emulator started from its built bin, each measurement in a fresh process, rounds interleaved (the order of the sides
// rotates from round to round). Prints the table and writes docs/performance.md + docs/performance.svg from the same
// results (kept in bench/results.json; `node bench/report.mjs` rewrites the docs from it).
//
// Run: `npx -y pnpm@10 bench` (builds first). BENCH_ROUNDS (default 3), BENCH_LARGE=0 skips
// the 1M-message export, BENCH_ONLY=name[,name] runs some scenarios only (without rewriting the docs; with
// BENCH_UPDATE=1 it replaces those scenarios in bench/results.json and rewrites the docs from it).
// BENCH_EXPORT_WARM=1 makes each export side export once before the measured export, in the same process.
import { spawn } from "node:child_process"
import { readFileSync, rmSync, writeFileSync, mkdtempSync } from "node:fs"
import * as http from "node:http"
import { tmpdir } from "node:os"
import { join } from "node:path"
import * as readline from "node:readline"
import { machine, writeReport } from "./report.mjs"

const root = join(import.meta.dirname, "..")
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const LONG_ROUNDS = Math.min(ROUNDS, 3)
const LARGE = process.env.BENCH_LARGE !== "0"
const ONLY = process.env.BENCH_ONLY?.split(",")
const conformanceDir = join(root, "..", "shared", "conformance")
/** The conversations (one per contact) the messages of an export scenario are seeded into. */
const EXPORT_CONVERSATIONS = 8

/** Starts the emulator from its built bin; resolves with its environment once it has printed it. */
const startEmulator = () =>
  new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        "--max-old-space-size=6144",
        join(root, "packages/emulator/dist/bin.js"),
        "--port",
        "0",
        "--seed",
        "contacts=100,messages=2000"
      ],
      { stdio: ["ignore", "pipe", "inherit"] }
    )
    const env = {}
    readline.createInterface({ input: child.stdout }).on("line", (line) => {
      const i = line.indexOf("=")
      if (i > 0) env[line.slice(0, i)] = line.slice(i + 1)
      if (line.startsWith("SINCH_APP_ID=")) resolve({ env, child })
    })
    child.once("exit", (code) => reject(new Error(`the emulator exited with ${code}`)))
  })

/** A proxy in front of the emulator's token endpoint that counts token requests. */
const countingAuthProxy = (target) =>
  new Promise((resolve) => {
    const counter = { tokens: 0 }
    const server = http.createServer((req, res) => {
      if (req.method === "POST" && req.url?.startsWith("/oauth2/token")) counter.tokens++
      const upstream = http.request(new URL(req.url, target), { method: req.method, headers: req.headers }, (up) => {
        res.writeHead(up.statusCode, up.headers)
        up.pipe(res)
      })
      upstream.on("error", () => res.destroy())
      req.pipe(upstream)
    })
    server.listen(0, "127.0.0.1", () =>
      resolve({ url: `http://127.0.0.1:${server.address().port}`, counter, close: () => server.close() })
    )
  })

const control = async (env, method, route, body) => {
  const response = await fetch(`${env.SINCH_CONVERSATION_URL}${route}`, {
    method,
    headers: { "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) })
  })
  if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${await response.text()}`)
  return response.json()
}

/** The emulator's messages of a contact, through the API (to pick ids). */
const listAll = async (env, contactId, limit) => {
  const token = await fetch(`${env.SINCH_AUTH_URL}/oauth2/token`, {
    method: "POST",
    headers: {
      authorization: `Basic ${Buffer.from(`${env.SINCH_KEY_ID}:${env.SINCH_KEY_SECRET}`).toString("base64")}`,
      "content-type": "application/x-www-form-urlencoded"
    },
    body: "grant_type=client_credentials"
  }).then((r) => r.json())
  const out = []
  let pageToken = ""
  do {
    const query = new URLSearchParams({ contact_id: contactId, page_size: "20", page_token: pageToken })
    const page = await fetch(`${env.SINCH_CONVERSATION_URL}/v1/projects/${env.SINCH_PROJECT_ID}/messages?${query}`, {
      headers: { authorization: `Bearer ${token.access_token}` }
    }).then((r) => r.json())
    out.push(...page.messages)
    pageToken = page.next_page_token
  } while (pageToken && out.length < limit)
  return out
}

/** Runs one measurement in a fresh process. */
const worker = (env, side, scenario, params) =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(import.meta.dirname, "worker.mjs"), side.module, scenario], {
      cwd: import.meta.dirname,
      stdio: ["ignore", "pipe", "inherit"],
      env: { ...process.env, ...env, ...side.env, BENCH_PARAMS: JSON.stringify(params) }
    })
    let out = ""
    child.stdout.on("data", (d) => (out += d))
    child.once("exit", (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split("\n").pop()))
        : reject(new Error(`${side.name} ${scenario} exited with ${code}: ${out.slice(-500)}`))
    )
  })

const ours = { name: "ours", module: "ours", env: {} }
const oursFetch = { name: "ours (FetchHttpClient)", module: "ours", env: { BENCH_TRANSPORT: "fetch" } }
const oursSharded = { name: "ours, 4 shards", module: "ours", env: {} }
const oursParse = { name: "ours (Effect.runSync(parse))", module: "ours", env: { BENCH_WEBHOOKS: "parse" } }
const official = { name: "official", module: "official", env: {} }
const limit = { name: "limit", module: "limit", env: {} }

const main = async () => {
  const info = machine()
  console.log(`${info.cpu} x${info.cores}, ${info.memoryGB} GB, Node ${info.node}, load ${info.load}`)
  const { env: emulatorEnv, child } = await startEmulator()
  const proxy = await countingAuthProxy(emulatorEnv.SINCH_AUTH_URL)
  const env = { ...emulatorEnv, SINCH_AUTH_URL: proxy.url }
  const dir = mkdtempSync(join(tmpdir(), "sinch-bench-"))
  // what "ours" runs on (bench/sides/ours.mjs), for the report
  const results = { machine: info, transport: "`NodeTransport.layer` from `@sinch-effect/client`", scenarios: [] }
  try {
    const ids = (await listAll(env, env.SINCH_CONTACT_ID, 1000)).map((m) => m.id)
    const seed = async (messages) => {
      const started = performance.now()
      // the exports walk the app's conversations: a few large ones (one per contact)
      const r = await control(env, "POST", `/emulator/projects/${env.SINCH_PROJECT_ID}/seed`, {
        contacts: EXPORT_CONVERSATIONS,
        messages
      })
      console.log(`seeded ${messages} messages in ${((performance.now() - started) / 1000).toFixed(1)} s`)
      return r.app_id
    }
    const exportParams =
      (appId, name, extra = {}) =>
      (side) => ({ appId, path: join(dir, `${name}-${side.name.replace(/\W+/g, "-")}.ndjson`), ...extra })

    const scenarios = [
      {
        name: "import",
        title: "import of client + schema",
        kind: "time",
        rounds: ROUNDS,
        sides: [ours, official],
        params: () => ({})
      },
      {
        name: "cold",
        title: "1000 concurrent first calls (cold start)",
        kind: "time",
        rounds: ROUNDS,
        sides: [ours, official, limit],
        params: () => ({ ids: Array.from({ length: 1000 }, (_, i) => ids[i % ids.length]) }),
        countTokens: true
      },
      {
        name: "get",
        title: "2000 messages.get at concurrency 50",
        kind: "throughput",
        rounds: ROUNDS,
        sides: [ours, oursFetch, official, limit],
        params: () => ({
          ids: Array.from({ length: 2000 }, (_, i) => ids[i % ids.length]),
          n: 2000,
          warmup: 200,
          concurrency: 50
        })
      },
      {
        name: "send",
        title: "2000 messages:send at concurrency 20",
        kind: "throughput",
        rounds: ROUNDS,
        sides: [ours, oursFetch, official, limit],
        params: () => ({ appId: env.SINCH_APP_ID, n: 2000, warmup: 200, concurrency: 20 })
      },
      {
        name: "webhooks",
        title: "10k webhooks, verify + decode",
        kind: "throughput",
        rounds: ROUNDS,
        sides: [ours, oursParse, official, limit],
        params: () => ({ n: 10_000, passes: 5, conformanceDir })
      }
    ]
    const app10k = await seed(10_000)
    const app100k = await seed(100_000)
    scenarios.push(
      {
        name: "export10k",
        title: "export 10k messages to NDJSON",
        kind: "throughput",
        rounds: ROUNDS,
        sides: [ours, official, limit],
        params: exportParams(app10k, "10k")
      },
      {
        name: "export100k",
        title: "export 100k messages",
        kind: "throughput",
        rounds: LONG_ROUNDS,
        sides: [ours, official, limit],
        params: exportParams(app100k, "100k")
      }
    )
    const app2k = await seed(2_000)
    scenarios.push({
      name: "export20ms",
      title: "export 2000 messages, 20 ms per page",
      kind: "throughput",
      rounds: LONG_ROUNDS,
      sides: [ours, oursSharded, official, limit],
      params: (side) => ({
        ...exportParams(app2k, "20ms")(side),
        ...(side === oursSharded ? { shards: 4 } : {})
      }),
      latency: 20,
      sameOutput: [ours, oursSharded]
    })
    if (LARGE) {
      const app1m = await seed(1_000_000)
      scenarios.push({
        name: "export1M",
        title: "export 1M messages",
        kind: "throughput",
        rounds: 1,
        sides: [ours, official, limit],
        params: exportParams(app1m, "1M")
      })
    }

    for (const scenario of scenarios) {
      if (ONLY !== undefined && !ONLY.includes(scenario.name)) continue
      if (scenario.latency !== undefined) {
        await control(env, "POST", "/emulator/faults", {
          operation: "messages.list",
          fault: { _tag: "Latency", millis: scenario.latency }
        })
      }
      const rounds = []
      for (let round = 0; round < scenario.rounds; round++) {
        const sides = scenario.sides.map((_, i) => scenario.sides[(i + round) % scenario.sides.length])
        const measured = {}
        for (const side of sides) {
          const before = proxy.counter.tokens
          const result = await worker(
            env,
            side,
            scenario.name.startsWith("export") ? "export" : scenario.name,
            scenario.params(side)
          )
          if (scenario.countTokens) result.tokenRequests = proxy.counter.tokens - before
          measured[side.name] = result
        }
        if (scenario.sameOutput !== undefined) {
          const [a, b] = scenario.sameOutput.map((side) => readFileSync(scenario.params(side).path))
          if (!a.equals(b))
            throw new Error(
              `${scenario.name}: ${scenario.sameOutput.map((s) => s.name).join(" and ")} wrote different files`
            )
        }
        for (const side of scenario.sides)
          if (typeof scenario.params(side).path === "string") rmSync(scenario.params(side).path, { force: true })
        rounds.push(measured)
        console.log(
          `${scenario.name} round ${round + 1}: ` +
            Object.entries(measured)
              .map(
                ([name, r]) =>
                  `${name} ${(r.items / r.seconds).toFixed(0)}/s ${r.seconds.toFixed(3)} s cpu ${r.cpuMs.toFixed(0)} ms rss ${r.maxRssMB.toFixed(0)} MB${r.tokenRequests === undefined ? "" : ` tokens ${r.tokenRequests}`}${r.firstSeconds === undefined ? "" : ` first ${r.firstSeconds.toFixed(3)} s`}${r.setupCpuMs === undefined ? "" : ` setup cpu ${r.setupCpuMs.toFixed(0)} ms`}`
              )
              .join("; ")
        )
      }
      if (scenario.latency !== undefined) await control(env, "DELETE", "/emulator/faults")
      results.scenarios.push({
        name: scenario.name,
        title: scenario.title,
        kind: scenario.kind,
        sides: scenario.sides.map((s) => s.name),
        rounds
      })
    }
  } finally {
    proxy.close()
    child.kill("SIGTERM")
    rmSync(dir, { recursive: true, force: true })
  }
  if (ONLY !== undefined && process.env.BENCH_UPDATE === "1") {
    const previous = JSON.parse(readFileSync(join(import.meta.dirname, "results.json"), "utf8"))
    const fresh = new Map(results.scenarios.map((s) => [s.name, s]))
    const merged = previous.scenarios.map((s) => fresh.get(s.name) ?? s)
    for (const s of results.scenarios) if (!previous.scenarios.some((p) => p.name === s.name)) merged.push(s)
    console.log(await writeReport({ ...previous, transport: results.transport, scenarios: merged }, { write: true }))
    return
  }
  const text = await writeReport(results, { write: ONLY === undefined })
  console.log(text)
}

await main()
