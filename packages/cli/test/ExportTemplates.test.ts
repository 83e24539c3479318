/**
 * `export templates` against the emulator: every template, one per line, as the Template Management API returned it
 * (v2 by default, v1 with --api-version v1), from the template host (`SINCH_TEMPLATES_URL`, `--templates-url`).
 */
import { assert, describe, it } from "@effect/vitest"
import { Emulator } from "@sinch-effect/emulator"
import * as Effect from "effect/Effect"
import { envOf, runCli } from "./helpers.js"

const lines = (text: string) => text.split("\n").filter((l) => l !== "")

/** A POST to the emulator's template API with Basic auth. */
const create = (emu: Emulator.Running, version: "v1" | "v2", body: unknown) =>
  Effect.promise(async () => {
    const res = await fetch(`${emu.templatesUrl}/${version}/projects/${emu.projectId}/templates`, {
      method: "POST",
      headers: {
        authorization: `Basic ${Buffer.from(`${emu.keyId}:${emu.env["SINCH_KEY_SECRET"]}`).toString("base64")}`,
        "content-type": "application/json"
      },
      body: JSON.stringify(body)
    })
    assert.strictEqual(res.status, 200, await res.clone().text())
    return (await res.json()) as { readonly id: string }
  })

const v2 = (id: string) => ({
  id,
  default_translation: "en-US",
  translations: [{ language_code: "en-US", version: "1", text_message: { text: `${id} \${name}` } }],
  future_field: { kept: [1, 2.5] }
})

describe("export templates", () => {
  it.scoped("v2 and v1 templates as NDJSON, unknown fields kept; --templates-url picks the template host", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      yield* create(emu, "v2", v2("welcome"))
      yield* create(emu, "v2", v2("goodbye"))
      const old = yield* create(emu, "v1", {
        translations: [{ language_code: "en-US", content: JSON.stringify({ text_message: { text: "v1" } }) }]
      })

      const exported = yield* runCli(["export", "templates"], envOf(emu))
      assert.strictEqual(exported.code, 0, exported.stderr)
      const templates = lines(exported.stdout).map((l) => JSON.parse(l))
      assert.deepStrictEqual(
        templates.map((t) => t.id),
        ["welcome", "goodbye"]
      )
      assert.deepStrictEqual(templates[0].future_field, { kept: [1, 2.5] })
      assert.deepStrictEqual(
        templates[0].translations.map((t: { version: string }) => t.version),
        ["1", "latest"]
      )

      const v1 = yield* runCli(["export", "templates", "--api-version", "v1"], envOf(emu))
      assert.strictEqual(v1.code, 0, v1.stderr)
      assert.deepStrictEqual(
        lines(v1.stdout).map((l) => JSON.parse(l).id),
        [old.id]
      )

      // the Conversation API and SINCH_TEMPLATES_URL unreachable: the templates come from --templates-url
      const elsewhere = {
        ...envOf(emu),
        SINCH_CONVERSATION_URL: "http://127.0.0.1:9",
        SINCH_AUTH_MODE: "basic",
        SINCH_TEMPLATES_URL: "http://127.0.0.1:9"
      }
      const flagged = yield* runCli(["export", "templates", "--templates-url", emu.templatesUrl], elsewhere)
      assert.strictEqual(flagged.code, 0, flagged.stderr)
      assert.strictEqual(lines(flagged.stdout).length, 2)
    })
  )
})
