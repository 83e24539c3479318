/**
 * Every operation of the client against the emulator over a real localhost socket.
 */
import { assert, describe, layer } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import type * as Messages from "../../src/Messages.js"
import * as Emu from "./emulator.js"

const smsIdentity = (n: number) => ({ channel: "SMS", identity: `4670000${String(n).padStart(4, "0")}` })

const createApp = Effect.flatMap(Emu.services, ({ sinch }) =>
  sinch.apps.create({
    display_name: "Test app",
    channel_credentials: [{ channel: "SMS", static_bearer: { claimed_identity: "plan", token: "t" } }]
  } as never)
)

/** An app with a contact of SMS identity `n`. */
const appWithContact = (n: number) =>
  Effect.gen(function* () {
    const { sinch } = yield* Emu.services
    const app = yield* createApp
    const contact = yield* sinch.contacts.create({
      channel_identities: [{ ...smsIdentity(n), app_id: app.id }],
      language: "EN_US"
    } as never)
    return { app, contact }
  })

/** Sends "Hello" from the app to the contact. */
const sendHello = (appId: string, contactId: string) =>
  Effect.flatMap(Emu.services, ({ sinch }) =>
    sinch.messages.send({
      app_id: appId,
      recipient: { contact_id: contactId },
      message: { text_message: { text: "Hello" } }
    } as never)
  )

describe("operations against the emulator", () => {
  layer(Emu.layer(), { excludeTestServices: true })((it) => {
    it.effect("apps: create, get, list, update, delete", () =>
      Effect.gen(function* () {
        const { sinch } = yield* Emu.services
        const app = yield* createApp
        assert.isString(app.id)
        const got = yield* sinch.apps.get({ app_id: app.id! })
        assert.strictEqual(got.display_name, "Test app")
        const list = yield* sinch.apps.list()
        assert.isTrue(list.apps!.some((a) => a.id === app.id))
        const updated = yield* sinch.apps.update({
          app_id: app.id!,
          body: { display_name: "Renamed" },
          update_mask: ["display_name"]
        })
        assert.strictEqual(updated.display_name, "Renamed")
        yield* sinch.apps.delete({ app_id: app.id! })
        const error = yield* Effect.flip(sinch.apps.get({ app_id: app.id! }))
        assert.strictEqual(error._tag, "NotFound")
      })
    )

    it.effect("webhooks: create, get, list, update, delete", () =>
      Effect.gen(function* () {
        const { sinch } = yield* Emu.services
        const app = yield* createApp
        const hook = yield* sinch.webhooks.create({
          app_id: app.id!,
          target: "http://127.0.0.1:9/hook",
          triggers: ["MESSAGE_DELIVERY"]
        } as never)
        assert.isString(hook.id)
        assert.strictEqual((yield* sinch.webhooks.get({ webhook_id: hook.id! })).target, "http://127.0.0.1:9/hook")
        assert.strictEqual((yield* sinch.webhooks.list({ app_id: app.id! })).webhooks!.length, 1)
        const updated = yield* sinch.webhooks.update({
          webhook_id: hook.id!,
          body: { triggers: ["MESSAGE_DELIVERY", "MESSAGE_INBOUND"] } as never,
          update_mask: ["triggers"]
        })
        assert.deepStrictEqual(updated.triggers, ["MESSAGE_DELIVERY", "MESSAGE_INBOUND"])
        yield* sinch.webhooks.delete({ webhook_id: hook.id! })
        assert.strictEqual((yield* Effect.flip(sinch.webhooks.get({ webhook_id: hook.id! })))._tag, "NotFound")
      })
    )

    it.effect("contacts: create, get, list, update, merge, channel profile, identity conflicts, delete", () =>
      Effect.gen(function* () {
        const { sinch } = yield* Emu.services
        const app = yield* createApp
        const a = yield* sinch.contacts.create({
          channel_identities: [{ ...smsIdentity(1), app_id: app.id }],
          display_name: "A",
          language: "EN_US"
        } as never)
        const b = yield* sinch.contacts.create({
          channel_identities: [{ ...smsIdentity(2), app_id: app.id }],
          display_name: "B",
          language: "EN_US"
        } as never)
        assert.strictEqual((yield* sinch.contacts.get({ contact_id: a.id! })).display_name, "A")
        const all = yield* Stream.runCollect(sinch.contacts.list({ page_size: 1 }))
        const ids = Chunk.toReadonlyArray(all).map((c) => c.id)
        assert.include(ids, a.id)
        assert.include(ids, b.id)
        assert.strictEqual(new Set(ids).size, ids.length)
        const updated = yield* sinch.contacts.update({
          contact_id: a.id!,
          body: { email: "a@example.com" },
          update_mask: ["email"]
        })
        assert.strictEqual(updated.email, "a@example.com")
        const merged = yield* sinch.contacts.mergeContact({
          destination_id: a.id!,
          body: { source_id: b.id! } as never
        })
        assert.strictEqual(merged.id, a.id)
        assert.strictEqual((yield* Effect.flip(sinch.contacts.get({ contact_id: b.id! })))._tag, "NotFound")
        const profile = yield* Effect.either(
          sinch.contacts.getChannelProfile({
            app_id: app.id!,
            recipient: { contact_id: a.id! },
            channel: "MESSENGER"
          } as never)
        )
        // the emulator answers with a profile or a typed 4xx for channels without profile support
        if (profile._tag === "Left") assert.include(["BadRequest", "NotFound"], profile.left._tag)
        const conflicts = yield* Stream.runCollect(sinch.contacts.listIdentityConflicts({ page_size: 10 }))
        assert.isTrue(Chunk.isChunk(conflicts))
        yield* sinch.contacts.delete({ contact_id: a.id! })
        assert.strictEqual((yield* Effect.flip(sinch.contacts.get({ contact_id: a.id! })))._tag, "NotFound")
      })
    )

    it.effect("messages.list: { app_id } alone does not compile, as the API refuses it; what the API lists does", () =>
      Effect.gen(function* () {
        const { sinch } = yield* Emu.services
        const { app, contact } = yield* appWithContact(4)
        const sent = yield* sendHello(app.id!, contact.id!)
        const conversationId = (yield* sinch.messages.get({ message_id: sent.message_id! })).conversation_id!
        const appOnly = { app_id: app.id! }
        // @ts-expect-error the messages of conversations (the default source) need a conversation_id or a contact_id
        const refused = yield* Effect.flip(Stream.runDrain(sinch.messages.list(appOnly)))
        assert.strictEqual(refused._tag, "BadRequest", refused.message)
        // @ts-expect-error the same rule for every form of the list
        assert.strictEqual((yield* Effect.flip(sinch.messages.listPage(appOnly)))._tag, "BadRequest")
        // @ts-expect-error an explicit CONVERSATION_SOURCE too
        sinch.messages.listPages({ ...appOnly, messages_source: "CONVERSATION_SOURCE" })
        // @ts-expect-error the raw pages of an export alike
        sinch.messages.listRawPages(appOnly)
        // @ts-expect-error and no parameters at all
        sinch.messages.list()
        // what the API lists compiles and is listed
        const accepted: ReadonlyArray<Messages.ListParams> = [
          { conversation_id: conversationId },
          { contact_id: contact.id! },
          { messages_source: "DISPATCH_SOURCE", app_id: app.id! }
        ]
        const counts: Array<number> = []
        for (const params of accepted) counts.push(yield* Stream.runCount(sinch.messages.list(params)))
        assert.deepStrictEqual(counts, [1, 1, 0])
      })
    )

    it.effect("messages and conversations: send, get, update, list, last message, recent, inject, stop, delete", () =>
      Effect.gen(function* () {
        const { sinch } = yield* Emu.services
        const { app, contact } = yield* appWithContact(3)
        const sent = yield* sendHello(app.id!, contact.id!)
        assert.isString(sent.message_id)
        const message = yield* sinch.messages.get({ message_id: sent.message_id! })
        assert.strictEqual(message.id, sent.message_id)
        assert.deepStrictEqual(message.app_message?.text_message, { text: "Hello" })
        assert.isTrue(DateTime.isDateTime(message.accept_time))
        const updated = yield* sinch.messages.update({ message_id: sent.message_id!, metadata: "meta-1" })
        assert.strictEqual(updated.metadata, "meta-1")
        const listed = yield* Stream.runCollect(sinch.messages.list({ contact_id: contact.id! }))
        assert.deepStrictEqual(
          Chunk.toReadonlyArray(listed).map((m) => m.id),
          [sent.message_id]
        )
        // direction reaches the API: no message of this contact went to the app
        assert.strictEqual(
          Chunk.size(yield* Stream.runCollect(sinch.messages.list({ contact_id: contact.id!, direction: "TO_APP" }))),
          0
        )
        const lastToApp = yield* Stream.runCollect(
          sinch.messages.listLastMessagesByChannelIdentity({
            contact_ids: [contact.id!],
            messages_source: "CONVERSATION_SOURCE",
            direction: "TO_APP"
          })
        )
        assert.strictEqual(Chunk.size(lastToApp), 0)
        const last = yield* Stream.runCollect(
          sinch.messages.listLastMessagesByChannelIdentity({
            app_id: app.id!,
            contact_ids: [contact.id!],
            messages_source: "CONVERSATION_SOURCE"
          })
        )
        assert.strictEqual(Chunk.size(last), 1)

        const conversationId = message.conversation_id!
        const conversation = yield* sinch.conversations.get({ conversation_id: conversationId })
        assert.strictEqual(conversation.contact_id, contact.id)
        const convs = yield* Stream.runCollect(
          sinch.conversations.list({ only_active: false, app_id: app.id! } as never)
        )
        assert.isTrue(Chunk.toReadonlyArray(convs).some((c) => c.id === conversationId))
        const recent = yield* Stream.runCollect(sinch.conversations.listRecent({ app_id: app.id! } as never))
        assert.strictEqual(Chunk.unsafeHead(recent).conversation?.id, conversationId)
        const upd = yield* sinch.conversations.update({
          conversation_id: conversationId,
          body: { metadata: "conv-meta" },
          update_mask: ["metadata"]
        })
        assert.strictEqual(upd.metadata, "conv-meta")
        yield* sinch.conversations.injectMessage({
          conversation_id: conversationId,
          body: {
            app_message: { text_message: { text: "injected" } },
            // recent: the app's default retention (180 days) would expire an old message
            accept_time: DateTime.unsafeMake(Date.now() - 3_600_000),
            channel_identity: { ...smsIdentity(3), app_id: app.id! },
            direction: "TO_CONTACT"
          } as never
        })
        yield* sinch.conversations.injectEvent({
          conversation_id: conversationId,
          body: {
            app_event: { composing_event: {} },
            accept_time: DateTime.unsafeMake(Date.now() - 3_599_000),
            channel_identity: { ...smsIdentity(3), app_id: app.id! }
          } as never
        })
        const afterInject = yield* Stream.runCollect(sinch.messages.list({ conversation_id: conversationId }))
        assert.strictEqual(Chunk.size(afterInject), 2)
        yield* sinch.conversations.stopActive({ conversation_id: conversationId })
        assert.isFalse((yield* sinch.conversations.get({ conversation_id: conversationId })).active)
        yield* sinch.messages.delete({ message_id: sent.message_id! })
        assert.strictEqual((yield* Effect.flip(sinch.messages.get({ message_id: sent.message_id! })))._tag, "NotFound")
        yield* sinch.conversations.delete({ conversation_id: conversationId })
        assert.strictEqual(
          (yield* Effect.flip(sinch.conversations.get({ conversation_id: conversationId })))._tag,
          "NotFound"
        )
        const created = yield* sinch.conversations.create({ app_id: app.id!, contact_id: contact.id! } as never)
        assert.isString(created.id)
      })
    )

    it.effect("events: send, get, list, delete", () =>
      Effect.gen(function* () {
        const { sinch } = yield* Emu.services
        const { app, contact } = yield* appWithContact(4)
        const sent = yield* sinch.events.send({
          app_id: app.id!,
          recipient: { contact_id: contact.id! },
          event: { composing_event: {} }
        } as never)
        const event = yield* sinch.events.get({ event_id: sent.event_id! })
        assert.strictEqual(event.id, sent.event_id)
        const listed = yield* Stream.runCollect(sinch.events.list({ contact_id: contact.id! }))
        assert.isTrue(Chunk.toReadonlyArray(listed).some((e) => e.id === sent.event_id))
        yield* sinch.events.delete({ event_id: sent.event_id! })
        assert.strictEqual((yield* Effect.flip(sinch.events.get({ event_id: sent.event_id! })))._tag, "NotFound")
      })
    )

    it.effect("transcoding, capability, opt-ins, opt-outs, consents, project settings", () =>
      Effect.gen(function* () {
        const { sinch } = yield* Emu.services
        const { app, contact } = yield* appWithContact(5)
        const transcoded = yield* sinch.transcoding.transcodeMessage({
          app_id: app.id!,
          app_message: { text_message: { text: "Hi" } },
          channels: ["SMS"]
        } as never)
        assert.isObject(transcoded.transcoded_message)
        const capability = yield* sinch.capability.lookup({
          app_id: app.id!,
          recipient: { contact_id: contact.id! }
        } as never)
        assert.strictEqual(capability.app_id, app.id)
        const optIn = yield* sinch.optIns.register(
          { app_id: app.id!, recipient: { contact_id: contact.id! }, channels: ["SMS"] } as never,
          { request_id: "req-1" }
        )
        assert.isObject(optIn)
        const optOut = yield* sinch.optOuts.register({
          app_id: app.id!,
          recipient: { contact_id: contact.id! },
          channels: ["SMS"]
        } as never)
        assert.isObject(optOut)
        const identities = yield* Stream.runCollect(
          sinch.consents.listIdentities({ app_id: app.id!, list_type: "OPT_OUT_ALL" })
        )
        assert.isTrue(Chunk.isChunk(identities))
        const audit = yield* sinch.consents.listAuditRecords({ app_id: app.id!, identity: smsIdentity(5).identity })
        assert.isObject(audit)
        const settingsRequest = { contact_settings: { unified_contact_id_enabled: true } }
        const created = yield* sinch.projectSettings.create(settingsRequest)
        assert.isTrue(created.settings?.contact_settings?.unified_contact_id_enabled)
        assert.strictEqual((yield* sinch.projectSettings.get()).project_id, sinch.projectId)
        const updated = yield* sinch.projectSettings.update({ contact_settings: { unified_contact_id_enabled: false } })
        assert.isFalse(updated.settings?.contact_settings?.unified_contact_id_enabled)
        yield* sinch.projectSettings.delete()
      })
    )

    it.effect("a bad request is a BadRequest carrying the Sinch error body", () =>
      Effect.gen(function* () {
        const { sinch } = yield* Emu.services
        const error = yield* Effect.flip(
          sinch.messages.send({
            app_id: "no-such-app",
            recipient: { contact_id: "x" },
            message: { text_message: { text: "x" } }
          } as never)
        )
        assert.include(["BadRequest", "NotFound"], error._tag)
        if (error._tag === "BadRequest" || error._tag === "NotFound") {
          assert.isString(error.error?.status)
          assert.isString(error.error?.message)
        }
      })
    )
  })
})
