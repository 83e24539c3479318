// Bundle size of the minimal "send one text" program: sinch-effect (built packages) next to the official
// @sinch/sdk-core 1.4.0, bundled by esbuild for Node (ESM, minified), plus a program that imports only the webhooks
// verifier. Prints a table, then one JSON line. Run after `pnpm build`: `node bench/bundle-size.mjs`.
// Fails (exit 1) when a bundle carries test-only code (fast-check, pure-rand) or the verifier pulls in the client.
import { build } from "esbuild"
import { gzipSync } from "node:zlib"
import { fileURLToPath } from "node:url"

const here = (path) => fileURLToPath(new URL(path, import.meta.url))

const programs = [
  { name: "send (sinch-effect)", entry: "bundle/send-effect.ts" },
  { name: "send (@sinch/sdk-core 1.4.0)", entry: "bundle/send-official.ts" },
  { name: "verify only (sinch-effect webhooks)", entry: "bundle/verify-only.ts" }
]

const forbidden = {
  "bundle/send-effect.ts": ["node_modules/fast-check/", "node_modules/pure-rand/"],
  "bundle/verify-only.ts": ["node_modules/fast-check/", "node_modules/pure-rand/", "/client/dist/", "@effect/platform/"]
}

const results = []
let failed = false
for (const { name, entry } of programs) {
  const out = await build({
    entryPoints: [here(entry)],
    bundle: true,
    minify: true,
    platform: "node",
    format: "esm",
    target: "node20",
    write: false,
    metafile: true,
    logLevel: "error"
  })
  const code = out.outputFiles[0].contents
  // the modules that put code into the bundle (esbuild also lists the ones tree-shaking emptied)
  const inputs = Object.entries(Object.values(out.metafile.outputs)[0].inputs)
    .filter(([, { bytesInOutput }]) => bytesInOutput > 0)
    .map(([path]) => path)
  const found = (forbidden[entry] ?? []).filter((path) => inputs.some((input) => input.includes(path)))
  if (found.length > 0) {
    console.error(`${name}: the bundle contains ${found.join(", ")}`)
    failed = true
  }
  results.push({
    name,
    minifiedKB: Math.round(code.byteLength / 102.4) / 10,
    gzipKB: Math.round(gzipSync(code).byteLength / 102.4) / 10,
    modules: inputs.length
  })
}

const pad = (s, n) => String(s).padEnd(n)
console.log(`${pad("program", 40)}${pad("minified KB", 14)}${pad("gzip KB", 10)}modules`)
for (const r of results) console.log(`${pad(r.name, 40)}${pad(r.minifiedKB, 14)}${pad(r.gzipKB, 10)}${r.modules}`)
console.log(JSON.stringify({ bundleSize: results }))
process.exit(failed ? 1 : 0)
