// Sinch callbacks in an Express app. Run by packages/webhooks/test/docs-examples.test.ts, which mounts it as:
//
//   const app = express()
//   app.post("/sinch/callbacks", express.raw({ type: "*/*" }), sinchCallbacks(secret, saveReply))
//   app.use(express.json()) // for your other routes: after the webhook route, or not on it
//
import { Node, NonceStore, Webhooks } from "@sinch-effect/webhooks"
import { Redacted } from "effect"

export const sinchCallbacks = (secret: string, saveReply: (text: string) => Promise<void>) => {
  // each nonce is accepted once: a replayed request is refused (401)
  const webhook = Webhooks.make({ secrets: Redacted.make(secret), nonceStore: NonceStore.memory() })
  return Node.handler(webhook, async (event) => {
    switch (event._tag) {
      case "MESSAGE_INBOUND": {
        const text = event.message.contact_message?.text_message?.text
        if (text !== undefined) await saveReply(text)
        break
      }
      case "UNSUPPORTED": {
        // the channel's own JSON, double-encoded by Sinch: decoded only when you ask
        break
      }
      default:
        break
    }
    // returning normally answers 200; throwing answers 500 and Sinch retries
  })
}
