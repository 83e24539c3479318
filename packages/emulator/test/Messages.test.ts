import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { Emulator } from "@sinch-effect/emulator"
import { client, createApp, createWebhook, receiver, verifySignature, violatedFields } from "./helpers.js"

const sms = (identity: string) => ({ identified_by: { channel_identities: [{ channel: "SMS", identity }] } })
const text = (t: string) => ({ text_message: { text: t } })

describe("messages", () => {
  it.scoped("send creates the contact and the conversation (CONVERSATION mode); get returns the message", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const api = client(emu)
      const app = yield* createApp(api)
      const sent = yield* api.post("/messages:send", {
        app_id: app.id,
        recipient: sms("+46700000001"),
        message: text("hello"),
        message_metadata: "meta"
      })
      assert.strictEqual(sent.status, 200)
      assert.match(sent.json.message_id, /^[0-9A-Z]{26}$/)
      assert.match(sent.json.accepted_time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/)
      const got = yield* api.get(`/messages/${sent.json.message_id}`)
      assert.strictEqual(got.status, 200)
      assert.strictEqual(got.json.id, sent.json.message_id)
      assert.strictEqual(got.json.direction, "TO_CONTACT")
      assert.deepStrictEqual(got.json.app_message, text("hello"))
      assert.deepStrictEqual(got.json.channel_identity, { channel: "SMS", identity: "+46700000001", app_id: "" })
      assert.strictEqual(got.json.metadata, "meta")
      assert.strictEqual(got.json.processing_mode, "CONVERSATION")
      assert.strictEqual(got.json.accept_time, sent.json.accepted_time)
      const contact = yield* api.get(`/contacts/${got.json.contact_id}`)
      assert.deepStrictEqual(contact.json.channel_identities, [{ channel: "SMS", identity: "+46700000001" }])
      const conv = yield* api.get(`/conversations/${got.json.conversation_id}`)
      assert.strictEqual(conv.json.active, true)
      assert.strictEqual(conv.json.active_channel, "SMS")
      // a second message reuses contact and conversation
      const again = yield* api.post("/messages:send", {
        app_id: app.id,
        recipient: sms("+46700000001"),
        message: text("2")
      })
      const got2 = yield* api.get(`/messages/${again.json.message_id}`)
      assert.strictEqual(got2.json.contact_id, got.json.contact_id)
      assert.strictEqual(got2.json.conversation_id, got.json.conversation_id)
      // by contact id
      const byId = yield* api.post("/messages:send", {
        app_id: app.id,
        recipient: { contact_id: got.json.contact_id },
        message: text("3")
      })
      assert.strictEqual(byId.status, 200)
    })
  )

  it.scoped("DISPATCH mode keeps neither contacts nor conversations and needs identified_by", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const api = client(emu)
      const app = yield* createApp(api, { processing_mode: "DISPATCH" })
      const sent = yield* api.post("/messages:send", { app_id: app.id, recipient: sms("+1"), message: text("x") })
      assert.strictEqual(sent.status, 200)
      assert.strictEqual((yield* api.get(`/messages/${sent.json.message_id}`)).status, 404)
      const got = yield* api.get(`/messages/${sent.json.message_id}?messages_source=DISPATCH_SOURCE`)
      assert.strictEqual(got.json.processing_mode, "DISPATCH")
      assert.strictEqual(got.json.contact_id, "")
      assert.strictEqual(got.json.conversation_id, "")
      assert.strictEqual((yield* api.get("/contacts")).json.contacts.length, 0)
      const listed = yield* api.get(`/messages?messages_source=DISPATCH_SOURCE&app_id=${app.id}`)
      assert.strictEqual(listed.json.messages.length, 1)
      const byContact = yield* api.post("/messages:send", {
        app_id: app.id,
        recipient: { contact_id: "x" },
        message: text("x")
      })
      assert.strictEqual(byContact.status, 400)
    })
  )

  it.scoped("bad requests get 400 with field violations, unknown ids 404, and the server keeps serving", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const api = client(emu)
      const app = yield* createApp(api)
      const malformed = yield* api.post("/messages:send", "{not json")
      assert.strictEqual(malformed.status, 400)
      assert.strictEqual(malformed.json.error.status, "INVALID_ARGUMENT")
      const missing = yield* api.post("/messages:send", {})
      assert.strictEqual(missing.status, 400)
      assert.deepStrictEqual(violatedFields(missing), ["app_id", "recipient", "message"])
      assert.strictEqual(missing.json.error.details[0]["@type"], "type.googleapis.com/google.rpc.BadRequest")
      const wrongTypes = yield* api.post("/messages:send", {
        app_id: 42,
        recipient: { contact_id: 7 },
        message: { text_message: { text: 1 } }
      })
      assert.strictEqual(wrongTypes.status, 400)
      assert.includeMembers(violatedFields(wrongTypes), ["app_id", "recipient.contact_id", "message.text_message.text"])
      const twoKinds = yield* api.post("/messages:send", {
        app_id: app.id,
        recipient: sms("+1"),
        message: { text_message: { text: "a" }, media_message: { url: "https://x" } }
      })
      assert.strictEqual(twoKinds.status, 400)
      const array = yield* api.post("/messages:send", [1, 2])
      assert.strictEqual(array.status, 400)
      const unknownApp = yield* api.post("/messages:send", {
        app_id: "01NOPE",
        recipient: sms("+1"),
        message: text("x")
      })
      assert.strictEqual(unknownApp.status, 404)
      assert.strictEqual(unknownApp.json.error.status, "NOT_FOUND")
      const unknownContact = yield* api.post("/messages:send", {
        app_id: app.id,
        recipient: { contact_id: "01NOPE" },
        message: text("x")
      })
      assert.strictEqual(unknownContact.status, 404)
      const wrongChannel = yield* api.post("/messages:send", {
        app_id: app.id,
        recipient: { identified_by: { channel_identities: [{ channel: "TELEGRAM", identity: "1" }] } },
        message: text("x")
      })
      assert.strictEqual(wrongChannel.status, 400)
      const badPriority = yield* api.post("/messages:send", {
        app_id: app.id,
        recipient: sms("+1"),
        message: text("x"),
        channel_priority_order: ["MMS"]
      })
      assert.strictEqual(badPriority.status, 400)
      assert.strictEqual((yield* api.get("/messages/01NOPE")).status, 404)
      assert.strictEqual((yield* api.del("/messages/01NOPE")).status, 404)
      assert.strictEqual((yield* api.get("/messages?page_size=-1")).status, 400)
      assert.strictEqual((yield* api.get("/messages?page_token=garbage")).status, 400)
      assert.strictEqual((yield* api.get("/messages?start_time=yesterday")).status, 400)
      const ok = yield* api.post("/messages:send", { app_id: app.id, recipient: sms("+1"), message: text("x") })
      assert.strictEqual(ok.status, 200)
    })
  )

  it.scoped("lists newest first with stable pages while data changes", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const api = client(emu)
      const app = yield* createApp(api)
      const contact = (yield* api.post("/contacts", {
        channel_identities: [{ channel: "SMS", identity: "+46" }],
        language: "EN_US"
      })).json.id
      const empty = yield* api.get(`/messages?contact_id=${contact}`)
      assert.deepStrictEqual(empty.json, { messages: [], next_page_token: "" })
      const ids: Array<string> = []
      for (let i = 0; i < 25; i++) {
        const r = yield* api.post("/messages:send", { app_id: app.id, recipient: sms("+46"), message: text(`m${i}`) })
        ids.push(r.json.message_id)
      }
      // (the messages of conversations are listed per conversation or contact)
      const of = `contact_id=${contact}`
      const first = yield* api.get(`/messages?${of}`)
      assert.strictEqual(first.json.messages.length, 10)
      assert.deepStrictEqual(
        first.json.messages.map((m: { id: string }) => m.id),
        ids.slice(15).reverse()
      )
      // new messages do not shift later pages
      yield* api.post("/messages:send", { app_id: app.id, recipient: sms("+46"), message: text("late") })
      // delete one on the next page
      yield* api.del(`/messages/${ids[10]}`)
      const second = yield* api.get(`/messages?${of}&page_token=${first.json.next_page_token}`)
      assert.deepStrictEqual(
        second.json.messages.map((m: { id: string }) => m.id),
        [...ids.slice(4, 10), ...ids.slice(11, 15)].reverse()
      )
      const third = yield* api.get(`/messages?${of}&page_token=${second.json.next_page_token}`)
      assert.deepStrictEqual(
        third.json.messages.map((m: { id: string }) => m.id),
        ids.slice(0, 4).reverse()
      )
      assert.strictEqual(third.json.next_page_token, "")
      // max page size is 20, larger values are clamped
      const big = yield* api.get(`/messages?${of}&page_size=1000`)
      assert.strictEqual(big.json.messages.length, 20)
      assert.notStrictEqual(big.json.next_page_token, "")
    })
  )

  it.scoped("pagination edges: exactly one page and a page boundary", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const api = client(emu)
      const app = yield* createApp(api)
      const sent: Array<string> = []
      for (let i = 0; i < 5; i++) {
        const r = yield* api.post("/messages:send", { app_id: app.id, recipient: sms("+46"), message: text(`m${i}`) })
        sent.push(r.json.message_id)
      }
      const of = `conversation_id=${(yield* api.get(`/messages/${sent[0]}`)).json.conversation_id}`
      const exact = yield* api.get(`/messages?${of}&page_size=5`)
      assert.strictEqual(exact.json.messages.length, 5)
      assert.strictEqual(exact.json.next_page_token, "")
      const boundary = yield* api.get(`/messages?${of}&page_size=4`)
      assert.strictEqual(boundary.json.messages.length, 4)
      const rest = yield* api.get(`/messages?${of}&page_size=4&page_token=${boundary.json.next_page_token}`)
      assert.strictEqual(rest.json.messages.length, 1)
      assert.strictEqual(rest.json.next_page_token, "")
    })
  )

  it.scoped("filters by conversation, contact, channel, identity, direction, time and view", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const api = client(emu)
      const app = yield* createApp(api)
      const a = yield* api.post("/messages:send", { app_id: app.id, recipient: sms("+1"), message: text("a") })
      const b = yield* api.post("/messages:send", {
        app_id: app.id,
        recipient: { identified_by: { channel_identities: [{ channel: "WHATSAPP", identity: "+2" }] } },
        message: text("b"),
        message_metadata: "secret-ish"
      })
      const inbound = yield* emu.inboundMessage({
        appId: app.id,
        channel: "SMS",
        identity: "+1",
        contactMessage: { text_message: { text: "reply" } }
      })
      const ma = (yield* api.get(`/messages/${a.json.message_id}`)).json
      const mb = (yield* api.get(`/messages/${b.json.message_id}`)).json
      const ids = (r: { json: { messages: Array<{ id: string }> } }) => r.json.messages.map((m) => m.id)
      assert.deepStrictEqual(ids(yield* api.get(`/messages?conversation_id=${ma.conversation_id}`)), [
        inbound["id"],
        ma.id
      ])
      assert.deepStrictEqual(ids(yield* api.get(`/messages?contact_id=${mb.contact_id}`)), [mb.id])
      assert.deepStrictEqual(ids(yield* api.get(`/messages?contact_id=${mb.contact_id}&channel=WHATSAPP`)), [mb.id])
      assert.deepStrictEqual(ids(yield* api.get(`/messages?contact_id=${ma.contact_id}&channel=WHATSAPP`)), [])
      assert.deepStrictEqual(ids(yield* api.get(`/messages?contact_id=${ma.contact_id}&channel_identity=%2B1`)), [
        inbound["id"],
        ma.id
      ])
      assert.deepStrictEqual(ids(yield* api.get(`/messages?contact_id=${mb.contact_id}&channel_identity=%2B1`)), [])
      assert.deepStrictEqual(ids(yield* api.get(`/messages?contact_id=${ma.contact_id}&direction=TO_APP`)), [
        inbound["id"]
      ])
      assert.deepStrictEqual(ids(yield* api.get(`/messages?contact_id=${ma.contact_id}&direction=TO_CONTACT`)), [ma.id])
      // the reference's rules: only_recipient_originated needs DISPATCH_SOURCE, which needs app_id (Refusals.test.ts
      // has the conversation or contact that CONVERSATION_SOURCE needs)
      const onlyRecipient = yield* api.get(`/messages?contact_id=${ma.contact_id}&only_recipient_originated=true`)
      assert.strictEqual(onlyRecipient.status, 400)
      assert.strictEqual(onlyRecipient.json.error.status, "INVALID_ARGUMENT")
      assert.strictEqual(onlyRecipient.json.error.details[0].field_violations[0].field, "only_recipient_originated")
      const dispatchWithoutApp = yield* api.get("/messages?messages_source=DISPATCH_SOURCE")
      assert.strictEqual(dispatchWithoutApp.json.error.details[0].field_violations[0].field, "app_id")
      assert.strictEqual((yield* api.get(`/messages?contact_id=${ma.contact_id}&direction=SIDEWAYS`)).status, 400)
      // a is sent before b, the reply after: the bounds are included
      assert.deepStrictEqual(
        ids(yield* api.get(`/messages?contact_id=${ma.contact_id}&start_time=${encodeURIComponent(mb.accept_time)}`)),
        [inbound["id"]]
      )
      assert.deepStrictEqual(
        ids(yield* api.get(`/messages?contact_id=${mb.contact_id}&start_time=${encodeURIComponent(mb.accept_time)}`)),
        [mb.id]
      )
      assert.deepStrictEqual(
        ids(yield* api.get(`/messages?contact_id=${ma.contact_id}&end_time=${encodeURIComponent(mb.accept_time)}`)),
        [ma.id]
      )
      assert.deepStrictEqual(
        ids(yield* api.get(`/messages?contact_id=${mb.contact_id}&end_time=${encodeURIComponent(ma.accept_time)}`)),
        []
      )
      const noMeta = yield* api.get(`/messages?contact_id=${mb.contact_id}&view=WITHOUT_METADATA`)
      assert.isUndefined(noMeta.json.messages[0].metadata)
    })
  )

  it.scoped("updates metadata and deletes messages", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const api = client(emu)
      const app = yield* createApp(api)
      const sent = yield* api.post("/messages:send", { app_id: app.id, recipient: sms("+1"), message: text("a") })
      const updated = yield* api.patch(`/messages/${sent.json.message_id}`, { metadata: "new" })
      assert.strictEqual(updated.status, 200)
      assert.strictEqual(updated.json.metadata, "new")
      assert.strictEqual((yield* api.patch(`/messages/${sent.json.message_id}`, { metadata: 1 })).status, 400)
      assert.deepStrictEqual((yield* api.del(`/messages/${sent.json.message_id}`)).json, {})
      assert.strictEqual((yield* api.get(`/messages/${sent.json.message_id}`)).status, 404)
    })
  )

  it.scoped("fetch-last-message and transcode", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const api = client(emu)
      const app = yield* createApp(api)
      yield* api.post("/messages:send", { app_id: app.id, recipient: sms("+1"), message: text("a") })
      const last = yield* api.post("/messages:send", { app_id: app.id, recipient: sms("+1"), message: text("b") })
      yield* api.post("/messages:send", { app_id: app.id, recipient: sms("+2"), message: text("c") })
      const source = { messages_source: "CONVERSATION_SOURCE", app_id: app.id }
      const fetched = yield* api.post("/messages:fetch-last-message", { ...source, channel_identities: ["+1"] })
      assert.strictEqual(fetched.status, 200)
      assert.deepStrictEqual(
        fetched.json.messages.map((m: { id: string }) => m.id),
        [last.json.message_id]
      )
      assert.strictEqual((yield* api.post("/messages:fetch-last-message", {})).status, 400)
      const t = yield* api.post("/messages:transcode", {
        app_id: app.id,
        app_message: { location_message: { coordinates: { latitude: 47.6, longitude: -2.8 }, title: "Here" } },
        channels: ["WHATSAPP", "SMS"]
      })
      assert.strictEqual(t.status, 200)
      const wa = JSON.parse(t.json.transcoded_message.WHATSAPP)
      assert.strictEqual(wa.type, "location")
      assert.isString(t.json.transcoded_message.SMS)
      assert.strictEqual((yield* api.post("/messages:transcode", { app_id: app.id })).status, 400)
    })
  )

  it.scoped("MESSAGE_DELIVERY: QUEUED_ON_CHANNEL then DELIVERED (or FAILED), signed, plus MESSAGE_SUBMIT", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const api = client(emu)
      const app = yield* createApp(api)
      const hook = yield* receiver()
      yield* createWebhook(api, app.id, hook.url, ["MESSAGE_DELIVERY", "MESSAGE_SUBMIT"], "s3cret")
      yield* emu.setDeliveryOutcome("+99", { status: "FAILED", reasonCode: "RECIPIENT_INVALID_CHANNEL_IDENTITY" })
      const ok = yield* api.post("/messages:send", {
        app_id: app.id,
        recipient: sms("+1"),
        message: text("a"),
        message_metadata: "m1",
        correlation_id: "c1"
      })
      const bad = yield* api.post("/messages:send", { app_id: app.id, recipient: sms("+99"), message: text("b") })
      const reports = yield* hook.waitFor((r) => r.json.message_delivery_report !== undefined, 4)
      for (const r of hook.received) assert.isTrue(verifySignature(r, "s3cret"))
      assert.isFalse(verifySignature(hook.received[0]!, "other"))
      const forOk = reports.filter((r) => r.json.message_delivery_report.message_id === ok.json.message_id)
      assert.deepStrictEqual(
        forOk.map((r) => r.json.message_delivery_report.status),
        ["QUEUED_ON_CHANNEL", "DELIVERED"]
      )
      const env = forOk[1]!.json
      assert.strictEqual(env.app_id, app.id)
      assert.strictEqual(env.project_id, emu.projectId)
      assert.strictEqual(env.message_metadata, "m1")
      assert.strictEqual(env.correlation_id, "c1")
      assert.strictEqual(env.message_delivery_report.metadata, "m1")
      assert.deepStrictEqual(env.message_delivery_report.channel_identity, {
        channel: "SMS",
        identity: "+1",
        app_id: ""
      })
      const forBad = reports.filter((r) => r.json.message_delivery_report.message_id === bad.json.message_id)
      assert.deepStrictEqual(
        forBad.map((r) => r.json.message_delivery_report.status),
        ["QUEUED_ON_CHANNEL", "FAILED"]
      )
      assert.strictEqual(forBad[1]!.json.message_delivery_report.reason.code, "RECIPIENT_INVALID_CHANNEL_IDENTITY")
      const submits = yield* hook.waitFor((r) => r.json.message_submit_notification !== undefined, 2)
      assert.deepStrictEqual(submits[0]!.json.message_submit_notification.submitted_message, text("a"))
    })
  )

  it.scoped("callback_url overrides the webhooks for delivery reports, signed with the app's override secret", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const api = client(emu)
      const app = yield* createApp(api, { callback_settings: { secret_for_overridden_callback_urls: "override" } })
      const hook = yield* receiver()
      const other = yield* receiver()
      yield* createWebhook(api, app.id, other.url, ["MESSAGE_DELIVERY"])
      yield* api.post("/messages:send", {
        app_id: app.id,
        recipient: sms("+1"),
        message: text("a"),
        callback_url: hook.url
      })
      const got = yield* hook.waitFor(() => true, 2)
      assert.isTrue(verifySignature(got[0]!, "override"))
      yield* emu.awaitCallbacks
      assert.strictEqual(other.received.length, 0)
    })
  )
})
