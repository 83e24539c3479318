/**
 * Typed constructors for every kind of app message and app event, and for the send requests around them: what the
 * official Node SDK offers as its `send*Message` and `send*Event` helpers, as plain values that fit `messages.send`,
 * `events.send` and batches (`Array.map` a data-last request builder over many messages).
 *
 * @example
 * ```ts
 * import { pipe } from "effect"
 * import { Compose, Ids } from "@sinch-effect/schema"
 *
 * const request = pipe(
 *   Compose.text("Your order has shipped"),
 *   Compose.withAgent({ display_name: "Ada", type: "HUMAN" }),
 *   Compose.messageRequest({ app_id: Ids.AppId.make("01EB37HMH1M6SV18BSNS3G135H"), recipient: Compose.contact("01H") })
 * )
 * ```
 *
 * @since 0.2.0
 */
import { dual } from "effect/Function"
import * as Schema from "effect/Schema"
import * as ChannelSpecific from "./ChannelSpecific.js"
import type * as Common from "./Common.js"
import type * as Enums from "./Enums.js"
import type * as Events from "./Events.js"
import * as Ids from "./Ids.js"
import type * as Messages from "./Messages.js"

// ---------------------------------------------------------------------------------------------------------------------
// Recipients
// ---------------------------------------------------------------------------------------------------------------------

/**
 * A recipient given by its contact ID (conversation mode).
 *
 * @since 0.2.0
 * @category recipients
 */
export const contact = (contactId: string): Common.Recipient => ({ contact_id: Ids.ContactId.make(contactId) })

/**
 * A recipient given by one or more channel identities (the only form dispatch mode accepts).
 *
 * @since 0.2.0
 * @category recipients
 */
export const identities = (
  first: Common.ChannelRecipientIdentity,
  ...rest: ReadonlyArray<Common.ChannelRecipientIdentity>
): Common.Recipient => ({ identified_by: { channel_identities: [first, ...rest] } })

/**
 * A recipient given by one identity on one channel: `identity("SMS", "+46700000001")`.
 *
 * @since 0.2.0
 * @category recipients
 */
export const identity = (channel: Enums.ConversationChannel, value: string): Common.Recipient =>
  identities({ channel, identity: value })

// ---------------------------------------------------------------------------------------------------------------------
// App messages
// ---------------------------------------------------------------------------------------------------------------------

/**
 * A text message.
 *
 * @since 0.2.0
 * @category messages
 */
export const text = (text: string): Messages.AppMessage => ({ text_message: { text } })

/**
 * A media message: an image, video, document or other file by URL.
 *
 * @since 0.2.0
 * @category messages
 */
export const media = (media: Messages.MediaMessage): Messages.AppMessage => ({ media_message: media })

/**
 * A card: title, description, media and up to 3 choices.
 *
 * @since 0.2.0
 * @category messages
 */
export const card = (card: Messages.CardMessage): Messages.AppMessage => ({ card_message: card })

/**
 * A carousel of up to 10 cards.
 *
 * @since 0.2.0
 * @category messages
 */
export const carousel = (carousel: Messages.CarouselMessage): Messages.AppMessage => ({ carousel_message: carousel })

/**
 * Text with up to 3 choices.
 *
 * @since 0.2.0
 * @category messages
 */
export const choice = (choice: Messages.ChoiceMessage): Messages.AppMessage => ({ choice_message: choice })

/**
 * A list of choices or products.
 *
 * @since 0.2.0
 * @category messages
 */
export const list = (list: Messages.ListMessage): Messages.AppMessage => ({ list_message: list })

/**
 * A location with a title.
 *
 * @since 0.2.0
 * @category messages
 */
export const location = (location: Messages.LocationMessage): Messages.AppMessage => ({ location_message: location })

/**
 * A template message: an omnichannel template and/or channel-specific templates.
 *
 * @since 0.2.0
 * @category messages
 */
export const template = (template: Messages.TemplateMessage): Messages.AppMessage => ({ template_message: template })

/**
 * A contact card.
 *
 * @since 0.2.0
 * @category messages
 */
export const contactInfo = (contactInfo: Messages.ContactInfoMessage): Messages.AppMessage => ({
  contact_info_message: contactInfo
})

/**
 * Adds who speaks for the app to a message (data-last for `pipe`, or data-first).
 *
 * @since 0.2.0
 * @category combinators
 */
export const withAgent: {
  (agent: Messages.Agent): (message: Messages.AppMessage) => Messages.AppMessage
  (message: Messages.AppMessage, agent: Messages.Agent): Messages.AppMessage
} = dual(2, (message: Messages.AppMessage, agent: Messages.Agent): Messages.AppMessage => ({ ...message, agent }))

/**
 * Adds a typed channel-specific message for one channel (WhatsApp Flows or payments, KakaoTalk commerce, LINE
 * notification template): sent on that channel instead of the message's main kind.
 *
 * @since 0.2.0
 * @category combinators
 */
export const withChannelSpecific: {
  <K extends ChannelSpecific.TypedMessageType>(
    channel: Enums.ConversationChannel,
    messageType: K,
    payload: (typeof ChannelSpecific.payloads)[K]["Type"]
  ): (message: Messages.AppMessage) => Messages.AppMessage
  <K extends ChannelSpecific.TypedMessageType>(
    message: Messages.AppMessage,
    channel: Enums.ConversationChannel,
    messageType: K,
    payload: (typeof ChannelSpecific.payloads)[K]["Type"]
  ): Messages.AppMessage
} = dual(
  4,
  (
    message: Messages.AppMessage,
    channel: Enums.ConversationChannel,
    messageType: ChannelSpecific.TypedMessageType,
    payload: unknown
  ): Messages.AppMessage => ({
    ...message,
    channel_specific_message: {
      ...message.channel_specific_message,
      [channel]: {
        message_type: messageType,
        message: Schema.encodeSync(ChannelSpecific.payloads[messageType] as Schema.Schema<unknown, unknown>)(
          payload
        ) as { readonly [key: string]: unknown }
      }
    }
  })
)

/**
 * The options of a send request besides the message: the app, the recipient, and any other field of
 * `Messages.SendMessageRequest`.
 *
 * @since 0.2.0
 * @category requests
 */
export type MessageRequestOptions = Omit<Messages.SendMessageRequest, "message">

/**
 * A send request for a message: `messages.send(pipe(Compose.text("Hi"), Compose.messageRequest({ app_id,
 * recipient })))`. Data-last, so `messages.map(Compose.messageRequest(options))` builds a batch.
 *
 * @since 0.2.0
 * @category requests
 */
export const messageRequest: {
  (options: MessageRequestOptions): (message: Messages.AppMessage) => Messages.SendMessageRequest
  (message: Messages.AppMessage, options: MessageRequestOptions): Messages.SendMessageRequest
} = dual(2, (message: Messages.AppMessage, options: MessageRequestOptions): Messages.SendMessageRequest => ({
  ...options,
  message
}))

// ---------------------------------------------------------------------------------------------------------------------
// App events
// ---------------------------------------------------------------------------------------------------------------------

/**
 * The app is typing.
 *
 * @since 0.2.0
 * @category events
 */
export const composing = (): Events.AppEvent => ({ composing_event: {} })

/**
 * The app stopped typing.
 *
 * @since 0.2.0
 * @category events
 */
export const composingEnd = (): Events.AppEvent => ({ composing_end_event: {} })

/**
 * A reply to a contact's comment (Instagram, Messenger).
 *
 * @since 0.2.0
 * @category events
 */
export const commentReply = (text: string): Events.AppEvent => ({ comment_reply_event: { text } })

/**
 * An agent joined the conversation.
 *
 * @since 0.2.0
 * @category events
 */
export const agentJoined = (agent: Messages.Agent): Events.AppEvent => ({ agent_joined_event: { agent } })

/**
 * An agent left the conversation.
 *
 * @since 0.2.0
 * @category events
 */
export const agentLeft = (agent: Messages.Agent): Events.AppEvent => ({ agent_left_event: { agent } })

/**
 * A generic event with a JSON payload.
 *
 * @since 0.2.0
 * @category events
 */
export const genericEvent = (payload: { readonly [key: string]: unknown }): Events.AppEvent => ({
  generic_event: { payload }
})

/**
 * The options of an event send request besides the event.
 *
 * @since 0.2.0
 * @category requests
 */
export type EventRequestOptions = Omit<Events.SendEventRequest, "event">

/**
 * A send request for an event: `events.send(pipe(Compose.composing(), Compose.eventRequest({ app_id, recipient })))`.
 *
 * @since 0.2.0
 * @category requests
 */
export const eventRequest: {
  (options: EventRequestOptions): (event: Events.AppEvent) => Events.SendEventRequest
  (event: Events.AppEvent, options: EventRequestOptions): Events.SendEventRequest
} = dual(2, (event: Events.AppEvent, options: EventRequestOptions): Events.SendEventRequest => ({ ...options, event }))
