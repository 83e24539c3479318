// Turns the results of bench/run.mjs into the table of docs/performance.md and the chart docs/performance.svg.
// `node bench/report.mjs` rewrites both from bench/results.json.
import { execFileSync } from "node:child_process"
import { existsSync, readFileSync, writeFileSync } from "node:fs"
import * as os from "node:os"
import { join } from "node:path"

const root = join(import.meta.dirname, "..")

/** The machine the benchmark runs on. */
export const machine = () => ({
  cpu: os.cpus()[0]?.model.trim() ?? "unknown CPU",
  cores: os.availableParallelism(),
  memoryGB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  os: `${os.type()} ${os.release()}`,
  load: os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" "),
  date: new Date().toISOString().slice(0, 16).replace("T", " ") + " UTC"
})

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}
const stats = (values) => ({
  median: median(values),
  min: Math.min(...values),
  max: Math.max(...values),
  n: values.length
})

/** What each row must reach: speed is official time / our time (> 1: ours faster); cpu and rss are ours / official. */
const targets = {
  import: { speed: 1.0 },
  cold: { speed: 1.0, tokens: 1 },
  get: { speed: 1.0, cpu: 1.0 },
  send: { speed: 1.0, cpu: 1.0 },
  webhooks: { speed: 1.0 },
  export10k: { speed: 1.0, rss: 1.1 },
  export100k: { speed: 1.0, rss: 1.1 },
  export20ms: { speed: 1.0 },
  export1M: { speed: 1.0, rss: 1.1 }
}
const shardedTarget = 3.0

/** One row per (scenario, one of our sides): per-round ratios against the official SDK of the same round. */
export const rows = (results) =>
  results.scenarios.flatMap((scenario) =>
    scenario.sides
      .filter((side) => side.startsWith("ours"))
      .map((side) => {
        const per = (f) => scenario.rounds.map((round) => f(round[side], round.official))
        const target = targets[scenario.name] ?? {}
        const sharded = side.includes("shards")
        const row = {
          scenario: scenario.name,
          title: scenario.title,
          side,
          items: scenario.rounds[0].official.items,
          speed: stats(per((o, r) => r.seconds / o.seconds)),
          cpu: stats(per((o, r) => o.cpuMs / o.items / (r.cpuMs / r.items))),
          rss: stats(per((o, r) => o.maxRssMB / r.maxRssMB)),
          limit: stats(
            scenario.rounds.filter((round) => round.limit).map((round) => round.official.seconds / round.limit.seconds)
          ),
          rate: {
            ours: median(per((o) => o.items / o.seconds)),
            official: median(scenario.rounds.map((round) => round.official.items / round.official.seconds)),
            limit:
              scenario.rounds[0].limit === undefined
                ? undefined
                : median(scenario.rounds.map((round) => round.limit.items / round.limit.seconds))
          },
          rssMB: {
            ours: median(per((o) => o.maxRssMB)),
            official: median(scenario.rounds.map((round) => round.official.maxRssMB))
          },
          target: sharded ? { speed: shardedTarget } : side === "ours" ? target : {},
          tokens:
            scenario.rounds[0][side].tokenRequests === undefined
              ? undefined
              : {
                  ours: Math.max(...per((o) => o.tokenRequests)),
                  official: Math.max(...scenario.rounds.map((round) => round.official.tokenRequests))
                },
          first:
            scenario.rounds[0][side].firstSeconds === undefined
              ? undefined
              : {
                  speed: stats(per((o, r) => r.firstSeconds / o.firstSeconds)),
                  slowdown: stats(per((o) => o.firstSeconds / o.seconds)),
                  officialSlowdown: stats(
                    scenario.rounds.map((round) => round.official.firstSeconds / round.official.seconds)
                  ),
                  // the CPU of building the verifier (ours: with its warm-up), before the first pass
                  setup:
                    scenario.rounds[0][side].setupCpuMs === undefined
                      ? undefined
                      : {
                          ours: median(per((o) => o.setupCpuMs)),
                          official: median(scenario.rounds.map((round) => round.official.setupCpuMs))
                        }
                }
        }
        row.met =
          (row.target.speed === undefined || row.speed.median >= row.target.speed) &&
          (row.target.cpu === undefined || row.cpu.median <= row.target.cpu) &&
          (row.target.rss === undefined || row.rss.median <= row.target.rss) &&
          (row.target.tokens === undefined || row.tokens.ours <= row.target.tokens)
        return row
      })
  )

const f2 = (n) => n.toFixed(2)
const spread = (s) => `${f2(s.median)} (${f2(s.min)}-${f2(s.max)})`
/** Throughput (items per second), or for a timed row the time of the whole work (`items` per run). */
const rate = (n, kind, items) =>
  n === undefined
    ? ""
    : kind === "time"
      ? `${((items / n) * 1000).toFixed(0)} ms`
      : `${Math.round(n).toLocaleString("en-US")}/s`

const targetText = (t) =>
  [
    t.speed === undefined ? undefined : `speed >= ${f2(t.speed)}`,
    t.cpu === undefined ? undefined : `CPU <= ${f2(t.cpu)}`,
    t.rss === undefined ? undefined : `RSS <= ${f2(t.rss)}`,
    t.tokens === undefined ? undefined : `${t.tokens} token request`
  ]
    .filter(Boolean)
    .join(", ")

/** The markdown table. */
export const table = (results) => {
  const kinds = Object.fromEntries(results.scenarios.map((s) => [s.name, s.kind]))
  const lines = [
    "| work | side | speed, ours/official | CPU per item, ours/official | peak RSS, ours/official | ours | official | limit | target | met |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
  ]
  for (const row of rows(results)) {
    const kind = kinds[row.scenario]
    const extra = [
      row.tokens === undefined ? undefined : `token requests: ours ${row.tokens.ours}, official ${row.tokens.official}`,
      row.first === undefined
        ? undefined
        : `first pass: speed ${spread(row.first.speed)}; first/warm time ours ${spread(row.first.slowdown)}, official ${spread(row.first.officialSlowdown)}${row.first.setup === undefined ? "" : `; verifier built before it (ours with its warm-up): CPU ours ${row.first.setup.ours.toFixed(0)} ms, official ${row.first.setup.official.toFixed(0)} ms`}`
    ]
      .filter(Boolean)
      .join("; ")
    lines.push(
      `| ${row.title}${extra === "" ? "" : ` (${extra})`} | ${row.side} | ${spread(row.speed)}, ${row.speed.n} ${row.speed.n === 1 ? "round" : "rounds"} | ${kind === "time" && row.scenario === "import" ? "" : spread(row.cpu)} | ${spread(row.rss)} (${row.rssMB.ours.toFixed(0)} vs ${row.rssMB.official.toFixed(0)} MB) | ${rate(row.rate.ours, kind, row.items)} | ${rate(row.rate.official, kind, row.items)} | ${rate(row.rate.limit, kind, row.items)} | ${targetText(row.target)} | ${Object.keys(row.target).length === 0 ? "" : row.met ? "yes" : "**no**"} |`
    )
  }
  return lines.join("\n")
}

const escape = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")

/** A horizontal bar chart of the median speed ratios (log scale), with the spread as whiskers and 1.0 marked. */
export const svg = (results) => {
  const data = rows(results)
  const labelWidth = 430
  const plotWidth = 420
  const rowHeight = 22
  const top = 40
  const height = top + data.length * rowHeight + 40
  const width = labelWidth + plotWidth + 80
  const lo = Math.log2(1 / 8)
  const hi = Math.log2(8)
  const x = (v) => labelWidth + ((Math.log2(Math.min(8, Math.max(1 / 8, v))) - lo) / (hi - lo)) * plotWidth
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${labelWidth}" y="18" font-weight="bold">speed, ours / official (median of rounds, log scale; whiskers: min-max; > 1: ours faster)</text>`
  ]
  for (const tick of [0.125, 0.25, 0.5, 1, 2, 4, 8]) {
    parts.push(
      `<line x1="${x(tick)}" y1="${top - 6}" x2="${x(tick)}" y2="${top + data.length * rowHeight}" stroke="${tick === 1 ? "#333" : "#ddd"}"/>`,
      `<text x="${x(tick)}" y="${top + data.length * rowHeight + 16}" text-anchor="middle">${tick}</text>`
    )
  }
  data.forEach((row, i) => {
    const y = top + i * rowHeight
    const color = Object.keys(row.target).length === 0 ? "#8aa" : row.met ? "#3a7" : "#d54"
    parts.push(
      `<text x="${labelWidth - 8}" y="${y + 14}" text-anchor="end">${escape(`${row.title}${row.side === "ours" ? "" : ` [${row.side}]`}`)}</text>`,
      `<rect x="${Math.min(x(1), x(row.speed.median))}" y="${y + 4}" width="${Math.abs(x(row.speed.median) - x(1))}" height="${rowHeight - 8}" fill="${color}"/>`,
      `<line x1="${x(row.speed.min)}" y1="${y + rowHeight / 2}" x2="${x(row.speed.max)}" y2="${y + rowHeight / 2}" stroke="#222"/>`,
      `<text x="${x(Math.max(row.speed.max, row.speed.median)) + 6}" y="${y + 14}">${f2(row.speed.median)}</text>`
    )
  })
  parts.push("</svg>")
  return parts.join("\n") + "\n"
}

/** The bundle sizes, from bench/bundle-size.mjs when it exists. */
const bundleSizes = () => {
  const script = join(import.meta.dirname, "bundle-size.mjs")
  if (!existsSync(script)) return undefined
  try {
    return (
      execFileSync(process.execPath, [script], {
        cwd: root,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"]
      })
        .split("\n")
        // the table, without the JSON line that follows it
        .filter((line) => !line.startsWith("{"))
        .join("\n")
        .trim()
    )
  } catch (error) {
    return `bench/bundle-size.mjs failed: ${error.message.split("\n")[0]}`
  }
}

/** What the profiles show (bench/findings.md, written by hand from CPU profiles), when it exists. */
const findings = () => {
  const file = join(import.meta.dirname, "findings.md")
  return existsSync(file) ? readFileSync(file, "utf8").trim() + "\n" : ""
}

/** The whole of docs/performance.md. */
export const markdown = (results) => {
  const m = results.machine
  const bundle = results.bundle ?? bundleSizes()
  return `# Performance

Our packages, as a user installs them (the built \`dist\`), side by side with the official Sinch Node SDK
(\`@sinch/sdk-core\` 1.4.0 with \`@sinch/conversation\` 1.4.0) and with the limit of the same work in plain Node
(\`node:http\` with a keep-alive agent + \`JSON.parse\`; HMAC + \`JSON.parse\` for webhooks). All sides talk to one
emulator, started from its built bin, with the same data. Every measurement runs in its own fresh process; the rounds
are interleaved (the order of the sides rotates from round to round), and each ratio below is computed within one round,
then summarised as median (min-max) over the rounds. The exports measure the first export of the process with each
side's client constructed before the clock, as a program holds one before it exports (the official SDK's constructor
builds all its services; ours builds its layer with \`ManagedRuntime.runtime()\`, which sends nothing: the token is
requested by the export); the cold start measures construction inside the clock on every side.

- **speed**: the official SDK's time divided by ours for the same work; above 1 ours is faster.
- **CPU per item** and **peak RSS**: ours divided by the official SDK's; below 1 ours uses less.
- **ours / official / limit**: median throughput (items per second), or time for import and cold start.
- "ours" uses the transport of the guides (${results.transport ?? "\`NodeHttpClient.layerUndici\` from \`@effect/platform-node\`"});
  "ours (FetchHttpClient)" the same client over \`FetchHttpClient.layer\`.

![speed ratios](performance.svg)

${table(results)}

${bundle === undefined ? "" : `## Bundle size\n\n\`\`\`\n${bundle}\n\`\`\`\n`}
${findings()}
## Machine

${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB, ${m.os}, Node ${m.node}; load average ${m.load} when the run started
(${m.date}).

## Reproduce

\`\`\`sh
npx -y pnpm@10 install && npx -y pnpm@10 bench
\`\`\`

\`pnpm bench\` builds every package, then runs \`bench/run.mjs\`: it starts the emulator from
\`packages/emulator/dist/bin.js\`, seeds it, runs every scenario in fresh processes (\`bench/worker.mjs\` with one of
\`bench/sides/ours.mjs\`, \`official.mjs\`, \`limit.mjs\`), prints this table and writes this page and the chart from the
same results (\`bench/results.json\`; \`node bench/report.mjs\` rewrites them). \`BENCH_ROUNDS\` sets the rounds (default
3; the 100k and 20 ms exports at most 3, the 1M export 1), \`BENCH_LARGE=0\` skips the 1M export, \`BENCH_ONLY=get,send\` runs some
scenarios only and writes nothing.
`
}

/** Formats with the repository's prettier settings, so that the generated files pass the lint step. */
const pretty = async (text, filepath) => {
  const prettier = await import("prettier")
  const options = (await prettier.resolveConfig(filepath)) ?? {}
  return prettier.format(text, { ...options, filepath })
}

/** Prints and (unless told otherwise) writes the results, the page and the chart. */
export const writeReport = async (results, { write }) => {
  if (write) {
    results.bundle = bundleSizes()
    const json = join(import.meta.dirname, "results.json")
    writeFileSync(json, await pretty(JSON.stringify(results, null, 2), json))
    const page = join(root, "docs/performance.md")
    writeFileSync(page, await pretty(markdown(results), page))
    writeFileSync(join(root, "docs/performance.svg"), svg(results))
  }
  return table(results)
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const results = JSON.parse(readFileSync(join(import.meta.dirname, "results.json"), "utf8"))
  await writeReport(results, { write: true })
}
