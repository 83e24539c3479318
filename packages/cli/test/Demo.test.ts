import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { runCli, spawnEntry } from "./helpers.js"

describe("demo", () => {
  it.live("runs in-process, every check holds, and the summary is printed", () =>
    Effect.gen(function* () {
      const result = yield* runCli(["demo"])
      assert.strictEqual(result.code, 0, result.stderr + result.stdout)
      assert.include(result.stdout, "Summary")
      assert.match(result.stdout, /messages sent\s+118 \(card 3, choice 3, list 3, location 3, media 3, text 103\)/)
      assert.match(
        result.stdout,
        /callbacks verified\s+\d+ \(CONTACT_CREATE 3, CONVERSATION_START 3, EVENT_INBOUND 3, MESSAGE_DELIVERY 236, MESSAGE_INBOUND 6, MESSAGE_SUBMIT 118\)/
      )
      assert.match(result.stdout, /messages exported\s+124 -> /)
      assert.match(result.stdout, /elapsed\s+\d+\.\d s/)
      assert.match(result.stdout, /All 7 checks held\./)
      assert.notInclude(result.stdout, "✗")
    })
  )

  it.live("runs as a process (the root `demo` script) and exits 0", () =>
    Effect.gen(function* () {
      const { exited } = spawnEntry("demo-main.ts", [], {})
      const result = yield* Effect.promise(() => exited)
      assert.strictEqual(result.code, 0, result.stderr)
      assert.match(result.stdout, /All 7 checks held\./)
    })
  )
})
