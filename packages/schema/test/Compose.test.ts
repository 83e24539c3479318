import { assert, describe, it } from "@effect/vitest"
import { pipe } from "effect/Function"
import * as Schema from "effect/Schema"
import { ChannelSpecific, Compose, Events, Ids, Messages } from "@sinch-effect/schema"

const app_id = Ids.AppId.make("01EB37HMH1M6SV18BSNS3G135H")
const recipient = Compose.identity("SMS", "+46700000001")
const isRequest = Schema.is(Messages.SendMessageRequest)
const isEventRequest = Schema.is(Events.SendEventRequest)

describe("Compose", () => {
  it("builds a valid send request of every message kind, data-last and data-first", () => {
    const messages: ReadonlyArray<readonly [Messages.AppMessage, string]> = [
      [Compose.text("hi"), "TextMessage"],
      [Compose.media({ url: "https://example.com/a.jpg" }), "MediaMessage"],
      [Compose.card({ title: "t" }), "CardMessage"],
      [Compose.carousel({ cards: [{ title: "a" }, { title: "b" }] }), "CarouselMessage"],
      [Compose.choice({ text_message: { text: "?" }, choices: [{ text_message: { text: "yes" } }] }), "ChoiceMessage"],
      [Compose.list({ title: "l", sections: [{ items: [{ choice: { title: "a" } }] }] }), "ListMessage"],
      [Compose.location({ coordinates: { latitude: 59.3, longitude: 18.1 }, title: "Office" }), "LocationMessage"],
      [Compose.template({ omni_template: { template_id: "t1", version: "1" } }), "TemplateMessage"],
      [
        Compose.contactInfo({ name: { full_name: "Ada" }, phone_numbers: [{ phone_number: "+1" }] }),
        "ContactInfoMessage"
      ]
    ]
    for (const [message, kind] of messages) {
      const request = pipe(message, Compose.messageRequest({ app_id, recipient, ttl: 60 }))
      assert.isTrue(isRequest(request), kind)
      assert.deepStrictEqual(request, Compose.messageRequest(message, { app_id, recipient, ttl: 60 }))
      assert.strictEqual(Messages.appMessageKind(request.message)._tag, kind)
    }
    const batch = ["+1", "+2"].map((n) =>
      Compose.messageRequest(Compose.text(n), { app_id, recipient: Compose.identity("SMS", n) })
    )
    assert.deepStrictEqual(
      batch.map((r) => r.recipient),
      [Compose.identities({ channel: "SMS", identity: "+1" }), Compose.identities({ channel: "SMS", identity: "+2" })]
    )
  })

  it("builds a valid send request of every event kind", () => {
    const events = [
      Compose.composing(),
      Compose.composingEnd(),
      Compose.commentReply("thanks"),
      Compose.agentJoined({ display_name: "Ada" }),
      Compose.agentLeft({ display_name: "Ada" }),
      Compose.genericEvent({ any: ["json"] })
    ]
    for (const event of events) {
      assert.isTrue(isEventRequest(pipe(event, Compose.eventRequest({ app_id, recipient: Compose.contact("01H") }))))
    }
  })

  it("adds an agent and typed channel-specific payloads, which read back as their kind", () => {
    const message = pipe(
      Compose.text("fallback"),
      Compose.withAgent({ display_name: "Ada", type: "BOT" }),
      Compose.withChannelSpecific("WHATSAPP", "FLOWS", { flow_id: "1", flow_cta: "Go" }),
      Compose.withChannelSpecific("KAKAOTALK", "COMMERCE", {
        buttons: [{ type: "WL", name: "Buy", link_mo: "https://m.example.com" }],
        image: { image_url: "https://example.com/p.jpg" },
        commerce: { title: "Shirt", regular_price: 1000 }
      })
    )
    assert.strictEqual(message.agent?.display_name, "Ada")
    assert.strictEqual(ChannelSpecific.payloadOf(message.channel_specific_message!["WHATSAPP"]!)._tag, "FLOWS")
    assert.strictEqual(ChannelSpecific.payloadOf(message.channel_specific_message!["KAKAOTALK"]!)._tag, "COMMERCE")
    assert.isTrue(isRequest(Compose.messageRequest(message, { app_id, recipient })))
  })
})
