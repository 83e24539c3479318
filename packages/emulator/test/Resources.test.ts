import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { Emulator } from "@sinch-effect/emulator"
import { client, createApp, violatedFields } from "./helpers.js"

const sms = (identity: string) => ({ identified_by: { channel_identities: [{ channel: "SMS", identity }] } })
const text = (t: string) => ({ text_message: { text: t } })

describe("apps", () => {
  it.scoped("create, get, list, update (with update mask), delete; bad input and unknown ids", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const api = client(emu)
      const app = yield* createApp(api, { retention_policy: { retention_type: "PERSIST_RETENTION_POLICY" } })
      assert.strictEqual(app["processing_mode"], "CONVERSATION")
      assert.strictEqual(app["display_name"], "Test app")
      assert.deepStrictEqual(app["rate_limits"], { outbound: 20, inbound: 100, webhooks: 200 })
      assert.deepStrictEqual((yield* api.get(`/apps/${app.id}`)).json, app)
      assert.deepStrictEqual((yield* api.get("/apps")).json, { apps: [app] })
      const renamed = yield* api.patch(`/apps/${app.id}`, { display_name: "Renamed", processing_mode: "DISPATCH" })
      assert.strictEqual(renamed.json.display_name, "Renamed")
      assert.strictEqual(renamed.json.processing_mode, "DISPATCH")
      const masked = yield* api.patch(`/apps/${app.id}?update_mask.paths=display_name`, {
        display_name: "Masked",
        processing_mode: "CONVERSATION"
      })
      assert.strictEqual(masked.json.display_name, "Masked")
      assert.strictEqual(masked.json.processing_mode, "DISPATCH")
      assert.strictEqual((yield* api.post("/apps", { channel_credentials: [] })).status, 400)
      assert.strictEqual(
        (yield* api.post("/apps", { display_name: "x", channel_credentials: [{ channel: 5 }] })).status,
        400
      )
      assert.strictEqual((yield* api.get("/apps/01NOPE")).status, 404)
      assert.strictEqual((yield* api.patch("/apps/01NOPE", { display_name: "x" })).status, 404)
      // what the schema does not model comes back as sent
      const future = yield* api.patch(`/apps/${app.id}`, {
        channel_credentials: [
          { channel: "SMS", static_bearer: { claimed_identity: "plan", token: "t", region: "eu" }, tier: 2 }
        ],
        callback_settings: { secret_for_overridden_callback_urls: "s", rotate_after_days: 30 }
      })
      assert.deepStrictEqual(future.json.channel_credentials, [
        {
          channel: "SMS",
          static_bearer: { claimed_identity: "plan", token: "t", region: "eu" },
          tier: 2,
          state: { status: "ACTIVE", description: "" },
          channel_known_id: ""
        }
      ])
      assert.deepStrictEqual(future.json.callback_settings, {
        secret_for_overridden_callback_urls: "s",
        rotate_after_days: 30
      })
      assert.deepStrictEqual((yield* api.get(`/apps/${app.id}`)).json, future.json)
      assert.deepStrictEqual((yield* api.del(`/apps/${app.id}`)).json, {})
      assert.strictEqual((yield* api.get(`/apps/${app.id}`)).status, 404)
      assert.strictEqual((yield* api.del(`/apps/${app.id}`)).status, 404)
    })
  )
})

describe("webhooks", () => {
  it.scoped("CRUD, at most 5 per app, validation", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const api = client(emu)
      const app = yield* createApp(api)
      const created = yield* api.post("/webhooks", {
        app_id: app.id,
        target: "https://example.com/hook",
        triggers: ["MESSAGE_DELIVERY"],
        secret: "s"
      })
      assert.strictEqual(created.status, 200)
      assert.strictEqual(created.json.target_type, "HTTP")
      assert.strictEqual(created.json.secret, "s")
      const id = created.json.id
      assert.deepStrictEqual((yield* api.get(`/webhooks/${id}`)).json, created.json)
      const updated = yield* api.patch(`/webhooks/${id}`, { triggers: ["MESSAGE_INBOUND", "CONTACT_CREATE"] })
      assert.deepStrictEqual(updated.json.triggers, ["MESSAGE_INBOUND", "CONTACT_CREATE"])
      assert.strictEqual(updated.json.target, "https://example.com/hook")
      // what the schema does not model comes back as sent
      const credentials = { client_id: "c", client_secret: "s", endpoint: "https://example.com/token", audience: "a" }
      const oauth = yield* api.patch(`/webhooks/${id}`, { client_credentials: credentials })
      assert.deepStrictEqual(oauth.json.client_credentials, credentials)
      assert.deepStrictEqual((yield* api.get(`/webhooks/${id}`)).json, oauth.json)
      for (let i = 0; i < 4; i++) {
        const r = yield* api.post("/webhooks", {
          app_id: app.id,
          target: `https://example.com/${i}`,
          triggers: ["OPT_IN"]
        })
        assert.strictEqual(r.status, 200)
      }
      const sixth = yield* api.post("/webhooks", {
        app_id: app.id,
        target: "https://example.com/6",
        triggers: ["OPT_IN"]
      })
      assert.strictEqual(sixth.status, 400)
      assert.strictEqual((yield* api.get(`/apps/${app.id}/webhooks`)).json.webhooks.length, 5)
      assert.deepStrictEqual((yield* api.del(`/webhooks/${id}`)).json, {})
      assert.strictEqual((yield* api.get(`/webhooks/${id}`)).status, 404)
      assert.strictEqual((yield* api.get(`/apps/${app.id}/webhooks`)).json.webhooks.length, 4)
      const missing = yield* api.post("/webhooks", { app_id: app.id })
      assert.strictEqual(missing.status, 400)
      assert.includeMembers(violatedFields(missing), ["target", "triggers"])
      assert.strictEqual(
        (yield* api.post("/webhooks", { app_id: app.id, target: "https://x", triggers: ["NOPE"] })).status,
        400
      )
      assert.strictEqual(
        (yield* api.post("/webhooks", { app_id: "01NOPE", target: "https://x", triggers: ["OPT_IN"] })).status,
        404
      )
      assert.strictEqual((yield* api.get("/apps/01NOPE/webhooks")).status, 404)
    })
  )
})

describe("contacts", () => {
  it.scoped("create, get, list with pagination, update, delete", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const api = client(emu)
      assert.deepStrictEqual((yield* api.get("/contacts")).json, { contacts: [], next_page_token: "" })
      const ids: Array<string> = []
      for (let i = 0; i < 21; i++) {
        const r = yield* api.post("/contacts", {
          channel_identities: [{ channel: "SMS", identity: `+4670${i}` }],
          language: "EN_US",
          display_name: `C${i}`
        })
        assert.strictEqual(r.status, 200)
        ids.push(r.json.id)
      }
      const first = yield* api.get("/contacts?page_size=20")
      assert.strictEqual(first.json.contacts.length, 20)
      assert.deepStrictEqual(
        first.json.contacts.map((c: { id: string }) => c.id),
        ids.slice(0, 20)
      )
      const second = yield* api.get(`/contacts?page_size=20&page_token=${first.json.next_page_token}`)
      assert.deepStrictEqual(
        second.json.contacts.map((c: { id: string }) => c.id),
        [ids[20]]
      )
      assert.strictEqual(second.json.next_page_token, "")
      const c = (yield* api.get(`/contacts/${ids[0]}`)).json
      assert.deepStrictEqual(c, {
        id: ids[0],
        channel_identities: [{ channel: "SMS", identity: "+46700" }],
        channel_priority: [],
        display_name: "C0",
        email: "",
        external_id: "",
        metadata: "",
        language: "EN_US"
      })
      const u = yield* api.patch(`/contacts/${ids[0]}`, { email: "a@b.c", channel_priority: ["SMS"] })
      assert.strictEqual(u.json.email, "a@b.c")
      assert.strictEqual(u.json.display_name, "C0")
      const masked = yield* api.patch(`/contacts/${ids[0]}?update_mask.paths=display_name`, { email: "ignored" })
      assert.strictEqual(masked.json.display_name, "")
      assert.strictEqual(masked.json.email, "a@b.c")
      assert.strictEqual((yield* api.post("/contacts", { language: "EN" })).status, 400)
      assert.strictEqual(
        (yield* api.post("/contacts", { channel_identities: [{ channel: "SMS" }], language: "EN" })).status,
        400
      )
      assert.strictEqual((yield* api.patch(`/contacts/${ids[0]}`, { email: 3 })).status, 400)
      assert.deepStrictEqual((yield* api.del(`/contacts/${ids[0]}`)).json, {})
      assert.strictEqual((yield* api.get(`/contacts/${ids[0]}`)).status, 404)
      assert.strictEqual((yield* api.del(`/contacts/${ids[0]}`)).status, 404)
    })
  )

  it.scoped("merge: identities for missing channels move to the end, empty fields fill in, conversations follow", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const api = client(emu)
      const app = yield* createApp(api)
      const dst = yield* api.post("/contacts", {
        channel_identities: [{ channel: "SMS", identity: "+1" }],
        channel_priority: ["SMS"],
        language: "EN",
        display_name: "Dest"
      })
      const src = yield* api.post("/contacts", {
        channel_identities: [
          { channel: "SMS", identity: "+2" },
          { channel: "WHATSAPP", identity: "+2" }
        ],
        language: "EN",
        display_name: "Source",
        email: "src@example.com"
      })
      const m1 = yield* api.post("/messages:send", {
        app_id: app.id,
        recipient: { contact_id: dst.json.id },
        message: text("d")
      })
      const m2 = yield* api.post("/messages:send", {
        app_id: app.id,
        recipient: { contact_id: src.json.id },
        message: text("s")
      })
      const merged = yield* api.post(`/contacts/${dst.json.id}:merge`, { source_id: src.json.id, strategy: "MERGE" })
      assert.strictEqual(merged.status, 200)
      assert.deepStrictEqual(merged.json.channel_identities, [
        { channel: "SMS", identity: "+1" },
        { channel: "WHATSAPP", identity: "+2" }
      ])
      assert.deepStrictEqual(merged.json.channel_priority, ["SMS", "WHATSAPP"])
      assert.strictEqual(merged.json.display_name, "Dest")
      assert.strictEqual(merged.json.email, "src@example.com")
      assert.strictEqual((yield* api.get(`/contacts/${src.json.id}`)).status, 404)
      // the source's messages are now in the destination's active conversation
      const msgs = yield* api.get(`/messages?contact_id=${dst.json.id}`)
      assert.deepStrictEqual(
        msgs.json.messages.map((m: { id: string }) => m.id),
        [m2.json.message_id, m1.json.message_id]
      )
      assert.strictEqual(msgs.json.messages[0].conversation_id, msgs.json.messages[1].conversation_id)
      const convs = yield* api.get(`/conversations?contact_id=${dst.json.id}&only_active=false`)
      assert.strictEqual(convs.json.conversations.length, 1)
      assert.strictEqual((yield* api.post(`/contacts/${dst.json.id}:merge`, { source_id: dst.json.id })).status, 400)
      assert.strictEqual((yield* api.post(`/contacts/${dst.json.id}:merge`, {})).status, 400)
      assert.strictEqual((yield* api.post(`/contacts/${dst.json.id}:merge`, { source_id: "01NOPE" })).status, 404)
      assert.strictEqual((yield* api.post(`/contacts/01NOPE:merge`, { source_id: dst.json.id })).status, 404)
    })
  )

  it.scoped("channel profile and identity conflicts", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const api = client(emu)
      const app = yield* createApp(api)
      const a = yield* api.post("/contacts", {
        channel_identities: [{ channel: "MESSENGER", identity: "psid-1", app_id: app.id }],
        language: "EN",
        display_name: "Grace"
      })
      const profile = yield* api.post("/contacts:getChannelProfile", {
        app_id: app.id,
        recipient: { contact_id: a.json.id },
        channel: "MESSENGER"
      })
      assert.deepStrictEqual(profile.json, { profile_name: "Grace" })
      assert.strictEqual(
        (yield* api.post("/contacts:getChannelProfile", {
          app_id: app.id,
          recipient: { contact_id: a.json.id },
          channel: "SMS"
        })).status,
        400
      )
      assert.deepStrictEqual((yield* api.get("/contacts:identityConflicts")).json, {
        conflicts: [],
        next_page_token: ""
      })
      const b = yield* api.post("/contacts", {
        channel_identities: [{ channel: "SMS", identity: "+9" }],
        language: "EN"
      })
      const c = yield* api.post("/contacts", {
        channel_identities: [{ channel: "RCS", identity: "+9" }],
        language: "EN"
      })
      const conflicts = yield* api.get("/contacts:identityConflicts")
      assert.deepStrictEqual(conflicts.json, {
        conflicts: [{ identity: "+9", channels: ["RCS", "SMS"], contact_ids: [b.json.id, c.json.id] }],
        next_page_token: ""
      })
    })
  )
})

describe("conversations", () => {
  it.scoped("create, get, list, update (merge patch), stop, a new one after stop, delete", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const api = client(emu)
      const app = yield* createApp(api)
      const contact = yield* api.post("/contacts", {
        channel_identities: [{ channel: "SMS", identity: "+1" }],
        language: "EN"
      })
      const created = yield* api.post("/conversations", {
        app_id: app.id,
        contact_id: contact.json.id,
        metadata_json: { a: 1, b: { c: 2 } }
      })
      assert.strictEqual(created.status, 200)
      assert.strictEqual(created.json.active, true)
      assert.strictEqual(created.json.last_received, "1970-01-01T00:00:00.000000Z")
      const id = created.json.id
      assert.strictEqual(
        (yield* api.post("/conversations", { app_id: app.id, contact_id: contact.json.id })).status,
        400
      )
      const patched = yield* api.patch(`/conversations/${id}?metadata_update_strategy=MERGE_PATCH`, {
        metadata_json: { b: { c: null, d: 3 } },
        metadata: "plain"
      })
      assert.deepStrictEqual(patched.json.metadata_json, { a: 1, b: { d: 3 } })
      assert.strictEqual(patched.json.metadata, "plain")
      const replaced = yield* api.patch(`/conversations/${id}`, { metadata_json: { z: true } })
      assert.deepStrictEqual(replaced.json.metadata_json, { z: true })
      const sent = yield* api.post("/messages:send", {
        app_id: app.id,
        recipient: { contact_id: contact.json.id },
        message: text("x")
      })
      const msg = yield* api.get(`/messages/${sent.json.message_id}`)
      assert.strictEqual(msg.json.conversation_id, id)
      const listed = yield* api.get(`/conversations?app_id=${app.id}&only_active=true`)
      assert.strictEqual(listed.json.total_size, 1)
      assert.strictEqual(listed.json.conversations[0].id, id)
      assert.strictEqual(listed.json.conversations[0].last_received, msg.json.accept_time)
      assert.deepStrictEqual((yield* api.post(`/conversations/${id}:stop`)).json, {})
      assert.strictEqual((yield* api.get(`/conversations/${id}`)).json.active, false)
      // a new message after stop starts a new conversation
      const after = yield* api.post("/messages:send", {
        app_id: app.id,
        recipient: { contact_id: contact.json.id },
        message: text("y")
      })
      const msg2 = yield* api.get(`/messages/${after.json.message_id}`)
      assert.notStrictEqual(msg2.json.conversation_id, id)
      assert.strictEqual((yield* api.get(`/conversations?app_id=${app.id}&only_active=true`)).json.total_size, 1)
      assert.strictEqual(
        (yield* api.get(`/conversations?contact_id=${contact.json.id}&only_active=false`)).json.total_size,
        2
      )
      assert.strictEqual((yield* api.get("/conversations")).status, 400)
      assert.deepStrictEqual((yield* api.del(`/conversations/${id}`)).json, {})
      assert.strictEqual((yield* api.get(`/conversations/${id}`)).status, 404)
      assert.strictEqual((yield* api.get(`/messages/${sent.json.message_id}`)).status, 404)
      assert.strictEqual((yield* api.post(`/conversations/${id}:stop`)).status, 404)
      assert.strictEqual((yield* api.post("/conversations", { app_id: app.id })).status, 400)
      assert.strictEqual((yield* api.post("/conversations", { app_id: app.id, contact_id: "01NOPE" })).status, 404)
    })
  )

  it.scoped("recent conversations are ordered by their latest message and carry it", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const api = client(emu)
      const app = yield* createApp(api)
      const a = yield* api.post("/messages:send", { app_id: app.id, recipient: sms("+1"), message: text("a") })
      yield* api.post("/messages:send", { app_id: app.id, recipient: sms("+2"), message: text("b") })
      const a2 = yield* api.post("/messages:send", { app_id: app.id, recipient: sms("+1"), message: text("a2") })
      const recent = yield* api.get(`/conversations:recent?app_id=${app.id}&page_size=1`)
      assert.strictEqual(recent.status, 200)
      assert.strictEqual(recent.json.total_size, 2)
      assert.strictEqual(recent.json.conversations.length, 1)
      assert.strictEqual(recent.json.conversations[0].last_message.id, a2.json.message_id)
      const next = yield* api.get(
        `/conversations:recent?app_id=${app.id}&page_size=1&page_token=${recent.json.next_page_token}`
      )
      assert.strictEqual(next.json.conversations[0].last_message.app_message.text_message.text, "b")
      assert.strictEqual(next.json.next_page_token, "")
      const asc = yield* api.get(`/conversations:recent?app_id=${app.id}&order=ASC`)
      assert.strictEqual(asc.json.conversations[1].last_message.id, a2.json.message_id)
      void a
    })
  )

  it.scoped("inject message and inject event", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const api = client(emu)
      // kept forever: the default policy (180 days) would expire the message injected at 2020-01-01
      const app = yield* createApp(api, { retention_policy: { retention_type: "PERSIST_RETENTION_POLICY" } })
      const sent = yield* api.post("/messages:send", { app_id: app.id, recipient: sms("+1"), message: text("a") })
      const m = (yield* api.get(`/messages/${sent.json.message_id}`)).json
      const injected = yield* api.post(`/conversations/${m.conversation_id}:inject-message`, {
        contact_message: { text_message: { text: "from elsewhere" } },
        channel_identity: { channel: "SMS", identity: "+1" },
        direction: "TO_APP",
        accept_time: "2020-01-01T00:00:00Z"
      })
      assert.deepStrictEqual(injected.json, {})
      const listed = yield* api.get(`/messages?conversation_id=${m.conversation_id}`)
      assert.strictEqual(listed.json.messages.length, 2)
      const last = listed.json.messages[1]
      assert.strictEqual(last.injected, true)
      assert.strictEqual(last.accept_time, "2020-01-01T00:00:00.000000Z")
      assert.strictEqual(
        (yield* api.post(`/conversations/${m.conversation_id}:inject-message`, {
          channel_identity: { channel: "SMS", identity: "+1" }
        })).status,
        400
      )
      const ev = yield* api.post(`/conversations/${m.conversation_id}:inject-event`, {
        app_event: { composing_event: {} },
        accept_time: "2021-01-01T00:00:00Z",
        channel_identity: { channel: "SMS", identity: "+1" }
      })
      assert.strictEqual(ev.status, 200)
      const got = yield* api.get(`/events/${ev.json.event_id}`)
      assert.strictEqual(got.json.conversation_id, m.conversation_id)
      assert.deepStrictEqual(got.json.app_event, { composing_event: {} })
      assert.strictEqual(got.json.accept_time, "2021-01-01T00:00:00.000000Z")
      assert.strictEqual(
        (yield* api.post(`/conversations/${m.conversation_id}:inject-event`, { app_event: { composing_event: {} } }))
          .status,
        400
      )
      const valid = { app_event: { composing_event: {} }, accept_time: "2021-01-01T00:00:00Z" }
      assert.strictEqual((yield* api.post(`/conversations/01NOPE:inject-event`, valid)).status, 404)
    })
  )
})

describe("events", () => {
  it.scoped("send, get, list with pagination, delete", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const api = client(emu)
      const app = yield* createApp(api)
      const ids: Array<string> = []
      for (let i = 0; i < 3; i++) {
        const r = yield* api.post("/events:send", {
          app_id: app.id,
          recipient: sms("+1"),
          event: { composing_event: {} }
        })
        assert.strictEqual(r.status, 200)
        ids.push(r.json.event_id)
      }
      const ev = (yield* api.get(`/events/${ids[0]}`)).json
      assert.strictEqual(ev.direction, "TO_CONTACT")
      assert.strictEqual(ev.processing_mode, "CONVERSATION")
      const page = yield* api.get(`/events?contact_id=${ev.contact_id}&page_size=2`)
      assert.deepStrictEqual(
        page.json.events.map((e: { id: string }) => e.id),
        [ids[2], ids[1]]
      )
      const rest = yield* api.get(
        `/events?contact_id=${ev.contact_id}&page_size=2&page_token=${page.json.next_page_token}`
      )
      assert.deepStrictEqual(
        rest.json.events.map((e: { id: string }) => e.id),
        [ids[0]]
      )
      assert.strictEqual(rest.json.next_page_token, "")
      assert.deepStrictEqual((yield* api.del(`/events/${ids[0]}`)).json, {})
      assert.strictEqual((yield* api.get(`/events/${ids[0]}`)).status, 404)
      assert.strictEqual((yield* api.post("/events:send", { app_id: app.id, recipient: sms("+1") })).status, 400)
      assert.strictEqual((yield* api.get("/events/01NOPE")).status, 404)
    })
  )
})

describe("capability, opt-ins, consents, settings", () => {
  it.scoped("capability query answers at once; unknown contacts are 404", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const api = client(emu)
      const app = yield* createApp(api)
      const r = yield* api.post("/capability:query", { app_id: app.id, recipient: sms("+1"), request_id: "req-1" })
      assert.deepStrictEqual(r.json, { app_id: app.id, recipient: sms("+1"), request_id: "req-1" })
      assert.strictEqual(
        (yield* api.post("/capability:query", { app_id: app.id, recipient: { contact_id: "01NOPE" } })).status,
        404
      )
      assert.strictEqual((yield* api.post("/capability:query", { recipient: sms("+1") })).status, 400)
    })
  )

  it.scoped("opt-outs fill the consent list and audit records; opt-ins remove them", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const api = client(emu)
      const app = yield* createApp(api)
      const out = yield* api.post("/optouts:register?request_id=r1", {
        app_id: app.id,
        channels: ["SMS"],
        recipient: sms("+1")
      })
      assert.strictEqual(out.json.request_id, "r1")
      assert.deepStrictEqual(out.json.opt_out.channels, ["SMS"])
      const list = yield* api.get(`/apps/${app.id}/consents/OPT_OUT_ALL`)
      assert.deepStrictEqual(list.json, { identities: [{ identity: "+1" }], next_page_token: "" })
      yield* api.post("/optins:register", { app_id: app.id, channels: ["SMS"], recipient: sms("+1") })
      assert.deepStrictEqual((yield* api.get(`/apps/${app.id}/consents/OPT_OUT_ALL`)).json.identities, [])
      const audit = yield* api.get(`/apps/${app.id}/consents/identities/%2B1`)
      assert.deepStrictEqual(
        audit.json.audit_records.map((r: { operation: string }) => r.operation),
        ["OPERATION_INSERT", "OPERATION_DELETE"]
      )
      assert.strictEqual(audit.json.identity.identity, "+1")
      assert.strictEqual((yield* api.get(`/apps/${app.id}/consents/NOPE`)).status, 400)
      assert.strictEqual((yield* api.post("/optins:register", { app_id: app.id })).status, 400)
    })
  )

  it.scoped("project settings: 404 until created, then get/update/delete", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const api = client(emu)
      assert.strictEqual((yield* api.get("/settings")).status, 404)
      // only the shape Sinch and every official SDK use: contact_settings at the top level
      const wrapped = yield* api.post("/settings", {
        settings: { contact_settings: { unified_contact_id_enabled: true } }
      })
      assert.strictEqual(wrapped.status, 400)
      assert.strictEqual(wrapped.json.error.status, "INVALID_ARGUMENT")
      assert.strictEqual(wrapped.json.error.details[0].field_violations[0].field, "settings")
      assert.strictEqual((yield* api.get("/settings")).status, 404)
      const created = yield* api.post("/settings", { contact_settings: { unified_contact_id_enabled: true } })
      assert.deepStrictEqual(created.json, {
        project_id: emu.projectId,
        settings: { contact_settings: { unified_contact_id_enabled: true } }
      })
      assert.strictEqual((yield* api.post("/settings", {})).status, 409)
      assert.deepStrictEqual((yield* api.get("/settings")).json, created.json)
      const updated = yield* api.patch("/settings", { contact_settings: { unified_contact_id_enabled: false } })
      assert.strictEqual(updated.json.settings.contact_settings.unified_contact_id_enabled, false)
      // what the schema does not model comes back as sent
      const future = yield* api.patch("/settings", { contact_settings: { merge_policy: "NEWEST" } })
      assert.deepStrictEqual(future.json.settings, {
        contact_settings: { unified_contact_id_enabled: false, merge_policy: "NEWEST" }
      })
      assert.strictEqual(
        (yield* api.patch("/settings", { contact_settings: { unified_contact_id_enabled: "yes" } })).status,
        400
      )
      assert.strictEqual(
        (yield* api.patch("/settings", { settings: { contact_settings: { unified_contact_id_enabled: false } } }))
          .status,
        400
      )
      assert.deepStrictEqual((yield* api.del("/settings")).json, {})
      assert.strictEqual((yield* api.get("/settings")).status, 404)
    })
  )
})
