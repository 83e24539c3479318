import { defineConfig } from "tsup"

export default defineConfig({
  entry: ["src/index.ts", "src/bin.ts"],
  format: ["esm", "cjs"],
  // declarations come from tsc (scripts/build-dts.mjs): one per module, true to the runtime exports
  sourcemap: true,
  clean: true,
  treeshake: true,
  target: "es2022"
})
