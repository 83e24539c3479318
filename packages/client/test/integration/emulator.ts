import * as Http from "node:http"
import type { AddressInfo } from "node:net"
import { Emulator } from "@sinch-effect/emulator"
import { EventQueue, Node, NonceStore, Webhooks } from "@sinch-effect/webhooks"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import * as NodeTransport from "../../src/NodeTransport.js"
import * as SinchClient from "../../src/SinchClient.js"
import type * as SinchConfig from "../../src/SinchConfig.js"

/** A SinchClient over a real socket to a running emulator. */
export const clientFor = (emu: Emulator.Running, options?: Partial<SinchConfig.Options>) =>
  SinchClient.layerWith({ ...emu.clientOptions, ...options }).pipe(Layer.provide(NodeTransport.layer), Layer.orDie)

/** A SinchClient over a real socket (the guides' `NodeTransport`) to a fresh emulator, with the emulator for control. */
export const layer = (options?: Partial<SinchConfig.Options>, emulatorOptions?: Emulator.Options) =>
  Layer.unwrapEffect(Effect.map(Emulator.Emulator, (emu) => clientFor(emu, options))).pipe(
    Layer.provideMerge(Emulator.layer({ port: 0, ...emulatorOptions })),
    Layer.orDie
  )

export const services = Effect.all({ sinch: SinchClient.SinchClient, emu: Emulator.Emulator })

/** A DISPATCH app (no contacts or conversations are kept, as a campaign's app would) with SMS; its id. */
export const dispatchApp = Effect.gen(function* () {
  const sinch = yield* SinchClient.SinchClient
  const app = yield* sinch.apps.create({
    display_name: "Campaigns",
    processing_mode: "DISPATCH",
    channel_credentials: [{ channel: "SMS", static_bearer: { claimed_identity: "plan", token: "token" } }]
  })
  return app.id!
})

/** Count of messages stored by the emulator for the client's project. */
export const storedMessages = Effect.flatMap(services, ({ emu, sinch }) =>
  Effect.map(emu.stats(sinch.projectId), (s) => s.messages)
)

/**
 * A webhook server on a real socket for the emulator's callbacks: it verifies each one with `secret` and queues it
 * (up to `capacity`); `events` streams them in the order they arrived. Closed with the scope.
 */
export const callbackServer = (secret: string, capacity = 10_000) =>
  Effect.gen(function* () {
    const events = yield* EventQueue.make<Webhooks.Event>({ capacity })
    const server = Http.createServer(
      Node.handler(Webhooks.make({ secrets: secret, nonceStore: NonceStore.memory() }), events.handler)
    )
    yield* Effect.acquireRelease(
      Effect.async<void>((resume) => {
        server.listen(0, "127.0.0.1", () => resume(Effect.void))
      }),
      () =>
        Effect.async<void>((resume) => {
          server.close(() => resume(Effect.void))
        })
    )
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sinch`
    return { url, events: Stream.map(events.stream, (received) => received.event) }
  })
