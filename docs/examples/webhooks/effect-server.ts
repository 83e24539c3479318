// An Effect HTTP server that receives Sinch callbacks. Run by packages/webhooks/test/docs-examples.test.ts.
import { HttpRouter, HttpServer } from "@effect/platform"
import { NonceStore, Platform, Webhooks } from "@sinch-effect/webhooks"
import { Context, Effect, Layer } from "effect"

// Your own service: where replies and delivery receipts go (a database in a real app).
export class Inbox extends Context.Tag("example/Inbox")<
  Inbox,
  { readonly record: (line: string) => Effect.Effect<void> }
>() {}

// One handler per trigger, each receiving its member of the union; `orElse` gets the others.
export const onCallback = Webhooks.dispatch(
  {
    MESSAGE_INBOUND: (event) =>
      Effect.flatMap(Inbox, (inbox) =>
        inbox.record(`${event.message.channel_identity?.channel}: ${event.message.contact_message?.text_message?.text}`)
      ),
    MESSAGE_DELIVERY: (event) =>
      Effect.flatMap(Inbox, (inbox) =>
        inbox.record(`delivery ${event.message_delivery_report.message_id}: ${event.message_delivery_report.status}`)
      )
  },
  (other) => Effect.logDebug(`ignored ${other._tag}`)
)

// The route: 200 once `onCallback` succeeded, 401 bad signature, 400 undecodable, 500 if `onCallback` fails.
export const router = (webhook: Webhooks.Webhook<Webhooks.Event>) =>
  HttpRouter.empty.pipe(HttpRouter.post("/sinch/callbacks", Platform.httpApp(webhook, onCallback)))

// The webhook from the environment: SINCH_WEBHOOK_SECRET, and SINCH_WEBHOOK_SECRET_PREVIOUS while you rotate. It
// needs a NonceStore (replay protection: each nonce is accepted once within the 5-minute window): in memory for one
// process, NonceStore.layerStore() on Redis when several instances share the traffic.
export const WebhookLive = Webhooks.layerConfig().pipe(Layer.provide(NonceStore.layerMemory()))

export const WebhookServer = Layer.unwrapEffect(
  Effect.map(Webhooks.SinchWebhook, (webhook) => HttpServer.serve(router(webhook)))
).pipe(Layer.provide(WebhookLive))

// In your main:
//   import { NodeHttpServer, NodeRuntime } from "@effect/platform-node"
//   import { createServer } from "node:http"
//   WebhookServer.pipe(
//     Layer.provide(NodeHttpServer.layer(createServer, { port: 3000 })),
//     Layer.provide(InboxLive),
//     Layer.launch,
//     NodeRuntime.runMain
//   )
