/**
 * Channel-specific payloads: WhatsApp Flows and payments (order details, order status), KakaoTalk commerce and
 * carousel commerce with their coupons, the LINE notification message template, and the WhatsApp Flows reply
 * (`nfm_reply`) that a contact sends back.
 *
 * On the wire a channel-specific message is `{ message_type, message }` with `message` kept as JSON
 * (`Messages.ChannelSpecificMessage`), so a payload of a kind this SDK does not know, or with fields Sinch adds later,
 * is never lost. The schemas here type the payloads the official SDKs type: `payloadOf` reads a message's payload as
 * its typed kind, and `Messages.channelSpecific` builds one from a typed payload.
 *
 * @since 0.2.0
 */
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as Enums from "./Enums.js"
import { Int64, JsonObject, optional, OpenEnum, struct } from "./internal/schema.js"

const text = struct("WhatsAppInteractiveText", { text: Schema.String })
const media = struct("WhatsAppInteractiveMedia", { link: Schema.String })

/**
 * The header of a WhatsApp interactive message: `type` is `text`, `image`, `document` or `video`, with the field of
 * that name.
 *
 * @since 0.2.0
 * @category WhatsApp
 */
export const WhatsAppInteractiveHeader = struct("WhatsAppInteractiveHeader", {
  type: OpenEnum("WhatsAppInteractiveHeaderType", ["text", "image", "document", "video"]),
  text: optional(Schema.String),
  image: optional(media),
  document: optional(media),
  video: optional(media)
})
/**
 * @since 0.2.0
 * @category WhatsApp
 */
export type WhatsAppInteractiveHeader = typeof WhatsAppInteractiveHeader.Type

const interactive = {
  header: optional(WhatsAppInteractiveHeader),
  body: optional(text),
  footer: optional(text)
}

/**
 * A WhatsApp Flows message (`message_type: "FLOWS"`).
 *
 * @since 0.2.0
 * @category WhatsApp
 */
export const FlowMessage = struct("FlowMessage", {
  ...interactive,
  flow_id: Schema.String,
  flow_token: optional(Schema.String),
  flow_mode: optional(OpenEnum("FlowMode", ["draft", "published"])),
  flow_cta: Schema.String,
  flow_action: optional(OpenEnum("FlowAction", ["navigate", "data_exchange"])),
  flow_action_payload: optional(
    struct("FlowActionPayload", { screen: optional(Schema.String), data: optional(JsonObject) })
  )
})
/**
 * @since 0.2.0
 * @category WhatsApp
 */
export type FlowMessage = typeof FlowMessage.Type

const PixKeyType = OpenEnum("PixKeyType", ["CPF", "CNPJ", "EMAIL", "PHONE", "EVP"])

/**
 * A WhatsApp payment button of an order: a dynamic Pix code, a Boleto line or a payment link.
 *
 * @since 0.2.0
 * @category WhatsApp
 */
export const PaymentButton = struct("PaymentButton", {
  type: OpenEnum("PaymentButtonType", ["pix_dynamic_code", "boleto", "payment_link"]),
  code: optional(Schema.String),
  merchant_name: optional(Schema.String),
  key: optional(Schema.String),
  key_type: optional(PixKeyType),
  digitable_line: optional(Schema.String),
  uri: optional(Schema.String)
})
/**
 * @since 0.2.0
 * @category WhatsApp
 */
export type PaymentButton = typeof PaymentButton.Type

/**
 * A WhatsApp order details message (`message_type: "ORDER_DETAILS"`): a payment request with the order's items.
 *
 * @since 0.2.0
 * @category WhatsApp
 */
export const OrderDetailsMessage = struct("OrderDetailsMessage", {
  ...interactive,
  payment: struct("OrderDetailsPayment", {
    type: OpenEnum("PaymentCountry", ["br", "sg"]),
    reference_id: Schema.String,
    type_of_goods: optional(OpenEnum("TypeOfGoods", ["digital-goods", "physical-goods"])),
    payment_settings: optional(
      struct("PaymentSettings", {
        dynamic_pix: struct("DynamicPix", {
          code: Schema.String,
          merchant_name: Schema.String,
          key: Schema.String,
          key_type: PixKeyType
        })
      })
    ),
    payment_buttons: optional(Schema.Array(PaymentButton)),
    total_amount_value: Int64,
    order: struct("OrderDetailsOrder", {
      catalog_id: optional(Schema.String),
      expiration_time: optional(Schema.String),
      expiration_description: optional(Schema.String),
      subtotal_value: Int64,
      tax_value: Int64,
      tax_description: optional(Schema.String),
      shipping_value: optional(Int64),
      shipping_description: optional(Schema.String),
      discount_value: optional(Int64),
      discount_description: optional(Schema.String),
      discount_program_name: optional(Schema.String),
      items: Schema.Array(
        struct("OrderItem", {
          retailer_id: Schema.String,
          name: Schema.String,
          amount_value: Int64,
          quantity: Int64,
          sale_amount_value: optional(Int64)
        })
      )
    })
  })
})
/**
 * @since 0.2.0
 * @category WhatsApp
 */
export type OrderDetailsMessage = typeof OrderDetailsMessage.Type

/**
 * A WhatsApp order status message (`message_type: "ORDER_STATUS"`).
 *
 * @since 0.2.0
 * @category WhatsApp
 */
export const OrderStatusMessage = struct("OrderStatusMessage", {
  ...interactive,
  payment: struct("OrderStatusPayment", {
    reference_id: Schema.String,
    order: struct("OrderStatus", {
      status: OpenEnum("OrderStatusValue", [
        "pending",
        "processing",
        "partially-shipped",
        "shipped",
        "completed",
        "canceled"
      ]),
      description: optional(Schema.String)
    })
  })
})
/**
 * @since 0.2.0
 * @category WhatsApp
 */
export type OrderStatusMessage = typeof OrderStatusMessage.Type

const links = {
  link_mo: optional(Schema.String),
  link_pc: optional(Schema.String),
  scheme_ios: optional(Schema.String),
  scheme_android: optional(Schema.String)
}

/**
 * A KakaoTalk button: a web link (`WL`), an app link (`AL`) or a bot keyword (`BK`).
 *
 * @since 0.2.0
 * @category KakaoTalk
 */
export const KakaoTalkButton = struct("KakaoTalkButton", {
  type: OpenEnum("KakaoTalkButtonType", ["WL", "AL", "BK"]),
  name: Schema.String,
  ...links
})
/**
 * @since 0.2.0
 * @category KakaoTalk
 */
export type KakaoTalkButton = typeof KakaoTalkButton.Type

/**
 * A KakaoTalk image with an optional link.
 *
 * @since 0.2.0
 * @category KakaoTalk
 */
export const KakaoTalkImage = struct("KakaoTalkImage", {
  image_url: Schema.String,
  image_link: optional(Schema.String)
})

/**
 * The price of a KakaoTalk commerce item: a regular price, a fixed discount or a percentage discount.
 *
 * @since 0.2.0
 * @category KakaoTalk
 */
export const KakaoTalkCommerce = struct("KakaoTalkCommerce", {
  type: optional(
    OpenEnum("KakaoTalkCommerceType", [
      "REGULAR_PRICE_COMMERCE",
      "FIXED_DISCOUNT_COMMERCE",
      "PERCENTAGE_DISCOUNT_COMMERCE"
    ])
  ),
  title: Schema.String,
  regular_price: Int64,
  discount_price: optional(Int64),
  discount_fixed: optional(Int64),
  discount_rate: optional(Int64)
})

/**
 * A KakaoTalk coupon: fixed or percentage discount, free shipping, free item or upgrade.
 *
 * @since 0.2.0
 * @category KakaoTalk
 */
export const KakaoTalkCoupon = struct("KakaoTalkCoupon", {
  type: OpenEnum("KakaoTalkCouponType", [
    "FIXED_DISCOUNT_COUPON",
    "PERCENTAGE_DISCOUNT_COUPON",
    "SHIPPING_DISCOUNT_COUPON",
    "FREE_COUPON",
    "UP_COUPON"
  ]),
  title: optional(Schema.String),
  description: optional(Schema.String),
  discount_fixed: optional(Int64),
  discount_rate: optional(Int64),
  ...links
})

const commerceItem = {
  buttons: Schema.Array(KakaoTalkButton),
  additional_content: optional(Schema.String),
  image: KakaoTalkImage,
  commerce: KakaoTalkCommerce,
  coupon: optional(KakaoTalkCoupon)
}

/**
 * A KakaoTalk commerce message (`message_type: "COMMERCE"`).
 *
 * @since 0.2.0
 * @category KakaoTalk
 */
export const KakaoTalkCommerceMessage = struct("KakaoTalkCommerceMessage", {
  push_alarm: optional(Schema.Boolean),
  adult: optional(Schema.Boolean),
  ...commerceItem
})
/**
 * @since 0.2.0
 * @category KakaoTalk
 */
export type KakaoTalkCommerceMessage = typeof KakaoTalkCommerceMessage.Type

/**
 * A KakaoTalk carousel of commerce items (`message_type: "CAROUSEL_COMMERCE"`), with an optional head and tail.
 *
 * @since 0.2.0
 * @category KakaoTalk
 */
export const KakaoTalkCarouselCommerceMessage = struct("KakaoTalkCarouselCommerceMessage", {
  push_alarm: optional(Schema.Boolean),
  adult: optional(Schema.Boolean),
  carousel: struct("KakaoTalkCarousel", {
    head: optional(
      struct("KakaoTalkCarouselHead", {
        header: Schema.String,
        content: Schema.String,
        image_url: Schema.String,
        ...links
      })
    ),
    list: Schema.Array(struct("KakaoTalkCarouselItem", commerceItem)),
    tail: optional(struct("KakaoTalkCarouselTail", links))
  })
})
/**
 * @since 0.2.0
 * @category KakaoTalk
 */
export type KakaoTalkCarouselCommerceMessage = typeof KakaoTalkCarouselCommerceMessage.Type

const lineItem = struct("LineNotificationTemplateItem", { item_key: Schema.String, content: Schema.String })

/**
 * A LINE notification message template (`message_type: "NOTIFICATION_MESSAGE_TEMPLATE"`).
 *
 * @since 0.2.0
 * @category LINE
 */
export const LineNotificationMessageTemplate = struct("LineNotificationMessageTemplate", {
  template_key: Schema.String,
  body: optional(
    struct("LineNotificationTemplateBody", {
      emphasized_item: optional(lineItem),
      items: optional(Schema.Array(lineItem)),
      buttons: optional(
        Schema.Array(struct("LineNotificationTemplateButton", { button_key: Schema.String, url: Schema.String }))
      )
    })
  )
})
/**
 * @since 0.2.0
 * @category LINE
 */
export type LineNotificationMessageTemplate = typeof LineNotificationMessageTemplate.Type

/**
 * The reply of a contact to a WhatsApp Flow or address message (`message_type: "nfm_reply"` in a contact message).
 * `response_json` is the flow's answer as a JSON string.
 *
 * @since 0.2.0
 * @category WhatsApp
 */
export const NfmReplyMessage = struct("NfmReplyMessage", {
  type: Schema.Literal("nfm_reply"),
  nfm_reply: struct("NfmReply", {
    name: OpenEnum("NfmReplyName", ["flow", "address_message"]),
    response_json: Schema.String,
    body: optional(Schema.String)
  })
})
/**
 * @since 0.2.0
 * @category WhatsApp
 */
export type NfmReplyMessage = typeof NfmReplyMessage.Type

/**
 * The typed payload schema of each known `message_type` of an app's channel-specific message.
 *
 * @since 0.2.0
 * @category payloads
 */
export const payloads = {
  FLOWS: FlowMessage,
  ORDER_DETAILS: OrderDetailsMessage,
  ORDER_STATUS: OrderStatusMessage,
  COMMERCE: KakaoTalkCommerceMessage,
  CAROUSEL_COMMERCE: KakaoTalkCarouselCommerceMessage,
  NOTIFICATION_MESSAGE_TEMPLATE: LineNotificationMessageTemplate
} as const satisfies Partial<Record<Enums.ChannelSpecificMessageType, Schema.Schema.AnyNoContext>>

/**
 * A message type whose payload this SDK types.
 *
 * @since 0.2.0
 * @category payloads
 */
export type TypedMessageType = keyof typeof payloads

/**
 * An app's channel-specific payload read as its kind: `{ _tag: "FLOWS", value }`, ..., or `{ _tag: "Unknown" }`
 * for a message type this SDK does not type or a payload that does not match its type's schema (the raw JSON stays
 * in the message).
 *
 * @since 0.2.0
 * @category payloads
 */
export type Payload =
  | { [K in TypedMessageType]: { readonly _tag: K; readonly value: (typeof payloads)[K]["Type"] } }[TypedMessageType]
  | { readonly _tag: "Unknown" }

// compiled on first use, not at import
const decoders = new Map<string, (u: unknown) => Either.Either<unknown, unknown>>()

const decoderOf = (type: string): ((u: unknown) => Either.Either<unknown, unknown>) | undefined => {
  if (!Object.hasOwn(payloads, type)) return undefined
  let decode = decoders.get(type)
  if (decode === undefined) {
    decode = Schema.decodeUnknownEither(payloads[type as TypedMessageType] as Schema.Schema.AnyNoContext)
    decoders.set(type, decode)
  }
  return decode
}

/**
 * Reads the payload of an app's channel-specific message as its typed kind.
 *
 * @since 0.2.0
 * @category payloads
 */
export const payloadOf = (message: {
  readonly message_type: string
  readonly message: { readonly [key: string]: unknown }
}): Payload => {
  const decode = decoderOf(message.message_type)
  if (decode === undefined) return { _tag: "Unknown" }
  const decoded = decode(message.message)
  return Either.isRight(decoded)
    ? ({ _tag: message.message_type, value: decoded.right } as Payload)
    : { _tag: "Unknown" }
}
