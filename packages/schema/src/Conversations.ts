/**
 * Conversations: the log of messages between one app and one contact, their listing, and message injection.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Common from "./Common.js"
import * as Enums from "./Enums.js"
import * as Ids from "./Ids.js"
import * as Messages from "./Messages.js"
import { Int64, JsonObject, nextPageToken, optional, page, struct, Timestamp } from "./internal/schema.js"

/**
 * A conversation. Only one conversation per app and contact is `active`; stopping it makes the next message start a
 * new one.
 *
 * @since 0.1.0
 * @category models
 */
export const Conversation = struct("Conversation", {
  id: optional(Ids.ConversationId),
  app_id: optional(Ids.AppId),
  contact_id: optional(Ids.ContactId),
  active: optional(Schema.Boolean),
  active_channel: optional(Enums.ConversationChannel),
  last_received: optional(Timestamp),
  metadata: optional(Schema.String),
  metadata_json: optional(JsonObject),
  correlation_id: optional(Schema.String)
})
/**
 * @since 0.1.0
 * @category models
 */
export type Conversation = typeof Conversation.Type

/**
 * The body of `POST /v1/projects/{project_id}/conversations`.
 *
 * @since 0.1.0
 * @category requests
 */
export const CreateConversationRequest = struct("CreateConversationRequest", {
  app_id: Ids.AppId,
  contact_id: Ids.ContactId,
  active: optional(Schema.Boolean),
  active_channel: optional(Enums.ConversationChannel),
  metadata: optional(Schema.String),
  metadata_json: optional(JsonObject),
  correlation_id: optional(Schema.String)
})
/**
 * @since 0.1.0
 * @category requests
 */
export type CreateConversationRequest = typeof CreateConversationRequest.Type

/**
 * The body of `PATCH /v1/projects/{project_id}/conversations/{conversation_id}` (with `update_mask.paths` and
 * `metadata_update_strategy` as query).
 *
 * @since 0.1.0
 * @category requests
 */
export const UpdateConversationRequest = struct("UpdateConversationRequest", {
  app_id: optional(Ids.AppId),
  contact_id: optional(Ids.ContactId),
  active: optional(Schema.Boolean),
  active_channel: optional(Enums.ConversationChannel),
  metadata: optional(Schema.String),
  metadata_json: optional(JsonObject),
  correlation_id: optional(Schema.String)
})
/**
 * @since 0.1.0
 * @category requests
 */
export type UpdateConversationRequest = typeof UpdateConversationRequest.Type

/**
 * The query of `GET /v1/projects/{project_id}/conversations`: `only_active` is required, and one of `app_id` or
 * `contact_id`.
 *
 * @since 0.1.0
 * @category requests
 */
export const ListConversationsRequest = struct("ListConversationsRequest", {
  only_active: Schema.Boolean,
  app_id: optional(Ids.AppId),
  contact_id: optional(Ids.ContactId),
  page_size: optional(Schema.Int),
  page_token: optional(Schema.String),
  active_channel: optional(Enums.ConversationChannel)
})
/**
 * @since 0.1.0
 * @category requests
 */
export type ListConversationsRequest = typeof ListConversationsRequest.Type

/**
 * One page of conversations.
 *
 * @since 0.1.0
 * @category responses
 */
export const ListConversationsResponse = struct("ListConversationsResponse", {
  conversations: page(Conversation),
  next_page_token: nextPageToken,
  total_size: optional(Int64)
})
/**
 * @since 0.1.0
 * @category responses
 */
export type ListConversationsResponse = typeof ListConversationsResponse.Type

/**
 * The query of `GET /v1/projects/{project_id}/conversations:recent`.
 *
 * @since 0.1.0
 * @category requests
 */
export const ListRecentConversationsRequest = struct("ListRecentConversationsRequest", {
  app_id: Ids.AppId,
  only_active: optional(Schema.Boolean),
  page_size: optional(Schema.Int),
  page_token: optional(Schema.String),
  order: optional(Enums.ConversationsListOrder)
})
/**
 * @since 0.1.0
 * @category requests
 */
export type ListRecentConversationsRequest = typeof ListRecentConversationsRequest.Type

/**
 * A conversation with its most recent message.
 *
 * @since 0.1.0
 * @category models
 */
export const ConversationWithLastMessage = struct("ConversationWithLastMessage", {
  conversation: optional(Conversation),
  last_message: optional(Messages.ConversationMessage)
})
/**
 * @since 0.1.0
 * @category models
 */
export type ConversationWithLastMessage = typeof ConversationWithLastMessage.Type

/**
 * One page of recent conversations, ordered by their last message.
 *
 * @since 0.1.0
 * @category responses
 */
export const ListRecentConversationsResponse = struct("ListRecentConversationsResponse", {
  conversations: page(ConversationWithLastMessage),
  next_page_token: nextPageToken,
  total_size: optional(Int64)
})
/**
 * @since 0.1.0
 * @category responses
 */
export type ListRecentConversationsResponse = typeof ListRecentConversationsResponse.Type

/**
 * The body of `POST /v1/projects/{project_id}/conversations/{conversation_id}:inject-message`: a message recorded in
 * the conversation without being sent. `accept_time` must be within the last 30 days.
 *
 * @since 0.1.0
 * @category requests
 */
export const InjectMessageRequest = struct("InjectMessageRequest", {
  app_message: optional(Messages.AppMessage),
  contact_message: optional(Messages.ContactMessage),
  accept_time: Timestamp,
  channel_identity: Common.ChannelIdentity,
  contact_id: optional(Ids.ContactId),
  direction: Enums.ConversationDirection,
  metadata: optional(Schema.String)
})
/**
 * @since 0.1.0
 * @category requests
 */
export type InjectMessageRequest = typeof InjectMessageRequest.Type
