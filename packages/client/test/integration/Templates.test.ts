/**
 * The `templates` group (v1 and v2) against the emulator over a real localhost socket: every operation on the
 * template host with the Conversation API's token, Sinch's errors as typed errors, and the message a template renders
 * to when it is sent.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import { assert, describe, it } from "@effect/vitest"
import { Emulator } from "@sinch-effect/emulator"
import { Compose, Ids, type Templates } from "@sinch-effect/schema"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import * as Export from "../../src/Export.js"
import * as SinchClient from "../../src/SinchClient.js"
import type * as SinchConfig from "../../src/SinchConfig.js"

interface Sent {
  readonly url: string
  readonly authorization: string | undefined
}

/** A client on the emulator that records the URL and authorization of every request it sends. */
const recorded = (emu: Emulator.Running, options: Partial<SinchConfig.Options>) => {
  const sent: Array<Sent> = []
  const http = Layer.effect(
    HttpClient.HttpClient,
    Effect.map(HttpClient.HttpClient, (client) =>
      HttpClient.tapRequest(client, (request) =>
        Effect.sync(() => sent.push({ url: request.url, authorization: request.headers["authorization"] }))
      )
    )
  ).pipe(Layer.provide(FetchHttpClient.layer))
  const layer = SinchClient.layerWith({ ...emu.clientOptions, ...options }).pipe(Layer.provide(http), Layer.orDie)
  return { sent, run: <A, E>(effect: Effect.Effect<A, E, SinchClient.SinchClient>) => Effect.provide(effect, layer) }
}

const welcome: Templates.CreateTemplateV2Request = {
  id: "welcome",
  description: "Greets a customer",
  default_translation: "en-US",
  translations: [
    {
      language_code: "en-US",
      version: "1",
      variables: [{ key: "name", preview_value: "Ada" }],
      text_message: { text: "Welcome, ${name}!" }
    }
  ]
}

const sinch = SinchClient.SinchClient

describe("templates v2 against the emulator", () => {
  it.scoped("create, get, list, update as PUT, listTranslations, delete: on the template host with one token", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      // the Conversation API is a closed port: only the template host can answer
      const { run, sent } = recorded(emu, { conversationUrl: "http://127.0.0.1:9" })
      yield* run(
        Effect.gen(function* () {
          const { templates } = yield* sinch
          const created = yield* templates.v2.create(welcome)
          assert.strictEqual(created.id, "welcome")
          assert.strictEqual(created.version, 1)
          const got = yield* templates.v2.get({ template_id: "welcome" })
          assert.deepStrictEqual(
            got.translations?.map((t) => `${t.language_code}@${t.version}`),
            ["en-US@1", "en-US@latest"]
          )
          const updated = yield* templates.v2.update({
            template_id: "welcome",
            body: {
              version: got.version!,
              description: "Greets a customer, in French too",
              default_translation: "en-US",
              translations: [
                ...welcome.translations,
                {
                  language_code: "fr-FR",
                  version: "1",
                  variables: [{ key: "name" }],
                  text_message: { text: "Bienvenue, ${name} !" }
                }
              ]
            }
          })
          assert.strictEqual(updated.version, 2)
          assert.strictEqual(updated.description, "Greets a customer, in French too")
          const french = yield* templates.v2.listTranslations({ template_id: "welcome", language_code: "fr-FR" })
          assert.deepStrictEqual(
            french.translations?.map((t) => [t.version, t.text_message?.text]),
            [
              ["1", "Bienvenue, ${name} !"],
              ["latest", "Bienvenue, ${name} !"]
            ]
          )
          const latest = yield* templates.v2.listTranslations({ template_id: "welcome", translation_version: "latest" })
          assert.deepStrictEqual(
            latest.translations?.map((t) => t.language_code),
            ["en-US", "fr-FR"]
          )
          const listed = yield* templates.v2.list()
          assert.deepStrictEqual(
            listed.templates?.map((t) => [t.id, t.version]),
            [["welcome", 2]]
          )
          yield* templates.v2.delete({ template_id: "welcome" })
          const gone = yield* Effect.flip(templates.v2.get({ template_id: "welcome" }))
          assert.strictEqual(gone._tag, "NotFound")
          assert.strictEqual(gone._tag === "NotFound" ? gone.operation : "", "templatesV2.get")
        })
      )
      const api = sent.filter((s) => !s.url.endsWith("/oauth2/token"))
      assert.strictEqual(api.length, 8)
      for (const s of api) assert.isTrue(s.url.startsWith(`${emu.url}/v2/projects/${emu.projectId}/templates`), s.url)
      // one OAuth token, fetched once, on every request
      assert.strictEqual(sent.filter((s) => s.url.endsWith("/oauth2/token")).length, 1)
      assert.strictEqual(new Set(api.map((s) => s.authorization)).size, 1)
      assert.match(api[0]!.authorization!, /^Bearer /)
    })
  )

  it.scoped("errors: a stale update, an invalid template, a taken id, an empty id; nothing sent for the last", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const { run, sent } = recorded(emu, {})
      yield* run(
        Effect.gen(function* () {
          const { templates } = yield* sinch
          yield* templates.v2.create(welcome)
          const taken = yield* Effect.flip(templates.v2.create(welcome))
          assert.strictEqual(taken._tag, "BadRequest")
          assert.strictEqual(taken._tag === "BadRequest" ? taken.error?.status : "", "ALREADY_EXISTS")
          const stale = yield* Effect.flip(
            templates.v2.update({
              template_id: "welcome",
              body: { version: 7, default_translation: "en-US", translations: welcome.translations }
            })
          )
          assert.strictEqual(stale._tag === "BadRequest" ? stale.error?.status : stale._tag, "FAILED_PRECONDITION")
          const invalid = yield* Effect.flip(
            templates.v2.create({
              default_translation: "de-DE",
              translations: [{ language_code: "en-US", text_message: { text: "Hi ${who}" }, variables: [] }]
            })
          )
          assert.strictEqual(invalid._tag, "BadRequest")
          const violations = invalid._tag === "BadRequest" ? invalid.error?.details?.[0]?.["field_violations"] : []
          assert.deepStrictEqual(
            (violations as ReadonlyArray<{ field: string }>).map((v) => v.field),
            ["translations[0].variables", "default_translation"]
          )
          const before = sent.length
          const empty = yield* Effect.flip(templates.v2.get({ template_id: "" }))
          assert.strictEqual(empty._tag, "InvalidRequest")
          assert.strictEqual(sent.length, before)
        })
      )
    })
  )

  it.scoped(
    "a template message sent through the client is stored and listed rendered; a missing parameter is a 400",
    () =>
      Effect.gen(function* () {
        const emu = yield* Emulator.serve()
        const seeded = yield* emu.seed({ contacts: 1, messages: 0 })
        const { run } = recorded(emu, {})
        yield* run(
          Effect.gen(function* () {
            const client = yield* sinch
            yield* client.templates.v2.create(welcome)
            const to = Compose.messageRequest({
              app_id: Ids.AppId.make(seeded.appId),
              recipient: Compose.contact(seeded.firstContactId!)
            })
            const send = (parameters: Record<string, string>) =>
              client.messages.send(
                to(Compose.template({ omni_template: { template_id: "welcome", version: "latest", parameters } }))
              )
            const sent = yield* send({ name: "Ada" })
            const stored = yield* client.messages.get({ message_id: sent.message_id! })
            assert.deepStrictEqual(stored.app_message?.text_message, { text: "Welcome, Ada!" })
            assert.strictEqual(stored.app_message?.template_message, undefined)
            const listed = yield* Stream.runCollect(
              client.messages.list({ contact_id: Ids.ContactId.make(seeded.firstContactId!) })
            )
            assert.deepStrictEqual(
              Chunk.toReadonlyArray(listed).map((m) => m.app_message?.text_message?.text),
              ["Welcome, Ada!"]
            )
            const missing = yield* Effect.flip(send({}))
            assert.strictEqual(missing._tag, "BadRequest")
            assert.include(missing.message, "message.template_message.omni_template.parameters.name")
          })
        )
      })
  )
})

describe("templates v1 against the emulator", () => {
  it.scoped("create, get, list, update with a mask, delete; the export writes every template as returned", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const { run, sent } = recorded(emu, {})
      yield* run(
        Effect.gen(function* () {
          const { templates } = yield* sinch
          const created = yield* templates.v1.create({
            description: "Order",
            channel: "SMS",
            translations: [
              { language_code: "en-US", content: JSON.stringify({ text_message: { text: "Order ${id} shipped" } }) }
            ]
          })
          const id = created.id!
          assert.strictEqual(created.default_translation, "en-US")
          assert.strictEqual((yield* templates.v1.get({ template_id: id })).description, "Order")
          const updated = yield* templates.v1.update({
            template_id: id,
            body: { description: "Orders", channel: "RCS" },
            update_mask: ["description"]
          })
          assert.strictEqual(updated.description, "Orders")
          assert.strictEqual(updated.channel, "SMS")
          assert.deepStrictEqual(
            (yield* templates.v1.list()).templates?.map((t) => t.id),
            [id]
          )
          const exported = yield* Stream.runCollect(Export.ndjson(Export.templates({ version: "v1" })))
          const lines = Chunk.toReadonlyArray(exported).flatMap((page) => page.ndjson.trim().split("\n"))
          assert.deepStrictEqual(
            lines.map((l) => JSON.parse(l).id),
            [id]
          )
          yield* templates.v1.delete({ template_id: id })
          assert.strictEqual((yield* Effect.flip(templates.v1.get({ template_id: id })))._tag, "NotFound")
        })
      )
      assert.isTrue(
        sent.some((s) => s.url.includes("/v1/projects/") && s.url.includes("update_mask.paths=description")),
        "the mask travels as update_mask.paths"
      )
    })
  )
})
