import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { readFileSync } from "node:fs"
import { describePage, handleCallback } from "../../../docs/examples/schema.js"

describe("docs/schema.md examples", () => {
  it("the guide shows the example file verbatim", () => {
    const read = (path: string) => readFileSync(new URL(`../../../docs/${path}`, import.meta.url), "utf8")
    assert.include(read("schema.md"), "```ts\n" + read("examples/schema.ts") + "```")
  })

  it.effect("describePage", () =>
    Effect.gen(function* () {
      assert.deepStrictEqual(yield* describePage, ["WHATSAPP 2024-02-22T07:40:46.724Z text: Yes, tomorrow works"])
    })
  )

  it.effect("handleCallback", () =>
    Effect.gen(function* () {
      const delivery = { app_id: "a", project_id: "p", message_delivery_report: { status: "DELIVERED" } }
      assert.strictEqual(yield* handleCallback(delivery), "delivery: DELIVERED")
      const future = { app_id: "a", project_id: "p", hologram_notification: {} }
      assert.strictEqual(
        yield* handleCallback(future),
        "unknown callback with keys app_id,project_id,hologram_notification"
      )
      const broken = yield* Effect.flip(handleCallback({ app_id: "a", project_id: "p", message: { accept_time: 1 } }))
      assert.include(broken.message, "accept_time")
    })
  )
})
