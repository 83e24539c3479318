// The limit: what the same work costs with nothing but Node (node:http with a keep-alive agent + JSON.parse; HMAC +
// JSON.parse for webhooks). No validation, no retries, no types.
import { createWriteStream } from "node:fs"
import { once } from "node:events"
import * as http from "node:http"
import { hmacVerifier, pool, sendBody, WEBHOOK_SECRET } from "./common.mjs"

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 })

const request = (url, method, headers, body) =>
  new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent }, (res) => {
      let text = ""
      res.setEncoding("utf8")
      res.on("data", (chunk) => (text += chunk))
      res.on("end", () => {
        if (res.statusCode >= 400) reject(new Error(`${method} ${url}: ${res.statusCode} ${text}`))
        else resolve(JSON.parse(text))
      })
      res.on("error", reject)
    })
    req.on("error", reject)
    req.end(body)
  })

/** Builds the side for one process. */
export const side = (env) => {
  let token
  const bearer = () =>
    (token ??= request(
      `${env.SINCH_AUTH_URL}/oauth2/token`,
      "POST",
      {
        authorization: `Basic ${Buffer.from(`${env.SINCH_KEY_ID}:${env.SINCH_KEY_SECRET}`).toString("base64")}`,
        "content-type": "application/x-www-form-urlencoded"
      },
      "grant_type=client_credentials"
    ).then((t) => `Bearer ${t.access_token}`))
  const base = `${env.SINCH_CONVERSATION_URL}/v1/projects/${encodeURIComponent(env.SINCH_PROJECT_ID)}`
  const get = async (path) =>
    request(`${base}${path}`, "GET", { authorization: await bearer(), accept: "application/json" })
  return {
    fresh: () => side(env),
    get: (ids, concurrency) => pool(ids, concurrency, (id) => get(`/messages/${encodeURIComponent(id)}`)),
    send: (n, concurrency, appId) =>
      pool(
        Array.from({ length: n }, (_, i) => i),
        concurrency,
        async (i) =>
          request(
            `${base}/messages:send`,
            "POST",
            { authorization: await bearer(), accept: "application/json", "content-type": "application/json" },
            JSON.stringify(sendBody(appId, i))
          )
      ),
    /** The app's conversations page by page, each one's messages page by page, as NDJSON. */
    export: async ({ appId, path }) => {
      const out = createWriteStream(path)
      let items = 0
      const conversationsQuery = new URLSearchParams({ app_id: appId, only_active: "false", page_size: "20" })
      for (;;) {
        const conversations = await get(`/conversations?${conversationsQuery}`)
        for (const conversation of conversations.conversations) {
          const query = new URLSearchParams({ conversation_id: conversation.id, page_size: "20" })
          for (;;) {
            const page = await get(`/messages?${query}`)
            let text = ""
            for (const message of page.messages) text += JSON.stringify(message) + "\n"
            items += page.messages.length
            if (text !== "" && !out.write(text)) await once(out, "drain")
            if (!page.next_page_token) break
            query.set("page_token", page.next_page_token)
          }
        }
        if (!conversations.next_page_token) break
        conversationsQuery.set("page_token", conversations.next_page_token)
      }
      out.end()
      await once(out, "close")
      return items
    },
    webhooks: () => {
      const verify = hmacVerifier(WEBHOOK_SECRET)
      return (body, headers) => {
        if (!verify(body, headers)) throw new Error("signature refused")
        return JSON.parse(body)
      }
    }
  }
}
