/**
 * docs/composing-messages.md: Compose builds each message, event and request; the example runs against an emulator.
 */
import { assert, describe, it } from "@effect/vitest"
import { Emulator } from "@sinch-effect/emulator"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { sendToContact, sendToMany } from "../../../../docs/examples/composing-messages/compose.js"
import * as SinchClient from "../../src/SinchClient.js"
import { assertShowsExamples } from "./guides.js"

describe("docs/composing-messages.md", () => {
  it("shows docs/examples/composing-messages verbatim", () => assertShowsExamples("composing-messages"))

  it.scoped("compose.ts: a text with an agent, a card and a WhatsApp Flow to a contact, then a batch over SMS", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const seeded = yield* emu.seed({ contacts: 1, messages: 0 })
      const client = SinchClient.layerWith(emu.clientOptions).pipe(Layer.provide(FetchHttpClient.layer))
      const run = <A, E>(effect: Effect.Effect<A, E, SinchClient.SinchClient>) => Effect.provide(effect, client)
      const [hello, card, flow] = yield* run(sendToContact(seeded.appId, seeded.firstContactId!))
      const get = (id: string | undefined) =>
        run(Effect.flatMap(SinchClient.SinchClient, (sinch) => sinch.messages.get({ message_id: id! })))
      const stored = yield* get(hello)
      assert.strictEqual(stored.app_message?.text_message?.text, "Your order has shipped")
      assert.strictEqual(stored.app_message?.agent?.display_name, "Ada")
      assert.strictEqual((yield* get(card)).app_message?.card_message?.title, "Order A-1001")
      const whatsapp = (yield* get(flow)).app_message?.channel_specific_message?.["WHATSAPP"]
      assert.strictEqual(whatsapp?.message_type, "FLOWS")
      assert.strictEqual(whatsapp?.message["flow_cta"], "Book!")
      const batch = yield* run(sendToMany(seeded.appId, ["+46700000101", "+46700000102", "+46700000103"]))
      assert.strictEqual(new Set(batch).size, 3)
      for (const id of batch)
        assert.strictEqual((yield* get(id)).app_message?.text_message?.text, "The shop opens at 9")
    })
  )
})
