/**
 * docs/testing-with-the-emulator.md: the example test files register their tests here (importing them is enough),
 * the guide shows every example verbatim, and the `sinch-emulator` command of the guide prints what it says.
 */
import { assert, describe, it } from "@effect/vitest"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import { readdirSync, readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { fromEnvironment } from "../../../../docs/examples/configuration/layers.js"
import { messageCount } from "../../../../docs/examples/testing-with-the-emulator/app.js"
import { startEmulatorProcess } from "../../../../docs/examples/testing-with-the-emulator/process.js"
// faults.test.ts first: @effect/vitest 0.30's `layer(...)` (used by shared-emulator.test.ts) replaces `it.effect` and
// `it.scoped` for whatever registers after it in the same module graph, which would take the TestClock away from the
// token expiry test
import "../../../../docs/examples/testing-with-the-emulator/faults.test.js"
import "../../../../docs/examples/testing-with-the-emulator/callbacks.test.js"
import "../../../../docs/examples/testing-with-the-emulator/shared-emulator.test.js"

const docsDir = fileURLToPath(new URL("../../../../docs/", import.meta.url))
const docs = (path: string): string => readFileSync(docsDir + path, "utf8")
/** The bin from the sources: what `sinch-emulator` runs once built. */
const bin = [
  fileURLToPath(new URL("../../../../node_modules/.bin/tsx", import.meta.url)),
  "--conditions=@sinch-effect/source",
  fileURLToPath(new URL("../../src/bin.ts", import.meta.url))
]
const started = (args: ReadonlyArray<string>) =>
  Effect.acquireRelease(
    Effect.promise(() => startEmulatorProcess([...bin, ...args])),
    (emulator) => Effect.sync(() => emulator.stop())
  )
const blocks = (markdown: string, lang: string): ReadonlyArray<string> =>
  [...markdown.matchAll(new RegExp("```" + lang + "\\n([\\s\\S]*?)```", "g"))].map((m) => m[1]!)

describe("docs/testing-with-the-emulator.md", () => {
  it("shows every example file verbatim", () => {
    const shown = blocks(docs("testing-with-the-emulator.md"), "ts")
    const files = readdirSync(docsDir + "examples/testing-with-the-emulator").filter((f) => f.endsWith(".ts"))
    assert.isAtLeast(files.length, 4)
    for (const file of files) assert.include(shown, docs(`examples/testing-with-the-emulator/${file}`), file)
    const contents = new Set(files.map((f) => docs(`examples/testing-with-the-emulator/${f}`)))
    for (const block of shown) assert.isTrue(contents.has(block), `not an example file:\n${block.slice(0, 200)}`)
  })

  it.scopedLive("process.ts: the bin prints its variables, and the production layer fed them talks to it", () =>
    Effect.gen(function* () {
      const emulator = yield* started(["--seed", "contacts=3,messages=30"])
      const count = yield* messageCount(emulator.env["SINCH_CONTACT_ID"]!).pipe(
        Effect.provide(fromEnvironment),
        Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(emulator.env))))
      )
      assert.strictEqual(count, 10)
    })
  )

  it.scopedLive("every sinch-emulator line of the sh blocks prints the variables the guide lists", () =>
    Effect.gen(function* () {
      const guide = docs("testing-with-the-emulator.md")
      const listed = blocks(guide, "text")
        .find((b) => b.startsWith("SINCH_PROJECT_ID="))!
        .trim()
        .split("\n")
        .map((line) => line.slice(0, line.indexOf("=")))
      const commands = blocks(guide, "sh")
        .flatMap((b) => b.split("\n"))
        .filter((line) => line.startsWith("sinch-emulator "))
      assert.isAtLeast(commands.length, 2)
      for (const line of commands) {
        const args = line
          .replace(/\s*(>.*|&)\s*$/, "")
          .split(/\s+/)
          .slice(1)
          .map((arg, i, all) => (all[i - 1] === "--port" ? "0" : arg))
        const emulator = yield* started(args)
        const names = Object.keys(emulator.env)
        const unseeded = listed.filter((name) => name !== "SINCH_APP_ID" && name !== "SINCH_CONTACT_ID")
        assert.deepStrictEqual(names, args.includes("--seed") ? listed : unseeded, line)
        emulator.stop()
      }
    })
  )
})
