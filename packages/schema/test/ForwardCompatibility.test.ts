import { describe, expect, it } from "@effect/vitest"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { Apps, Callbacks, Contacts, Enums, Messages } from "@sinch-effect/schema"
import { compareWire } from "./fixtures.js"

const message = {
  id: "01HQMSG",
  direction: "TO_APP",
  contact_message: { text_message: { text: "hi" } },
  channel_identity: { channel: "SMS", identity: "46700000000", app_id: "" },
  conversation_id: "01HQCONV",
  contact_id: "01HQCONT",
  accept_time: "2024-02-22T07:40:46Z",
  processing_mode: "CONVERSATION",
  injected: false
}

describe("forward compatibility", () => {
  it("extra properties at every level are ignored, not failed", () => {
    const wire = {
      messages: [
        {
          ...message,
          brand_new_field: { nested: [1, 2] },
          contact_message: { text_message: { text: "hi", language: "en" }, future: true },
          channel_identity: { ...message.channel_identity, scope: "x" }
        }
      ],
      next_page_token: "",
      total_size: 1
    }
    const decoded = Schema.decodeUnknownSync(Messages.ListMessagesResponse)(wire)
    expect(decoded.messages?.[0]?.contact_message?.text_message?.text).toBe("hi")
    const { dropped, mismatches } = compareWire(Schema.encodeSync(Messages.ListMessagesResponse)(decoded), wire)
    expect(mismatches).toEqual([])
    expect(dropped.sort()).toEqual(
      [
        "$.messages[0].brand_new_field",
        "$.messages[0].contact_message.text_message.language",
        "$.messages[0].contact_message.future",
        "$.messages[0].channel_identity.scope",
        "$.total_size"
      ].sort()
    )
  })

  it("unknown enum values decode as strings and encode unchanged", () => {
    const wire = { ...message, direction: "TO_SOMEWHERE_NEW", processing_mode: "HYBRID" }
    const wireContact = {
      id: "c",
      channel_identities: [{ channel: "CARRIER_PIGEON", identity: "coop-7" }],
      channel_priority: ["CARRIER_PIGEON", "SMS"],
      language: "TLH"
    }
    const decoded = Schema.decodeUnknownSync(Messages.ConversationMessage)(wire)
    expect(decoded.direction).toBe("TO_SOMEWHERE_NEW")
    expect(Enums.ConversationDirection.is(decoded.direction)).toBe(false)
    expect(Enums.ProcessingMode.is("CONVERSATION")).toBe(true)
    const contact = Schema.decodeUnknownSync(Contacts.Contact)(wireContact)
    expect(contact.channel_identities?.[0]?.channel).toBe("CARRIER_PIGEON")
    expect(Schema.encodeSync(Contacts.Contact)(contact)).toEqual(wireContact)
  })

  it("unknown message kinds decode, and match as Unknown", () => {
    const app = Schema.decodeUnknownSync(Messages.AppMessage)({ hologram_message: { url: "x" } })
    expect(Messages.appMessageKind(app)).toEqual({ _tag: "Unknown" })
    const contact = Schema.decodeUnknownSync(Messages.ContactMessage)({
      smell_message: {},
      reply_to: { message_id: "m" }
    })
    expect(Messages.contactMessageKind(contact)).toEqual({ _tag: "Unknown" })
    expect(contact.reply_to).toEqual({ message_id: "m" })
  })

  it("matches known kinds without string checks", () => {
    const card = Schema.decodeUnknownSync(Messages.AppMessage)({ card_message: { title: "t" } })
    const kind = Messages.appMessageKind(card)
    expect(kind._tag).toBe("CardMessage")
    if (kind._tag === "CardMessage") expect(kind.value.title).toBe("t")
    const choice = Schema.decodeUnknownSync(Messages.ContactMessage)({
      choice_response_message: { message_id: "m", postback_data: "yes" }
    })
    expect(Messages.contactMessageKind(choice)).toEqual({
      _tag: "ChoiceResponseMessage",
      value: { message_id: "m", postback_data: "yes" }
    })
  })

  it("nulls where the API sends them decode and encode back as null", () => {
    const wire = { ...message, contact_message: { text_message: { text: "x" }, reply_to: null }, message_status: null }
    const decoded = Schema.decodeUnknownSync(Messages.ConversationMessage)(wire)
    expect(decoded.contact_message?.reply_to).toBeNull()
    expect(compareWire(Schema.encodeSync(Messages.ConversationMessage)(decoded), wire)).toEqual({
      dropped: [],
      mismatches: []
    })
    const app = Schema.decodeUnknownSync(Apps.App)({ id: "a", message_retry_settings: null })
    expect(app.message_retry_settings).toBeNull()
  })

  it("protobuf int64 written as strings decode to numbers", () => {
    const app = Schema.decodeUnknownSync(Apps.App)({ rate_limits: { inbound: "25", outbound: 20 } })
    expect(app.rate_limits).toEqual({ inbound: 25, outbound: 20 })
  })

  it("a callback of an unknown trigger decodes as Unknown with its raw JSON", () => {
    const wire = {
      app_id: "a",
      project_id: "p",
      accepted_time: "2024-01-01T00:00:00Z",
      teleport_notification: { where: "mars" }
    }
    const decoded = Schema.decodeUnknownSync(Callbacks.Callback)(wire)
    expect(decoded).toEqual({ _tag: "Unknown", raw: wire })
    expect(Schema.encodeSync(Callbacks.Callback)(decoded)).toEqual(wire)
  })

  it("a known callback with extra fields and unknown enum values still decodes", () => {
    const wire = {
      app_id: "a",
      project_id: "p",
      new_envelope_field: 1,
      message_delivery_report: { status: "EVAPORATED", message_id: "m", reason: { code: "NEW_CODE" } }
    }
    const decoded = Schema.decodeUnknownSync(Callbacks.Callback)(wire)
    expect(decoded._tag).toBe("MESSAGE_DELIVERY")
    if (decoded._tag === "MESSAGE_DELIVERY") {
      expect(decoded.message_delivery_report.status).toBe("EVAPORATED")
      expect(decoded.message_delivery_report.reason?.code).toBe("NEW_CODE")
    }
    expect(Either.isRight(Schema.decodeUnknownEither(Callbacks.Callback)(wire))).toBe(true)
  })
})
