import { defineConfig } from "tsup"

// ESM one file per module (tree-shakeable with `sideEffects: false`), CommonJS one bundle; declarations come from tsc.
// See scripts/build.mjs, which runs this.
export default defineConfig([
  { entry: ["src/**/*.ts"], format: ["esm"], bundle: false, sourcemap: true, target: "es2022" },
  { entry: ["src/index.ts"], format: ["cjs"], sourcemap: true, treeshake: true, target: "es2022" }
])
