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

const AppEvent_ = struct("AppEvent", {
  composing_event: optional(empty("ComposingEvent")),
  composing_end_event: optional(empty("ComposingEndEvent")),
  comment_reply_event: optional(struct("CommentReplyEvent", { text: Schema.String })),
  agent_joined_event: optional(struct("AgentJoinedEvent", { agent: Messages.Agent })),
  agent_left_event: optional(struct("AgentLeftEvent", { agent: Messages.Agent })),
  generic_event: optional(struct("GenericEvent", { payload: JsonObject }))
})

/**
 * An event from an app: exactly one of its fields is set.
 *
 * @since 0.1.0
 * @category models
 */
export const AppEvent: AppEventSchema = AppEvent_
/**
 * The schema of {@link AppEvent}, as a struct.
 *
 * @since 0.1.0
 * @category models
 */
export interface AppEventSchema extends Schema.Struct<typeof AppEvent_.fields> {}
/**
 * @since 0.1.0
 * @category models
 */
export interface AppEvent extends Schema.Schema.Type<typeof AppEvent_> {}

const ContactEvent_ = struct("ContactEvent", {
  composing_event: optional(empty("ComposingEvent")),
  composing_end_event: optional(empty("ComposingEndEvent")),
  comment_event: optional(
    struct("CommentEvent", {
      id: optional(Schema.String),
      text: optional(Schema.String),
      comment_type: optional(Enums.CommentType),
      commented_on: optional(Schema.String),
      user: optional(Schema.String)
    })
  ),
  conversation_deleted_event: optional(empty("ConversationDeletedEvent")),
  generic_event: optional(struct("GenericEvent", { payload: JsonObject }))
})

/**
 * An event from a contact: typing indicators, comments on posts, a deleted conversation, generic events.
 *
 * @since 0.1.0
 * @category models
 */
export const ContactEvent: ContactEventSchema = ContactEvent_
/**
 * The schema of {@link ContactEvent}, as a struct.
 *
 * @since 0.1.0
 * @category models
 */
export interface ContactEventSchema extends Schema.Struct<typeof ContactEvent_.fields> {}
/**
 * @since 0.1.0
 * @category models
 */
export interface ContactEvent extends Schema.Schema.Type<typeof ContactEvent_> {}

const ContactMessageEvent_ = struct("ContactMessageEvent", {
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
      payment_status: optional(Enums.PaymentStatus),
      payment_transaction_status: optional(Enums.PaymentTransactionStatus),
      payment_transaction_id: optional(Schema.String)
    })
  ),
  shortlink_activated_event: optional(
    struct("ShortLinkActivatedEvent", {
      payload: optional(Schema.String),
      title: optional(Schema.String),
      ref: optional(Schema.String),
      source: optional(Schema.String),
      type: optional(Schema.String),
      existing_thread: optional(Schema.Boolean)
    })
  )
})

/**
 * An event about a message from a contact: a reaction, a payment status update, an activated short link.
 *
 * @since 0.1.0
 * @category models
 */
export const ContactMessageEvent: ContactMessageEventSchema = ContactMessageEvent_
/**
 * The schema of {@link ContactMessageEvent}, as a struct.
 *
 * @since 0.1.0
 * @category models
 */
export interface ContactMessageEventSchema extends Schema.Struct<typeof ContactMessageEvent_.fields> {}
/**
 * @since 0.1.0
 * @category models
 */
export interface ContactMessageEvent extends Schema.Schema.Type<typeof ContactMessageEvent_> {}

const ConversationEvent_ = struct("ConversationEvent", {
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
 * A stored event (`GET /v1/projects/{project_id}/events/{event_id}`), from the app or from the contact.
 *
 * @since 0.1.0
 * @category models
 */
export const ConversationEvent: ConversationEventSchema = ConversationEvent_
/**
 * The schema of {@link ConversationEvent}, as a struct.
 *
 * @since 0.1.0
 * @category models
 */
export interface ConversationEventSchema extends Schema.Struct<typeof ConversationEvent_.fields> {}
/**
 * @since 0.1.0
 * @category models
 */
export interface ConversationEvent extends Schema.Schema.Type<typeof ConversationEvent_> {}

const SendEventRequest_ = struct("SendEventRequest", {
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
 * The body of `POST /v1/projects/{project_id}/events:send`.
 *
 * @since 0.1.0
 * @category requests
 */
export const SendEventRequest: SendEventRequestSchema = SendEventRequest_
/**
 * The schema of {@link SendEventRequest}, as a struct.
 *
 * @since 0.1.0
 * @category requests
 */
export interface SendEventRequestSchema extends Schema.Struct<typeof SendEventRequest_.fields> {}
/**
 * @since 0.1.0
 * @category requests
 */
export interface SendEventRequest extends Schema.Schema.Type<typeof SendEventRequest_> {}

const SendEventResponse_ = struct("SendEventResponse", {
  event_id: optional(Ids.EventId),
  accepted_time: optional(Timestamp)
})

/**
 * The answer to an event send.
 *
 * @since 0.1.0
 * @category responses
 */
export const SendEventResponse: SendEventResponseSchema = SendEventResponse_
/**
 * The schema of {@link SendEventResponse}, as a struct.
 *
 * @since 0.1.0
 * @category responses
 */
export interface SendEventResponseSchema extends Schema.Struct<typeof SendEventResponse_.fields> {}
/**
 * @since 0.1.0
 * @category responses
 */
export interface SendEventResponse extends Schema.Schema.Type<typeof SendEventResponse_> {}

const InjectEventResponse_ = struct("InjectEventResponse", {
  event_id: optional(Ids.EventId),
  accepted_time: optional(Timestamp)
})

/**
 * The answer to an event injection: the stored event's ID and when it was accepted.
 *
 * @since 0.1.0
 * @category responses
 */
export const InjectEventResponse: InjectEventResponseSchema = InjectEventResponse_
/**
 * The schema of {@link InjectEventResponse}, as a struct.
 *
 * @since 0.1.0
 * @category responses
 */
export interface InjectEventResponseSchema extends Schema.Struct<typeof InjectEventResponse_.fields> {}
/**
 * @since 0.1.0
 * @category responses
 */
export interface InjectEventResponse extends Schema.Schema.Type<typeof InjectEventResponse_> {}

const ListEventsRequest_ = struct("ListEventsRequest", {
  conversation_id: optional(Ids.ConversationId),
  contact_id: optional(Ids.ContactId),
  page_size: optional(Schema.Int),
  page_token: optional(Schema.String)
})

/**
 * The query of `GET /v1/projects/{project_id}/events`.
 *
 * @since 0.1.0
 * @category requests
 */
export const ListEventsRequest: ListEventsRequestSchema = ListEventsRequest_
/**
 * The schema of {@link ListEventsRequest}, as a struct.
 *
 * @since 0.1.0
 * @category requests
 */
export interface ListEventsRequestSchema extends Schema.Struct<typeof ListEventsRequest_.fields> {}
/**
 * @since 0.1.0
 * @category requests
 */
export interface ListEventsRequest extends Schema.Schema.Type<typeof ListEventsRequest_> {}

const ListEventsResponse_ = struct("ListEventsResponse", {
  events: page(ConversationEvent),
  next_page_token: nextPageToken
})

/**
 * One page of events, newest first.
 *
 * @since 0.1.0
 * @category responses
 */
export const ListEventsResponse: ListEventsResponseSchema = ListEventsResponse_
/**
 * The schema of {@link ListEventsResponse}, as a struct.
 *
 * @since 0.1.0
 * @category responses
 */
export interface ListEventsResponseSchema extends Schema.Struct<typeof ListEventsResponse_.fields> {}
/**
 * @since 0.1.0
 * @category responses
 */
export interface ListEventsResponse extends Schema.Schema.Type<typeof ListEventsResponse_> {}

const InjectEventRequest_ = struct("InjectEventRequest", {
  app_event: AppEvent,
  accept_time: Timestamp,
  conversation_id: optional(Ids.ConversationId),
  channel_identity: optional(Common.ChannelIdentity),
  contact_id: optional(Ids.ContactId),
  processing_mode: optional(Enums.ProcessingMode)
})

/**
 * The body of `POST /v1/projects/{project_id}/conversations/{conversation_id}:inject-event`: an app event recorded in
 * a conversation without sending it.
 *
 * @since 0.1.0
 * @category requests
 */
export const InjectEventRequest: InjectEventRequestSchema = InjectEventRequest_
/**
 * The schema of {@link InjectEventRequest}, as a struct.
 *
 * @since 0.1.0
 * @category requests
 */
export interface InjectEventRequestSchema extends Schema.Struct<typeof InjectEventRequest_.fields> {}
/**
 * @since 0.1.0
 * @category requests
 */
export interface InjectEventRequest extends Schema.Schema.Type<typeof InjectEventRequest_> {}
