import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as fc from "fast-check"
import { Emulator } from "@sinch-effect/emulator"
import { client, createApp } from "./helpers.js"

const ROUTES: Array<[string, string]> = [
  ["POST", "/messages:send"],
  ["POST", "/messages:transcode"],
  ["POST", "/messages:fetch-last-message"],
  ["POST", "/apps"],
  ["POST", "/contacts"],
  ["POST", "/conversations"],
  ["POST", "/events:send"],
  ["POST", "/webhooks"],
  ["POST", "/capability:query"],
  ["POST", "/optins:register"],
  ["POST", "/optouts:register"],
  ["POST", "/contacts:getChannelProfile"],
  ["POST", "/settings"]
]

describe("robustness", () => {
  it.scoped("arbitrary JSON bodies and junk never produce a 5xx, and the server keeps serving", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const api = client(emu)
      const app = yield* createApp(api)
      const body = fc.oneof(
        fc.jsonValue(),
        fc.string(),
        fc.record(
          {
            app_id: fc.oneof(fc.constant(app.id), fc.string(), fc.integer()),
            recipient: fc.oneof(
              fc.record({ contact_id: fc.oneof(fc.string(), fc.integer()) }),
              fc.record({
                identified_by: fc.record({
                  channel_identities: fc.array(
                    fc.record({ channel: fc.constantFrom("SMS", "WHATSAPP", "NOPE", 3), identity: fc.string() }),
                    { maxLength: 2 }
                  )
                })
              }),
              fc.jsonValue()
            ),
            message: fc.oneof(
              fc.record({ text_message: fc.record({ text: fc.oneof(fc.string(), fc.integer()) }) }),
              fc.jsonValue()
            ),
            display_name: fc.oneof(fc.string(), fc.integer()),
            channel_credentials: fc.oneof(fc.constant([{ channel: "SMS" }]), fc.jsonValue()),
            language: fc.constantFrom("EN", 1),
            channels: fc.oneof(fc.constant(["SMS"]), fc.jsonValue())
          },
          { requiredKeys: [] }
        )
      )
      const statuses = new Set<number>()
      yield* Effect.promise(() =>
        fc.assert(
          fc.asyncProperty(fc.constantFrom(...ROUTES), body, fc.boolean(), async ([method, path], b, raw) => {
            const res = await fetch(`${api.base}${path}`, {
              method,
              headers: { authorization: api.authorization, "content-type": "application/json" },
              body: raw && typeof b === "string" ? b : JSON.stringify(b)
            })
            const text = await res.text()
            statuses.add(res.status)
            if (res.status >= 500) throw new Error(`${method} ${path} answered ${res.status}: ${text}`)
            if (res.status !== 200) {
              const parsed = JSON.parse(text) as { error: { code: number; status: string } }
              if (parsed.error.code !== res.status) throw new Error(`error body code mismatch: ${text}`)
            }
          }),
          { numRuns: 300 }
        )
      )
      assert.isTrue(statuses.has(400))
      assert.strictEqual((yield* api.get("/apps")).status, 200)
    })
  )
})
