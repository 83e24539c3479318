// After `pnpm build`: every package's ESM and CJS builds load and export the same names, and ship types.
import { existsSync, readdirSync, readFileSync } from "node:fs"
import { createRequire } from "node:module"
import { join, resolve } from "node:path"
import { pathToFileURL } from "node:url"

const require = createRequire(import.meta.url)
let failed = false
for (const dir of readdirSync("packages")) {
  const root = resolve("packages", dir)
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"))
  const entry = pkg.exports?.["."]
  if (!entry) continue
  const files = [entry.import.default, entry.import.types, entry.require.default, entry.require.types]
  const missing = files.filter((file) => !existsSync(join(root, file)))
  if (missing.length > 0) {
    console.error(`${pkg.name}: missing ${missing.join(", ")}`)
    failed = true
    continue
  }
  const esm = Object.keys(await import(pathToFileURL(join(root, entry.import.default)).href)).sort()
  const cjs = Object.keys(require(join(root, entry.require.default))).sort()
  if (esm.length === 0 || esm.join() !== cjs.join()) {
    console.error(`${pkg.name}: ESM exports [${esm}] differ from CJS exports [${cjs}]`)
    failed = true
  } else {
    console.log(`${pkg.name}: ESM and CJS load, ${esm.length} exports (${esm.join(", ")})`)
  }
}
process.exit(failed ? 1 : 0)
