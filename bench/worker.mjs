// One measurement in a fresh process: `node bench/worker.mjs <side> <scenario>`, parameters as JSON in BENCH_PARAMS,
// the emulator's SINCH_* variables in the environment. Prints one JSON line: seconds, items, CPU milliseconds and the
// process's peak RSS (MB), plus what the scenario adds.
import { pathToFileURL } from "node:url"
import { join } from "node:path"

const [sideName, scenario] = process.argv.slice(2)
const params = JSON.parse(process.env.BENCH_PARAMS ?? "{}")
const sideUrl = pathToFileURL(join(import.meta.dirname, "sides", `${sideName}.mjs`)).href

/**
 * What a program imports to use each side: our client and schemas (which load the effect modules they use, not
 * effect's index), or the official SDK.
 */
const importedModules = {
  ours: ["@sinch-effect/schema", "@sinch-effect/client"],
  official: ["@sinch/sdk-core"],
  limit: ["node:http"]
}

const measure = async (task) => {
  const cpu = process.cpuUsage()
  const start = performance.now()
  const extra = await task()
  const seconds = (performance.now() - start) / 1000
  const used = process.cpuUsage(cpu)
  return { seconds, cpuMs: (used.user + used.system) / 1000, ...extra }
}

const result = await (async () => {
  if (scenario === "import") {
    // only what a program using the side imports, nothing loaded before the clock starts
    return measure(async () => {
      for (const name of importedModules[sideName]) await import(name)
      return { items: 1 }
    })
  }
  const { side } = await import(sideUrl)
  const env = process.env
  switch (scenario) {
    case "cold": {
      // a new client, then `n` concurrent first calls: one token request should serve them all
      const ids = params.ids
      return measure(async () => {
        const s = side(env)
        await s.get(ids, ids.length)
        await s.close?.()
        return { items: ids.length }
      })
    }
    case "get":
    case "send": {
      const s = side(env)
      const run = (n) =>
        scenario === "get"
          ? s.get(params.ids.slice(0, n), params.concurrency)
          : s.send(n, params.concurrency, params.appId)
      await run(params.warmup)
      const m = await measure(async () => {
        await run(params.n)
        return { items: params.n }
      })
      await s.close?.()
      return m
    }
    case "export": {
      // each side's client is constructed before the clock, as a program holds one before it exports: the official
      // SDK's constructor builds all its services, ours builds its layer (`ready`: `ManagedRuntime.runtime()`, no
      // request, no token); the cold scenario measures construction inside the clock on both sides
      const s = side(env)
      await s.ready?.()
      // BENCH_EXPORT_WARM=1: one export before the measured one, in the same process (a warm client, as in a server
      // that exports again); the published table measures the first export of a fresh process
      if (env.BENCH_EXPORT_WARM === "1") await s.export(params)
      const m = await measure(async () => ({ items: await s.export(params) }))
      await s.close?.()
      return m
    }
    case "webhooks": {
      // the requests are built before the clock starts; pass 1 is cold (first callbacks), then warm passes
      const { signedWebhooks } = await import("./sides/common.mjs")
      const requests = signedWebhooks(params.n, params.conformanceDir)
      // the verifier is built once, as a server does at startup (ours warms it up there): its cost is reported apart,
      // the import of its modules before it
      const s = side(env)
      await s.loadWebhooks?.()
      let handle
      const setup = await measure(async () => {
        handle = await s.webhooks()
        return {}
      })
      let sink = 0
      const pass = () =>
        measure(async () => {
          for (const { body, headers } of requests) sink += handle(body, headers) === undefined ? 0 : 1
          return { items: requests.length }
        })
      const first = await pass()
      const warm = []
      for (let i = 0; i < params.passes; i++) warm.push(await pass())
      warm.sort((a, b) => a.seconds - b.seconds)
      const median = warm[Math.floor(warm.length / 2)]
      if (sink !== requests.length * (params.passes + 1)) throw new Error("callbacks were lost")
      return { ...median, firstSeconds: first.seconds, firstCpuMs: first.cpuMs, setupCpuMs: setup.cpuMs }
    }
    default:
      throw new Error(`unknown scenario ${scenario}`)
  }
})()

console.log(JSON.stringify({ ...result, maxRssMB: process.resourceUsage().maxRSS / 1024 }))
process.exit(0)
