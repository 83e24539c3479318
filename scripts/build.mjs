// Builds the package in the current directory (`pnpm build` runs it in each):
// - ESM: one file per source module (`dist/Apps.js`, `dist/internal/api.js`, ...), not bundled, so that with
//   `sideEffects: false` a bundler drops every module a program does not use (the webhooks verifier without the
//   Effect HTTP platform, a send without the models it never decodes);
// - CommonJS: one bundle, `dist/index.cjs`;
// - declarations from tsc, one per module, as `.d.ts` (ESM) and `.d.cts` (CommonJS) whose relative imports point at
//   the `.cjs` twins: every namespace keeps its values and types exactly as the runtime exports them.
import { execFileSync } from "node:child_process"
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import { dirname, join } from "node:path"

const require = createRequire(import.meta.url)
/** Runs a package's bin (from the repository's devDependencies) with this Node. */
const run = (pkg, bin, args) => {
  const manifest = require.resolve(`${pkg}/package.json`)
  const path = join(dirname(manifest), JSON.parse(readFileSync(manifest, "utf8")).bin[bin])
  execFileSync(process.execPath, [path, ...args], { stdio: "inherit" })
}

rmSync("dist", { recursive: true, force: true })
run("tsup", "tsup", [])
run("typescript", "tsc", ["-p", "tsconfig.build.json"])

const walk = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? walk(path) : [path]
  })

// `from "./X.js"`, `import("./X.js")`: relative specifiers only; packages resolve by themselves
const relative = /((?:from|import)\s*\(?\s*["'])(\.{1,2}\/[^"']+?)\.js(["'])/g
let count = 0
for (const file of walk("dist")) {
  if (!file.endsWith(".d.ts")) continue
  const text = readFileSync(file, "utf8")
  writeFileSync(file.slice(0, -".d.ts".length) + ".d.cts", text.replace(relative, "$1$2.cjs$3"))
  count++
}
console.log(`declarations: ${count} modules, as .d.ts (ESM) and .d.cts (CommonJS)`)
