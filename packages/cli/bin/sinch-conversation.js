#!/usr/bin/env node
// The `sinch-conversation` bin: a file in the repository (not in dist), so installing a fresh clone links it before any build.
// It checks the installed effect first: on Effect 4 the built modules would fail to load with a missing-module error.
import { createRequire } from "node:module"

let version
try {
  version = createRequire(import.meta.url)("effect/package.json").version
} catch {
  console.error("sinch-conversation: effect is not installed: npm install effect@^3.22.4 @effect/platform@^0.97.2")
  process.exit(1)
}
if (!/^3\./.test(version)) {
  console.error(
    `sinch-conversation: needs effect 3 (^3.22.4), but effect ${version} is installed. Effect 4 is not supported yet: ` +
      "npm install effect@^3.22.4 @effect/platform@^0.97.2"
  )
  process.exit(1)
}
await import("../dist/bin.js")
