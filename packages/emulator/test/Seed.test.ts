import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { Emulator } from "@sinch-effect/emulator"
import { appMessages, client } from "./helpers.js"

describe("seeding", () => {
  it.scoped("fills contacts, conversations and messages that the API then lists", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve({ seed: { contacts: 10, messages: 1000 } })
      const api = client(emu)
      const stats = yield* emu.stats()
      assert.deepStrictEqual(
        { contacts: stats.contacts, conversations: stats.conversations, messages: stats.messages },
        { contacts: 10, conversations: 10, messages: 1000 }
      )
      const apps = (yield* api.get("/apps")).json.apps
      assert.strictEqual(apps.length, 1)
      const contacts = yield* api.get("/contacts?page_size=20")
      assert.strictEqual(contacts.json.contacts.length, 10)
      const contactId = contacts.json.contacts[0].id
      // walk one contact's messages: 100, newest first, no duplicates
      const seen: Array<{ id: string; accept_time: string }> = []
      let token = ""
      do {
        const page = yield* api.get(`/messages?contact_id=${contactId}&page_size=20&page_token=${token}`)
        seen.push(...page.json.messages)
        token = page.json.next_page_token
      } while (token !== "")
      assert.strictEqual(seen.length, 100)
      assert.strictEqual(new Set(seen.map((m) => m.id)).size, 100)
      const times = seen.map((m) => m.accept_time)
      assert.deepStrictEqual([...times].sort().reverse(), times)
      const recent = yield* api.get(`/conversations:recent?app_id=${apps[0].id}`)
      assert.strictEqual(recent.json.total_size, 10)
    })
  )

  it.scoped("seeded history is older than what already exists", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const api = client(emu)
      const first = yield* emu.seed({ contacts: 1, messages: 5 })
      const live = yield* api.post("/messages:send", {
        app_id: first.appId,
        recipient: { contact_id: first.firstContactId },
        message: { text_message: { text: "now" } }
      })
      yield* emu.seed({ contacts: 2, messages: 10, appId: first.appId })
      // the newest message of the app is still the live one: the later seed's are older
      const all = yield* appMessages(api, first.appId)
      assert.strictEqual(all.length, 16)
      const newest = all.reduce((a, b) => (Date.parse(b.accept_time) > Date.parse(a.accept_time) ? b : a))
      assert.strictEqual(newest.id, live.json.message_id)
      assert.strictEqual((yield* emu.stats()).messages, 16)
      const missing = yield* Effect.flip(emu.seed({ appId: "01NOPE" }))
      assert.strictEqual(missing.code, 404)
    })
  )
})
