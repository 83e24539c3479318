// The minimal "send one text" program with sinch-effect, as bench/bundle-size.mjs bundles it.
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { SinchClient } from "@sinch-effect/client"
import { Ids } from "@sinch-effect/schema"
import { Effect, Layer } from "effect"

const program = Effect.gen(function* () {
  const sinch = yield* SinchClient.SinchClient
  const sent = yield* sinch.messages.send({
    app_id: Ids.AppId.make("01HQ7W4Z1R1267DBBR8S47NVP8"),
    recipient: { identified_by: { channel_identities: [{ channel: "SMS", identity: "+46700000001" }] } },
    message: { text_message: { text: "Hello" } }
  })
  console.log(sent.message_id)
})

program.pipe(Effect.provide(SinchClient.layerConfig().pipe(Layer.provide(FetchHttpClient.layer))), Effect.runPromise)
