/**
 * docs/errors-and-retries.md: the examples and the retry table, against an emulator that injects faults over a real
 * socket.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { assert, describe, it } from "@effect/vitest"
import { Emulator, Fault } from "@sinch-effect/emulator"
import { Ids } from "@sinch-effect/schema"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import * as Net from "node:net"
import type { AddressInfo } from "node:net"
import { awaitSent } from "../../../../docs/examples/errors-and-retries/callbacks.js"
import { CannotSend, explain, findMessage, sendText } from "../../../../docs/examples/errors-and-retries/handling.js"
import { sendOnce } from "../../../../docs/examples/errors-and-retries/reconcile.js"
import {
  AtLeastOnce,
  appsNow,
  onlyRateLimits,
  PatientLayer
} from "../../../../docs/examples/errors-and-retries/retry-policy.js"
import { clientFor } from "../../../../docs/examples/configuration/emulator.js"
import * as Retry from "../../src/Retry.js"
import * as SinchClient from "../../src/SinchClient.js"
import { callbackServer } from "../integration/emulator.js"
import { assertShowsExamples } from "./guides.js"

/** A fresh emulator with one app and one contact, and the client for it. */
const setup = Effect.gen(function* () {
  const emu = yield* Emulator.serve()
  const seeded = yield* emu.seed({ contacts: 1, messages: 0 })
  const client = clientFor(emu)
  const run = <A, E>(effect: Effect.Effect<A, E, SinchClient.SinchClient>) => Effect.provide(effect, client)
  const appId = seeded.appId
  const contactId = seeded.firstContactId!
  /** The messages stored for the contact with this metadata. */
  const stored = (key: string) =>
    run(
      Effect.flatMap(SinchClient.SinchClient, (sinch) =>
        sinch.messages.list({ contact_id: Ids.ContactId.make(contactId) }).pipe(
          Stream.filter((m) => m.metadata === key),
          Stream.runCollect
        )
      )
    ).pipe(Effect.map((chunk) => chunk.length))
  const send = (key: string) =>
    Effect.flatMap(SinchClient.SinchClient, (sinch) =>
      sinch.messages.send({
        app_id: Ids.AppId.make(appId),
        recipient: { contact_id: Ids.ContactId.make(contactId) },
        message: { text_message: { text: key } },
        message_metadata: key
      })
    )
  const listApps = Effect.flatMap(SinchClient.SinchClient, (sinch) => sinch.apps.list())
  return { emu, run, appId, contactId, stored, send, listApps }
})

describe("docs/errors-and-retries.md", () => {
  it("shows every example file verbatim", () => assertShowsExamples("errors-and-retries"))

  it.scopedLive("handling.ts: catchTag, catchTags and an exhaustive explanation", () =>
    Effect.gen(function* () {
      const { appId, contactId, emu, run, send } = yield* setup
      const sent = yield* run(send("hello"))
      assert.isTrue(Option.isSome(yield* run(findMessage(sent.message_id!))))
      assert.isTrue(Option.isNone(yield* run(findMessage("01HZZZZZZZZZZZZZZZZZZZZZZZ"))))
      const unknownApp = yield* Effect.flip(run(sendText("01HZZZZZZZZZZZZZZZZZZZZZZZ", contactId, "hi")))
      assert.instanceOf(unknownApp, CannotSend)
      const empty = yield* Effect.flip(run(sendText(appId, contactId, "")))
      assert.strictEqual(empty._tag, "CannotSend")
      // a Retry-After longer than `maxRetryAfter` (60 s by default) is returned at once, not waited
      yield* emu.addFault(Fault.rule("messages.send", Fault.rateLimited(120), { count: 1 }))
      const limited = yield* Effect.flip(run(sendText(appId, contactId, "hi")))
      assert.strictEqual(limited._tag, "RateLimited")
      if (limited._tag === "RateLimited") assert.strictEqual(explain(limited), "slow down, retry in 2m")
      yield* emu.addFault(Fault.rule("messages.send", Fault.status(500), { count: 1 }))
      const unknown = yield* Effect.flip(run(sendText(appId, contactId, "hi")))
      assert.strictEqual(unknown._tag, "SendOutcomeUnknown")
      if (unknown._tag === "SendOutcomeUnknown") {
        assert.match(explain(unknown), /^maybe sent: reconcile correlation_id [0-9a-f-]{36} before sending again$/)
      }
    })
  )

  it.scopedLive("the retry table: reads retried, sends only when provably not processed", () =>
    Effect.gen(function* () {
      const { emu, listApps, run, send, stored } = yield* setup
      // reads: 5xx, dropped connections and HTML error pages are retried, 3 attempts in all
      yield* emu.addFault(Fault.rule("apps.list", Fault.status(503), { count: 2 }))
      yield* run(listApps)
      yield* emu.addFault(Fault.rule("apps.list", Fault.dropAfterProcessing, { count: 2 }))
      yield* run(listApps)
      yield* emu.addFault(Fault.rule("apps.list", Fault.status(503), { count: 3 }))
      assert.strictEqual((yield* Effect.flip(run(listApps)))._tag, "ServerError")
      // a 400 is not retried
      yield* emu.addFault(Fault.rule("apps.list", Fault.status(400), { count: 1 }))
      assert.strictEqual((yield* Effect.flip(run(listApps)))._tag, "BadRequest")
      yield* run(listApps)
      // sends: a 429 was not processed, so it is retried after its Retry-After
      yield* emu.addFault(Fault.rule("messages.send", Fault.rateLimited(1), { count: 1 }))
      const [elapsed] = yield* Effect.timed(run(send("after-429")))
      assert.isAtLeast(Duration.toMillis(elapsed), 950)
      assert.strictEqual(yield* stored("after-429"), 1)
      // sends: a 503 may have been processed: not retried, SendOutcomeUnknown after one attempt
      yield* emu.addFault(Fault.rule("messages.send", Fault.status(503), { count: 1 }))
      const unknown = yield* Effect.flip(run(send("after-503")))
      assert.strictEqual(unknown._tag, "SendOutcomeUnknown")
      if (unknown._tag === "SendOutcomeUnknown") assert.strictEqual(unknown.attempts, 1)
      // a connection that cannot be opened: provably not sent, retried, then a TransportError
      const closedPort = yield* Effect.async<number>((resume) => {
        const probe = Net.createServer().listen(0, "127.0.0.1", () => {
          const port = (probe.address() as AddressInfo).port
          probe.close(() => resume(Effect.succeed(port)))
        })
      })
      const refused = yield* Effect.flip(
        Effect.flatMap(SinchClient.SinchClient, (sinch) =>
          sinch.messages.send({
            app_id: Ids.AppId.make("app"),
            recipient: { contact_id: Ids.ContactId.make("contact") },
            message: { text_message: { text: "x" } }
          })
        ).pipe(
          Effect.provide(
            SinchClient.layerWith({
              projectId: "p",
              keyId: "k",
              keySecret: "s",
              authMode: "basic",
              conversationUrl: `http://127.0.0.1:${closedPort}`
            }).pipe(Layer.provide(FetchHttpClient.layer))
          )
        )
      )
      assert.strictEqual(refused._tag, "TransportError", refused.message)
      if (refused._tag === "TransportError") assert.isTrue(refused.notSent)
    })
  )

  it.scopedLive("retry-policy.ts: a patient policy, no retry for one call, only 429s, at-least-once", () =>
    Effect.gen(function* () {
      const { emu, listApps, run, send, stored } = yield* setup
      // five 503s in a row: the default 3 attempts give up, the patient policy's 6 get through
      yield* emu.addFault(Fault.rule("apps.list", Fault.status(503), { count: 5 }))
      yield* run(listApps).pipe(Effect.provide(PatientLayer))
      // no retry for one call
      yield* emu.addFault(Fault.rule("apps.list", Fault.status(503), { count: 1 }))
      assert.strictEqual((yield* Effect.flip(run(appsNow)))._tag, "ServerError")
      yield* run(appsNow)
      // only rate limits
      yield* emu.addFault(Fault.rule("apps.list", Fault.status(503), { count: 1 }))
      assert.strictEqual((yield* Effect.flip(run(Retry.withPolicy(listApps, onlyRateLimits))))._tag, "ServerError")
      yield* emu.addFault(Fault.rule("apps.list", Fault.rateLimited(1), { count: 2 }))
      yield* run(Retry.withPolicy(listApps, onlyRateLimits))
      // at-least-once: the send is retried after the connection dropped, and the message is stored twice
      yield* emu.addFault(Fault.rule("messages.send", Fault.dropAfterProcessing, { count: 1 }))
      yield* run(send("at-least-once")).pipe(Effect.provide(AtLeastOnce))
      assert.strictEqual(yield* stored("at-least-once"), 2)
    })
  )

  it.scopedLive("reconcile.ts: a send dropped after processing is found, one dropped before is sent again", () =>
    Effect.gen(function* () {
      const { appId, contactId, emu, run, stored } = yield* setup
      const text = (key: string) => ({ appId, contactId, text: `order ${key} shipped`, key })

      const plain = yield* run(sendOnce(text("order-1"), "10 millis"))
      assert.strictEqual(plain.reconciled, "no")

      yield* emu.addFault(Fault.rule("messages.send", Fault.dropAfterProcessing, { count: 1 }))
      const after = yield* run(sendOnce(text("order-2"), "10 millis"))
      assert.strictEqual(after.reconciled, "it had been sent")
      assert.strictEqual(yield* stored("order-2"), 1)

      yield* emu.addFault(Fault.rule("messages.send", Fault.dropBeforeProcessing, { count: 1 }))
      const before = yield* run(sendOnce(text("order-3"), "10 millis"))
      assert.strictEqual(before.reconciled, "sent again")
      assert.strictEqual(yield* stored("order-3"), 1)

      // twice unknown: the caller gets SendOutcomeUnknown, and nothing was stored twice
      yield* emu.addFault(Fault.rule("messages.send", Fault.status(503), { count: 2 }))
      const twice = yield* Effect.flip(run(sendOnce(text("order-4"), "10 millis")))
      assert.strictEqual(twice._tag, "SendOutcomeUnknown")
      assert.strictEqual(yield* stored("order-4"), 0)
    })
  )

  it.scopedLive(
    "callbacks.ts: the callbacks of a send that was dropped after processing carry its correlation_id",
    () =>
      Effect.gen(function* () {
        const { appId, contactId, emu, run, send, stored } = yield* setup
        const hook = yield* callbackServer("reconcile-secret")
        yield* run(
          Effect.flatMap(SinchClient.SinchClient, (sinch) =>
            sinch.webhooks.create({
              app_id: Ids.AppId.make(appId),
              target: hook.url,
              triggers: ["MESSAGE_SUBMIT", "MESSAGE_DELIVERY"],
              secret: "reconcile-secret"
            })
          )
        )
        yield* emu.addFault(Fault.rule("messages.send", Fault.dropAfterProcessing, { count: 1 }))
        const unknown = yield* Effect.flip(run(send("via-callbacks")))
        assert.strictEqual(unknown._tag, "SendOutcomeUnknown")
        if (unknown._tag !== "SendOutcomeUnknown") return
        const found = yield* awaitSent(hook.events, unknown.correlationId!, "10 seconds")
        assert.isTrue(Option.isSome(found))
        const [message] = yield* run(
          Effect.flatMap(SinchClient.SinchClient, (sinch) =>
            Stream.runCollect(sinch.messages.list({ contact_id: Ids.ContactId.make(contactId) }))
          )
        ).pipe(Effect.map((chunk) => [...chunk].filter((m) => m.metadata === "via-callbacks")))
        assert.strictEqual(Option.getOrThrow(found), message!.id)
        assert.strictEqual(yield* stored("via-callbacks"), 1)

        // dropped before processing: no callback comes
        yield* emu.addFault(Fault.rule("messages.send", Fault.dropBeforeProcessing, { count: 1 }))
        const lost = yield* Effect.flip(run(send("never-sent")))
        if (lost._tag !== "SendOutcomeUnknown") return assert.fail(lost.message)
        assert.isTrue(Option.isNone(yield* awaitSent(hook.events, lost.correlationId!, "300 millis")))
      })
  )
})
