/**
 * Messages: what an app sends (`AppMessage`), what a contact sends (`ContactMessage`), the stored
 * `ConversationMessage`, and the bodies of the messages operations.
 *
 * Both message types keep the wire shape, one optional field per kind (`text_message`, `media_message`, ...), so that
 * encoding gives back what the API sent and an unknown kind never fails decoding. `appMessageKind` and
 * `contactMessageKind` turn one into a tagged value to match on (`Match.valueTags`, `switch (kind._tag)`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Common from "./Common.js"
import * as Enums from "./Enums.js"
import * as Ids from "./Ids.js"
import { JsonObject, nextPageToken, optional, optionalNullable, page, struct, Timestamp } from "./internal/schema.js"

// ---------------------------------------------------------------------------------------------------------------------
// Message parts
// ---------------------------------------------------------------------------------------------------------------------

/**
 * A message with only text.
 *
 * @since 0.1.0
 * @category message kinds
 */
export const TextMessage = struct("TextMessage", { text: Schema.String })
/**
 * @since 0.1.0
 * @category message kinds
 */
export type TextMessage = typeof TextMessage.Type

/**
 * An image, video, document or other media by URL.
 *
 * @since 0.1.0
 * @category message kinds
 */
export const MediaMessage = struct("MediaMessage", {
  url: Schema.String,
  thumbnail_url: optional(Schema.String),
  filename_override: optional(Schema.String)
})
/**
 * @since 0.1.0
 * @category message kinds
 */
export type MediaMessage = typeof MediaMessage.Type

/**
 * A geographic location with a title.
 *
 * @since 0.1.0
 * @category message kinds
 */
export const LocationMessage = struct("LocationMessage", {
  coordinates: Common.Coordinates,
  title: optional(Schema.String),
  label: optional(Schema.String)
})
/**
 * @since 0.1.0
 * @category message kinds
 */
export type LocationMessage = typeof LocationMessage.Type

/**
 * A choice that starts a phone call.
 *
 * @since 0.1.0
 * @category choices
 */
export const CallMessage = struct("CallMessage", { phone_number: Schema.String, title: Schema.String })
/**
 * @since 0.1.0
 * @category choices
 */
export type CallMessage = typeof CallMessage.Type

/**
 * A choice that opens a URL.
 *
 * @since 0.1.0
 * @category choices
 */
export const UrlMessage = struct("UrlMessage", { title: Schema.String, url: Schema.String })
/**
 * @since 0.1.0
 * @category choices
 */
export type UrlMessage = typeof UrlMessage.Type

/**
 * A choice that adds an event to the contact's calendar.
 *
 * @since 0.1.0
 * @category choices
 */
export const CalendarMessage = struct("CalendarMessage", {
  title: Schema.String,
  event_start: Timestamp,
  event_end: Timestamp,
  event_title: Schema.String,
  event_description: optional(Schema.String),
  fallback_url: Schema.String
})
/**
 * @since 0.1.0
 * @category choices
 */
export type CalendarMessage = typeof CalendarMessage.Type

/**
 * A choice that asks the contact to share their location.
 *
 * @since 0.1.0
 * @category choices
 */
export const ShareLocationMessage = struct("ShareLocationMessage", {
  title: Schema.String,
  fallback_url: Schema.String
})
/**
 * @since 0.1.0
 * @category choices
 */
export type ShareLocationMessage = typeof ShareLocationMessage.Type

/**
 * An action the contact can take: a quick reply, a call, a URL, a location, a calendar event. `postback_data` comes
 * back in the contact's `choice_response_message`.
 *
 * @since 0.1.0
 * @category choices
 */
export const Choice = struct("Choice", {
  text_message: optional(TextMessage),
  call_message: optional(CallMessage),
  location_message: optional(LocationMessage),
  url_message: optional(UrlMessage),
  calendar_message: optional(CalendarMessage),
  share_location_message: optional(ShareLocationMessage),
  postback_data: optional(Schema.String)
})
/**
 * @since 0.1.0
 * @category choices
 */
export type Choice = typeof Choice.Type

/**
 * Text with up to 3 choices.
 *
 * @since 0.1.0
 * @category message kinds
 */
export const ChoiceMessage = struct("ChoiceMessage", {
  text_message: optional(TextMessage),
  choices: Schema.Array(Choice),
  message_properties: optional(Schema.Struct({ whatsapp_footer: optional(Schema.String) }))
})
/**
 * @since 0.1.0
 * @category message kinds
 */
export type ChoiceMessage = typeof ChoiceMessage.Type

/**
 * The image of a card.
 *
 * @since 0.1.0
 * @category message kinds
 */
export const MediaCarouselMessage = struct("MediaCarouselMessage", {
  url: Schema.String,
  caption: optional(Schema.String)
})
/**
 * @since 0.1.0
 * @category message kinds
 */
export type MediaCarouselMessage = typeof MediaCarouselMessage.Type

/**
 * A card: title, description, media and up to 3 choices.
 *
 * @since 0.1.0
 * @category message kinds
 */
export const CardMessage = struct("CardMessage", {
  title: optional(Schema.String),
  description: optional(Schema.String),
  height: optional(Enums.CardHeight),
  media_message: optional(MediaCarouselMessage),
  choices: optional(Schema.Array(Choice)),
  message_properties: optional(Schema.Struct({ whatsapp_header: optional(Schema.String) }))
})
/**
 * @since 0.1.0
 * @category message kinds
 */
export type CardMessage = typeof CardMessage.Type

/**
 * Up to 10 cards shown side by side, with optional outer choices.
 *
 * @since 0.1.0
 * @category message kinds
 */
export const CarouselMessage = struct("CarouselMessage", {
  cards: Schema.Array(CardMessage),
  choices: optional(Schema.Array(Choice))
})
/**
 * @since 0.1.0
 * @category message kinds
 */
export type CarouselMessage = typeof CarouselMessage.Type

/**
 * A reference to a stored template, with its parameter values.
 *
 * @since 0.1.0
 * @category message kinds
 */
export const TemplateReference = struct("TemplateReference", {
  template_id: Schema.String,
  version: optional(Schema.String),
  language_code: optional(Schema.String),
  parameters: optional(Schema.Record({ key: Schema.String, value: Schema.String }))
})
/**
 * @since 0.1.0
 * @category message kinds
 */
export type TemplateReference = typeof TemplateReference.Type

/**
 * A template message: an omnichannel template and/or channel-specific templates keyed by channel.
 *
 * @since 0.1.0
 * @category message kinds
 */
export const TemplateMessage = struct("TemplateMessage", {
  channel_template: optional(Schema.Record({ key: Schema.String, value: TemplateReference })),
  omni_template: optional(TemplateReference)
})
/**
 * @since 0.1.0
 * @category message kinds
 */
export type TemplateMessage = typeof TemplateMessage.Type

/**
 * An item of a list message that is a choice.
 *
 * @since 0.1.0
 * @category message kinds
 */
export const ChoiceItem = struct("ChoiceItem", {
  title: Schema.String,
  description: optional(Schema.String),
  media: optional(MediaMessage),
  postback_data: optional(Schema.String)
})
/**
 * @since 0.1.0
 * @category message kinds
 */
export type ChoiceItem = typeof ChoiceItem.Type

/**
 * An item of a list message that is a product of a catalog.
 *
 * @since 0.1.0
 * @category message kinds
 */
export const ProductItem = struct("ProductItem", {
  id: Schema.String,
  marketplace: Schema.String,
  quantity: optional(Schema.JsonNumber),
  item_price: optional(Schema.JsonNumber),
  currency: optional(Schema.String)
})
/**
 * @since 0.1.0
 * @category message kinds
 */
export type ProductItem = typeof ProductItem.Type

/**
 * One entry of a list section: a `choice` or a `product`.
 *
 * @since 0.1.0
 * @category message kinds
 */
export const ListItem = struct("ListItem", {
  choice: optional(ChoiceItem),
  product: optional(ProductItem)
})
/**
 * @since 0.1.0
 * @category message kinds
 */
export type ListItem = typeof ListItem.Type

/**
 * A titled group of list items.
 *
 * @since 0.1.0
 * @category message kinds
 */
export const ListSection = struct("ListSection", {
  title: optional(Schema.String),
  items: Schema.Array(ListItem)
})
/**
 * @since 0.1.0
 * @category message kinds
 */
export type ListSection = typeof ListSection.Type

/**
 * A list of choices or products to pick from.
 *
 * @since 0.1.0
 * @category message kinds
 */
export const ListMessage = struct("ListMessage", {
  title: Schema.String,
  description: optional(Schema.String),
  sections: Schema.Array(ListSection),
  message_properties: optional(Schema.Struct({ catalog_id: optional(Schema.String), menu: optional(Schema.String) }))
})
/**
 * @since 0.1.0
 * @category message kinds
 */
export type ListMessage = typeof ListMessage.Type

/**
 * A contact card: name, phone numbers, addresses, email addresses, organization, URLs, birthday.
 *
 * @since 0.1.0
 * @category message kinds
 */
export const ContactInfoMessage = struct("ContactInfoMessage", {
  name: Schema.Struct({
    full_name: Schema.String,
    first_name: optional(Schema.String),
    last_name: optional(Schema.String),
    middle_name: optional(Schema.String),
    prefix: optional(Schema.String),
    suffix: optional(Schema.String)
  }),
  phone_numbers: Schema.Array(Schema.Struct({ phone_number: Schema.String, type: optional(Schema.String) })),
  addresses: optional(
    Schema.Array(
      Schema.Struct({
        city: optional(Schema.String),
        country: optional(Schema.String),
        state: optional(Schema.String),
        zip: optional(Schema.String),
        type: optional(Schema.String),
        country_code: optional(Schema.String)
      })
    )
  ),
  email_addresses: optional(
    Schema.Array(Schema.Struct({ email_address: Schema.String, type: optional(Schema.String) }))
  ),
  organization: optional(
    Schema.Struct({
      company: optional(Schema.String),
      department: optional(Schema.String),
      title: optional(Schema.String)
    })
  ),
  urls: optional(Schema.Array(Schema.Struct({ url: Schema.String, type: optional(Schema.String) }))),
  birthday: optional(Schema.String)
})
/**
 * @since 0.1.0
 * @category message kinds
 */
export type ContactInfoMessage = typeof ContactInfoMessage.Type

/**
 * A channel-specific message (WhatsApp Flows, order details, payment links, ...): its type and the channel's own
 * payload, kept as JSON.
 *
 * @since 0.1.0
 * @category message kinds
 */
export const ChannelSpecificMessage = struct("ChannelSpecificMessage", {
  message_type: Enums.ChannelSpecificMessageType,
  message: JsonObject
})
/**
 * @since 0.1.0
 * @category message kinds
 */
export type ChannelSpecificMessage = typeof ChannelSpecificMessage.Type

/**
 * The message content to use on one channel instead of transcoding the main message.
 *
 * @since 0.1.0
 * @category message kinds
 */
export const OmniMessageOverride = struct("OmniMessageOverride", {
  text_message: optional(TextMessage),
  media_message: optional(MediaMessage),
  template_reference: optional(TemplateReference),
  choice_message: optional(ChoiceMessage),
  card_message: optional(CardMessage),
  carousel_message: optional(CarouselMessage),
  location_message: optional(LocationMessage),
  list_message: optional(ListMessage),
  contact_info_message: optional(ContactInfoMessage)
})
/**
 * @since 0.1.0
 * @category message kinds
 */
export type OmniMessageOverride = typeof OmniMessageOverride.Type

/**
 * Who speaks for the app (shown by channels that support it).
 *
 * @since 0.1.0
 * @category models
 */
export const Agent = struct("Agent", {
  display_name: Schema.String,
  type: optional(Enums.AgentType),
  picture_url: optional(Schema.String)
})
/**
 * @since 0.1.0
 * @category models
 */
export type Agent = typeof Agent.Type

// ---------------------------------------------------------------------------------------------------------------------
// App and contact messages
// ---------------------------------------------------------------------------------------------------------------------

/**
 * A message from an app to a contact: exactly one kind field (`text_message`, `card_message`, ...) and optional
 * per-channel overrides.
 *
 * @since 0.1.0
 * @category models
 */
export const AppMessage = struct("AppMessage", {
  card_message: optional(CardMessage),
  carousel_message: optional(CarouselMessage),
  choice_message: optional(ChoiceMessage),
  location_message: optional(LocationMessage),
  media_message: optional(MediaMessage),
  template_message: optional(TemplateMessage),
  text_message: optional(TextMessage),
  list_message: optional(ListMessage),
  contact_info_message: optional(ContactInfoMessage),
  explicit_channel_message: optional(Schema.Record({ key: Schema.String, value: Schema.String })),
  explicit_channel_omni_message: optional(Schema.Record({ key: Schema.String, value: OmniMessageOverride })),
  channel_specific_message: optional(Schema.Record({ key: Schema.String, value: ChannelSpecificMessage })),
  agent: optional(Agent)
})
/**
 * @since 0.1.0
 * @category models
 */
export type AppMessage = typeof AppMessage.Type

/**
 * The contact's answer to a choice: the chosen choice's `postback_data`.
 *
 * @since 0.1.0
 * @category message kinds
 */
export const ChoiceResponseMessage = struct("ChoiceResponseMessage", {
  message_id: Schema.String,
  postback_data: Schema.String
})
/**
 * @since 0.1.0
 * @category message kinds
 */
export type ChoiceResponseMessage = typeof ChoiceResponseMessage.Type

/**
 * A contact message the API could not map to another kind, with the channel's raw message if any.
 *
 * @since 0.1.0
 * @category message kinds
 */
export const FallbackMessage = struct("FallbackMessage", {
  raw_message: optional(Schema.String),
  reason: optional(Common.Reason)
})
/**
 * @since 0.1.0
 * @category message kinds
 */
export type FallbackMessage = typeof FallbackMessage.Type

/**
 * Media with a caption sent by a contact.
 *
 * @since 0.1.0
 * @category message kinds
 */
export const MediaCardMessage = struct("MediaCardMessage", { url: Schema.String, caption: optional(Schema.String) })
/**
 * @since 0.1.0
 * @category message kinds
 */
export type MediaCardMessage = typeof MediaCardMessage.Type

/**
 * The products a contact picked from a product list.
 *
 * @since 0.1.0
 * @category message kinds
 */
export const ProductResponseMessage = struct("ProductResponseMessage", {
  products: Schema.Array(ProductItem),
  title: optional(Schema.String),
  catalog_id: optional(Schema.String)
})
/**
 * @since 0.1.0
 * @category message kinds
 */
export type ProductResponseMessage = typeof ProductResponseMessage.Type

/**
 * The app message that a contact message answers.
 *
 * @since 0.1.0
 * @category models
 */
export const ReplyTo = struct("ReplyTo", { message_id: Schema.String })
/**
 * @since 0.1.0
 * @category models
 */
export type ReplyTo = typeof ReplyTo.Type

/**
 * A message from a contact to an app: one kind field and, for replies, `reply_to`.
 *
 * @since 0.1.0
 * @category models
 */
export const ContactMessage = struct("ContactMessage", {
  text_message: optional(TextMessage),
  media_message: optional(MediaMessage),
  location_message: optional(LocationMessage),
  choice_response_message: optional(ChoiceResponseMessage),
  media_card_message: optional(MediaCardMessage),
  fallback_message: optional(FallbackMessage),
  contact_info_message: optional(ContactInfoMessage),
  product_response_message: optional(ProductResponseMessage),
  reply_to: optionalNullable(ReplyTo)
})
/**
 * @since 0.1.0
 * @category models
 */
export type ContactMessage = typeof ContactMessage.Type

/**
 * A stored message on a channel, sent by the app (`app_message`) or by the contact (`contact_message`).
 * In dispatch mode `contact_id` and `conversation_id` are empty.
 *
 * @since 0.1.0
 * @category models
 */
export const ConversationMessage = struct("ConversationMessage", {
  id: optional(Ids.MessageId),
  direction: optional(Enums.ConversationDirection),
  app_message: optional(AppMessage),
  contact_message: optional(ContactMessage),
  channel_identity: optional(Common.ChannelIdentity),
  conversation_id: optional(Ids.ConversationId),
  contact_id: optional(Ids.ContactId),
  metadata: optional(Schema.String),
  accept_time: optional(Timestamp),
  sender_id: optional(Schema.String),
  processing_mode: optional(Enums.ProcessingMode),
  injected: optional(Schema.Boolean),
  message_status: optional(Schema.Unknown)
})
/**
 * @since 0.1.0
 * @category models
 */
export type ConversationMessage = typeof ConversationMessage.Type

// ---------------------------------------------------------------------------------------------------------------------
// Matching on the kind of a message
// ---------------------------------------------------------------------------------------------------------------------

type KindOf<M, T extends Record<string, keyof M>> =
  { [K in keyof T]: { readonly _tag: K; readonly value: NonNullable<M[T[K]]> } }[keyof T] | { readonly _tag: "Unknown" }

const kindOf = <M extends object, T extends Record<string, keyof M>>(table: T) => {
  const entries = Object.entries(table) as ReadonlyArray<[keyof T & string, keyof M]>
  return (message: M): KindOf<M, T> => {
    for (const [tag, key] of entries) {
      const value = message[key]
      if (value !== undefined) return { _tag: tag, value } as KindOf<M, T>
    }
    return { _tag: "Unknown" }
  }
}

const appMessageKinds = {
  TextMessage: "text_message",
  MediaMessage: "media_message",
  TemplateMessage: "template_message",
  ChoiceMessage: "choice_message",
  CardMessage: "card_message",
  CarouselMessage: "carousel_message",
  LocationMessage: "location_message",
  ListMessage: "list_message",
  ContactInfoMessage: "contact_info_message"
} as const satisfies Record<string, keyof AppMessage>

/**
 * The kind of an app message as a tagged value: `{ _tag: "TextMessage", value: { text } }`, ..., or
 * `{ _tag: "Unknown" }` for a kind this SDK does not know (or a message made only of channel overrides).
 *
 * @since 0.1.0
 * @category matching
 */
export type AppMessageKind = KindOf<AppMessage, typeof appMessageKinds>

/**
 * Tells which kind an app message is, to `switch` or `Match.valueTags` on.
 *
 * @example
 * ```ts
 * import { Match } from "effect"
 * import { Messages } from "@sinch-effect/schema"
 *
 * const describe = (message: Messages.AppMessage) =>
 *   Match.valueTags(Messages.appMessageKind(message), {
 *     TextMessage: ({ value }) => value.text,
 *     MediaMessage: ({ value }) => value.url,
 *     Unknown: () => "(unknown)",
 *     CardMessage: () => "card", CarouselMessage: () => "carousel", ChoiceMessage: () => "choice",
 *     ContactInfoMessage: () => "contact", ListMessage: () => "list", LocationMessage: () => "location",
 *     TemplateMessage: () => "template"
 *   })
 * ```
 *
 * @since 0.1.0
 * @category matching
 */
export const appMessageKind: (message: AppMessage) => AppMessageKind = kindOf<AppMessage, typeof appMessageKinds>(
  appMessageKinds
)

const contactMessageKinds = {
  TextMessage: "text_message",
  MediaMessage: "media_message",
  LocationMessage: "location_message",
  ChoiceResponseMessage: "choice_response_message",
  MediaCardMessage: "media_card_message",
  FallbackMessage: "fallback_message",
  ContactInfoMessage: "contact_info_message",
  ProductResponseMessage: "product_response_message"
} as const satisfies Record<string, keyof ContactMessage>

/**
 * The kind of a contact message as a tagged value, or `{ _tag: "Unknown" }`.
 *
 * @since 0.1.0
 * @category matching
 */
export type ContactMessageKind = KindOf<ContactMessage, typeof contactMessageKinds>

/**
 * Tells which kind a contact message is, to `switch` or `Match.valueTags` on.
 *
 * @since 0.1.0
 * @category matching
 */
export const contactMessageKind: (message: ContactMessage) => ContactMessageKind = kindOf<
  ContactMessage,
  typeof contactMessageKinds
>(contactMessageKinds)

// ---------------------------------------------------------------------------------------------------------------------
// Operations
// ---------------------------------------------------------------------------------------------------------------------

/**
 * The body of `POST /v1/projects/{project_id}/messages:send`.
 *
 * @since 0.1.0
 * @category requests
 */
export const SendMessageRequest = struct("SendMessageRequest", {
  app_id: Ids.AppId,
  recipient: Common.Recipient,
  message: AppMessage,
  callback_url: optional(Schema.String),
  channel_priority_order: optional(Schema.Array(Enums.ConversationChannel)),
  channel_properties: optional(Schema.Record({ key: Schema.String, value: Schema.String })),
  message_metadata: optional(Schema.String),
  conversation_metadata: optional(JsonObject),
  conversation_metadata_update_strategy: optional(Enums.MetadataUpdateStrategy),
  queue: optional(Enums.MessageQueue),
  ttl: optional(Schema.String),
  processing_strategy: optional(Enums.ProcessingStrategy),
  correlation_id: optional(Schema.String),
  message_content_type: optional(Enums.MessageContentType)
})
/**
 * @since 0.1.0
 * @category requests
 */
export type SendMessageRequest = typeof SendMessageRequest.Type

/**
 * The answer to a send: the new message's ID and when the API accepted it.
 *
 * @since 0.1.0
 * @category responses
 */
export const SendMessageResponse = struct("SendMessageResponse", {
  message_id: Ids.MessageId,
  accepted_time: optional(Timestamp)
})
/**
 * @since 0.1.0
 * @category responses
 */
export type SendMessageResponse = typeof SendMessageResponse.Type

/**
 * The body of `PATCH /v1/projects/{project_id}/messages/{message_id}`: the new metadata.
 *
 * @since 0.1.0
 * @category requests
 */
export const UpdateMessageMetadataRequest = struct("UpdateMessageMetadataRequest", { metadata: Schema.String })
/**
 * @since 0.1.0
 * @category requests
 */
export type UpdateMessageMetadataRequest = typeof UpdateMessageMetadataRequest.Type

/**
 * The query of `GET /v1/projects/{project_id}/messages`. In conversation mode one of `conversation_id` or
 * `contact_id` is needed; in dispatch mode `app_id`. `page_size` defaults to 10 and is at most 20.
 *
 * @since 0.1.0
 * @category requests
 */
export const ListMessagesRequest = struct("ListMessagesRequest", {
  conversation_id: optional(Ids.ConversationId),
  contact_id: optional(Ids.ContactId),
  app_id: optional(Ids.AppId),
  channel_identity: optional(Schema.String),
  start_time: optional(Timestamp),
  end_time: optional(Timestamp),
  page_size: optional(Schema.Int),
  page_token: optional(Schema.String),
  view: optional(Enums.ConversationMessagesView),
  messages_source: optional(Enums.MessagesSource),
  only_recipient_originated: optional(Schema.Boolean),
  channel: optional(Enums.ConversationChannel)
})
/**
 * @since 0.1.0
 * @category requests
 */
export type ListMessagesRequest = typeof ListMessagesRequest.Type

/**
 * One page of messages, newest `accept_time` first. An empty or absent `next_page_token` marks the last page.
 *
 * @since 0.1.0
 * @category responses
 */
export const ListMessagesResponse = struct("ListMessagesResponse", {
  messages: page(ConversationMessage),
  next_page_token: nextPageToken
})
/**
 * @since 0.1.0
 * @category responses
 */
export type ListMessagesResponse = typeof ListMessagesResponse.Type

/**
 * The body of `POST /v1/projects/{project_id}/messages:fetch-last-message`: the last message of each given channel
 * identity or contact.
 *
 * @since 0.1.0
 * @category requests
 */
export const ListLastMessagesByChannelIdentityRequest = struct("ListLastMessagesByChannelIdentityRequest", {
  app_id: optional(Ids.AppId),
  channel_identities: optional(Schema.Array(Schema.String)),
  contact_ids: optional(Schema.Array(Ids.ContactId)),
  channel: optional(Enums.ConversationChannel),
  start_time: optional(Timestamp),
  end_time: optional(Timestamp),
  page_size: optional(Schema.Int),
  page_token: optional(Schema.String),
  view: optional(Enums.ConversationMessagesView),
  messages_source: optional(Enums.MessagesSource)
})
/**
 * @since 0.1.0
 * @category requests
 */
export type ListLastMessagesByChannelIdentityRequest = typeof ListLastMessagesByChannelIdentityRequest.Type
