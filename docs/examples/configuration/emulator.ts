// Pointing the client at the emulator. Run by packages/client/test/docs/configuration.test.ts.
import { NodeTransport, SinchClient } from "@sinch-effect/client"
import { Emulator } from "@sinch-effect/emulator"
import { ConfigProvider, Effect, Layer } from "effect"
import { fromEnvironment } from "./layers.js"

// a) With values: the emulator made up a project and a key, and serves every API and the token endpoint;
// `clientOptions` holds them all (projectId, keyId, keySecret, conversationUrl, templatesUrl, batchUrl, authUrl).
export const clientFor = (emu: Emulator.Running) =>
  SinchClient.layerWith(emu.clientOptions).pipe(Layer.provide(NodeTransport.layer))

// b) With the layer you use in production, fed the emulator's SINCH_* variables instead of the process environment.
export const productionLayerOn = (emu: Emulator.Running) =>
  fromEnvironment.pipe(Layer.provide(Layer.setConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(emu.env))))))

/** Creates an app through one client and finds it through the other. */
export const bothWays = Effect.scoped(
  Effect.gen(function* () {
    const emu = yield* Emulator.serve()
    const created = yield* Effect.flatMap(SinchClient.SinchClient, (sinch) =>
      sinch.apps.create({
        display_name: "Configured twice",
        channel_credentials: [{ channel: "SMS", static_bearer: { claimed_identity: "sender", token: "token" } }]
      })
    ).pipe(Effect.provide(clientFor(emu)))
    const listed = yield* Effect.flatMap(SinchClient.SinchClient, (sinch) => sinch.apps.list()).pipe(
      Effect.provide(productionLayerOn(emu))
    )
    return { created, listed: listed.apps ?? [] }
  })
)
