import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { Emulator, Fault } from "@sinch-effect/emulator"
import { appMessages, client, createApp, request } from "./helpers.js"

const sms = (identity: string) => ({ identified_by: { channel_identities: [{ channel: "SMS", identity }] } })
const text = (t: string) => ({ text_message: { text: t } })

/** fetch that reports a dropped connection instead of failing the test */
const attempt = (url: string, init: RequestInit) =>
  Effect.promise(() =>
    fetch(url, init).then(
      async (res) => ({ ok: true as const, status: res.status, text: await res.text() }),
      (e: unknown) => ({ ok: false as const, error: String(e) })
    )
  )

describe("faults", () => {
  it.scoped("429 with Retry-After and RESOURCE_EXHAUSTED, for a count of requests", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const api = client(emu)
      yield* emu.addFault(Fault.rule("apps.list", Fault.rateLimited(7), { count: 2 }))
      for (let i = 0; i < 2; i++) {
        const r = yield* api.get("/apps")
        assert.strictEqual(r.status, 429)
        assert.strictEqual(r.headers.get("retry-after"), "7")
        assert.strictEqual(r.json.error.status, "RESOURCE_EXHAUSTED")
        assert.strictEqual(r.json.error.details[0].retryDelay, "7s")
      }
      assert.strictEqual((yield* api.get("/apps")).status, 200)
    })
  )

  it.scoped("500, 502 and 503 with Sinch error bodies; other operations are unaffected", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const api = client(emu)
      for (const status of [500, 502, 503]) {
        const id = yield* emu.addFault(Fault.rule("contacts.list", Fault.status(status)))
        const r = yield* api.get("/contacts")
        assert.strictEqual(r.status, status)
        assert.strictEqual(r.json.error.code, status)
        assert.strictEqual((yield* api.get("/apps")).status, 200)
        yield* emu.removeFault(id)
      }
      assert.strictEqual((yield* api.get("/contacts")).status, 200)
    })
  )

  it.scoped("added latency", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const api = client(emu)
      yield* emu.addFault(Fault.rule("*", Fault.latency(150), { count: 1 }))
      const started = Date.now()
      assert.strictEqual((yield* api.get("/apps")).status, 200)
      assert.isAtLeast(Date.now() - started, 140)
    })
  )

  it.scoped("dropped connection before processing: the send did not happen", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const api = client(emu)
      const app = yield* createApp(api)
      yield* emu.addFault(Fault.rule("messages.send", Fault.dropBeforeProcessing, { count: 1 }))
      const r = yield* attempt(`${api.base}/messages:send`, {
        method: "POST",
        headers: { authorization: api.authorization, "content-type": "application/json" },
        body: JSON.stringify({ app_id: app.id, recipient: sms("+1"), message: text("x") })
      })
      assert.isFalse(r.ok)
      assert.strictEqual((yield* emu.stats()).messages, 0)
      assert.strictEqual((yield* api.get("/apps")).status, 200)
    })
  )

  it.scoped("dropped connection after processing: the send happened", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const api = client(emu)
      const app = yield* createApp(api)
      yield* emu.addFault(Fault.rule("messages.send", Fault.dropAfterProcessing, { count: 1 }))
      const r = yield* attempt(`${api.base}/messages:send`, {
        method: "POST",
        headers: { authorization: api.authorization, "content-type": "application/json" },
        body: JSON.stringify({ app_id: app.id, recipient: sms("+1"), message: text("x") })
      })
      assert.isFalse(r.ok)
      assert.strictEqual((yield* emu.stats()).messages, 1)
      assert.strictEqual((yield* appMessages(api, app.id)).length, 1)
    })
  )

  it.scoped("malformed and truncated JSON bodies (after processing)", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const api = client(emu)
      const app = yield* createApp(api)
      yield* emu.addFault(Fault.rule("messages.send", Fault.malformedJson, { count: 1 }))
      const malformed = yield* api.post("/messages:send", { app_id: app.id, recipient: sms("+1"), message: text("x") })
      assert.strictEqual(malformed.status, 200)
      assert.isUndefined(malformed.json)
      assert.throws(() => JSON.parse(malformed.text))
      yield* emu.addFault(Fault.rule("apps.get", Fault.truncatedJson, { count: 1 }))
      const truncated = yield* api.get(`/apps/${app.id}`)
      assert.strictEqual(truncated.status, 200)
      assert.throws(() => JSON.parse(truncated.text))
      assert.strictEqual((yield* emu.stats()).messages, 1)
      assert.isObject((yield* api.get(`/apps/${app.id}`)).json)
    })
  )

  it.scoped("an HTML error page", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const api = client(emu)
      yield* emu.addFault(Fault.rule("apps.list", Fault.htmlError(503), { count: 1 }))
      const r = yield* api.get("/apps")
      assert.strictEqual(r.status, 503)
      assert.match(r.headers.get("content-type") ?? "", /text\/html/)
      assert.match(r.text, /<html>/)
    })
  )

  it.scoped("a repeated next_page_token", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const api = client(emu)
      const seeded = yield* emu.seed({ contacts: 1, messages: 30 })
      const of = `contact_id=${seeded.firstContactId}`
      const first = yield* api.get(`/messages?${of}&page_size=10`)
      yield* emu.addFault(Fault.rule("messages.list", Fault.repeatPageToken, { count: 1 }))
      const second = yield* api.get(`/messages?${of}&page_size=10&page_token=${first.json.next_page_token}`)
      assert.strictEqual(second.json.next_page_token, first.json.next_page_token)
      assert.strictEqual(second.json.messages.length, 10)
    })
  )

  it.scoped("faults by probability", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const api = client(emu)
      yield* emu.addFault(Fault.rule("apps.list", Fault.status(503), { probability: 0.5 }))
      let failures = 0
      for (let i = 0; i < 200; i++) if ((yield* api.get("/apps")).status === 503) failures++
      assert.isAbove(failures, 50)
      assert.isBelow(failures, 150)
      yield* emu.clearFaults
      yield* emu.addFault(Fault.rule("apps.list", Fault.status(503), { probability: 0 }))
      for (let i = 0; i < 20; i++) assert.strictEqual((yield* api.get("/apps")).status, 200)
    })
  )

  it.scoped("faults over the HTTP control API, token endpoint included", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const add = yield* request(`${emu.url}/emulator/faults`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ operation: "auth.token", fault: { _tag: "Status", status: 503 }, count: 1 })
      })
      assert.isNumber(add.json.id)
      const listed = yield* request(`${emu.url}/emulator/faults`)
      assert.strictEqual(listed.json.faults[0].remaining, 1)
      const t = yield* request(`${emu.authUrl}/oauth2/token`, { method: "POST", body: "grant_type=client_credentials" })
      assert.strictEqual(t.status, 503)
      const bad = yield* request(`${emu.url}/emulator/faults`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ fault: { _tag: "Nope" } })
      })
      assert.strictEqual(bad.status, 400)
      const cleared = yield* request(`${emu.url}/emulator/faults`, { method: "DELETE" })
      assert.strictEqual(cleared.status, 200)
    })
  )

  it.scoped("a per-project rate limit answers 429 with Retry-After (off by default)", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve({ rateLimitPerSecond: 5 })
      const api = client(emu)
      const statuses: Array<number> = []
      for (let i = 0; i < 8; i++) statuses.push((yield* api.get("/apps")).status)
      assert.deepStrictEqual(statuses.slice(0, 5), [200, 200, 200, 200, 200])
      assert.include(statuses.slice(5), 429)
      const limited = yield* api.get("/apps")
      assert.strictEqual(limited.status, 429)
      assert.strictEqual(limited.headers.get("retry-after"), "1")
      assert.strictEqual(limited.json.error.status, "RESOURCE_EXHAUSTED")
    })
  )

  it.scoped("oversized bodies get 413 and the server keeps serving", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve({ maxBodyBytes: 1024 })
      const api = client(emu)
      const big = yield* api.post("/contacts", { display_name: "x".repeat(5000) })
      assert.strictEqual(big.status, 413)
      assert.strictEqual((yield* api.get("/apps")).status, 200)
    })
  )

  it.scoped("Fault.operations names every API route; control routes are never faulted", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const api = client(emu)
      yield* emu.addFault(Fault.rule("*", Fault.status(503)))
      assert.strictEqual((yield* api.get("/apps")).status, 503)
      const cleared = yield* request(`${emu.url}/emulator/faults`, { method: "DELETE" })
      assert.strictEqual(cleared.status, 200)
      assert.strictEqual((yield* api.get("/apps")).status, 200)
      for (const operation of Fault.operations) {
        yield* emu.addFault(Fault.rule(operation, Fault.status(418), { count: 1 }))
      }
      // each operation's fault fires exactly on its own route
      assert.strictEqual((yield* api.get("/apps")).status, 418)
      assert.strictEqual((yield* api.get("/apps")).status, 200)
      assert.strictEqual((yield* api.post("/messages:send", {})).status, 418)
      assert.strictEqual((yield* api.get("/contacts:identityConflicts")).status, 418)
      assert.strictEqual((yield* api.get("/conversations:recent")).status, 418)
      // the names of the client's operations (and spans), not of the URL verbs
      assert.strictEqual((yield* api.post("/messages:fetch-last-message", {})).status, 418)
      assert.strictEqual((yield* api.post("/messages:transcode", {})).status, 418)
      assert.strictEqual((yield* api.post("/contacts/01DEST:merge", {})).status, 418)
      assert.strictEqual((yield* api.post("/conversations/01CONV:stop", {})).status, 418)
      assert.strictEqual((yield* api.post("/capability:query", {})).status, 418)
    })
  )

  it.scoped("a rule for an unknown operation is refused by the control API (no fault that never fires)", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      for (const operation of ["contacts.merge", "conversations.stop", "messages.fetchLastMessage", "nope"]) {
        const refused = yield* request(`${emu.url}/emulator/faults`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ operation, fault: { _tag: "Status", status: 503 } })
        })
        assert.strictEqual(refused.status, 400, operation)
        assert.include(refused.text, `unknown operation \\"${operation}\\"`)
      }
      const listed = yield* request(`${emu.url}/emulator/faults`)
      assert.deepStrictEqual(listed.json.faults, [])
    })
  )
})
