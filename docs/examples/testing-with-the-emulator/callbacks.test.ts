// Inbound messages, signed callbacks and delivery outcomes, with one emulator per test. Run by
// packages/emulator/test/docs/testing-with-the-emulator.test.ts, which imports this file.
import { assert, describe, it } from "@effect/vitest"
import { NodeTransport, SinchClient } from "@sinch-effect/client"
import { Emulator } from "@sinch-effect/emulator"
import { Ids } from "@sinch-effect/schema"
import { Signature } from "@sinch-effect/webhooks"
import { Effect, Layer } from "effect"
import { DeliveryLog, memoryDeliveryLog, shippingNotice, webhookServer } from "./app.js"

const clientFor = (emu: Emulator.Running) =>
  SinchClient.layerWith(emu.clientOptions).pipe(Layer.provide(NodeTransport.layer))

/** An app with an SMS sender and a webhook to the app's own endpoint, signed with `secret`. */
const appWithWebhook = (url: string, secret: string) =>
  Effect.gen(function* () {
    const sinch = yield* SinchClient.SinchClient
    const app = yield* sinch.apps.create({
      display_name: "Shop",
      channel_credentials: [{ channel: "SMS", static_bearer: { claimed_identity: "shop", token: "token" } }]
    })
    const appId = Ids.AppId.make(app.id!)
    yield* sinch.webhooks.create({
      app_id: appId,
      target: url,
      triggers: ["MESSAGE_INBOUND", "MESSAGE_DELIVERY"],
      secret
    })
    return appId
  })

describe("callbacks", () => {
  // scopedLive: a fresh emulator per test, closed at its end, on the real clock
  it.scopedLive("an inbound text is answered, and every delivery report is recorded", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve({ deliveryDelayMillis: 5 })
      const log = yield* memoryDeliveryLog
      yield* Effect.gen(function* () {
        const { url } = yield* webhookServer("s3cret")
        const appId = yield* appWithWebhook(url, "s3cret")
        // the contact writes: the emulator stores the message and posts a signed MESSAGE_INBOUND to the app
        yield* emu.inboundMessage({
          appId,
          channel: "SMS",
          identity: "+46700000001",
          contactMessage: { text_message: { text: "Where is my parcel?" } }
        })
        yield* emu.awaitCallbacks // every callback answered (the app's reply and its reports included)

        const deliveries = yield* emu.deliveries
        assert.deepStrictEqual(
          deliveries.map((d) => [d.trigger, d.outcome]),
          [
            ["MESSAGE_INBOUND", "delivered"],
            ["MESSAGE_DELIVERY", "delivered"],
            ["MESSAGE_DELIVERY", "delivered"]
          ]
        )
        // the app answered with a message of its own, and recorded its reports
        const reply = JSON.parse(deliveries[1]!.body).message_delivery_report
        assert.deepStrictEqual(yield* log.entries, [
          `${reply.message_id} QUEUED_ON_CHANNEL`,
          `${reply.message_id} DELIVERED`
        ])
        const sinch = yield* SinchClient.SinchClient
        const stored = yield* sinch.messages.get({ message_id: reply.message_id })
        assert.strictEqual(stored.app_message?.text_message?.text, "You said: Where is my parcel?")
      }).pipe(Effect.provide(clientFor(emu)), Effect.provideService(DeliveryLog, log.service))
    })
  )

  it.scopedLive("a failed delivery, and a webhook with the wrong secret is refused", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve({ deliveryDelayMillis: 5, callbackRetry: { maxRetries: 0 } })
      const log = yield* memoryDeliveryLog
      yield* Effect.gen(function* () {
        const { url } = yield* webhookServer("s3cret")
        const appId = yield* appWithWebhook(url, "s3cret")
        const sinch = yield* SinchClient.SinchClient
        const contact = yield* sinch.contacts.create({
          channel_identities: [{ channel: "SMS", identity: "+46700000002" }],
          language: "EN_US"
        })
        // messages to this number fail on the channel
        yield* emu.setDeliveryOutcome("+46700000002", { status: "FAILED", reasonCode: "RECIPIENT_NOT_REACHABLE" })
        const sent = yield* shippingNotice(appId, contact.id!, "A-1002")
        yield* emu.awaitCallbacks
        assert.deepStrictEqual(yield* log.entries, [
          `${sent.message_id} QUEUED_ON_CHANNEL`,
          `${sent.message_id} FAILED`
        ])
        // the callback body is what Sinch sends: envelope, correlation id, reason
        const failed = (yield* emu.deliveries).map((d) => JSON.parse(d.body)).at(-1)
        assert.strictEqual(failed.correlation_id, "order-A-1002")
        assert.strictEqual(failed.message_delivery_report.reason.code, "RECIPIENT_NOT_REACHABLE")

        // a second webhook signed with another secret: the app's endpoint answers 401 and the emulator records it
        yield* sinch.webhooks.create({ app_id: appId, target: url, triggers: ["MESSAGE_DELIVERY"], secret: "wrong" })
        yield* shippingNotice(appId, contact.id!, "A-1003")
        yield* emu.awaitCallbacks
        const refused = (yield* emu.deliveries).filter((d) => d.outcome === "rejected")
        assert.strictEqual(refused.length, 2)
        assert.deepStrictEqual(
          refused[0]!.attempts.map((a) => a.status),
          [401]
        )

        // test your endpoint's verification directly: a delivered body, signed by the test with Signature.sign
        const body = refused[0]!.body
        const post = (headers: Signature.Headers) =>
          Effect.promise(() =>
            fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body }).then(
              (response) => response.status
            )
          )
        assert.strictEqual(yield* post(Signature.sign(body, "s3cret")), 200)
        assert.strictEqual(yield* post(Signature.sign(body, "not-the-secret")), 401)
        assert.strictEqual(yield* post(Signature.sign(body, "s3cret", { timestamp: Date.now() / 1000 - 3600 })), 401)
      }).pipe(Effect.provide(clientFor(emu)), Effect.provideService(DeliveryLog, log.service))
    })
  )
})
