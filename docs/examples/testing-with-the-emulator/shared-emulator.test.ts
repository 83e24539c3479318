// One emulator for a whole test file, with @effect/vitest's `layer`. Run by
// packages/emulator/test/docs/testing-with-the-emulator.test.ts, which imports this file (importing registers its tests).
import { assert, describe, layer } from "@effect/vitest"
import { NodeTransport, SinchClient } from "@sinch-effect/client"
import { Emulator } from "@sinch-effect/emulator"
import { Effect, Layer } from "effect"
import { messageCount, shippingNotice } from "./app.js"

// A client for whatever emulator the Emulator service is.
const clientOf = Layer.unwrapEffect(Effect.map(Emulator.Emulator, (emu) => SinchClient.layerWith(emu.clientOptions)))

// Over a real socket: the emulator on a free port, closed when the tests of the layer are done.
const OverHttp = clientOf.pipe(Layer.provide(NodeTransport.layer), Layer.provideMerge(Emulator.layer()))

// Without sockets: the same emulator answers in-process (same routes, auth, errors and faults), for fast unit tests.
const InProcess = clientOf.pipe(Layer.provide(Emulator.layerHttpClient), Layer.provideMerge(Emulator.layer()))

for (const [name, TestLayer] of [
  ["over HTTP", OverHttp],
  ["in-process", InProcess]
] as const) {
  describe(`shipping notices (${name})`, () => {
    // excludeTestServices: the emulator and the client run on the real clock
    layer(TestLayer, { excludeTestServices: true })((it) => {
      it.effect("a notice is one more message in the contact's history", () =>
        Effect.gen(function* () {
          const emu = yield* Emulator.Emulator
          // each test seeds its own app and contacts, so tests sharing the emulator do not see each other's data
          const seeded = yield* emu.seed({ contacts: 3, messages: 30 })
          const contactId = seeded.firstContactId!
          assert.strictEqual(yield* messageCount(contactId), 10)
          const sent = yield* shippingNotice(seeded.appId, contactId, "A-1001")
          assert.strictEqual(yield* messageCount(contactId), 11)
          const sinch = yield* SinchClient.SinchClient
          const stored = yield* sinch.messages.get({ message_id: sent.message_id! })
          assert.strictEqual(stored.app_message?.text_message?.text, "Your order A-1001 has shipped.")
        })
      )

      it.effect("stats count what a project holds", () =>
        Effect.gen(function* () {
          const emu = yield* Emulator.Emulator
          const before = yield* emu.stats()
          yield* emu.seed({ contacts: 2, messages: 8 })
          const after = yield* emu.stats()
          assert.strictEqual(after.contacts - before.contacts, 2)
          assert.strictEqual(after.messages - before.messages, 8)
        })
      )
    })
  })
}
