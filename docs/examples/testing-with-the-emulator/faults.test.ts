// Fault injection and token expiry. Run by packages/emulator/test/docs/testing-with-the-emulator.test.ts, which
// imports this file.
import { assert, describe, it } from "@effect/vitest"
import { NodeTransport, SinchClient } from "@sinch-effect/client"
import { Emulator, Fault } from "@sinch-effect/emulator"
import { Ids } from "@sinch-effect/schema"
import { Duration, Effect, Layer, Stream, TestClock } from "effect"
import { messageCount, shippingNotice } from "./app.js"

/** A fresh emulator with one app and 3 contacts of 10 messages each, and the client for it. */
const seededEmulator = (options?: Emulator.Options) =>
  Effect.gen(function* () {
    const emu = yield* Emulator.serve(options)
    const seeded = yield* emu.seed({ contacts: 3, messages: 30 })
    const client = SinchClient.layerWith(emu.clientOptions).pipe(Layer.provide(NodeTransport.layer))
    return { emu, appId: seeded.appId, contactId: seeded.firstContactId!, client }
  })

describe("the app under faults", () => {
  it.scopedLive("a 429 is waited out; 5xx and slow answers on reads are retried", () =>
    Effect.gen(function* () {
      const { appId, client, contactId, emu } = yield* seededEmulator()
      yield* Effect.gen(function* () {
        // the next send is answered 429 with Retry-After: 1
        yield* emu.addFault(Fault.rule("messages.send", Fault.rateLimited(1), { count: 1 }))
        const [elapsed] = yield* Effect.timed(shippingNotice(appId, contactId, "A-1"))
        assert.isAtLeast(Duration.toMillis(elapsed), 950)
        // two 503s, then an HTML page from a "proxy", on the list: the client retries each page
        yield* emu.addFault(Fault.rule("messages.list", Fault.status(503), { count: 2 }))
        assert.strictEqual(yield* messageCount(contactId), 11)
        yield* emu.addFault(Fault.rule("messages.list", Fault.htmlError(502), { count: 1 }))
        yield* emu.addFault(Fault.rule("*", Fault.latency(50)))
        assert.strictEqual(yield* messageCount(contactId), 11)
        yield* emu.clearFaults
      }).pipe(Effect.provide(client))
    })
  )

  it.scopedLive("a send whose connection drops after processing is SendOutcomeUnknown, and it was sent", () =>
    Effect.gen(function* () {
      const { appId, client, contactId, emu } = yield* seededEmulator()
      yield* Effect.gen(function* () {
        yield* emu.addFault(Fault.rule("messages.send", Fault.dropAfterProcessing, { count: 1 }))
        const error = yield* Effect.flip(shippingNotice(appId, contactId, "A-2"))
        assert.strictEqual(error._tag, "SendOutcomeUnknown")
        if (error._tag === "SendOutcomeUnknown") assert.strictEqual(error.correlationId, "order-A-2")
        assert.strictEqual(yield* messageCount(contactId), 11)
        // dropped before processing: nothing was stored
        yield* emu.addFault(Fault.rule("messages.send", Fault.dropBeforeProcessing, { count: 1 }))
        assert.strictEqual((yield* Effect.flip(shippingNotice(appId, contactId, "A-3")))._tag, "SendOutcomeUnknown")
        assert.strictEqual(yield* messageCount(contactId), 11)
      }).pipe(Effect.provide(client))
    })
  )

  it.scopedLive("broken bodies and a server that repeats a page token are typed errors", () =>
    Effect.gen(function* () {
      const { client, contactId, emu } = yield* seededEmulator()
      yield* Effect.gen(function* () {
        yield* emu.addFault(Fault.rule("messages.list", Fault.truncatedJson, { count: 1 }))
        assert.strictEqual((yield* Effect.flip(messageCount(contactId)))._tag, "ResponseDecodeError")
        yield* emu.addFault(Fault.rule("messages.list", Fault.repeatPageToken))
        // the first page is fine, the second repeats its token: the stream stops instead of looping
        const repeated = yield* Effect.flip(
          Effect.flatMap(SinchClient.SinchClient, (sinch) =>
            Stream.runDrain(sinch.messages.list({ contact_id: Ids.ContactId.make(contactId), page_size: 4 }))
          )
        )
        assert.strictEqual(repeated._tag, "PaginationError")
        yield* emu.clearFaults
      }).pipe(Effect.provide(client))
    })
  )

  // it.scoped runs on the TestClock; `clock: "effect"` makes the emulator expire tokens on that clock too
  it.scoped("tokens expire after their lifetime; the client gets a new one", () =>
    Effect.gen(function* () {
      const { client, contactId, emu } = yield* seededEmulator({ clock: "effect", tokenTtlSeconds: 3600 })
      const token = yield* Effect.promise(() =>
        fetch(`${emu.authUrl}/oauth2/token`, {
          method: "POST",
          headers: { authorization: `Basic ${btoa(`${emu.keyId}:${emu.env["SINCH_KEY_SECRET"]}`)}` },
          body: new URLSearchParams({ grant_type: "client_credentials" })
        }).then((r) => r.json() as Promise<{ access_token: string }>)
      )
      const appsWith = (bearer: string) =>
        Effect.promise(() =>
          fetch(`${emu.url}/v1/projects/${emu.projectId}/apps`, {
            headers: { authorization: `Bearer ${bearer}` }
          }).then((r) => r.status)
        )
      yield* Effect.gen(function* () {
        assert.strictEqual(yield* messageCount(contactId), 10)
        assert.strictEqual(yield* appsWith(token.access_token), 200)
        yield* TestClock.adjust("61 minutes")
        assert.strictEqual(yield* appsWith(token.access_token), 401) // expired for the emulator
        assert.strictEqual(yield* messageCount(contactId), 10) // the client noticed, and fetched a new token
      }).pipe(Effect.provide(client))
    })
  )
})
