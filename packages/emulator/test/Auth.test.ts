import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as TestClock from "effect/TestClock"
import { Emulator } from "@sinch-effect/emulator"
import { basic, client, request } from "./helpers.js"

const token = (emu: Emulator.Running, authorization: string, body = "grant_type=client_credentials") =>
  request(`${emu.authUrl}/oauth2/token`, {
    method: "POST",
    headers: { authorization, "content-type": "application/x-www-form-urlencoded" },
    body
  })

describe("auth", () => {
  it.scoped("issues a bearer token for Basic key_id:key_secret and the API accepts it", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const secret = Redacted.value(emu.keySecret)
      const t = yield* token(emu, basic(emu.keyId, secret))
      assert.strictEqual(t.status, 200)
      assert.strictEqual(t.json.token_type, "bearer")
      assert.strictEqual(t.json.expires_in, 3600)
      assert.isString(t.json.access_token)
      const apps = yield* request(`${emu.url}/v1/projects/${emu.projectId}/apps`, {
        headers: { authorization: `Bearer ${t.json.access_token}` }
      })
      assert.strictEqual(apps.status, 200)
      assert.deepStrictEqual(apps.json, { apps: [] })
    })
  )

  it.scoped("accepts client_id/client_secret in the form body", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const t = yield* request(`${emu.authUrl}/oauth2/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: `grant_type=client_credentials&client_id=${emu.keyId}&client_secret=${emu.env["SINCH_KEY_SECRET"]}`
      })
      assert.strictEqual(t.status, 200)
    })
  )

  it.scoped("rejects wrong client credentials and unsupported grant types with OAuth2 errors", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const wrong = yield* token(emu, basic(emu.keyId, "nope"))
      assert.strictEqual(wrong.status, 401)
      assert.strictEqual(wrong.json.error, "invalid_client")
      const grant = yield* token(emu, basic(emu.keyId, emu.env["SINCH_KEY_SECRET"]!), "grant_type=password")
      assert.strictEqual(grant.status, 400)
      assert.strictEqual(grant.json.error, "unsupported_grant_type")
    })
  )

  it.scoped("answers 401 UNAUTHENTICATED for missing, wrong and unknown credentials", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const url = `${emu.url}/v1/projects/${emu.projectId}/apps`
      for (const headers of [
        {},
        { authorization: "Bearer not-a-token" },
        { authorization: basic(emu.keyId, "wrong") },
        { authorization: basic("unknown", "x") },
        { authorization: "Digest abc" }
      ]) {
        const r = yield* request(url, { headers })
        assert.strictEqual(r.status, 401)
        assert.strictEqual(r.json.error.code, 401)
        assert.strictEqual(r.json.error.status, "UNAUTHENTICATED")
        assert.isString(r.json.error.message)
      }
    })
  )

  it.scoped("answers 403 PERMISSION_DENIED for credentials of another project", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const other = yield* emu.createProject
      const api = client(emu, {
        projectId: emu.projectId,
        keyId: other.keyId,
        keySecret: Redacted.value(other.keySecret)
      })
      const r = yield* api.get("/apps")
      assert.strictEqual(r.status, 403)
      assert.strictEqual(r.json.error.status, "PERMISSION_DENIED")
      // and they work on their own project
      const own = client(emu, { ...other, keySecret: Redacted.value(other.keySecret) })
      assert.strictEqual((yield* own.get("/apps")).status, 200)
    })
  )

  it.scoped("expires tokens after the configured lifetime (TestClock)", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve({ tokenTtlSeconds: 60, clock: "effect" })
      const t = yield* token(emu, basic(emu.keyId, emu.env["SINCH_KEY_SECRET"]!))
      assert.strictEqual(t.json.expires_in, 60)
      const url = `${emu.url}/v1/projects/${emu.projectId}/apps`
      const headers = { authorization: `Bearer ${t.json.access_token}` }
      yield* TestClock.adjust("59 seconds")
      assert.strictEqual((yield* request(url, { headers })).status, 200)
      yield* TestClock.adjust("2 seconds")
      const expired = yield* request(url, { headers })
      assert.strictEqual(expired.status, 401)
      assert.strictEqual(expired.json.error.status, "UNAUTHENTICATED")
      // a new token works again
      const again = yield* token(emu, basic(emu.keyId, emu.env["SINCH_KEY_SECRET"]!))
      assert.strictEqual(
        (yield* request(url, { headers: { authorization: `Bearer ${again.json.access_token}` } })).status,
        200
      )
    })
  )

  it.scoped("exposes the SINCH_* environment and the same settings as client options", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve({ projectId: "p-1", keyId: "k-1", keySecret: "s-1" })
      assert.deepStrictEqual(emu.env, {
        SINCH_PROJECT_ID: "p-1",
        SINCH_KEY_ID: "k-1",
        SINCH_KEY_SECRET: "s-1",
        SINCH_CONVERSATION_URL: emu.url,
        SINCH_TEMPLATES_URL: emu.templatesUrl,
        SINCH_BATCH_URL: emu.batchUrl,
        SINCH_AUTH_URL: emu.authUrl
      })
      assert.match(emu.url, /^http:\/\/127\.0\.0\.1:\d+$/)
      const { keySecret, ...settings } = emu.clientOptions
      assert.deepStrictEqual(settings, {
        projectId: "p-1",
        keyId: "k-1",
        conversationUrl: emu.url,
        templatesUrl: emu.templatesUrl,
        batchUrl: emu.batchUrl,
        authUrl: emu.authUrl
      })
      assert.strictEqual(Redacted.value(keySecret), "s-1")
    })
  )

  it.scoped("answers 404 for unknown routes and 405 for wrong methods", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const api = client(emu)
      const r = yield* api.get("/nope")
      assert.strictEqual(r.status, 404)
      assert.strictEqual(r.json.error.status, "NOT_FOUND")
      const m = yield* api.del("/apps")
      assert.strictEqual(m.status, 405)
      // a custom method is never read as a path value: GET /contacts/a:merge is the merge route with a wrong method
      assert.strictEqual((yield* api.get("/contacts/a:merge")).status, 405)
      const identities = [{ channel: "SMS", identity: "+46700000001" }]
      const contact = yield* api.post("/contacts", { channel_identities: identities, language: "EN_US" })
      const id = contact.json.id as string
      assert.strictEqual((yield* api.get(`/contacts/${id}`)).status, 200)
      assert.strictEqual((yield* api.get(`/contacts/${id}/`)).status, 404)
      assert.strictEqual((yield* api.get(`/contacts/${id}%3Amerge`)).json.error.status, "NOT_FOUND")
    })
  )
})
