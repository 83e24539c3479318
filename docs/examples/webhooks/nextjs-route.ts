// A Next.js App Router route handler: save as app/api/sinch/callbacks/route.ts.
// Run by packages/webhooks/test/docs-examples.test.ts.
import { NonceStore, Webhooks, Web } from "@sinch-effect/webhooks"
import { Effect, Redacted } from "effect"

// An unset variable gives an empty secret, which is ignored: every request is then refused (500, logged), never
// accepted. The nonce store lives as long as the server instance; with several instances, use a shared one
// (NonceStore.makeStore over Redis).
const webhook = Webhooks.make({
  secrets: Redacted.make(process.env["SINCH_WEBHOOK_SECRET"] ?? ""),
  nonceStore: NonceStore.memory()
})

export const received: Array<string> = []

// The handler may return an Effect as well as a Promise.
export const POST = Web.handler(webhook, (event) =>
  Effect.sync(() => {
    received.push(event._tag)
  })
)

// node:crypto is needed: use the Node.js runtime, not the Edge runtime.
export const runtime = "nodejs"
