// Emits a package's declarations with tsc, one `.d.ts` per source module (so every namespace keeps its values and
// types exactly as the runtime exports them), then writes the CommonJS twin of each as `.d.cts` with its relative
// imports pointing at the `.cjs` twins. Run from a package directory after tsup: `node ../../scripts/build-dts.mjs`.
import { execFileSync } from "node:child_process"
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import { join } from "node:path"

const require = createRequire(import.meta.url)
const tsc = require.resolve("typescript/bin/tsc")
execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { stdio: "inherit" })

const walk = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? walk(path) : [path]
  })

// `from "./X.js"`, `import("./X.js")`, `export * from "./X.js"`: relative specifiers only; packages resolve by themselves
const relative = /((?:from|import)\s*\(?\s*["'])(\.{1,2}\/[^"']+?)\.js(["'])/g
let count = 0
for (const file of walk("dist")) {
  if (!file.endsWith(".d.ts")) continue
  const text = readFileSync(file, "utf8")
  writeFileSync(file.slice(0, -".d.ts".length) + ".d.cts", text.replace(relative, "$1$2.cjs$3"))
  count++
}
console.log(`declarations: ${count} modules, as .d.ts (ESM) and .d.cts (CommonJS)`)
