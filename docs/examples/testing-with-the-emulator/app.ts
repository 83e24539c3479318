// The application the tests of this guide exercise: it sends shipping notices, answers inbound texts and records
// delivery reports. Nothing in it knows about the emulator.
import { SinchClient } from "@sinch-effect/client"
import { Ids } from "@sinch-effect/schema"
import { Node, NonceStore, Webhooks } from "@sinch-effect/webhooks"
import { Context, Effect, Ref, Stream } from "effect"
import * as Http from "node:http"
import type { AddressInfo } from "node:net"

/** Where the app keeps delivery statuses (a database in production). */
export class DeliveryLog extends Context.Tag("app/DeliveryLog")<
  DeliveryLog,
  { readonly record: (messageId: string, status: string) => Effect.Effect<void> }
>() {}

/** Tells a contact that an order shipped; the order id is the correlation id, so callbacks can be matched to it. */
export const shippingNotice = (appId: string, contactId: string, orderId: string) =>
  Effect.flatMap(SinchClient.SinchClient, (sinch) =>
    sinch.messages.send({
      app_id: Ids.AppId.make(appId),
      recipient: { contact_id: Ids.ContactId.make(contactId) },
      message: { text_message: { text: `Your order ${orderId} has shipped.` } },
      correlation_id: `order-${orderId}`
    })
  )

/** How many messages a contact exchanged with the app (every page of the list). */
export const messageCount = (contactId: string) =>
  Effect.flatMap(SinchClient.SinchClient, (sinch) =>
    Stream.runCount(sinch.messages.list({ contact_id: Ids.ContactId.make(contactId), page_size: 20 }))
  )

/** The app's reaction to callbacks: inbound texts get an answer, delivery reports are recorded. */
export const onCallback = Webhooks.dispatch({
  MESSAGE_INBOUND: (event) =>
    Effect.flatMap(SinchClient.SinchClient, (sinch) =>
      sinch.messages.send({
        app_id: event.app_id!,
        recipient: { contact_id: event.message.contact_id! },
        message: { text_message: { text: `You said: ${event.message.contact_message?.text_message?.text}` } }
      })
    ),
  MESSAGE_DELIVERY: (event) =>
    Effect.flatMap(DeliveryLog, (log) =>
      log.record(event.message_delivery_report.message_id ?? "", event.message_delivery_report.status ?? "")
    )
})

/** The app's webhook endpoint on `node:http`, closed with the scope. */
export const webhookServer = (secret: string, port = 0) =>
  Effect.gen(function* () {
    const runtime = yield* Effect.runtime<SinchClient.SinchClient | DeliveryLog>()
    const webhook = Webhooks.make({ secrets: secret, nonceStore: NonceStore.memory() })
    const server = Http.createServer(Node.handler(webhook, onCallback, { runtime }))
    yield* Effect.acquireRelease(
      Effect.async<void>((resume) => {
        server.listen(port, "127.0.0.1", () => resume(Effect.void))
      }),
      () =>
        Effect.async<void>((resume) => {
          server.close(() => resume(Effect.void))
        })
    )
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/sinch` }
  })

/** An in-memory DeliveryLog for tests. */
export const memoryDeliveryLog = Effect.map(Ref.make<ReadonlyArray<string>>([]), (entries) => ({
  service: DeliveryLog.of({ record: (id, status) => Ref.update(entries, (all) => [...all, `${id} ${status}`]) }),
  entries: Ref.get(entries)
}))
