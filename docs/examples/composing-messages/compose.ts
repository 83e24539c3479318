// Building messages, events and send requests with Compose. Run by packages/client/test/docs/composing-messages.test.ts.
import { SinchClient } from "@sinch-effect/client"
import { Compose, Ids } from "@sinch-effect/schema"
import { Effect, pipe } from "effect"

/** A text with an agent, a card, and a WhatsApp Flow with a text for every other channel, to one contact. */
export const sendToContact = (appId: string, contactId: string) =>
  Effect.gen(function* () {
    const sinch = yield* SinchClient.SinchClient
    const to = Compose.messageRequest({ app_id: Ids.AppId.make(appId), recipient: Compose.contact(contactId) })
    const hello = yield* sinch.messages.send(
      pipe(Compose.text("Your order has shipped"), Compose.withAgent({ display_name: "Ada", type: "HUMAN" }), to)
    )
    const card = yield* sinch.messages.send(
      pipe(
        Compose.card({
          title: "Order A-1001",
          description: "2 items",
          choices: [{ text_message: { text: "Track" }, postback_data: "track-A-1001" }]
        }),
        to
      )
    )
    const flow = yield* sinch.messages.send(
      pipe(
        Compose.text("Book a table at https://example.com/book"),
        Compose.withChannelSpecific("WHATSAPP", "FLOWS", {
          flow_id: "1234",
          flow_cta: "Book!",
          flow_action: "navigate",
          flow_action_payload: { screen: "BOOKING" }
        }),
        to
      )
    )
    yield* sinch.events.send(
      pipe(
        Compose.composing(),
        Compose.eventRequest({ app_id: Ids.AppId.make(appId), recipient: Compose.contact(contactId) })
      )
    )
    return [hello.message_id, card.message_id, flow.message_id]
  })

/** The same text to many phone numbers over SMS: one request per recipient, sent four at a time. */
export const sendToMany = (appId: string, phoneNumbers: ReadonlyArray<string>) =>
  Effect.gen(function* () {
    const sinch = yield* SinchClient.SinchClient
    const requests = phoneNumbers.map((phoneNumber) =>
      pipe(
        Compose.text("The shop opens at 9"),
        Compose.messageRequest({ app_id: Ids.AppId.make(appId), recipient: Compose.identity("SMS", phoneNumber) })
      )
    )
    const sent = yield* Effect.forEach(requests, sinch.messages.send, { concurrency: 4 })
    return sent.map((response) => response.message_id)
  })
