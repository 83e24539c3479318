// A first program with @sinch-effect/client: send a text message, then read it back.
// Run by packages/cli/test/Docs.test.ts; run it yourself from the repository root with
//   npx tsx --conditions=@sinch-effect/source docs/examples/getting-started.ts
import { NodeTransport, SinchClient } from "@sinch-effect/client"
import { Emulator } from "@sinch-effect/emulator"
import { Ids } from "@sinch-effect/schema"
import { Effect, Layer } from "effect"
import { realpathSync } from "node:fs"
import { fileURLToPath } from "node:url"

/** Sends "Hello from Effect!" over SMS to a phone number; returns the id Sinch gave the message. */
export const sendHello = (appId: string, phoneNumber: string) =>
  Effect.gen(function* () {
    const sinch = yield* SinchClient.SinchClient
    const sent = yield* sinch.messages.send({
      app_id: Ids.AppId.make(appId),
      recipient: { identified_by: { channel_identities: [{ channel: "SMS", identity: phoneNumber }] } },
      message: { text_message: { text: "Hello from Effect!" } }
    })
    return sent.message_id ?? ""
  })

/**
 * The client for your Sinch project: SINCH_PROJECT_ID, SINCH_KEY_ID, SINCH_KEY_SECRET and SINCH_REGION come from the
 * environment. `Effect.provide(live)` and `sendHello` talks to Sinch.
 */
export const live = SinchClient.layerConfig().pipe(Layer.provide(NodeTransport.layer))

/** The same program against a fresh emulator on a free port, with the credentials it made up. */
export const helloOnTheEmulator = Effect.scoped(
  Effect.gen(function* () {
    const emulator = yield* Emulator.serve()
    const client = SinchClient.layerWith(emulator.clientOptions).pipe(Layer.provide(NodeTransport.layer))

    return yield* Effect.gen(function* () {
      const sinch = yield* SinchClient.SinchClient
      // an app with an SMS sender (on Sinch you create it once in the dashboard)
      const app = yield* sinch.apps.create({
        display_name: "My first app",
        channel_credentials: [{ channel: "SMS", static_bearer: { claimed_identity: "my-sender", token: "secret" } }]
      })
      const messageId = yield* sendHello(app.id ?? "", "+46700000001")
      const stored = yield* sinch.messages.get({ message_id: messageId })
      return { messageId, text: stored.app_message?.text_message?.text, sentAt: stored.accept_time }
    }).pipe(Effect.provide(client))
  })
)

// run as a script (with node or tsx, through a symlink, from a path with spaces), not when imported
const isMain = () => {
  try {
    return realpathSync(process.argv[1] ?? "") === realpathSync(fileURLToPath(import.meta.url))
  } catch {
    return false
  }
}

if (isMain()) {
  Effect.runPromise(helloOnTheEmulator).then(({ messageId, text }) => console.log(`sent ${messageId}: ${text}`))
}
