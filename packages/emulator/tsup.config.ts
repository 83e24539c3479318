import { defineConfig } from "tsup"

export default defineConfig({
  entry: ["src/index.ts", "src/bin.ts"],
  format: ["esm", "cjs"],
  // declarations marked `@internal` are left out of the public types
  dts: { compilerOptions: { stripInternal: true } },
  sourcemap: true,
  clean: true,
  treeshake: true,
  target: "es2022"
})
