/**
 * Events: typing indicators, comment replies, agent joins and generic events sent by an app, and the events contacts
 * send (composing, comments, reactions, payment updates).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Common from "./Common.js"
import * as Enums from "./Enums.js"
import * as Ids from "./Ids.js"
import * as Messages from "./Messages.js"
import { JsonObject, nextPageToken, optional, page, struct, Timestamp } from "./internal/schema.js"

const empty = (identifier: string) => struct(identifier, {})

/**
 * An event from an app: exactly one of its fields is set.
 *
 * @since 0.1.0
 * @category models
 */
export const AppEvent = struct("AppEvent", {
  composing_event: optional(empty("ComposingEvent")),
  composing_end_event: optional(empty("ComposingEndEvent")),
  comment_reply_event: optional(struct("CommentReplyEvent", { text: Schema.String })),
  agent_joined_event: optional(struct("AgentJoinedEvent", { agent: Messages.Agent })),
  agent_left_event: optional(struct("AgentLeftEvent", { agent: Messages.Agent })),
  generic_event: optional(struct("GenericEvent", { payload: JsonObject }))
})
/**
 * @since 0.1.0
 * @category models
 */
export type AppEvent = typeof AppEvent.Type

/**
 * An event from a contact: typing indicators, comments on posts, generic events.
 *
 * @since 0.1.0
 * @category models
 */
export const ContactEvent = struct("ContactEvent", {
  composing_event: optional(empty("ComposingEvent")),
  composing_end_event: optional(empty("ComposingEndEvent")),
  comment_event: optional(
    struct("CommentEvent", {
      id: optional(Schema.String),
      text: optional(Schema.String),
      comment_type: optional(Schema.String),
      commented_on: optional(Schema.String),
      user: optional(Schema.String)
    })
  ),
  generic_event: optional(struct("GenericEvent", { payload: JsonObject }))
})
/**
 * @since 0.1.0
 * @category models
 */
export type ContactEvent = typeof ContactEvent.Type

/**
 * An event about a message from a contact: a reaction, a payment status update, an activated short link.
 *
 * @since 0.1.0
 * @category models
 */
export const ContactMessageEvent = struct("ContactMessageEvent", {
  reaction_event: optional(
    struct("ReactionEvent", {
      emoji: Schema.String,
      action: Enums.ReactionAction,
      message_id: optional(Schema.String),
      reaction_category: optional(Schema.String)
    })
  ),
  payment_status_update_event: optional(
    struct("PaymentStatusUpdateEvent", {
      reference_id: optional(Schema.String),
      payment_status: optional(Schema.String),
      payment_transaction_status: optional(Schema.String),
      payment_transaction_id: optional(Schema.String)
    })
  ),
  shortlink_activated_event: optional(
    struct("ShortLinkActivatedEvent", {
      payload: optional(Schema.String),
      title: optional(Schema.String),
      ref: optional(Schema.String),
      source: optional(Schema.String),
      type: optional(Schema.String)
    })
  )
})
/**
 * @since 0.1.0
 * @category models
 */
export type ContactMessageEvent = typeof ContactMessageEvent.Type

/**
 * A stored event (`GET /v1/projects/{project_id}/events/{event_id}`), from the app or from the contact.
 *
 * @since 0.1.0
 * @category models
 */
export const ConversationEvent = struct("ConversationEvent", {
  id: optional(Ids.EventId),
  direction: optional(Enums.ConversationDirection),
  app_event: optional(AppEvent),
  contact_event: optional(ContactEvent),
  contact_message_event: optional(ContactMessageEvent),
  conversation_id: optional(Ids.ConversationId),
  contact_id: optional(Ids.ContactId),
  channel_identity: optional(Common.ChannelIdentity),
  accept_time: optional(Timestamp),
  processing_mode: optional(Enums.ProcessingMode)
})
/**
 * @since 0.1.0
 * @category models
 */
export type ConversationEvent = typeof ConversationEvent.Type

/**
 * The body of `POST /v1/projects/{project_id}/events:send`.
 *
 * @since 0.1.0
 * @category requests
 */
export const SendEventRequest = struct("SendEventRequest", {
  app_id: Ids.AppId,
  recipient: Common.Recipient,
  event: AppEvent,
  callback_url: optional(Schema.String),
  channel_priority_order: optional(Schema.Array(Enums.ConversationChannel)),
  event_metadata: optional(Schema.String),
  queue: optional(Enums.MessageQueue),
  processing_strategy: optional(Enums.ProcessingStrategy),
  correlation_id: optional(Schema.String)
})
/**
 * @since 0.1.0
 * @category requests
 */
export type SendEventRequest = typeof SendEventRequest.Type

/**
 * The answer to an event send.
 *
 * @since 0.1.0
 * @category responses
 */
export const SendEventResponse = struct("SendEventResponse", {
  event_id: Ids.EventId,
  accepted_time: optional(Timestamp)
})
/**
 * @since 0.1.0
 * @category responses
 */
export type SendEventResponse = typeof SendEventResponse.Type

/**
 * The answer to an event injection: the stored event's ID and when it was accepted.
 *
 * @since 0.1.0
 * @category responses
 */
export const InjectEventResponse = struct("InjectEventResponse", {
  event_id: Ids.EventId,
  accepted_time: optional(Timestamp)
})
/**
 * @since 0.1.0
 * @category responses
 */
export type InjectEventResponse = typeof InjectEventResponse.Type

/**
 * The query of `GET /v1/projects/{project_id}/events`.
 *
 * @since 0.1.0
 * @category requests
 */
export const ListEventsRequest = struct("ListEventsRequest", {
  conversation_id: optional(Ids.ConversationId),
  contact_id: optional(Ids.ContactId),
  page_size: optional(Schema.Int),
  page_token: optional(Schema.String)
})
/**
 * @since 0.1.0
 * @category requests
 */
export type ListEventsRequest = typeof ListEventsRequest.Type

/**
 * One page of events, newest first.
 *
 * @since 0.1.0
 * @category responses
 */
export const ListEventsResponse = struct("ListEventsResponse", {
  events: page(ConversationEvent),
  next_page_token: nextPageToken
})
/**
 * @since 0.1.0
 * @category responses
 */
export type ListEventsResponse = typeof ListEventsResponse.Type

/**
 * The body of `POST /v1/projects/{project_id}/conversations/{conversation_id}:inject-event`: an app event recorded in
 * a conversation without sending it.
 *
 * @since 0.1.0
 * @category requests
 */
export const InjectEventRequest = struct("InjectEventRequest", {
  app_event: AppEvent,
  accept_time: Timestamp,
  channel_identity: optional(Common.ChannelIdentity),
  contact_id: optional(Ids.ContactId),
  processing_mode: optional(Enums.ProcessingMode)
})
/**
 * @since 0.1.0
 * @category requests
 */
export type InjectEventRequest = typeof InjectEventRequest.Type
