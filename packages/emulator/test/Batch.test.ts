/**
 * The Conversation Batch API of the emulator, over a real socket with plain `fetch`: substitution, one stored message
 * per recipient, scheduling on the emulator's clock (driven by `TestClock`), cancellation, status by id and by
 * metadata, signed callbacks (the batch's status, then the delivery reports), limits, faults, bulk contacts and
 * consents.
 */
import { assert, describe, it } from "@effect/vitest"
import { Emulator, Fault } from "@sinch-effect/emulator"
import * as Effect from "effect/Effect"
import * as TestClock from "effect/TestClock"
import {
  type Answer,
  appMessages,
  basic,
  client,
  createApp,
  createWebhook,
  receiver,
  request,
  verifySignature,
  violatedFields
} from "./helpers.js"

const batchApi = (emu: Emulator.Running) => {
  const authorization = basic(emu.keyId, emu.env["SINCH_KEY_SECRET"]!)
  const base = `${emu.batchUrl}/v1/projects/${emu.projectId}`
  const call = (method: string, path: string, body?: unknown): Effect.Effect<Answer> =>
    request(`${base}${path}`, {
      method,
      headers: { authorization, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) })
    })
  return {
    send: (body: unknown) => call("POST", "/messages", body),
    cancel: (body: unknown) => call("DELETE", "/messages", body),
    get: (id: string) => call("GET", `/messages/${id}`),
    list: (key: string, value: string) =>
      call("GET", `/messages?metadataKey=${encodeURIComponent(key)}&metadataValue=${encodeURIComponent(value)}`),
    createContacts: (body: unknown) => call("POST", "/contacts", body),
    deleteContacts: (body: unknown) => call("DELETE", "/contacts", body),
    insertConsents: (body: unknown) => call("POST", "/consents", body)
  }
}

const sms = (identity: string) => ({ identified_by: { channel_identities: [{ channel: "SMS", identity }] } })

const recipients = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => ({
    recipient: sms(`+4670${String(from + i).padStart(7, "0")}`),
    parameters: { name: `name-${from + i}`, code: String(1000 + from + i) }
  }))

const textsOf = (api: ReturnType<typeof client>, appId: string) =>
  Effect.map(appMessages(api, appId), (messages) =>
    messages.map((m) => ({
      text: m.app_message.text_message.text as string,
      identity: m.channel_identity.identity as string,
      metadata: m.metadata as string
    }))
  )

describe("Batch API", () => {
  it.scoped(
    "a batch: one stored message per recipient with its parameters in every string field, PROCESSED, then signed callbacks (status first, then delivery reports with _batch_id)",
    () =>
      Effect.gen(function* () {
        const emu = yield* Emulator.serve({ deliveryDelayMillis: 0 })
        const api = client(emu)
        const batch = batchApi(emu)
        const app = yield* createApp(api)
        const hooks = yield* receiver()
        yield* createWebhook(api, app.id, hooks.url, ["BATCH_STATUS_UPDATE", "MESSAGE_DELIVERY"], "batch-secret")
        const sent = yield* batch.send({
          app_id: app.id,
          message: {
            card_message: {
              title: "Hi ${name}",
              description: "Your code is ${code}; ${name}, keep it",
              choices: [{ text_message: { text: "Code ${code}" } }]
            }
          },
          recipient_and_params: recipients(3),
          batch_metadata: { campaign: "spring" },
          message_metadata: { source: "crm", row: "batch" }
        })
        assert.strictEqual(sent.status, 200, sent.text)
        const batchId = sent.json.batch_id as string
        assert.isString(batchId)
        const status = yield* batch.get(batchId)
        assert.deepStrictEqual(status.json, {
          batch_id: batchId,
          meta_data: { campaign: "spring" },
          status: "PROCESSED"
        })

        const messages = yield* appMessages(api, app.id)
        assert.strictEqual(messages.length, 3)
        for (let i = 0; i < 3; i++) {
          const m = messages.find((x) => x.channel_identity.identity === `+4670${String(i).padStart(7, "0")}`)
          assert.deepStrictEqual(m.app_message.card_message.title, `Hi name-${i}`)
          assert.deepStrictEqual(m.app_message.card_message.description, `Your code is ${1000 + i}; name-${i}, keep it`)
          assert.deepStrictEqual(m.app_message.card_message.choices[0].text_message.text, `Code ${1000 + i}`)
          assert.deepStrictEqual(JSON.parse(m.metadata), { source: "crm", row: "batch", _batch_id: batchId })
        }

        // the batch's status callback, then two delivery reports (queued, delivered) per message, all signed
        const reports = yield* hooks.waitFor((r) => r.json?.message_delivery_report !== undefined, 6)
        const statuses = yield* hooks.waitFor((r) => r.json?.batch_status_update_notification !== undefined, 1)
        assert.deepStrictEqual(statuses[0]!.json.batch_status_update_notification, {
          batch_id: batchId,
          batch_status: "BATCH_STATUS_PROCESSED",
          batch_type: "BATCH_TYPE_MESSAGES",
          additional_data: { message_batch_data: { batch_metadata: { campaign: "spring" } } }
        })
        for (const r of [...statuses, ...reports]) assert.isTrue(verifySignature(r, "batch-secret"))
        for (const r of reports) {
          assert.strictEqual(JSON.parse(r.json.message_delivery_report.metadata)._batch_id, batchId)
        }
        // emitted in that order: the emulator's delivery log numbers callbacks as they are emitted
        const log = yield* emu.deliveries
        const first = log.findIndex((d) => d.trigger === "BATCH_STATUS_UPDATE")
        assert.isTrue(first >= 0 && log.slice(0, first).every((d) => d.trigger !== "MESSAGE_DELIVERY"))
      })
  )

  it.scoped("a missing parameter is a 400 naming the recipient, and nothing of the batch is stored", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const api = client(emu)
      const batch = batchApi(emu)
      const app = yield* createApp(api)
      const answer = yield* batch.send({
        app_id: app.id,
        message: { text_message: { text: "Hello ${name}, ${code}" } },
        recipient_and_params: [
          ...recipients(1),
          { recipient: sms("+46700000009"), parameters: { name: "no code" } },
          { recipient: { contact_id: "no-such-contact" } }
        ]
      })
      assert.strictEqual(answer.status, 400)
      assert.strictEqual(answer.json.error.status, "INVALID_ARGUMENT")
      assert.deepStrictEqual(violatedFields(answer), [
        "recipient_and_params[1].parameters",
        "recipient_and_params[2].parameters",
        "recipient_and_params[2].recipient"
      ])
      assert.include(answer.json.error.message, "${code}")
      assert.strictEqual((yield* emu.stats()).messages, 0)
    })
  )

  it.scoped("limits: 1001 recipients is a 400, a body over the size limit a 413", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve({ maxBodyBytes: 64 * 1024 })
      const api = client(emu)
      const batch = batchApi(emu)
      const app = yield* createApp(api)
      const message = { text_message: { text: "Hi ${name}" } }
      const small = Array.from({ length: 1001 }, () => ({ recipient: { contact_id: "c" } }))
      const tooMany = yield* batch.send({ app_id: app.id, message, recipient_and_params: small })
      assert.strictEqual(tooMany.status, 400)
      // refused by the body's schema (decoded once, with the definition's schema), naming the field and the limit
      assert.include(tooMany.json.error.message, "recipient_and_params")
      assert.include(tooMany.json.error.message, "1000")
      const tooLarge = yield* batch.send({ app_id: app.id, message, recipient_and_params: recipients(1000) })
      assert.strictEqual(tooLarge.status, 413)
      const empty = yield* batch.send({ app_id: app.id, message, recipient_and_params: [] })
      assert.strictEqual(empty.status, 400)
      assert.strictEqual((yield* emu.stats()).messages, 0)
    })
  )

  it.scoped("scheduling runs on the emulator's clock (TestClock), rounded up to 5 minutes; status by metadata", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve({ clock: "effect" })
      const api = client(emu)
      const batch = batchApi(emu)
      const app = yield* createApp(api)
      const sent = yield* batch.send({
        app_id: app.id,
        message: { text_message: { text: "Hi ${name}" } },
        recipient_and_params: recipients(2),
        batch_metadata: { campaign: "later" },
        send_after: new Date(7 * 60_000).toISOString() // the TestClock starts at the epoch
      })
      assert.strictEqual(sent.status, 200, sent.text)
      assert.strictEqual(sent.json.send_after, new Date(10 * 60_000).toISOString())
      const id = sent.json.batch_id as string
      assert.strictEqual((yield* batch.get(id)).json.status, "SCHEDULED")
      yield* TestClock.adjust("9 minutes")
      assert.strictEqual((yield* emu.stats()).messages, 0)
      yield* TestClock.adjust("1 minute")
      assert.strictEqual((yield* batch.get(id)).json.status, "PROCESSED")
      assert.deepStrictEqual((yield* textsOf(api, app.id)).map((m) => m.text).sort(), ["Hi name-0", "Hi name-1"])
      const byMetadata = yield* batch.list("campaign", "later")
      assert.deepStrictEqual(byMetadata.json, [
        {
          batch_id: id,
          meta_data: { campaign: "later" },
          status: "PROCESSED",
          send_after: new Date(10 * 60_000).toISOString()
        }
      ])
      assert.deepStrictEqual((yield* batch.list("campaign", "other")).json, [])
      assert.strictEqual((yield* batch.send({ ...sent, send_after: "2030-01-01T00:00:00Z" })).status, 400)
    })
  )

  it.scoped("cancellation before send_after: 200 at once, cancelled asynchronously, by id or by metadata", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve({ clock: "effect" })
      const api = client(emu)
      const batch = batchApi(emu)
      const app = yield* createApp(api)
      const hooks = yield* receiver()
      yield* createWebhook(api, app.id, hooks.url, ["BATCH_STATUS_UPDATE"])
      const schedule = (campaign: string) =>
        batch
          .send({
            app_id: app.id,
            message: { text_message: { text: "Hi ${name}" } },
            recipient_and_params: recipients(2),
            batch_metadata: { campaign },
            send_after: new Date(30 * 60_000).toISOString()
          })
          .pipe(Effect.map((a) => a.json.batch_id as string))
      const byId = yield* schedule("a")
      const byMetadata1 = yield* schedule("b")
      const byMetadata2 = yield* schedule("b")
      const kept = yield* schedule("c")
      const now = yield* batch.send({
        app_id: app.id,
        message: { text_message: { text: "now" } },
        recipient_and_params: recipients(1)
      })
      assert.strictEqual((yield* batch.cancel({ batch_id: byId })).status, 200)
      assert.strictEqual((yield* batch.cancel({ metadata_key: "campaign", metadata_value: "b" })).status, 200)
      // always 200, even when there is nothing to cancel
      assert.strictEqual((yield* batch.cancel({ batch_id: now.json.batch_id })).status, 200)
      assert.strictEqual((yield* batch.cancel({ batch_id: "unknown" })).status, 200)
      assert.strictEqual((yield* batch.cancel({})).status, 400)
      yield* TestClock.adjust("30 minutes")
      for (const id of [byId, byMetadata1, byMetadata2])
        assert.strictEqual((yield* batch.get(id)).json.status, "CANCELLED")
      assert.strictEqual((yield* batch.get(kept)).json.status, "PROCESSED")
      assert.strictEqual((yield* batch.get(now.json.batch_id)).json.status, "PROCESSED")
      // one message now, two from the batch that was kept
      assert.strictEqual((yield* textsOf(api, app.id)).length, 3)
      const cancelled = yield* hooks.waitFor(
        (r) => r.json.batch_status_update_notification?.batch_status === "BATCH_STATUS_CANCELLED",
        3
      )
      assert.deepStrictEqual(
        cancelled.map((r) => r.json.batch_status_update_notification.batch_id).sort(),
        [byId, byMetadata1, byMetadata2].sort()
      )
      assert.strictEqual((yield* batch.get("unknown")).status, 404)
    })
  )

  it.scoped("faults by operation name", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const batch = batchApi(emu)
      yield* emu.addFault(Fault.rule("batch.get", Fault.status(503), { count: 1 }))
      assert.strictEqual((yield* batch.get("x")).status, 503)
      assert.strictEqual((yield* batch.get("x")).status, 404)
    })
  )

  it.scoped("bulk contacts and consent records", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const api = client(emu)
      const batch = batchApi(emu)
      const app = yield* createApp(api)
      const created = yield* batch.createContacts({
        contacts: [1, 2, 3].map((i) => ({
          channel_identities: [{ channel: "SMS", identity: `+4671000000${i}` }],
          language: "EN_US",
          display_name: `Contact ${i}`
        }))
      })
      assert.strictEqual(created.status, 200, created.text)
      const listed = (yield* api.get("/contacts?page_size=20")).json.contacts as Array<any>
      assert.deepStrictEqual(listed.map((c) => c.display_name).sort(), ["Contact 1", "Contact 2", "Contact 3"])
      const deleted = yield* batch.deleteContacts({ contact_ids: [listed[0].id, listed[1].id, "unknown"] })
      assert.strictEqual(deleted.status, 200)
      assert.strictEqual(((yield* api.get("/contacts?page_size=20")).json.contacts as Array<any>).length, 1)
      assert.strictEqual((yield* batch.createContacts({ contacts: [] })).status, 400)

      const consents = yield* batch.insertConsents({
        app_id: app.id,
        consent_records: [
          { identification: "+46720000001", consent_type: "OPT_OUT_MARKETING" },
          { identification: "+46720000002" }
        ]
      })
      assert.strictEqual(consents.status, 200, consents.text)
      assert.isString(consents.json.batch_id)
      const marketing = yield* api.get(`/apps/${app.id}/consents/OPT_OUT_MARKETING`)
      assert.deepStrictEqual(marketing.json.identities, [{ identity: "+46720000001" }])
      const audit = yield* api.get(`/apps/${app.id}/consents/identities/+46720000002`)
      assert.strictEqual(audit.json.audit_records[0].origin, "ORIGIN_BATCH")
      assert.strictEqual(audit.json.audit_records[0].list_type, "OPT_OUT_ALL")
      const unknownApp = yield* batch.insertConsents({ app_id: "nope", consent_records: [{ identification: "x" }] })
      assert.strictEqual(unknownApp.status, 404)
    })
  )
})
