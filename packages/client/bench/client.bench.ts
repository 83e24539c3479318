/**
 * Client benchmarks, against the emulator running in its own process (so that its memory is not counted):
 *
 * 1. export throughput (messages/s) and peak RSS of the exporting process for 100k and 1M messages;
 * 2. export with 20 ms latency injected per page and a consumer spending 20 ms per page: prefetch 1 vs 0;
 * 3. 10k `messages.get` at concurrency 50: the client vs plain `fetch` + `JSON.parse` (50 async loops), the client both
 *    with `Effect.forEach` (a fiber per request, the usual idiom) and from 50 looping fibers (the plain side's shape).
 *
 * Run: `pnpm bench` at the root builds every package, then measures the built code (what users run).
 * `BENCH_MESSAGES` (default 1000000) sets the seeded message count; `BENCH_ONLY=get` runs only the `messages.get`
 * comparison (`BENCH_ROUNDS`, default 3 measured runs per process).
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { spawn, type ChildProcess } from "node:child_process"
import * as path from "node:path"
import * as readline from "node:readline"
import { fileURLToPath } from "node:url"
import { Export, SinchClient } from "@sinch-effect/client"
import { Ids } from "@sinch-effect/schema"

const here = path.dirname(fileURLToPath(import.meta.url))

type Env = Record<string, string>

const clientLayer = (env: Env) =>
  SinchClient.layerWith({
    projectId: env.SINCH_PROJECT_ID!,
    keyId: env.SINCH_KEY_ID!,
    keySecret: env.SINCH_KEY_SECRET!,
    conversationUrl: env.SINCH_CONVERSATION_URL!,
    authUrl: env.SINCH_AUTH_URL!,
    // measure the client, not the pacing to Sinch's 800 requests/s (the emulator here has no limit)
    rateLimit: false
  })

/** The transport used by the client: `fetch` (FetchHttpClient) or `undici` (NodeHttpClient.layerUndici). */
const transport = () => (process.env.BENCH_TRANSPORT === "undici" ? NodeHttpClient.layerUndici : FetchHttpClient.layer)

const run = <A, E>(env: Env, effect: Effect.Effect<A, E, SinchClient.SinchClient>) =>
  Effect.runPromise(
    effect.pipe(
      Effect.provide(clientLayer(env)),
      Effect.provide(transport()),
      Effect.scoped,
      Effect.orDie
    ) as Effect.Effect<A>
  )

// ---------------------------------------------------------------------------------------------------------------------
// worker modes (run in a child process so that peak RSS is the export's own)

const workerExport = async (env: Env, limit: number, pageSize: number, prefetch: number, consumerMillis: number) => {
  const start = performance.now()
  let bytes = 0
  const count = await run(
    env,
    Export.ndjson(Export.projectMessages({ page_size: pageSize }), { prefetch }).pipe(
      Stream.mapConcat((chunk) => chunk.ndjson.split("\n").slice(0, -1)),
      Stream.take(limit),
      Stream.mapChunksEffect((chunk) =>
        Effect.gen(function* () {
          for (const line of chunk) bytes += line.length + 1
          if (consumerMillis > 0) yield* Effect.sleep(Duration.millis(consumerMillis))
          return chunk
        })
      ),
      Stream.runCount
    )
  )
  const seconds = (performance.now() - start) / 1000
  return { count, seconds, bytes, maxRssMB: process.resourceUsage().maxRSS / 1024 }
}

/**
 * The ways of doing the 10k reads: plain fetch + JSON.parse, the client with Effect.forEach, the client from looping
 * fibers, the transport alone with Effect.forEach. Each runs in its own process, so that none is measured with the
 * garbage or the JIT state another one left (in one shared process the order of the variants moved results by 15%).
 */
type GetVariant = "plain" | "client" | "workers" | "transport"

const workerGet = async (env: Env, variant: GetVariant, total: number, concurrency: number) => {
  const ids = await run(
    env,
    Effect.flatMap(SinchClient.SinchClient, (c) =>
      Stream.runCollect(
        Stream.take(c.messages.list({ contact_id: Ids.ContactId.make(env.SINCH_CONTACT_ID!), page_size: 20 }), 1000)
      )
    ).pipe(Effect.map((chunk) => Array.from(chunk, (m) => m.id!)))
  )
  // plain fetch + JSON.parse, same token flow done once
  const tokenResponse = await fetch(`${env.SINCH_AUTH_URL}/oauth2/token`, {
    method: "POST",
    headers: {
      authorization: `Basic ${btoa(`${env.SINCH_KEY_ID}:${env.SINCH_KEY_SECRET}`)}`,
      "content-type": "application/x-www-form-urlencoded"
    },
    body: "grant_type=client_credentials"
  })
  const token = ((await tokenResponse.json()) as { access_token: string }).access_token
  const plain = async () => {
    let next = 0
    const start = performance.now()
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < total) {
          const id = ids[next++ % ids.length]!
          const response = await fetch(
            `${env.SINCH_CONVERSATION_URL}/v1/projects/${encodeURIComponent(env.SINCH_PROJECT_ID!)}/messages/${encodeURIComponent(id)}`,
            { headers: { authorization: `Bearer ${token}`, accept: "application/json" } }
          )
          JSON.parse(await response.text())
        }
      })
    )
    return (performance.now() - start) / 1000
  }
  const client = () =>
    run(
      env,
      Effect.gen(function* () {
        const sinch = yield* SinchClient.SinchClient
        const start = performance.now()
        yield* Effect.forEach(
          Array.from({ length: total }, (_, i) => ids[i % ids.length]!),
          (id) => sinch.messages.get({ message_id: id }),
          { concurrency, discard: true }
        )
        return (performance.now() - start) / 1000
      })
    )
  // the same requests from `concurrency` looping fibers: the structure of the plain side (no fiber per request)
  const clientWorkers = () =>
    run(
      env,
      Effect.gen(function* () {
        const sinch = yield* SinchClient.SinchClient
        let next = 0
        const loop: Effect.Effect<void, unknown> = Effect.suspend(() =>
          next < total
            ? Effect.flatMap(sinch.messages.get({ message_id: ids[next++ % ids.length]! }), () => loop)
            : Effect.void
        )
        const start = performance.now()
        yield* Effect.all(
          Array.from({ length: concurrency }, () => loop),
          { concurrency: "unbounded", discard: true }
        )
        return (performance.now() - start) / 1000
      })
    )
  // the transport alone (what the client builds on): HttpClient.execute + text + JSON.parse, Effect.forEach
  const transportOnly = () =>
    Effect.runPromise(
      Effect.gen(function* () {
        const http = (yield* HttpClient.HttpClient).pipe(HttpClient.withTracerDisabledWhen(() => true))
        const start = performance.now()
        yield* Effect.forEach(
          Array.from({ length: total }, (_, i) => ids[i % ids.length]!),
          (id) =>
            Effect.flatMap(
              http.execute(
                HttpClientRequest.get(
                  `${env.SINCH_CONVERSATION_URL}/v1/projects/${encodeURIComponent(env.SINCH_PROJECT_ID!)}/messages/${encodeURIComponent(id)}`,
                  { acceptJson: true, headers: { authorization: `Bearer ${token}` } }
                )
              ),
              (response) => Effect.map(response.text, (text) => JSON.parse(text) as unknown)
            ),
          { concurrency, discard: true }
        )
        return (performance.now() - start) / 1000
      }).pipe(Effect.provide(transport()), Effect.orDie)
    )
  const variants: Record<GetVariant, () => Promise<number>> = {
    plain,
    client,
    workers: clientWorkers,
    transport: transportOnly
  }
  // one warm-up run, then the best of `BENCH_ROUNDS` runs
  await variants[variant]()
  const runs: Array<number> = []
  for (let i = 0; i < Number(process.env.BENCH_ROUNDS ?? 3); i++) runs.push(await variants[variant]())
  return { seconds: Math.min(...runs) }
}

// ---------------------------------------------------------------------------------------------------------------------
// orchestrator

const startEmulator = (messages: number): Promise<{ env: Env; child: ChildProcess }> =>
  new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join(here, "../../emulator/dist/bin.js"), "--port", "0", "--seed", `contacts=100,messages=${messages}`],
      { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, NODE_OPTIONS: "--max-old-space-size=8192" } }
    )
    const env: Env = {}
    const lines = readline.createInterface({ input: child.stdout! })
    lines.on("line", (line) => {
      const i = line.indexOf("=")
      if (i > 0) env[line.slice(0, i)] = line.slice(i + 1)
      if (line.startsWith("SINCH_APP_ID=")) resolve({ env, child })
    })
    child.once("exit", (code) => reject(new Error(`emulator exited with ${code}`)))
  })

const worker = (env: Env, args: Array<string>, extraEnv: Env = {}): Promise<Record<string, number>> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), "--worker", ...args], {
      stdio: ["ignore", "pipe", "inherit"],
      env: { ...process.env, ...env, ...extraEnv }
    })
    let out = ""
    child.stdout!.on("data", (d) => (out += d))
    child.once("exit", (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split("\n").pop()!))
        : reject(new Error(`worker ${args.join(" ")} failed`))
    )
  })

const control = (env: Env, method: string, route: string, body?: unknown) =>
  fetch(`${env.SINCH_CONVERSATION_URL}${route}`, {
    method,
    headers: { "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) })
  }).then((r) => r.json())

const main = async () => {
  const total = Number(process.env.BENCH_MESSAGES ?? 1_000_000)
  const seedStart = performance.now()
  const { child, env } = await startEmulator(total)
  console.log(`emulator seeded with ${total} messages in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`)
  try {
    if (process.env.BENCH_ONLY !== "get") await exportBenchmarks(env, total)
    for (const t of ["fetch", "undici"]) {
      const best: Record<GetVariant, number> = {
        plain: Infinity,
        client: Infinity,
        workers: Infinity,
        transport: Infinity
      }
      const names = Object.keys(best) as Array<GetVariant>
      // two rounds of fresh processes, in rotated order
      for (let round = 0; round < 2; round++) {
        for (let i = 0; i < names.length; i++) {
          const name = names[(i + round * 2) % names.length]!
          const result = await worker(env, ["get", name, "10000", "50"], { BENCH_TRANSPORT: t })
          best[name] = Math.min(best[name], result.seconds!)
        }
      }
      const ratio = (x: number) => (x / best.plain).toFixed(2)
      console.log(
        `10k messages.get at concurrency 50 (client over ${t === "fetch" ? "FetchHttpClient" : "NodeHttpClient.layerUndici"}): plain fetch + JSON.parse ${best.plain.toFixed(2)} s; client with Effect.forEach ${best.client.toFixed(2)} s, ratio ${ratio(best.client)}; client from 50 looping fibers like the plain side ${best.workers.toFixed(2)} s, ratio ${ratio(best.workers)} (target <= 1.25); the transport alone with Effect.forEach ${best.transport.toFixed(2)} s, ratio ${ratio(best.transport)}`
      )
    }
  } finally {
    child.kill("SIGTERM")
  }
}

const exportBenchmarks = async (env: Env, total: number) => {
  {
    const small = await worker(env, ["export", String(Math.min(100_000, total)), "1000", "1", "0"])
    console.log(
      `export ${small.count} messages: ${(small.count! / small.seconds!).toFixed(0)} messages/s, ${(small.bytes! / 1e6).toFixed(1)} MB NDJSON, peak RSS ${small.maxRssMB!.toFixed(1)} MB`
    )
    if (total > 100_000) {
      const large = await worker(env, ["export", String(total), "1000", "1", "0"])
      console.log(
        `export ${large.count} messages: ${(large.count! / large.seconds!).toFixed(0)} messages/s, peak RSS ${large.maxRssMB!.toFixed(1)} MB (${(large.maxRssMB! - small.maxRssMB!).toFixed(1)} MB above the 100k export; target < 30 MB)`
      )
    }
    await control(env, "POST", "/emulator/faults", {
      operation: "messages.list",
      fault: { _tag: "Latency", millis: 20 }
    })
    const without = await worker(env, ["export", "10000", "100", "0", "20"])
    const withPrefetch = await worker(env, ["export", "10000", "100", "1", "20"])
    console.log(
      `20 ms latency per page, consumer 20 ms per page, 10k messages (page_size 100 asked; the emulator serves at most 20): prefetch 0 ${without.seconds!.toFixed(2)} s, prefetch 1 ${withPrefetch.seconds!.toFixed(2)} s, speed-up ${(without.seconds! / withPrefetch.seconds!).toFixed(2)}x (target >= 1.8x)`
    )
    await control(env, "DELETE", "/emulator/faults")
  }
}

const args = process.argv.slice(2)
if (args[0] === "--worker") {
  const env = process.env as Env
  const result =
    args[1] === "export"
      ? await workerExport(env, Number(args[2]), Number(args[3]), Number(args[4]), Number(args[5]))
      : await workerGet(env, args[2] as GetVariant, Number(args[3]), Number(args[4]))
  console.log(JSON.stringify(result))
  process.exit(0)
} else {
  await main()
}
