import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { Emulator } from "@sinch-effect/emulator"
import { client, createApp, createWebhook, receiver, request, verifySignature } from "./helpers.js"

const ALL = [
  "MESSAGE_DELIVERY",
  "MESSAGE_SUBMIT",
  "MESSAGE_INBOUND",
  "EVENT_DELIVERY",
  "EVENT_INBOUND",
  "CONVERSATION_START",
  "CONVERSATION_STOP",
  "CONVERSATION_DELETE",
  "CONTACT_CREATE",
  "CONTACT_UPDATE",
  "CONTACT_DELETE",
  "CONTACT_MERGE",
  "CONTACT_IDENTITIES_DUPLICATION",
  "CAPABILITY",
  "OPT_IN",
  "OPT_OUT"
]

describe("callbacks", () => {
  it.scoped("every trigger posts a callback whose signature an independent HMAC check accepts", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve({ deliveryDelayMillis: 1 })
      const api = client(emu)
      const app = yield* createApp(api)
      const hook = yield* receiver()
      const secret = "independent-check"
      yield* createWebhook(api, app.id, hook.url, ALL, secret)
      const key = (k: string) => (r: { json: Record<string, unknown> }) => r.json[k] !== undefined

      // CONTACT_CREATE
      const contact = yield* api.post("/contacts", {
        channel_identities: [{ channel: "SMS", identity: "+10" }],
        language: "EN_US",
        display_name: "Ada"
      })
      const created = yield* hook.waitFor(key("contact_create_notification"))
      assert.strictEqual(created[0]!.json.contact_create_notification.contact.id, contact.json.id)
      // CONTACT_UPDATE
      yield* api.patch(`/contacts/${contact.json.id}`, { email: "ada@example.com" })
      const updated = yield* hook.waitFor(key("contact_update_notification"))
      assert.strictEqual(updated[0]!.json.contact_update_notification.contact.email, "ada@example.com")
      // CONTACT_IDENTITIES_DUPLICATION
      const dup = yield* api.post("/contacts", {
        channel_identities: [{ channel: "SMS", identity: "+10" }],
        language: "EN"
      })
      const dups = yield* hook.waitFor(key("duplicated_contact_identities_notification"))
      assert.deepStrictEqual(
        dups[0]!.json.duplicated_contact_identities_notification.duplicated_identities[0].contact_ids,
        [contact.json.id, dup.json.id]
      )
      // CONTACT_MERGE
      yield* api.post(`/contacts/${contact.json.id}:merge`, { source_id: dup.json.id })
      const merged = yield* hook.waitFor(key("contact_merge_notification"))
      assert.strictEqual(merged[0]!.json.contact_merge_notification.deleted_contact.id, dup.json.id)
      assert.strictEqual(merged[0]!.json.contact_merge_notification.preserved_contact.id, contact.json.id)
      // CONVERSATION_START, MESSAGE_SUBMIT, MESSAGE_DELIVERY
      const sent = yield* api.post("/messages:send", {
        app_id: app.id,
        recipient: { contact_id: contact.json.id },
        message: { text_message: { text: "hi" } }
      })
      const started = yield* hook.waitFor(key("conversation_start_notification"))
      const conversationId = started[0]!.json.conversation_start_notification.conversation.id
      yield* hook.waitFor(key("message_submit_notification"))
      const delivery = yield* hook.waitFor(key("message_delivery_report"), 2)
      assert.strictEqual(delivery[0]!.json.message_delivery_report.message_id, sent.json.message_id)
      // MESSAGE_INBOUND
      yield* emu.inboundMessage({
        appId: app.id,
        channel: "SMS",
        identity: "+10",
        contactMessage: { text_message: { text: "yo" } }
      })
      const inbound = yield* hook.waitFor(key("message"))
      assert.strictEqual(inbound[0]!.json.message.direction, "TO_APP")
      assert.strictEqual(inbound[0]!.json.message.conversation_id, conversationId)
      assert.deepStrictEqual(inbound[0]!.json.message.contact_message, { text_message: { text: "yo" } })
      // EVENT_INBOUND
      yield* emu.inboundEvent({ appId: app.id, channel: "SMS", identity: "+10", contactEvent: { composing_event: {} } })
      const inboundEvent = yield* hook.waitFor(key("event"))
      assert.deepStrictEqual(inboundEvent[0]!.json.event.contact_event, { composing_event: {} })
      // EVENT_DELIVERY
      const ev = yield* api.post("/events:send", {
        app_id: app.id,
        recipient: { contact_id: contact.json.id },
        event: { composing_event: {} }
      })
      const evDelivery = yield* hook.waitFor(key("event_delivery_report"), 2)
      assert.strictEqual(evDelivery[0]!.json.event_delivery_report.event_id, ev.json.event_id)
      assert.deepStrictEqual(
        evDelivery.map((r) => r.json.event_delivery_report.status),
        ["QUEUED_ON_CHANNEL", "DELIVERED"]
      )
      // CAPABILITY
      const cap = yield* api.post("/capability:query", { app_id: app.id, recipient: { contact_id: contact.json.id } })
      assert.strictEqual(cap.status, 200)
      const capability = yield* hook.waitFor(key("capability_notification"))
      assert.strictEqual(capability[0]!.json.capability_notification.request_id, cap.json.request_id)
      assert.strictEqual(capability[0]!.json.capability_notification.capability_status, "CAPABILITY_FULL")
      // OPT_OUT / OPT_IN
      yield* api.post("/optouts:register", {
        app_id: app.id,
        channels: ["SMS"],
        recipient: { contact_id: contact.json.id }
      })
      const optOut = yield* hook.waitFor(key("opt_out_notification"))
      assert.strictEqual(optOut[0]!.json.opt_out_notification.status, "OPT_OUT_SUCCEEDED")
      yield* api.post("/optins:register", {
        app_id: app.id,
        channels: ["SMS"],
        recipient: { contact_id: contact.json.id }
      })
      const optIn = yield* hook.waitFor(key("opt_in_notification"))
      assert.strictEqual(optIn[0]!.json.opt_in_notification.status, "OPT_IN_SUCCEEDED")
      // CONVERSATION_STOP, CONVERSATION_DELETE
      yield* api.post(`/conversations/${conversationId}:stop`)
      const stopped = yield* hook.waitFor(key("conversation_stop_notification"))
      assert.strictEqual(stopped[0]!.json.conversation_stop_notification.conversation.active, false)
      yield* api.del(`/conversations/${conversationId}`)
      yield* hook.waitFor(key("conversation_delete_notification"))
      // CONTACT_DELETE
      yield* api.del(`/contacts/${contact.json.id}`)
      yield* hook.waitFor(key("contact_delete_notification"))

      yield* emu.awaitCallbacks
      assert.isAtLeast(hook.received.length, ALL.length)
      for (const r of hook.received) {
        assert.isTrue(verifySignature(r, secret), r.body)
        assert.strictEqual(r.json.project_id, emu.projectId)
        assert.strictEqual(r.json.app_id, app.id)
        assert.strictEqual(r.headers["content-type"], "application/json")
      }
    })
  )

  it.scoped("only webhooks whose triggers match receive a callback; DISMISS targets receive none", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const api = client(emu)
      const app = yield* createApp(api)
      const a = yield* receiver()
      const b = yield* receiver()
      yield* createWebhook(api, app.id, a.url, ["CONTACT_CREATE"])
      yield* createWebhook(api, app.id, b.url, ["MESSAGE_INBOUND"])
      yield* api.post("/webhooks", {
        app_id: app.id,
        target: b.url,
        triggers: ["CONTACT_CREATE"],
        target_type: "DISMISS"
      })
      yield* api.post("/contacts", { channel_identities: [{ channel: "SMS", identity: "+1" }], language: "EN" })
      yield* emu.awaitCallbacks
      assert.strictEqual(a.received.length, 1)
      assert.strictEqual(b.received.length, 0)
    })
  )

  it.scoped("retries with backoff on 5xx until delivered; never retries 4xx", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve({ callbackRetry: { initialDelayMillis: 10, maxRetries: 4 } })
      const api = client(emu)
      const app = yield* createApp(api)
      const flaky = yield* receiver([500, 503, 502])
      const rejecting = yield* receiver([400])
      yield* createWebhook(api, app.id, flaky.url, ["CONTACT_CREATE"])
      yield* createWebhook(api, app.id, rejecting.url, ["CONTACT_CREATE"])
      yield* api.post("/contacts", { channel_identities: [{ channel: "SMS", identity: "+1" }], language: "EN" })
      yield* emu.awaitCallbacks
      assert.strictEqual(flaky.received.length, 4)
      assert.strictEqual(rejecting.received.length, 1)
      // every attempt is a valid signed request with the same body
      assert.strictEqual(new Set(flaky.received.map((r) => r.body)).size, 1)
      // exponential backoff: each wait is at least 10 ms, 20 ms, 40 ms (lower bounds hold on a busy machine)
      const gaps = flaky.received.slice(1).map((r, i) => r.at - flaky.received[i]!.at)
      gaps.forEach((gap, i) => assert.isAtLeast(gap, 10 * 2 ** i - 2, `backoff ${gaps.join(",")}`))
      const deliveries = yield* emu.deliveries
      assert.deepStrictEqual(deliveries.map((d) => d.outcome).sort(), ["delivered", "rejected"])
      const delivered = deliveries.find((d) => d.outcome === "delivered")!
      assert.deepStrictEqual(
        delivered.attempts.map((a) => a.status),
        [500, 503, 502, 200]
      )
    })
  )

  it.scoped("retries connection errors and gives up after the retry budget", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve({ callbackRetry: { initialDelayMillis: 5, maxRetries: 2 } })
      const api = client(emu)
      const app = yield* createApp(api)
      yield* createWebhook(api, app.id, "http://127.0.0.1:1/nothing-listens", ["CONTACT_CREATE"])
      yield* api.post("/contacts", { channel_identities: [{ channel: "SMS", identity: "+1" }], language: "EN" })
      yield* emu.awaitCallbacks
      const [d] = yield* emu.deliveries
      assert.strictEqual(d!.outcome, "gave_up")
      assert.deepStrictEqual(
        d!.attempts.map((a) => a.status),
        ["error", "error", "error"]
      )
    })
  )

  it.scoped("webhooks with client_credentials get an OAuth2 bearer token from their endpoint", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const api = client(emu)
      const app = yield* createApp(api)
      const hook = yield* receiver()
      // the emulator's own token endpoint serves as the webhook's OAuth2 server
      yield* api.post("/webhooks", {
        app_id: app.id,
        target: hook.url,
        triggers: ["CONTACT_CREATE"],
        client_credentials: {
          client_id: emu.keyId,
          client_secret: emu.env["SINCH_KEY_SECRET"],
          endpoint: `${emu.authUrl}/oauth2/token`
        }
      })
      yield* api.post("/contacts", { channel_identities: [{ channel: "SMS", identity: "+1" }], language: "EN" })
      const [r] = yield* hook.waitFor(() => true)
      assert.match(String(r!.headers["authorization"]), /^Bearer .+/)
    })
  )

  it.scoped("the delivery log keeps exactly the last 10,000 deliveries, each found by its id", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const api = client(emu)
      const hook = yield* receiver()
      // 21 apps with 5 CONTACT_CREATE webhooks each: a contact made gives 105 callbacks, 100 contacts 10,500
      const webhooks: Array<string> = []
      for (let a = 0; a < 21; a++) {
        const app = yield* createApp(api)
        for (let w = 0; w < 5; w++) webhooks.push(yield* createWebhook(api, app.id, hook.url, ["CONTACT_CREATE"]))
      }
      for (let c = 0; c < 100; c++) {
        const made = yield* api.post("/contacts", {
          channel_identities: [{ channel: "SMS", identity: `+1${c}` }],
          language: "EN"
        })
        assert.strictEqual(made.status, 200)
      }
      yield* emu.awaitCallbacks
      assert.strictEqual(hook.received.length, 10_500)

      const ids = (ds: ReadonlyArray<{ readonly id: number }>) => ds.map((d) => d.id)
      const range = (from: number, to: number) =>
        Array.from({ length: Math.abs(to - from) + 1 }, (_, i) => (from <= to ? from + i : from - i))
      // the log, oldest first: ids 501 to 10,500, every one delivered, the newest the last contact's
      const kept = yield* emu.deliveries
      assert.deepStrictEqual(ids(kept), range(501, 10_500))
      assert.isTrue(kept.every((d) => d.outcome === "delivered" && d.attempts.length === 1))
      assert.deepStrictEqual(
        kept.slice(-105).map((d) => d.webhookId),
        webhooks
      )
      const control = yield* request(`${emu.url}/emulator/deliveries`)
      assert.deepStrictEqual(ids(control.json.deliveries), range(501, 10_500))

      // the inspector pages newest first by id: ids of the log, none dropped, none repeated
      const inspector = (query: string) => request(`${emu.url}/emulator/inspector/deliveries?${query}`)
      const newest = yield* inspector("")
      assert.deepStrictEqual(ids(newest.json.deliveries), range(10_500, 10_401))
      assert.isTrue(newest.json.has_more)
      const oldest = yield* inspector("before_id=601")
      assert.deepStrictEqual(ids(oldest.json.deliveries), range(600, 501))
      assert.isFalse(oldest.json.has_more)
      const between = yield* inspector("after_id=5000&before_id=5011")
      assert.deepStrictEqual(ids(between.json.deliveries), range(5010, 5001))
      assert.isFalse(between.json.has_more)
      const body = between.json.deliveries[0].body
      assert.strictEqual(
        body.contact_create_notification.contact.id,
        kept[5010 - 501]!.body.match(/"id":"([^"]+)"/)![1]
      )
      const newer = yield* inspector("after_id=10450")
      assert.deepStrictEqual(ids(newer.json.deliveries), range(10_500, 10_451))
      const dropped = yield* inspector("before_id=501")
      assert.deepStrictEqual(dropped.json.deliveries, [])
      assert.isFalse(dropped.json.has_more)
      let walked: Array<number> = []
      let page = newest
      walked = walked.concat(ids(page.json.deliveries))
      while (page.json.has_more) {
        page = yield* inspector(`before_id=${walked[walked.length - 1]}`)
        walked = walked.concat(ids(page.json.deliveries))
      }
      assert.deepStrictEqual(walked, range(10_500, 501))
    })
  )
})
