/**
 * Faults injected by the emulator, over a real socket: the client retries what is safe, never sends a message twice,
 * and reports everything else as a typed error.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { assert, describe, it, layer } from "@effect/vitest"
import { Fault } from "@sinch-effect/emulator"
import { Ids } from "@sinch-effect/schema"
import * as Chunk from "effect/Chunk"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import * as Apps from "../../src/Apps.js"
import * as Capability from "../../src/Capability.js"
import * as Consents from "../../src/Consents.js"
import * as Contacts from "../../src/Contacts.js"
import * as Conversations from "../../src/Conversations.js"
import * as Events from "../../src/Events.js"
import * as Messages from "../../src/Messages.js"
import * as OptIns from "../../src/OptIns.js"
import * as ProjectSettings from "../../src/ProjectSettings.js"
import * as SinchClient from "../../src/SinchClient.js"
import type * as SinchError from "../../src/SinchError.js"
import * as Transcoding from "../../src/Transcoding.js"
import * as Webhooks from "../../src/Webhooks.js"
import * as Emu from "./emulator.js"

const setup = Effect.gen(function* () {
  const { emu, sinch } = yield* Emu.services
  yield* emu.clearFaults
  const seeded = yield* emu.seed({ contacts: 1, messages: 0 })
  const send = sinch.messages.send({
    app_id: seeded.appId,
    recipient: { contact_id: seeded.firstContactId! },
    message: { text_message: { text: "once" } }
  } as never)
  const before = yield* Emu.storedMessages
  return { emu, sinch, send, seeded, newMessages: Effect.map(Emu.storedMessages, (n) => n - before) }
})

const groups = [
  Apps,
  Capability,
  Consents,
  Contacts,
  Conversations,
  Events,
  Messages,
  OptIns,
  ProjectSettings,
  Transcoding,
  Webhooks
]

describe("fault names", () => {
  it("every operation of the client can be faulted in the emulator under its own name", () => {
    const operations = groups.flatMap((group) => Object.values(group.endpoints).map((e) => e.operation))
    assert.isAtLeast(operations.length, 45)
    for (const operation of operations) assert.include(Fault.operations, operation)
  })
})

describe("faults", () => {
  layer(Emu.layer(), { excludeTestServices: true })((it) => {
    it.effect("send: 429 with Retry-After is retried after the delay and stored once", () =>
      Effect.gen(function* () {
        const { emu, newMessages, send } = yield* setup
        yield* emu.addFault(Fault.rule("messages.send", Fault.rateLimited(1), { count: 1 }))
        const [elapsed] = yield* Effect.timed(send)
        assert.isAtLeast(Duration.toMillis(elapsed), 950)
        assert.strictEqual(yield* newMessages, 1)
      })
    )

    it.effect("send: a 500 or a 503 burst is SendOutcomeUnknown and nothing is sent twice", () =>
      Effect.gen(function* () {
        const { emu, newMessages, send } = yield* setup
        yield* emu.addFault(Fault.rule("messages.send", Fault.status(500), { count: 1 }))
        const e1 = yield* Effect.flip(send)
        assert.strictEqual(e1._tag, "SendOutcomeUnknown")
        yield* emu.addFault(Fault.rule("messages.send", Fault.status(503), { count: 2 }))
        const e2 = yield* Effect.flip(send)
        assert.strictEqual(e2._tag, "SendOutcomeUnknown")
        if (e2._tag === "SendOutcomeUnknown") {
          assert.isString(e2.correlationId)
          assert.strictEqual(e2.attempts, 1)
        }
        assert.strictEqual(yield* newMessages, 0)
      })
    )

    it.effect("send: dropped connections are SendOutcomeUnknown; a drop after processing stores the message once", () =>
      Effect.gen(function* () {
        const { emu, newMessages, send } = yield* setup
        yield* emu.addFault(Fault.rule("messages.send", Fault.dropBeforeProcessing, { count: 1 }))
        assert.strictEqual((yield* Effect.flip(send))._tag, "SendOutcomeUnknown")
        assert.strictEqual(yield* newMessages, 0)
        yield* emu.addFault(Fault.rule("messages.send", Fault.dropAfterProcessing, { count: 1 }))
        const error = yield* Effect.flip(send)
        assert.strictEqual(error._tag, "SendOutcomeUnknown")
        assert.include(error.message, "correlation_id")
        assert.strictEqual(yield* newMessages, 1)
      })
    )

    it.effect("send: truncated JSON after processing is a ResponseDecodeError, not a retry", () =>
      Effect.gen(function* () {
        const { emu, newMessages, send } = yield* setup
        yield* emu.addFault(Fault.rule("messages.send", Fault.truncatedJson, { count: 1 }))
        const error = yield* Effect.flip(send)
        assert.strictEqual(error._tag, "ResponseDecodeError")
        assert.include(error.message, "not valid JSON")
        assert.strictEqual(yield* newMessages, 1)
      })
    )

    it.effect("reads: 5xx bursts and dropped connections are retried", () =>
      Effect.gen(function* () {
        const { emu, send, sinch } = yield* setup
        const sent = yield* send
        yield* emu.addFault(Fault.rule("messages.get", Fault.status(503), { count: 2 }))
        assert.strictEqual((yield* sinch.messages.get({ message_id: sent.message_id! })).id, sent.message_id)
        yield* emu.addFault(Fault.rule("messages.get", Fault.dropAfterProcessing, { count: 1 }))
        assert.strictEqual((yield* sinch.messages.get({ message_id: sent.message_id! })).id, sent.message_id)
        yield* emu.addFault(Fault.rule("messages.get", Fault.dropBeforeProcessing, { count: 2 }))
        assert.strictEqual((yield* sinch.messages.get({ message_id: sent.message_id! })).id, sent.message_id)
      })
    )

    it.effect("reads: an HTML error page is a ServerError, malformed JSON a ResponseDecodeError", () =>
      Effect.gen(function* () {
        const { emu, send, sinch } = yield* setup
        const sent = yield* send
        yield* emu.addFault(Fault.rule("apps.list", Fault.htmlError(502), { count: 3 }))
        const html = yield* Effect.flip(sinch.apps.list())
        assert.strictEqual(html._tag, "ServerError")
        if (html._tag === "ServerError") assert.strictEqual(html.status, 502)
        yield* emu.addFault(Fault.rule("messages.get", Fault.malformedJson, { count: 1 }))
        const malformed = yield* Effect.flip(sinch.messages.get({ message_id: sent.message_id! }))
        assert.strictEqual(malformed._tag, "ResponseDecodeError")
      })
    )

    it.effect("lists: a repeated page token is a PaginationError, not an endless loop", () =>
      Effect.gen(function* () {
        const { emu, seeded, sinch } = yield* setup
        const more = yield* emu.seed({ contacts: 1, messages: 30, appId: seeded.appId })
        const contact_id = more.firstContactId!
        const ok = yield* Stream.runCount(sinch.messages.list({ contact_id, page_size: 7 } as never))
        assert.isAtLeast(ok, 30)
        yield* emu.addFault(Fault.rule("messages.list", Fault.repeatPageToken))
        const error = yield* Effect.flip(Stream.runDrain(sinch.messages.list({ contact_id, page_size: 7 } as never)))
        assert.strictEqual(error._tag, "PaginationError")
        if (error._tag === "PaginationError") assert.strictEqual(error.reason, "RepeatedToken")
        yield* emu.clearFaults
      })
    )

    it.effect("auth: a 429 from the token endpoint is honoured", () =>
      Effect.gen(function* () {
        const { emu } = yield* Emu.services
        yield* emu.clearFaults
        const creds = yield* emu.createProject
        // a fresh client (no token yet) against the same emulator
        yield* emu.addFault(Fault.rule("auth.token", Fault.rateLimited(1), { count: 1 }))
        const [elapsed, apps] = yield* Effect.timed(
          Effect.flatMap(SinchClient.SinchClient, (c) => c.apps.list()).pipe(
            Effect.provide(
              SinchClient.layerWith({
                projectId: creds.projectId,
                keyId: creds.keyId,
                keySecret: creds.keySecret,
                conversationUrl: emu.url,
                authUrl: emu.authUrl
              })
            ),
            Effect.provide(FetchHttpClient.layer)
          )
        )
        assert.isAtLeast(Duration.toMillis(elapsed), 950)
        assert.isObject(apps)
      })
    )
  })

  layer(Emu.layer({ timeout: Duration.millis(300) }), { excludeTestServices: true })((it) => {
    it.effect("timeouts: a slow read is retried, a slow send is SendOutcomeUnknown and stored at most once", () =>
      Effect.gen(function* () {
        const { emu, newMessages, send, sinch } = yield* setup
        const sent = yield* send
        yield* emu.addFault(Fault.rule("messages.get", Fault.latency(600), { count: 1 }))
        assert.strictEqual((yield* sinch.messages.get({ message_id: sent.message_id! })).id, sent.message_id)
        yield* emu.addFault(Fault.rule("messages.send", Fault.latency(600), { count: 1 }))
        const error = yield* Effect.flip(send)
        assert.strictEqual(error._tag, "SendOutcomeUnknown")
        assert.include(error.message, "timed out")
        yield* Effect.sleep(Duration.millis(500))
        assert.isAtMost(yield* newMessages, 2)
      })
    )
  })

  layer(Emu.layer(undefined, { tokenTtlSeconds: 1 }), { excludeTestServices: true })((it) => {
    it.effect("a token refresh in the middle of a stream is invisible", () =>
      Effect.gen(function* () {
        const { emu, seeded, sinch } = yield* setup
        const more = yield* emu.seed({ contacts: 1, messages: 12, appId: seeded.appId })
        const items = yield* sinch.messages.list({ contact_id: more.firstContactId!, page_size: 4 } as never).pipe(
          Stream.tap(() => Effect.sleep(Duration.millis(150))),
          Stream.runCollect
        )
        assert.isAtLeast(Chunk.size(items), 12)
      })
    )

    it.effect("a fault set on an operation's name hits the client operation of that name", () =>
      Effect.gen(function* () {
        const { emu, sinch } = yield* Emu.services
        yield* emu.clearFaults
        const cases: ReadonlyArray<readonly [Fault.Operation, Effect.Effect<unknown, SinchError.SinchError>]> = [
          [
            "contacts.mergeContact",
            sinch.contacts.mergeContact({ destination_id: "01DEST", body: { source_id: Ids.ContactId.make("01SRC") } })
          ],
          ["conversations.stopActive", sinch.conversations.stopActive({ conversation_id: "01CONV" })]
        ]
        for (const [operation, call] of cases) {
          yield* emu.addFault(Fault.rule(operation, Fault.status(400), { count: 1 }))
          const error = yield* Effect.flip(call)
          assert.strictEqual(error._tag, "BadRequest", operation)
          assert.strictEqual("operation" in error ? error.operation : undefined, operation)
          assert.include(error.message, "Injected error 400")
        }
      })
    )

    it.effect("basic auth works against the emulator", () =>
      Effect.gen(function* () {
        const { emu } = yield* Emu.services
        const apps = yield* Effect.flatMap(SinchClient.SinchClient, (c) => c.apps.list()).pipe(
          Effect.provide(SinchClient.layerWith({ ...emu.clientOptions, authMode: "basic" })),
          Effect.provide(FetchHttpClient.layer)
        )
        assert.isObject(apps)
      })
    )
  })
})
