// Decoding API responses and callbacks with @sinch-effect/schema. Run by packages/schema/test/Docs.test.ts.
import { DateTime, Effect, Match, Schema } from "effect"
import { Callbacks, Enums, Ids, Messages } from "@sinch-effect/schema"

// A page of `GET /v1/projects/{project_id}/messages`, as the API sends it.
const page = {
  messages: [
    {
      id: "01HQ7W4Z1R1267DBBR8S47NVP8",
      direction: "TO_APP",
      contact_message: { text_message: { text: "Yes, tomorrow works" }, reply_to: null },
      channel_identity: { channel: "WHATSAPP", identity: "46700000001", app_id: "" },
      conversation_id: "01HQ7W4Z1R1267DBBR8S4CONV1",
      contact_id: "01HQ7W4Z1R1267DBBR8S4CONT1",
      accept_time: "2024-02-22T07:40:46.724083Z",
      processing_mode: "CONVERSATION",
      a_field_sinch_added_later: true
    }
  ],
  next_page_token: ""
}

/** Decodes a page and describes each message: timestamps are `DateTime.Utc`, IDs are branded, kinds are tagged. */
export const describePage = Effect.gen(function* () {
  const decoded = yield* Schema.decodeUnknown(Messages.ListMessagesResponse)(page)
  return (decoded.messages ?? []).map((message) => {
    const content = message.contact_message
      ? Match.valueTags(Messages.contactMessageKind(message.contact_message), {
          TextMessage: ({ value }) => `text: ${value.text}`,
          MediaMessage: ({ value }) => `media: ${value.url}`,
          ChoiceResponseMessage: ({ value }) => `chose: ${value.postback_data}`,
          LocationMessage: () => "a location",
          MediaCardMessage: () => "a media card",
          FallbackMessage: () => "a message the API could not map",
          ContactInfoMessage: () => "a contact card",
          ProductResponseMessage: () => "products",
          ChannelSpecificContactMessage: ({ value }) => `a ${value.message_type} reply`,
          Unknown: () => "a kind this SDK does not know yet"
        })
      : "an app message"
    const at = message.accept_time ? DateTime.formatIso(message.accept_time) : "?"
    return `${message.channel_identity?.channel} ${at} ${content}`
  })
})

/** Decodes a callback and reacts per trigger; unknown triggers are kept, not failed. */
export const handleCallback = (json: unknown) =>
  Effect.map(Schema.decodeUnknown(Callbacks.Callback)(json), (callback) => {
    switch (callback._tag) {
      case "MESSAGE_DELIVERY": {
        const { status } = callback.message_delivery_report
        return Enums.DeliveryStatus.is(status) ? `delivery: ${status}` : `delivery (new status): ${status}`
      }
      case "MESSAGE_INBOUND":
        return `inbound from ${callback.message.contact_id}`
      case "Unknown":
        return `unknown callback with keys ${Object.keys(callback.raw).join(",")}`
      default:
        return callback._tag
    }
  })

/** Branded IDs keep one kind of ID from being passed for another. */
export const appId: Ids.AppId = Ids.AppId.make("01EB37HMH1M6SV18BSNS3G135H")
