// The official SDK's side: @sinch/sdk-core (node-fetch over node:http), used as its README shows.
import { createWriteStream } from "node:fs"
import { once } from "node:events"
import { pool, sendBody, WEBHOOK_SECRET } from "./common.mjs"

const { SinchClient, ConversationCallbackWebhooks } = await import("@sinch/sdk-core")

const make = (env) =>
  new SinchClient({
    projectId: env.SINCH_PROJECT_ID,
    keyId: env.SINCH_KEY_ID,
    keySecret: env.SINCH_KEY_SECRET,
    conversationHostname: env.SINCH_CONVERSATION_URL,
    authHostname: env.SINCH_AUTH_URL
  })

/** Builds the side for one process. */
export const side = (env) => {
  const sinch = make(env)
  return {
    /** A new client (cold start: no token yet). */
    fresh: () => side(env),
    get: (ids, concurrency) => pool(ids, concurrency, (id) => sinch.conversation.messages.get({ message_id: id })),
    send: (n, concurrency, appId) =>
      pool(
        Array.from({ length: n }, (_, i) => i),
        concurrency,
        (i) => sinch.conversation.messages.send({ sendMessageRequestBody: sendBody(appId, i) })
      ),
    /**
     * Exports the app's messages as NDJSON, conversation by conversation (the API lists the messages of conversations
     * per conversation): the app's conversations page by page, each one's messages page by page. Returns the item
     * count.
     */
    export: async ({ appId, path }) => {
      const out = createWriteStream(path)
      let items = 0
      let conversations = await sinch.conversation.conversation.list({
        app_id: appId,
        only_active: false,
        page_size: 20
      })
      for (;;) {
        for (const conversation of conversations.data) {
          let page = await sinch.conversation.messages.list({ conversation_id: conversation.id, page_size: 20 })
          for (;;) {
            let text = ""
            for (const message of page.data) text += JSON.stringify(message) + "\n"
            items += page.data.length
            if (text !== "" && !out.write(text)) await once(out, "drain")
            if (!page.hasNextPage) break
            page = await page.nextPage()
          }
        }
        if (!conversations.hasNextPage) break
        conversations = await conversations.nextPage()
      }
      out.end()
      await once(out, "close")
      return items
    },
    /** A verifier + parser of signed callbacks, as the SDK offers them. */
    webhooks: () => {
      const callbacks = new ConversationCallbackWebhooks(WEBHOOK_SECRET)
      return (body, headers) => {
        if (!callbacks.validateAuthenticationHeader(headers, body)) throw new Error("signature refused")
        return callbacks.parseEvent(JSON.parse(body))
      }
    }
  }
}
