// A Fetch-standard handler, `(request: Request) => Promise<Response>`: Hono, Bun, Deno, Cloudflare Workers.
// Run by packages/webhooks/test/docs-examples.test.ts.
//
//   Hono:    app.post("/sinch/callbacks", (c) => handler(c.req.raw))
//   Bun:     Bun.serve({ fetch: handler })
//   Deno:    Deno.serve(handler)
//
import { NonceStore, Web, Webhooks } from "@sinch-effect/webhooks"

export const makeHandler = (secrets: ReadonlyArray<string>, onDelivery: (messageId: string, status: string) => void) =>
  Web.handler(Webhooks.make({ secrets, nonceStore: NonceStore.memory() }), (event) => {
    if (event._tag === "MESSAGE_DELIVERY") {
      const report = event.message_delivery_report
      onDelivery(report.message_id ?? "", report.status ?? "")
    }
  })
