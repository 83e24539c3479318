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
import {
  JsonObject,
  nextPageToken,
  optional,
  optionalNullable,
  page,
  record,
  struct,
  Timestamp
} from "./internal/schema.js"

// ---------------------------------------------------------------------------------------------------------------------
// Message parts
// ---------------------------------------------------------------------------------------------------------------------

const TextMessage_ = struct("TextMessage", { text: Schema.String })

/**
 * A message with only text.
 *
 * @since 0.1.0
 * @category message kinds
 */
export const TextMessage: TextMessageSchema = TextMessage_
/**
 * The schema of {@link TextMessage}, as a struct.
 *
 * @since 0.1.0
 * @category message kinds
 */
export interface TextMessageSchema extends Schema.Struct<typeof TextMessage_.fields> {}
/**
 * @since 0.1.0
 * @category message kinds
 */
export interface TextMessage extends Schema.Schema.Type<typeof TextMessage_> {}

const MediaMessage_ = struct("MediaMessage", {
  url: Schema.String,
  thumbnail_url: optional(Schema.String),
  filename_override: optional(Schema.String)
})

/**
 * An image, video, document or other media by URL.
 *
 * @since 0.1.0
 * @category message kinds
 */
export const MediaMessage: MediaMessageSchema = MediaMessage_
/**
 * The schema of {@link MediaMessage}, as a struct.
 *
 * @since 0.1.0
 * @category message kinds
 */
export interface MediaMessageSchema extends Schema.Struct<typeof MediaMessage_.fields> {}
/**
 * @since 0.1.0
 * @category message kinds
 */
export interface MediaMessage extends Schema.Schema.Type<typeof MediaMessage_> {}

const LocationMessage_ = struct("LocationMessage", {
  coordinates: Common.Coordinates,
  title: optional(Schema.String),
  label: optional(Schema.String)
})

/**
 * A geographic location with a title.
 *
 * @since 0.1.0
 * @category message kinds
 */
export const LocationMessage: LocationMessageSchema = LocationMessage_
/**
 * The schema of {@link LocationMessage}, as a struct.
 *
 * @since 0.1.0
 * @category message kinds
 */
export interface LocationMessageSchema extends Schema.Struct<typeof LocationMessage_.fields> {}
/**
 * @since 0.1.0
 * @category message kinds
 */
export interface LocationMessage extends Schema.Schema.Type<typeof LocationMessage_> {}

const CallMessage_ = struct("CallMessage", { phone_number: Schema.String, title: Schema.String })

/**
 * A choice that starts a phone call.
 *
 * @since 0.1.0
 * @category choices
 */
export const CallMessage: CallMessageSchema = CallMessage_
/**
 * The schema of {@link CallMessage}, as a struct.
 *
 * @since 0.1.0
 * @category choices
 */
export interface CallMessageSchema extends Schema.Struct<typeof CallMessage_.fields> {}
/**
 * @since 0.1.0
 * @category choices
 */
export interface CallMessage extends Schema.Schema.Type<typeof CallMessage_> {}

const UrlMessage_ = struct("UrlMessage", { title: Schema.String, url: Schema.String })

/**
 * A choice that opens a URL.
 *
 * @since 0.1.0
 * @category choices
 */
export const UrlMessage: UrlMessageSchema = UrlMessage_
/**
 * The schema of {@link UrlMessage}, as a struct.
 *
 * @since 0.1.0
 * @category choices
 */
export interface UrlMessageSchema extends Schema.Struct<typeof UrlMessage_.fields> {}
/**
 * @since 0.1.0
 * @category choices
 */
export interface UrlMessage extends Schema.Schema.Type<typeof UrlMessage_> {}

const CalendarMessage_ = struct("CalendarMessage", {
  title: Schema.String,
  event_start: Timestamp,
  event_end: Timestamp,
  event_title: Schema.String,
  event_description: optional(Schema.String),
  fallback_url: Schema.String
})

/**
 * A choice that adds an event to the contact's calendar.
 *
 * @since 0.1.0
 * @category choices
 */
export const CalendarMessage: CalendarMessageSchema = CalendarMessage_
/**
 * The schema of {@link CalendarMessage}, as a struct.
 *
 * @since 0.1.0
 * @category choices
 */
export interface CalendarMessageSchema extends Schema.Struct<typeof CalendarMessage_.fields> {}
/**
 * @since 0.1.0
 * @category choices
 */
export interface CalendarMessage extends Schema.Schema.Type<typeof CalendarMessage_> {}

const ShareLocationMessage_ = struct("ShareLocationMessage", {
  title: Schema.String,
  fallback_url: Schema.String
})

/**
 * A choice that asks the contact to share their location.
 *
 * @since 0.1.0
 * @category choices
 */
export const ShareLocationMessage: ShareLocationMessageSchema = ShareLocationMessage_
/**
 * The schema of {@link ShareLocationMessage}, as a struct.
 *
 * @since 0.1.0
 * @category choices
 */
export interface ShareLocationMessageSchema extends Schema.Struct<typeof ShareLocationMessage_.fields> {}
/**
 * @since 0.1.0
 * @category choices
 */
export interface ShareLocationMessage extends Schema.Schema.Type<typeof ShareLocationMessage_> {}

const Choice_ = struct("Choice", {
  text_message: optional(TextMessage),
  call_message: optional(CallMessage),
  location_message: optional(LocationMessage),
  url_message: optional(UrlMessage),
  calendar_message: optional(CalendarMessage),
  share_location_message: optional(ShareLocationMessage),
  postback_data: optionalNullable(Schema.String)
})

/**
 * An action the contact can take: a quick reply, a call, a URL, a location, a calendar event. `postback_data` comes
 * back in the contact's `choice_response_message`.
 *
 * @since 0.1.0
 * @category choices
 */
export const Choice: ChoiceSchema = Choice_
/**
 * The schema of {@link Choice}, as a struct.
 *
 * @since 0.1.0
 * @category choices
 */
export interface ChoiceSchema extends Schema.Struct<typeof Choice_.fields> {}
/**
 * @since 0.1.0
 * @category choices
 */
export interface Choice extends Schema.Schema.Type<typeof Choice_> {}

const ChoiceMessage_ = struct("ChoiceMessage", {
  text_message: optional(TextMessage),
  choices: Schema.Array(Choice),
  message_properties: optional(Schema.Struct({ whatsapp_footer: optional(Schema.String) }))
})

/**
 * Text with up to 3 choices.
 *
 * @since 0.1.0
 * @category message kinds
 */
export const ChoiceMessage: ChoiceMessageSchema = ChoiceMessage_
/**
 * The schema of {@link ChoiceMessage}, as a struct.
 *
 * @since 0.1.0
 * @category message kinds
 */
export interface ChoiceMessageSchema extends Schema.Struct<typeof ChoiceMessage_.fields> {}
/**
 * @since 0.1.0
 * @category message kinds
 */
export interface ChoiceMessage extends Schema.Schema.Type<typeof ChoiceMessage_> {}

const MediaCarouselMessage_ = struct("MediaCarouselMessage", {
  url: Schema.String,
  caption: optional(Schema.String),
  thumbnail_url: optional(Schema.String),
  filename_override: optional(Schema.String)
})

/**
 * The image of a card.
 *
 * @since 0.1.0
 * @category message kinds
 */
export const MediaCarouselMessage: MediaCarouselMessageSchema = MediaCarouselMessage_
/**
 * The schema of {@link MediaCarouselMessage}, as a struct.
 *
 * @since 0.1.0
 * @category message kinds
 */
export interface MediaCarouselMessageSchema extends Schema.Struct<typeof MediaCarouselMessage_.fields> {}
/**
 * @since 0.1.0
 * @category message kinds
 */
export interface MediaCarouselMessage extends Schema.Schema.Type<typeof MediaCarouselMessage_> {}

const CardMessage_ = struct("CardMessage", {
  title: optional(Schema.String),
  description: optional(Schema.String),
  height: optional(Enums.CardHeight),
  media_message: optional(MediaCarouselMessage),
  choices: optional(Schema.Array(Choice)),
  message_properties: optional(Schema.Struct({ whatsapp_header: optional(Schema.String) }))
})

/**
 * A card: title, description, media and up to 3 choices.
 *
 * @since 0.1.0
 * @category message kinds
 */
export const CardMessage: CardMessageSchema = CardMessage_
/**
 * The schema of {@link CardMessage}, as a struct.
 *
 * @since 0.1.0
 * @category message kinds
 */
export interface CardMessageSchema extends Schema.Struct<typeof CardMessage_.fields> {}
/**
 * @since 0.1.0
 * @category message kinds
 */
export interface CardMessage extends Schema.Schema.Type<typeof CardMessage_> {}

const CarouselMessage_ = struct("CarouselMessage", {
  cards: Schema.Array(CardMessage),
  choices: optional(Schema.Array(Choice))
})

/**
 * Up to 10 cards shown side by side, with optional outer choices.
 *
 * @since 0.1.0
 * @category message kinds
 */
export const CarouselMessage: CarouselMessageSchema = CarouselMessage_
/**
 * The schema of {@link CarouselMessage}, as a struct.
 *
 * @since 0.1.0
 * @category message kinds
 */
export interface CarouselMessageSchema extends Schema.Struct<typeof CarouselMessage_.fields> {}
/**
 * @since 0.1.0
 * @category message kinds
 */
export interface CarouselMessage extends Schema.Schema.Type<typeof CarouselMessage_> {}

const TemplateReference_ = struct("TemplateReference", {
  template_id: Schema.String,
  version: optional(Schema.String),
  language_code: optional(Schema.String),
  parameters: optional(record({ key: Schema.String, value: Schema.String }))
})

/**
 * A reference to a stored template, with its parameter values.
 *
 * @since 0.1.0
 * @category message kinds
 */
export const TemplateReference: TemplateReferenceSchema = TemplateReference_
/**
 * The schema of {@link TemplateReference}, as a struct.
 *
 * @since 0.1.0
 * @category message kinds
 */
export interface TemplateReferenceSchema extends Schema.Struct<typeof TemplateReference_.fields> {}
/**
 * @since 0.1.0
 * @category message kinds
 */
export interface TemplateReference extends Schema.Schema.Type<typeof TemplateReference_> {}

const TemplateMessage_ = struct("TemplateMessage", {
  channel_template: optional(record({ key: Schema.String, value: TemplateReference })),
  omni_template: optional(TemplateReference)
})

/**
 * A template message: an omnichannel template and/or channel-specific templates keyed by channel.
 *
 * @since 0.1.0
 * @category message kinds
 */
export const TemplateMessage: TemplateMessageSchema = TemplateMessage_
/**
 * The schema of {@link TemplateMessage}, as a struct.
 *
 * @since 0.1.0
 * @category message kinds
 */
export interface TemplateMessageSchema extends Schema.Struct<typeof TemplateMessage_.fields> {}
/**
 * @since 0.1.0
 * @category message kinds
 */
export interface TemplateMessage extends Schema.Schema.Type<typeof TemplateMessage_> {}

const ChoiceItem_ = struct("ChoiceItem", {
  title: Schema.String,
  description: optional(Schema.String),
  media: optional(MediaMessage),
  postback_data: optional(Schema.String)
})

/**
 * An item of a list message that is a choice.
 *
 * @since 0.1.0
 * @category message kinds
 */
export const ChoiceItem: ChoiceItemSchema = ChoiceItem_
/**
 * The schema of {@link ChoiceItem}, as a struct.
 *
 * @since 0.1.0
 * @category message kinds
 */
export interface ChoiceItemSchema extends Schema.Struct<typeof ChoiceItem_.fields> {}
/**
 * @since 0.1.0
 * @category message kinds
 */
export interface ChoiceItem extends Schema.Schema.Type<typeof ChoiceItem_> {}

const ProductItem_ = struct("ProductItem", {
  id: Schema.String,
  marketplace: Schema.String,
  quantity: optional(Schema.JsonNumber),
  item_price: optional(Schema.JsonNumber),
  currency: optional(Schema.String)
})

/**
 * An item of a list message that is a product of a catalog.
 *
 * @since 0.1.0
 * @category message kinds
 */
export const ProductItem: ProductItemSchema = ProductItem_
/**
 * The schema of {@link ProductItem}, as a struct.
 *
 * @since 0.1.0
 * @category message kinds
 */
export interface ProductItemSchema extends Schema.Struct<typeof ProductItem_.fields> {}
/**
 * @since 0.1.0
 * @category message kinds
 */
export interface ProductItem extends Schema.Schema.Type<typeof ProductItem_> {}

const ListItem_ = struct("ListItem", {
  choice: optional(ChoiceItem),
  product: optional(ProductItem)
})

/**
 * One entry of a list section: a `choice` or a `product`.
 *
 * @since 0.1.0
 * @category message kinds
 */
export const ListItem: ListItemSchema = ListItem_
/**
 * The schema of {@link ListItem}, as a struct.
 *
 * @since 0.1.0
 * @category message kinds
 */
export interface ListItemSchema extends Schema.Struct<typeof ListItem_.fields> {}
/**
 * @since 0.1.0
 * @category message kinds
 */
export interface ListItem extends Schema.Schema.Type<typeof ListItem_> {}

const ListSection_ = struct("ListSection", {
  title: optional(Schema.String),
  items: Schema.Array(ListItem)
})

/**
 * A titled group of list items.
 *
 * @since 0.1.0
 * @category message kinds
 */
export const ListSection: ListSectionSchema = ListSection_
/**
 * The schema of {@link ListSection}, as a struct.
 *
 * @since 0.1.0
 * @category message kinds
 */
export interface ListSectionSchema extends Schema.Struct<typeof ListSection_.fields> {}
/**
 * @since 0.1.0
 * @category message kinds
 */
export interface ListSection extends Schema.Schema.Type<typeof ListSection_> {}

const ListMessage_ = struct("ListMessage", {
  title: Schema.String,
  description: optional(Schema.String),
  sections: Schema.Array(ListSection),
  message_properties: optional(
    Schema.Struct({
      catalog_id: optional(Schema.String),
      menu: optional(Schema.String),
      whatsapp_header: optional(Schema.String)
    })
  ),
  media: optional(MediaMessage)
})

/**
 * A list of choices or products to pick from.
 *
 * @since 0.1.0
 * @category message kinds
 */
export const ListMessage: ListMessageSchema = ListMessage_
/**
 * The schema of {@link ListMessage}, as a struct.
 *
 * @since 0.1.0
 * @category message kinds
 */
export interface ListMessageSchema extends Schema.Struct<typeof ListMessage_.fields> {}
/**
 * @since 0.1.0
 * @category message kinds
 */
export interface ListMessage extends Schema.Schema.Type<typeof ListMessage_> {}

const ContactInfoMessage_ = struct("ContactInfoMessage", {
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
 * A contact card: name, phone numbers, addresses, email addresses, organization, URLs, birthday.
 *
 * @since 0.1.0
 * @category message kinds
 */
export const ContactInfoMessage: ContactInfoMessageSchema = ContactInfoMessage_
/**
 * The schema of {@link ContactInfoMessage}, as a struct.
 *
 * @since 0.1.0
 * @category message kinds
 */
export interface ContactInfoMessageSchema extends Schema.Struct<typeof ContactInfoMessage_.fields> {}
/**
 * @since 0.1.0
 * @category message kinds
 */
export interface ContactInfoMessage extends Schema.Schema.Type<typeof ContactInfoMessage_> {}

const ChannelSpecificMessage_ = struct("ChannelSpecificMessage", {
  message_type: Enums.ChannelSpecificMessageType,
  message: JsonObject
})

/**
 * A channel-specific message (WhatsApp Flows, order details, KakaoTalk commerce, LINE notification templates, ...):
 * its type and the channel's own payload, kept as JSON so that nothing is lost. `ChannelSpecific.payloadOf` reads the
 * payload as its typed kind.
 *
 * @since 0.1.0
 * @category message kinds
 */
export const ChannelSpecificMessage: ChannelSpecificMessageSchema = ChannelSpecificMessage_
/**
 * The schema of {@link ChannelSpecificMessage}, as a struct.
 *
 * @since 0.1.0
 * @category message kinds
 */
export interface ChannelSpecificMessageSchema extends Schema.Struct<typeof ChannelSpecificMessage_.fields> {}
/**
 * @since 0.1.0
 * @category message kinds
 */
export interface ChannelSpecificMessage extends Schema.Schema.Type<typeof ChannelSpecificMessage_> {}

const ChannelSpecificContactMessage_ = struct("ChannelSpecificContactMessage", {
  message_type: Enums.ChannelSpecificContactMessageType,
  message: JsonObject
})

/**
 * A channel-specific message from a contact, e.g. a WhatsApp Flows reply (`message_type: "nfm_reply"`, payload
 * typed by `ChannelSpecific.NfmReplyMessage`), kept as JSON.
 *
 * @since 0.2.0
 * @category message kinds
 */
export const ChannelSpecificContactMessage: ChannelSpecificContactMessageSchema = ChannelSpecificContactMessage_
/**
 * The schema of {@link ChannelSpecificContactMessage}, as a struct.
 *
 * @since 0.2.0
 * @category message kinds
 */
export interface ChannelSpecificContactMessageSchema extends Schema.Struct<
  typeof ChannelSpecificContactMessage_.fields
> {}
/**
 * @since 0.2.0
 * @category message kinds
 */
export interface ChannelSpecificContactMessage extends Schema.Schema.Type<typeof ChannelSpecificContactMessage_> {}

const OmniMessageOverride_ = struct("OmniMessageOverride", {
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
 * The message content to use on one channel instead of transcoding the main message.
 *
 * @since 0.1.0
 * @category message kinds
 */
export const OmniMessageOverride: OmniMessageOverrideSchema = OmniMessageOverride_
/**
 * The schema of {@link OmniMessageOverride}, as a struct.
 *
 * @since 0.1.0
 * @category message kinds
 */
export interface OmniMessageOverrideSchema extends Schema.Struct<typeof OmniMessageOverride_.fields> {}
/**
 * @since 0.1.0
 * @category message kinds
 */
export interface OmniMessageOverride extends Schema.Schema.Type<typeof OmniMessageOverride_> {}

const Agent_ = struct("Agent", {
  display_name: optional(Schema.String),
  type: optional(Enums.AgentType),
  picture_url: optional(Schema.String)
})

/**
 * Who speaks for the app (shown by channels that support it).
 *
 * @since 0.1.0
 * @category models
 */
export const Agent: AgentSchema = Agent_
/**
 * The schema of {@link Agent}, as a struct.
 *
 * @since 0.1.0
 * @category models
 */
export interface AgentSchema extends Schema.Struct<typeof Agent_.fields> {}
/**
 * @since 0.1.0
 * @category models
 */
export interface Agent extends Schema.Schema.Type<typeof Agent_> {}

// ---------------------------------------------------------------------------------------------------------------------
// App and contact messages
// ---------------------------------------------------------------------------------------------------------------------

const AppMessage_ = struct("AppMessage", {
  card_message: optional(CardMessage),
  carousel_message: optional(CarouselMessage),
  choice_message: optional(ChoiceMessage),
  location_message: optional(LocationMessage),
  media_message: optional(MediaMessage),
  template_message: optional(TemplateMessage),
  text_message: optional(TextMessage),
  list_message: optional(ListMessage),
  contact_info_message: optional(ContactInfoMessage),
  explicit_channel_message: optional(record({ key: Schema.String, value: Schema.String })),
  explicit_channel_omni_message: optional(record({ key: Schema.String, value: OmniMessageOverride })),
  channel_specific_message: optional(record({ key: Schema.String, value: ChannelSpecificMessage })),
  agent: optionalNullable(Agent)
})

/**
 * A message from an app to a contact: exactly one kind field (`text_message`, `card_message`, ...) and optional
 * per-channel overrides.
 *
 * @since 0.1.0
 * @category models
 */
export const AppMessage: AppMessageSchema = AppMessage_
/**
 * The schema of {@link AppMessage}, as a struct.
 *
 * @since 0.1.0
 * @category models
 */
export interface AppMessageSchema extends Schema.Struct<typeof AppMessage_.fields> {}
/**
 * @since 0.1.0
 * @category models
 */
export interface AppMessage extends Schema.Schema.Type<typeof AppMessage_> {}

const ChoiceResponseMessage_ = struct("ChoiceResponseMessage", {
  message_id: Schema.String,
  postback_data: Schema.String
})

/**
 * The contact's answer to a choice: the chosen choice's `postback_data`.
 *
 * @since 0.1.0
 * @category message kinds
 */
export const ChoiceResponseMessage: ChoiceResponseMessageSchema = ChoiceResponseMessage_
/**
 * The schema of {@link ChoiceResponseMessage}, as a struct.
 *
 * @since 0.1.0
 * @category message kinds
 */
export interface ChoiceResponseMessageSchema extends Schema.Struct<typeof ChoiceResponseMessage_.fields> {}
/**
 * @since 0.1.0
 * @category message kinds
 */
export interface ChoiceResponseMessage extends Schema.Schema.Type<typeof ChoiceResponseMessage_> {}

const FallbackMessage_ = struct("FallbackMessage", {
  raw_message: optional(Schema.String),
  reason: optional(Common.Reason)
})

/**
 * A contact message the API could not map to another kind, with the channel's raw message if any.
 *
 * @since 0.1.0
 * @category message kinds
 */
export const FallbackMessage: FallbackMessageSchema = FallbackMessage_
/**
 * The schema of {@link FallbackMessage}, as a struct.
 *
 * @since 0.1.0
 * @category message kinds
 */
export interface FallbackMessageSchema extends Schema.Struct<typeof FallbackMessage_.fields> {}
/**
 * @since 0.1.0
 * @category message kinds
 */
export interface FallbackMessage extends Schema.Schema.Type<typeof FallbackMessage_> {}

const MediaCardMessage_ = struct("MediaCardMessage", { url: Schema.String, caption: optional(Schema.String) })

/**
 * Media with a caption sent by a contact.
 *
 * @since 0.1.0
 * @category message kinds
 */
export const MediaCardMessage: MediaCardMessageSchema = MediaCardMessage_
/**
 * The schema of {@link MediaCardMessage}, as a struct.
 *
 * @since 0.1.0
 * @category message kinds
 */
export interface MediaCardMessageSchema extends Schema.Struct<typeof MediaCardMessage_.fields> {}
/**
 * @since 0.1.0
 * @category message kinds
 */
export interface MediaCardMessage extends Schema.Schema.Type<typeof MediaCardMessage_> {}

const ProductResponseMessage_ = struct("ProductResponseMessage", {
  products: optional(Schema.Array(ProductItem)),
  title: optional(Schema.String),
  catalog_id: optional(Schema.String)
})

/**
 * The products a contact picked from a product list.
 *
 * @since 0.1.0
 * @category message kinds
 */
export const ProductResponseMessage: ProductResponseMessageSchema = ProductResponseMessage_
/**
 * The schema of {@link ProductResponseMessage}, as a struct.
 *
 * @since 0.1.0
 * @category message kinds
 */
export interface ProductResponseMessageSchema extends Schema.Struct<typeof ProductResponseMessage_.fields> {}
/**
 * @since 0.1.0
 * @category message kinds
 */
export interface ProductResponseMessage extends Schema.Schema.Type<typeof ProductResponseMessage_> {}

const ReplyTo_ = struct("ReplyTo", { message_id: Schema.String })

/**
 * The app message that a contact message answers.
 *
 * @since 0.1.0
 * @category models
 */
export const ReplyTo: ReplyToSchema = ReplyTo_
/**
 * The schema of {@link ReplyTo}, as a struct.
 *
 * @since 0.1.0
 * @category models
 */
export interface ReplyToSchema extends Schema.Struct<typeof ReplyTo_.fields> {}
/**
 * @since 0.1.0
 * @category models
 */
export interface ReplyTo extends Schema.Schema.Type<typeof ReplyTo_> {}

const ContactMessage_ = struct("ContactMessage", {
  text_message: optional(TextMessage),
  media_message: optional(MediaMessage),
  location_message: optional(LocationMessage),
  choice_response_message: optional(ChoiceResponseMessage),
  media_card_message: optional(MediaCardMessage),
  fallback_message: optional(FallbackMessage),
  contact_info_message: optional(ContactInfoMessage),
  product_response_message: optional(ProductResponseMessage),
  channel_specific_message: optional(ChannelSpecificContactMessage),
  reply_to: optionalNullable(ReplyTo)
})

/**
 * A message from a contact to an app: one kind field and, for replies, `reply_to`.
 *
 * @since 0.1.0
 * @category models
 */
export const ContactMessage: ContactMessageSchema = ContactMessage_
/**
 * The schema of {@link ContactMessage}, as a struct.
 *
 * @since 0.1.0
 * @category models
 */
export interface ContactMessageSchema extends Schema.Struct<typeof ContactMessage_.fields> {}
/**
 * @since 0.1.0
 * @category models
 */
export interface ContactMessage extends Schema.Schema.Type<typeof ContactMessage_> {}

const ConversationMessage_ = struct("ConversationMessage", {
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
 * A stored message on a channel, sent by the app (`app_message`) or by the contact (`contact_message`).
 * In dispatch mode `contact_id` and `conversation_id` are empty.
 *
 * @since 0.1.0
 * @category models
 */
export const ConversationMessage: ConversationMessageSchema = ConversationMessage_
/**
 * The schema of {@link ConversationMessage}, as a struct.
 *
 * @since 0.1.0
 * @category models
 */
export interface ConversationMessageSchema extends Schema.Struct<typeof ConversationMessage_.fields> {}
/**
 * @since 0.1.0
 * @category models
 */
export interface ConversationMessage extends Schema.Schema.Type<typeof ConversationMessage_> {}

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
  ProductResponseMessage: "product_response_message",
  ChannelSpecificContactMessage: "channel_specific_message"
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

const SendMessageRequest_ = struct("SendMessageRequest", {
  app_id: Ids.AppId,
  recipient: Common.Recipient,
  message: AppMessage,
  callback_url: optional(Schema.String),
  channel_priority_order: optional(Schema.Array(Enums.ConversationChannel)),
  channel_properties: optional(record({ key: Enums.ChannelPropertyKey, value: Schema.String })),
  message_metadata: optional(Schema.String),
  conversation_metadata: optional(JsonObject),
  conversation_metadata_update_strategy: optional(Enums.MetadataUpdateStrategy),
  queue: optional(Enums.MessageQueue),
  ttl: optional(Schema.Union(Schema.String, Schema.JsonNumber)),
  processing_strategy: optional(Enums.ProcessingStrategy),
  correlation_id: optional(Schema.String),
  message_content_type: optional(Enums.MessageContentType)
})

/**
 * The body of `POST /v1/projects/{project_id}/messages:send`.
 *
 * @since 0.1.0
 * @category requests
 */
export const SendMessageRequest: SendMessageRequestSchema = SendMessageRequest_
/**
 * The schema of {@link SendMessageRequest}, as a struct.
 *
 * @since 0.1.0
 * @category requests
 */
export interface SendMessageRequestSchema extends Schema.Struct<typeof SendMessageRequest_.fields> {}
/**
 * @since 0.1.0
 * @category requests
 */
export interface SendMessageRequest extends Schema.Schema.Type<typeof SendMessageRequest_> {}

const SendMessageResponse_ = struct("SendMessageResponse", {
  message_id: optional(Ids.MessageId),
  accepted_time: optional(Timestamp)
})

/**
 * The answer to a send: the new message's ID and when the API accepted it.
 *
 * @since 0.1.0
 * @category responses
 */
export const SendMessageResponse: SendMessageResponseSchema = SendMessageResponse_
/**
 * The schema of {@link SendMessageResponse}, as a struct.
 *
 * @since 0.1.0
 * @category responses
 */
export interface SendMessageResponseSchema extends Schema.Struct<typeof SendMessageResponse_.fields> {}
/**
 * @since 0.1.0
 * @category responses
 */
export interface SendMessageResponse extends Schema.Schema.Type<typeof SendMessageResponse_> {}

const UpdateMessageMetadataRequest_ = struct("UpdateMessageMetadataRequest", { metadata: Schema.String })

/**
 * The body of `PATCH /v1/projects/{project_id}/messages/{message_id}`: the new metadata.
 *
 * @since 0.1.0
 * @category requests
 */
export const UpdateMessageMetadataRequest: UpdateMessageMetadataRequestSchema = UpdateMessageMetadataRequest_
/**
 * The schema of {@link UpdateMessageMetadataRequest}, as a struct.
 *
 * @since 0.1.0
 * @category requests
 */
export interface UpdateMessageMetadataRequestSchema extends Schema.Struct<
  typeof UpdateMessageMetadataRequest_.fields
> {}
/**
 * @since 0.1.0
 * @category requests
 */
export interface UpdateMessageMetadataRequest extends Schema.Schema.Type<typeof UpdateMessageMetadataRequest_> {}

const ListMessagesRequest_ = struct("ListMessagesRequest", {
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
  channel: optional(Enums.ConversationChannel),
  direction: optional(Enums.ConversationDirection)
})

/**
 * The query of `GET /v1/projects/{project_id}/messages`. In conversation mode one of `conversation_id` or
 * `contact_id` is needed; in dispatch mode `app_id`. `page_size` defaults to 10 and is at most 20.
 *
 * @since 0.1.0
 * @category requests
 */
export const ListMessagesRequest: ListMessagesRequestSchema = ListMessagesRequest_
/**
 * The schema of {@link ListMessagesRequest}, as a struct.
 *
 * @since 0.1.0
 * @category requests
 */
export interface ListMessagesRequestSchema extends Schema.Struct<typeof ListMessagesRequest_.fields> {}
/**
 * @since 0.1.0
 * @category requests
 */
export interface ListMessagesRequest extends Schema.Schema.Type<typeof ListMessagesRequest_> {}

const ListMessagesResponse_ = struct("ListMessagesResponse", {
  messages: page(ConversationMessage),
  next_page_token: nextPageToken
})

/**
 * One page of messages, newest `accept_time` first. An empty or absent `next_page_token` marks the last page.
 *
 * @since 0.1.0
 * @category responses
 */
export const ListMessagesResponse: ListMessagesResponseSchema = ListMessagesResponse_
/**
 * The schema of {@link ListMessagesResponse}, as a struct.
 *
 * @since 0.1.0
 * @category responses
 */
export interface ListMessagesResponseSchema extends Schema.Struct<typeof ListMessagesResponse_.fields> {}
/**
 * @since 0.1.0
 * @category responses
 */
export interface ListMessagesResponse extends Schema.Schema.Type<typeof ListMessagesResponse_> {}

const ListLastMessagesByChannelIdentityRequest_ = struct("ListLastMessagesByChannelIdentityRequest", {
  app_id: optional(Ids.AppId),
  channel_identities: optional(Schema.Array(Schema.String)),
  contact_ids: optional(Schema.Array(Ids.ContactId)),
  channel: optional(Enums.ConversationChannel),
  start_time: optional(Timestamp),
  end_time: optional(Timestamp),
  page_size: optional(Schema.Int),
  page_token: optional(Schema.String),
  view: optional(Enums.ConversationMessagesView),
  messages_source: optional(Enums.MessagesSource),
  direction: optional(Enums.ConversationDirection)
})

/**
 * The body of `POST /v1/projects/{project_id}/messages:fetch-last-message`: the last message of each given channel
 * identity or contact.
 *
 * @since 0.1.0
 * @category requests
 */
export const ListLastMessagesByChannelIdentityRequest: ListLastMessagesByChannelIdentityRequestSchema =
  ListLastMessagesByChannelIdentityRequest_
/**
 * The schema of {@link ListLastMessagesByChannelIdentityRequest}, as a struct.
 *
 * @since 0.1.0
 * @category requests
 */
export interface ListLastMessagesByChannelIdentityRequestSchema extends Schema.Struct<
  typeof ListLastMessagesByChannelIdentityRequest_.fields
> {}
/**
 * @since 0.1.0
 * @category requests
 */
export interface ListLastMessagesByChannelIdentityRequest extends Schema.Schema.Type<
  typeof ListLastMessagesByChannelIdentityRequest_
> {}
