import { defineConfig } from "tsup"

export default defineConfig({
  entry: ["src/index.ts", "src/bin.ts", "src/demo-main.ts"],
  format: ["esm", "cjs"],
  // declarations marked `@internal` (e.g. the group modules' `make(api)`) are left out of the public types
  dts: { compilerOptions: { stripInternal: true } },
  sourcemap: true,
  clean: true,
  treeshake: true,
  target: "es2022"
})
