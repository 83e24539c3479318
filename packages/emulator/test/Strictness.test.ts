import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { Emulator } from "@sinch-effect/emulator"
import { client, createApp } from "./helpers.js"

const sms = (identity: string) => ({ identified_by: { channel_identities: [{ channel: "SMS", identity }] } })
const text = (t: string) => ({ text_message: { text: t } })

/** The field of the first violation of a Sinch 400 body. */
const violation = (answer: { status: number; json: any }) => {
  assert.strictEqual(answer.status, 400)
  assert.strictEqual(answer.json.error.status, "INVALID_ARGUMENT")
  return answer.json.error.details[0].field_violations[0].field as string
}

describe("the emulator refuses what Sinch refuses", () => {
  it.scoped("fetch-last-message: one of channel_identities or contact_ids, sources, paging and filters", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const api = client(emu)
      const app = yield* createApp(api)
      const sent: Array<string> = []
      for (const identity of ["+1", "+2", "+3", "+4", "+5"]) {
        sent.push(
          (yield* api.post("/messages:send", { app_id: app.id, recipient: sms(identity), message: text(identity) }))
            .json.message_id
        )
      }
      const reply = yield* emu.inboundMessage({
        appId: app.id,
        channel: "SMS",
        identity: "+1",
        contactMessage: text("hi")
      })
      const base = { app_id: app.id, messages_source: "CONVERSATION_SOURCE" }
      const identities = ["+1", "+2", "+3", "+4", "+5"]
      // paging: page_size and the token walk the latest message per identity, newest first
      const first = yield* api.post("/messages:fetch-last-message", {
        ...base,
        channel_identities: identities,
        page_size: 2
      })
      assert.strictEqual(first.status, 200)
      const ids = (r: { json: { messages: Array<{ id: string }> } }) => r.json.messages.map((m) => m.id)
      assert.deepStrictEqual(ids(first), [reply["id"], sent[4]])
      assert.notStrictEqual(first.json.next_page_token, "")
      const second = yield* api.post("/messages:fetch-last-message", {
        ...base,
        channel_identities: identities,
        page_size: 2,
        page_token: first.json.next_page_token
      })
      assert.deepStrictEqual(ids(second), [sent[3], sent[2]])
      const third = yield* api.post("/messages:fetch-last-message", {
        ...base,
        channel_identities: identities,
        page_size: 2,
        page_token: second.json.next_page_token
      })
      assert.deepStrictEqual(ids(third), [sent[1]])
      assert.strictEqual(third.json.next_page_token, "")
      // filters: direction picks the last message of that direction
      const toContact = yield* api.post("/messages:fetch-last-message", {
        ...base,
        channel_identities: ["+1"],
        direction: "TO_CONTACT"
      })
      assert.deepStrictEqual(ids(toContact), [sent[0]])
      const noMeta = yield* api.post("/messages:fetch-last-message", {
        ...base,
        channel_identities: ["+1"],
        view: "WITHOUT_METADATA"
      })
      assert.isUndefined(noMeta.json.messages[0].metadata)
      const whatsapp = yield* api.post("/messages:fetch-last-message", {
        ...base,
        channel_identities: ["+1"],
        channel: "WHATSAPP"
      })
      assert.deepStrictEqual(ids(whatsapp), [])
      // the default source is DISPATCH_SOURCE: this app's conversation-mode messages are not there
      assert.deepStrictEqual(ids(yield* api.post("/messages:fetch-last-message", { channel_identities: ["+1"] })), [])
      // refused
      assert.strictEqual(
        violation(yield* api.post("/messages:fetch-last-message", { app_id: app.id })),
        "channel_identities"
      )
      const contact = (yield* api.get(`/messages/${sent[0]}`)).json.contact_id
      assert.strictEqual(
        violation(
          yield* api.post("/messages:fetch-last-message", {
            ...base,
            channel_identities: ["+1"],
            contact_ids: [contact]
          })
        ),
        "contact_ids"
      )
      assert.strictEqual(
        violation(yield* api.post("/messages:fetch-last-message", { contact_ids: [contact] })),
        "contact_ids"
      )
      assert.strictEqual(
        violation(
          yield* api.post("/messages:fetch-last-message", { ...base, channel_identities: ["+1"], direction: "UP" })
        ),
        "direction"
      )
      assert.strictEqual(
        violation(
          yield* api.post("/messages:fetch-last-message", { ...base, channel_identities: ["+1"], page_token: "junk" })
        ),
        "page_token"
      )
    })
  )

  it.scoped("GET /contacts: channel and identity together, never with external_id", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const api = client(emu)
      yield* api.post("/contacts", {
        channel_identities: [{ channel: "SMS", identity: "+46700000001" }],
        language: "EN_US",
        external_id: "crm-1"
      })
      const found = yield* api.get("/contacts?channel=SMS&identity=%2B46700000001")
      assert.strictEqual(found.json.contacts.length, 1)
      assert.strictEqual(violation(yield* api.get("/contacts?channel=SMS")), "identity")
      assert.strictEqual(violation(yield* api.get("/contacts?identity=%2B46700000001")), "channel")
      assert.strictEqual(
        violation(yield* api.get("/contacts?channel=SMS&identity=%2B1&external_id=crm-1")),
        "external_id"
      )
      assert.strictEqual(violation(yield* api.get("/contacts?channel=PIGEON&identity=%2B1")), "channel")
    })
  )

  it.scoped("consent lists are the reference's list types", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const api = client(emu)
      const app = yield* createApp(api)
      for (const type of [
        "OPT_OUT_ALL",
        "OPT_IN_MARKETING",
        "OPT_IN_NOTIFICATION",
        "OPT_OUT_MARKETING",
        "OPT_OUT_NOTIFICATION"
      ]) {
        assert.strictEqual((yield* api.get(`/apps/${app.id}/consents/${type}`)).status, 200, type)
      }
      assert.strictEqual(violation(yield* api.get(`/apps/${app.id}/consents/OPT_IN`)), "list_type")
    })
  )

  it.scoped("GET /conversations requires only_active", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const api = client(emu)
      const app = yield* createApp(api)
      assert.strictEqual(violation(yield* api.get(`/conversations?app_id=${app.id}`)), "only_active")
      assert.strictEqual((yield* api.get(`/conversations?app_id=${app.id}&only_active=false`)).status, 200)
    })
  )
})
