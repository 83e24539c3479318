import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { Emulator } from "@sinch-effect/emulator"
import { client, createApp, request, violatedFields } from "./helpers.js"

/** The template API of the emulator, over fetch with Basic auth (v1 and v2 paths). */
const templates = (emu: Emulator.Running, version: "v1" | "v2") => {
  const api = client(emu)
  const base = `${emu.url}/${version}/projects/${emu.projectId}/templates`
  const call = (method: string, path: string, body?: unknown) =>
    request(`${base}${path}`, {
      method,
      headers: { authorization: api.authorization, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) })
    })
  return { api, call }
}

const welcome = {
  id: "welcome",
  description: "Welcome",
  default_translation: "en-US",
  translations: [
    {
      language_code: "en-US",
      version: "1",
      variables: [{ key: "name", preview_value: "Ada" }],
      text_message: { text: "Hello ${name}" }
    },
    { language_code: "fr-FR", version: "1", variables: [{ key: "name" }], text_message: { text: "Bonjour ${name}" } }
  ]
}

const sms = { identified_by: { channel_identities: [{ channel: "SMS", identity: "+46700000001" }] } }
const omni = (ref: Record<string, unknown>) => ({ template_message: { omni_template: ref } })

describe("templates v2", () => {
  it.scoped("create, get with the latest aliases, update from the latest version only, translations, delete", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const { call } = templates(emu, "v2")
      const created = yield* call("POST", "", { ...welcome, unknown_field: { kept: true } })
      assert.strictEqual(created.status, 200, created.text)
      assert.strictEqual(created.json.version, 1)
      assert.deepStrictEqual(created.json.unknown_field, { kept: true })
      assert.deepStrictEqual(
        created.json.translations.map((t: any) => `${t.language_code}@${t.version}`),
        ["en-US@1", "fr-FR@1", "en-US@latest", "fr-FR@latest"]
      )
      const again = yield* call("POST", "", welcome)
      assert.strictEqual(again.status, 409)
      assert.strictEqual(again.json.error.status, "ALREADY_EXISTS")

      const stale = yield* call("PUT", "/welcome", { ...welcome, id: undefined, version: 0 })
      assert.strictEqual(stale.status, 400)
      assert.strictEqual(stale.json.error.status, "FAILED_PRECONDITION")
      const v2 = {
        version: 1,
        default_translation: "en-US",
        translations: [
          welcome.translations[0],
          { ...welcome.translations[0], version: "2", text_message: { text: "Hi ${name}!" } }
        ]
      }
      const updated = yield* call("PUT", "/welcome", v2)
      assert.strictEqual(updated.status, 200, updated.text)
      assert.strictEqual(updated.json.version, 2)
      assert.strictEqual(updated.json.create_time, created.json.create_time)
      const all = yield* call("GET", "/welcome/translations")
      assert.deepStrictEqual(
        all.json.translations.map((t: any) => `${t.language_code}@${t.version}`),
        ["en-US@1", "en-US@2", "en-US@latest"]
      )
      const latest = yield* call("GET", "/welcome/translations?translation_version=latest&language_code=en-US")
      assert.deepStrictEqual(latest.json.translations[0].text_message, { text: "Hi ${name}!" })

      const listed = yield* call("GET", "")
      assert.deepStrictEqual(
        listed.json.templates.map((t: any) => t.id),
        ["welcome"]
      )
      assert.strictEqual((yield* call("DELETE", "/welcome")).status, 200)
      const gone = yield* call("GET", "/welcome")
      assert.strictEqual(gone.status, 404)
      assert.strictEqual(gone.json.error.status, "NOT_FOUND")
    })
  )

  it.scoped("refuses what is not a template: no translation, two kinds, unknown default, an undeclared variable", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const { call } = templates(emu, "v2")
      const fields = (body: unknown) =>
        Effect.map(call("POST", "", body), (a) => {
          assert.strictEqual(a.status, 400, a.text)
          return violatedFields(a)
        })
      assert.deepStrictEqual(yield* fields({ default_translation: "en-US" }), ["translations"])
      assert.deepStrictEqual(
        yield* fields({
          default_translation: "de-DE",
          translations: [
            { language_code: "en-US", text_message: { text: "a" }, media_message: { url: "https://x/y.png" } },
            { language_code: "en-US", variables: [], text_message: { text: "${who}" } }
          ]
        }),
        ["translations[0]", "translations[1].version", "translations[1].variables", "default_translation"]
      )
      assert.deepStrictEqual(
        yield* fields({
          default_translation: "en-US",
          translations: [
            {
              language_code: "en-US",
              text_message: { text: "a" },
              channel_template_overrides: { SMS: { template_reference: { template_id: "t", version: "1" } } }
            }
          ]
        }),
        ["translations[0].channel_template_overrides.SMS"]
      )
      assert.strictEqual((yield* call("PUT", "/nothing", { ...welcome, version: 1 })).status, 404)
    })
  )
})

describe("templates v1", () => {
  it.scoped("create, update with a mask, list, delete; v1 and v2 see only their own templates", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const v1 = templates(emu, "v1").call
      const v2 = templates(emu, "v2").call
      const created = yield* v1("POST", "", {
        description: "Order",
        channel: "SMS",
        translations: [{ language_code: "en-US", content: JSON.stringify({ text_message: { text: "Order ${id}" } }) }]
      })
      assert.strictEqual(created.status, 200, created.text)
      const id = created.json.id as string
      assert.strictEqual(created.json.default_translation, "en-US")
      assert.strictEqual(created.json.translations[0].version, "1")
      const masked = yield* v1("PATCH", `/${id}?update_mask.paths=description`, { description: "New", channel: "RCS" })
      assert.strictEqual(masked.json.description, "New")
      assert.strictEqual(masked.json.channel, "SMS")
      const bad = yield* v1("POST", "", { translations: [{ language_code: "en-US", content: "not json" }] })
      assert.strictEqual(bad.status, 400)
      assert.strictEqual(bad.json.error.details[0].field_violations[0].field, "translations[0].content")
      assert.strictEqual((yield* v1("GET", "")).json.templates.length, 1)
      assert.strictEqual((yield* v2("GET", `/${id}`)).status, 404)
      assert.strictEqual((yield* v1("DELETE", `/${id}`)).status, 200)
      assert.deepStrictEqual((yield* v1("GET", "")).json.templates, [])
    })
  )
})

describe("sending a template message", () => {
  it.scoped("the emulator renders the translation with the parameters and stores the rendered message", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const { api, call } = templates(emu, "v2")
      const app = yield* createApp(api)
      assert.strictEqual((yield* call("POST", "", welcome)).status, 200)
      const send = (ref: Record<string, unknown>) =>
        api.post("/messages:send", { app_id: app.id, recipient: sms, message: omni(ref) })
      const sent = yield* send({
        template_id: "welcome",
        version: "1",
        language_code: "fr-FR",
        parameters: { name: "Ada" }
      })
      assert.strictEqual(sent.status, 200, sent.text)
      const stored = yield* api.get(`/messages/${sent.json.message_id}`)
      assert.deepStrictEqual(stored.json.app_message, { text_message: { text: "Bonjour Ada" } })
      const listed = yield* api.get(`/messages?contact_id=${stored.json.contact_id}`)
      assert.deepStrictEqual(listed.json.messages[0].app_message, { text_message: { text: "Bonjour Ada" } })
      // the default translation when no language is given, and `latest`
      const byDefault = yield* send({ template_id: "welcome", version: "latest", parameters: { name: "Bo" } })
      const storedDefault = yield* api.get(`/messages/${byDefault.json.message_id}`)
      assert.deepStrictEqual(storedDefault.json.app_message, { text_message: { text: "Hello Bo" } })
    })
  )

  it.scoped("refuses a missing template, translation, version or parameter with the field that is wrong", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const { api, call } = templates(emu, "v2")
      const app = yield* createApp(api)
      assert.strictEqual((yield* call("POST", "", welcome)).status, 200)
      const refused = (ref: Record<string, unknown>) =>
        Effect.map(api.post("/messages:send", { app_id: app.id, recipient: sms, message: omni(ref) }), (a) => {
          assert.strictEqual(a.status, 400, a.text)
          assert.strictEqual(a.json.error.status, "INVALID_ARGUMENT")
          return a.json.error.details[0].field_violations[0].field as string
        })
      const at = "message.template_message.omni_template"
      assert.strictEqual(yield* refused({ template_id: "nope", version: "1" }), `${at}.template_id`)
      assert.strictEqual(
        yield* refused({ template_id: "welcome", version: "1", language_code: "de-DE", parameters: { name: "x" } }),
        `${at}.language_code`
      )
      assert.strictEqual(
        yield* refused({ template_id: "welcome", version: "7", parameters: { name: "x" } }),
        `${at}.version`
      )
      assert.strictEqual(yield* refused({ template_id: "welcome", version: "1" }), `${at}.parameters.name`)
      // a parameter whose name every object inherits is still missing when the reference does not give it
      const inherited = {
        id: "inherited",
        default_translation: "en-US",
        translations: [{ language_code: "en-US", version: "1", text_message: { text: "Made by ${constructor}" } }]
      }
      const createdInherited = yield* call("POST", "", inherited)
      assert.strictEqual(createdInherited.status, 200, createdInherited.text)
      assert.strictEqual(
        yield* refused({ template_id: "inherited", version: "1", language_code: "en-US", parameters: {} }),
        `${at}.parameters.constructor`
      )
      // nothing was stored, no contact was made
      assert.strictEqual((yield* emu.stats()).messages, 0)
      assert.deepStrictEqual((yield* api.get("/contacts")).json.contacts ?? [], [])
    })
  )

  it.scoped("a channel template override replaces the content on its channel, parameters mapped", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const { api, call } = templates(emu, "v2")
      const app = yield* createApp(api)
      const created = yield* call("POST", "", {
        id: "order",
        default_translation: "en-US",
        translations: [
          {
            language_code: "en-US",
            version: "1",
            variables: [{ key: "order" }],
            text_message: { text: "Order ${order} shipped" },
            channel_template_overrides: {
              WHATSAPP: {
                template_reference: { template_id: "wa_order", version: "3", language_code: "en" },
                parameter_mappings: { body_1: "order" }
              }
            }
          }
        ]
      })
      assert.strictEqual(created.status, 200, created.text)
      const send = (channel: string) =>
        api.post("/messages:send", {
          app_id: app.id,
          recipient: { identified_by: { channel_identities: [{ channel, identity: "+46700000002" }] } },
          message: omni({ template_id: "order", version: "1", parameters: { order: "A-1" } })
        })
      const onWhatsApp = yield* api.get(`/messages/${(yield* send("WHATSAPP")).json.message_id}`)
      assert.deepStrictEqual(onWhatsApp.json.app_message, {
        template_message: {
          channel_template: {
            WHATSAPP: { template_id: "wa_order", version: "3", language_code: "en", parameters: { body_1: "A-1" } }
          }
        }
      })
      const onSms = yield* api.get(`/messages/${(yield* send("SMS")).json.message_id}`)
      assert.deepStrictEqual(onSms.json.app_message, { text_message: { text: "Order A-1 shipped" } })
    })
  )

  it.scoped("a parameter named __proto__ is kept as a key, in the content and in a channel override's mapping", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const { api, call } = templates(emu, "v2")
      const app = yield* createApp(api, {
        channel_credentials: [
          { channel: "WHATSAPP", static_bearer: { claimed_identity: "sender", token: "token" } },
          { channel: "KAKAOTALK", static_bearer: { claimed_identity: "sender", token: "token" } }
        ]
      })
      // own `__proto__` keys, as JSON.parse makes them (a literal `__proto__:` would set the prototype instead)
      const parameters = JSON.parse('{"__proto__": "${name}", "body_1": "${name}"}')
      const parameterMappings = JSON.parse('{"__proto__": "name"}')
      const created = yield* call("POST", "", {
        id: "keys",
        default_translation: "en-US",
        translations: [
          {
            language_code: "en-US",
            version: "1",
            variables: [{ key: "name" }],
            template_message: {
              channel_template: { WHATSAPP: { template_id: "wa", version: "1", language_code: "en", parameters } }
            },
            channel_template_overrides: {
              KAKAOTALK: {
                template_reference: { template_id: "vb", version: "2", language_code: "en" },
                parameter_mappings: parameterMappings
              }
            }
          }
        ]
      })
      assert.strictEqual(created.status, 200, created.text)
      const sentOn = (channel: string) =>
        Effect.gen(function* () {
          const sent = yield* api.post("/messages:send", {
            app_id: app.id,
            recipient: { identified_by: { channel_identities: [{ channel, identity: "+46700000003" }] } },
            message: omni({ template_id: "keys", version: "1", parameters: { name: "Ada" } })
          })
          assert.strictEqual(sent.status, 200, sent.text)
          const stored = yield* api.get(`/messages/${sent.json.message_id}`)
          return stored.json.app_message.template_message.channel_template[channel].parameters
        })
      const content = yield* sentOn("WHATSAPP")
      assert.deepStrictEqual(Object.entries(content), [
        ["__proto__", "Ada"],
        ["body_1", "Ada"]
      ])
      const override = yield* sentOn("KAKAOTALK")
      assert.deepStrictEqual(Object.entries(override), [["__proto__", "Ada"]])
    })
  )
})
