import { readFileSync } from "node:fs"
import { defineConfig } from "tsup"

// The build of every package (each package's tsup.config.ts re-exports this; scripts/build.mjs runs tsup, then tsc
// for the declarations): ESM one file per module, tree-shakeable with `sideEffects: false`; CommonJS one bundle.
const { name } = JSON.parse(readFileSync("package.json", "utf8")) as { readonly name: string }

// CommonJS loads `effect` with require() at the top of the bundle: check its major version first, so that a project
// on Effect 4 gets this sentence instead of a missing-module error. (ES modules are linked before any code runs, so
// the ESM build cannot check; the READMEs say it.)
const effect3 = [
  `"use strict";`,
  `(() => { let v; try { v = require("effect/package.json").version } catch { return }`,
  `if (!/^3\\./.test(v)) throw new Error(${JSON.stringify(name)} + " needs effect 3 (^3.22.4), but effect " + v +`,
  `" is installed. Effect 4 is not supported yet: npm install effect@^3.22.4 @effect/platform@^0.97.2") })();`
].join(" ")

export default defineConfig([
  { entry: ["src/**/*.ts"], format: ["esm"], bundle: false, sourcemap: true, target: "es2022" },
  {
    entry: ["src/index.ts"],
    format: ["cjs"],
    banner: { js: effect3 },
    sourcemap: true,
    target: "es2022"
  }
])
