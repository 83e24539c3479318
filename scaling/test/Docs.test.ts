/**
 * docs/scaling.md shows the processes of the multi-process test verbatim (the test runs them).
 */
import { assert, describe, it } from "@effect/vitest"
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"

const read = (path: string) => readFileSync(fileURLToPath(new URL(path, import.meta.url)), "utf8")

describe("docs/scaling.md", () => {
  it("shows every process of the multi-process test verbatim", () => {
    const doc = read("../../docs/scaling.md")
    for (const file of ["receiver.ts", "worker.ts", "effect.ts", "common.ts"]) {
      assert.include(doc, "```ts\n" + read(`../processes/${file}`) + "```", file)
    }
  })
})
