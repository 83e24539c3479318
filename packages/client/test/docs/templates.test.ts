/**
 * docs/templates.md: the example creates a template, sends a message from it and exports the templates, against an
 * emulator serving the Template Management API beside the Conversation API.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as NodeContext from "@effect/platform-node/NodeContext"
import { assert, describe, it } from "@effect/vitest"
import { Emulator } from "@sinch-effect/emulator"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { mkdtempSync, readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { createWelcome, exportTemplates, sendWelcome } from "../../../../docs/examples/templates/templates.js"
import * as SinchClient from "../../src/SinchClient.js"
import { assertShowsExamples } from "./guides.js"

describe("docs/templates.md", () => {
  it("shows docs/examples/templates verbatim", () => assertShowsExamples("templates"))

  it.scoped("templates.ts: creates the template, sends it rendered in French, exports it", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const seeded = yield* emu.seed({ contacts: 1, messages: 0 })
      const client = SinchClient.layerWith(emu.clientOptions).pipe(Layer.provide(FetchHttpClient.layer))
      const run = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
        Effect.provide(effect, Layer.merge(client, NodeContext.layer))
      const created = yield* run(createWelcome)
      assert.strictEqual(created.version, 1)
      const sent = yield* run(sendWelcome(seeded.appId, seeded.firstContactId!, "Ada"))
      const stored = yield* run(
        Effect.flatMap(SinchClient.SinchClient, (sinch) => sinch.messages.get({ message_id: sent.message_id! }))
      )
      assert.strictEqual(stored.app_message?.text_message?.text, "Bienvenue, Ada !")
      const path = join(mkdtempSync(join(tmpdir(), "templates-")), "templates.ndjson")
      const progress = yield* run(exportTemplates(path))
      assert.strictEqual(progress.items, 1)
      const lines = readFileSync(path, "utf8").trim().split("\n")
      assert.deepStrictEqual(
        lines.map((l) => JSON.parse(l).id),
        ["welcome"]
      )
    })
  )
})
