import { assert, describe, it } from "@effect/vitest"
import { readdirSync, readFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import {
  Apps,
  Batch,
  Callbacks,
  ChannelSpecific,
  Consents,
  Enums,
  ErrorBody,
  Events,
  Messages,
  ProjectSettings
} from "@sinch-effect/schema"
import { compareWire } from "./fixtures.js"

/**
 * Payloads written for this project, one per model fixed to lose nothing (test/fixtures/own/<Module>.<Schema>--<what>.json):
 * each decodes with its schema and encodes back to the same JSON (timestamps compared as instants).
 */
const dir = join(dirname(fileURLToPath(import.meta.url)), "fixtures/own")

const schemas: Record<string, Schema.Schema.AnyNoContext> = {
  "Apps.ChannelCredential": Apps.ChannelCredential,
  "Batch.ListBatchesResponse": Batch.ListBatchesResponse,
  "Batch.SendBatchRequest": Batch.SendBatchRequest,
  "Callbacks.Callback": Callbacks.Callback,
  "Consents.ListAuditRecordsResponse": Consents.ListAuditRecordsResponse,
  "ErrorBody.ErrorResponse": ErrorBody.ErrorResponse,
  "Events.InjectEventResponse": Events.InjectEventResponse,
  "Events.SendEventResponse": Events.SendEventResponse,
  "Messages.AppMessage": Messages.AppMessage,
  "Messages.ChannelSpecificMessage": Messages.ChannelSpecificMessage,
  "Messages.ConversationMessage": Messages.ConversationMessage,
  "Messages.ListMessagesResponse": Messages.ListMessagesResponse,
  "Messages.SendMessageRequest": Messages.SendMessageRequest,
  "Messages.SendMessageResponse": Messages.SendMessageResponse,
  "ProjectSettings.ProjectSettingsRequest": ProjectSettings.ProjectSettingsRequest
}

const read = (name: string): unknown => JSON.parse(readFileSync(join(dir, name), "utf8"))

const decode = <A, I>(schema: Schema.Schema<A, I>, json: unknown): A => {
  const decoded = Schema.decodeUnknownEither(schema)(json)
  if (Either.isLeft(decoded)) throw new Error(ParseResult.TreeFormatter.formatErrorSync(decoded.left))
  return decoded.right
}

describe("own fixtures of the fixed models: decode then encode gives the same JSON", () => {
  for (const name of readdirSync(dir)
    .filter((n) => n.endsWith(".json"))
    .sort()) {
    it(name, () => {
      const schema = schemas[name.split("--")[0]!]
      assert.isDefined(schema, `no schema for ${name}`)
      const json = read(name)
      const { dropped, mismatches } = compareWire(Schema.encodeSync(schema!)(decode(schema!, json)), json)
      assert.deepStrictEqual([...dropped, ...mismatches], [])
    })
  }
})

describe("the fixed models are typed", () => {
  it("a WhatsApp Flows reply is a channel-specific contact message with a typed nfm_reply", () => {
    const callback = decode(Callbacks.Callback, read("Callbacks.Callback--MESSAGE_INBOUND-nfm-reply.json"))
    assert.strictEqual(callback._tag, "MESSAGE_INBOUND")
    if (callback._tag !== "MESSAGE_INBOUND") return
    const kind = Messages.contactMessageKind(callback.message.contact_message!)
    assert.strictEqual(kind._tag, "ChannelSpecificContactMessage")
    if (kind._tag !== "ChannelSpecificContactMessage") return
    const reply = decode(ChannelSpecific.NfmReplyMessage, kind.value.message)
    assert.strictEqual(JSON.parse(reply.nfm_reply.response_json).size, "L")
  })

  it("channel-specific payloads read as their typed kind; unknown kinds and off-schema payloads stay raw", () => {
    const request = decode(Messages.SendMessageRequest, read("Messages.SendMessageRequest--typed-extras.json"))
    const specific = request.message.channel_specific_message!
    const flows = ChannelSpecific.payloadOf(specific["WHATSAPP"]!)
    assert.strictEqual(flows._tag, "FLOWS")
    if (flows._tag === "FLOWS") assert.strictEqual(flows.value.flow_action_payload?.screen, "BOOKING")
    const kakao = ChannelSpecific.payloadOf(specific["KAKAOTALK"]!)
    assert.strictEqual(kakao._tag, "COMMERCE")
    if (kakao._tag === "COMMERCE") assert.strictEqual(kakao.value.commerce.discount_fixed, 200)
    assert.strictEqual(ChannelSpecific.payloadOf(specific["LINE"]!)._tag, "NOTIFICATION_MESSAGE_TEMPLATE")
    assert.strictEqual(ChannelSpecific.payloadOf({ message_type: "NEW_KIND", message: { a: 1 } })._tag, "Unknown")
    assert.strictEqual(ChannelSpecific.payloadOf({ message_type: "FLOWS", message: { flow_id: 1 } })._tag, "Unknown")
    assert.strictEqual(request.ttl, 86400)
    assert.isTrue(Enums.ChannelPropertyKey.is(Object.keys(request.channel_properties!)[0]))
  })

  it("the new enum values are known values", () => {
    for (const value of [
      "INACTIVE_CREDENTIAL",
      "MESSAGE_EXPIRED",
      "MESSAGE_SPLIT_REQUIRED",
      "DELIVERY_REPORT_TIME_OUT"
    ]) {
      assert.isTrue(Enums.ReasonCode.is(value), value)
    }
    for (const value of ["COMMERCE", "CAROUSEL_COMMERCE", "NOTIFICATION_MESSAGE_TEMPLATE"]) {
      assert.isTrue(Enums.ChannelSpecificMessageType.is(value), value)
    }
    assert.isTrue(Enums.ConsentAuditOperation.is("OPERATION_UPDATE"))
    assert.isTrue(Enums.ConsentAuditOrigin.is("ORIGIN_MO"))
  })

  it("a LINE Enterprise credential keeps its region pair, default flag and ordinal number", () => {
    const credential = decode(Apps.ChannelCredential, read("Apps.ChannelCredential--line-enterprise.json"))
    assert.strictEqual(credential.line_enterprise_credentials?.line_thailand?.token, "th-token")
    assert.strictEqual(credential.credential_ordinal_number, 2)
  })
})

describe("models checked against the Python and .NET SDKs", () => {
  it("an agent without a display name (optional in both SDKs; proto3 JSON omits an empty string)", () => {
    const message = decode(Messages.AppMessage, read("Messages.AppMessage--agent-without-display-name.json"))
    assert.strictEqual(message.agent?.type, "BOT")
    assert.isUndefined(message.agent?.display_name)
  })

  it("a product response without products (optional in the Python SDK; proto3 JSON omits an empty list)", () => {
    const callback = decode(
      Callbacks.Callback,
      read("Callbacks.Callback--MESSAGE_INBOUND-product-response-no-products.json")
    )
    assert.strictEqual(callback._tag, "MESSAGE_INBOUND")
    if (callback._tag !== "MESSAGE_INBOUND") return
    const kind = Messages.contactMessageKind(callback.message.contact_message!)
    assert.strictEqual(kind._tag, "ProductResponseMessage")
    if (kind._tag === "ProductResponseMessage") assert.strictEqual(kind.value.catalog_id, "catalog-7")
  })

  it("a choice whose postback_data is null, as a listed message shows in the Python SDK's tests, is kept as null", () => {
    const message = decode(
      Messages.ConversationMessage,
      read("Messages.ConversationMessage--choice-postback-null.json")
    )
    const choices = message.app_message?.card_message?.choices ?? []
    assert.deepStrictEqual(
      choices.map((choice) => choice.postback_data),
      [null, "agent"]
    )
  })

  for (const name of readdirSync(dir).filter((n) => n.startsWith("Messages.ChannelSpecificMessage--"))) {
    it(`${name} reads as its typed kind, and the typed value encodes to the same payload`, () => {
      const message = decode(Messages.ChannelSpecificMessage, read(name))
      const payload = ChannelSpecific.payloadOf(message)
      assert.strictEqual(payload._tag, message.message_type)
      if (payload._tag === "Unknown") return
      const schema = ChannelSpecific.payloads[payload._tag] as Schema.Schema<unknown, unknown>
      const { dropped, mismatches } = compareWire(Schema.encodeSync(schema)(payload.value), message.message)
      assert.deepStrictEqual([...dropped, ...mismatches], [])
    })
  }

  it("WhatsApp order details type their Pix payment settings (.NET)", () => {
    const message = decode(
      Messages.ChannelSpecificMessage,
      read("Messages.ChannelSpecificMessage--order-details-dynamic-pix.json")
    )
    const payload = ChannelSpecific.payloadOf(message)
    assert.strictEqual(payload._tag, "ORDER_DETAILS")
    if (payload._tag !== "ORDER_DETAILS") return
    const pix = payload.value.payment.payment_settings?.dynamic_pix
    assert.strictEqual(pix?.key_type, "CNPJ")
    assert.strictEqual(pix?.merchant_name, "Loja Exemplo")
  })

  it("enum values of the SDKs are known values", () => {
    const status = ChannelSpecific.OrderStatusMessage.fields.payment.fields.order.fields.status
    assert.isTrue(status.is("partially-shipped"))
    assert.isTrue(Enums.ReactionAction.is("REACTION_ACTION_UNKNOWN"))
    for (const value of ["positive", "negative", "neutral"]) assert.isTrue(Enums.Sentiment.is(value), value)
  })
})

describe("callbacks: unknown properties are reported, never silently lost", () => {
  it("unknownFields lists what decoding a known trigger leaves out", () => {
    const json = read("Callbacks.Callback--MESSAGE_INBOUND-nfm-reply.json") as Record<string, any>
    assert.deepStrictEqual(Either.getOrThrow(Callbacks.unknownFields(json)), [])
    const added = {
      ...json,
      a_new_envelope_field: 1,
      message: { ...json["message"], contact_message: { ...json["message"].contact_message, a_new_kind: {} } }
    }
    assert.deepStrictEqual([...Either.getOrThrow(Callbacks.unknownFields(added))].sort(), [
      "$.a_new_envelope_field",
      "$.message.contact_message.a_new_kind"
    ])
  })

  it("a callback of an unknown trigger keeps its whole JSON, so nothing is unknown", () => {
    const json = { app_id: "a", project_id: "p", a_trigger_added_later: { x: [1, 2] } }
    assert.deepStrictEqual(Either.getOrThrow(Callbacks.unknownFields(json)), [])
    assert.isTrue(Either.isLeft(Callbacks.unknownFields("junk")))
  })
})
