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

const Conversation_ = struct("Conversation", {
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
 * A conversation. Only one conversation per app and contact is `active`; stopping it makes the next message start a
 * new one.
 *
 * @since 0.1.0
 * @category models
 */
export const Conversation: ConversationSchema = Conversation_
/**
 * The schema of {@link Conversation}, as a struct.
 *
 * @since 0.1.0
 * @category models
 */
export interface ConversationSchema extends Schema.Struct<typeof Conversation_.fields> {}
/**
 * @since 0.1.0
 * @category models
 */
export interface Conversation extends Schema.Schema.Type<typeof Conversation_> {}

const CreateConversationRequest_ = struct("CreateConversationRequest", {
  app_id: Ids.AppId,
  contact_id: Ids.ContactId,
  active: optional(Schema.Boolean),
  active_channel: optional(Enums.ConversationChannel),
  metadata: optional(Schema.String),
  metadata_json: optional(JsonObject),
  correlation_id: optional(Schema.String)
})

/**
 * The body of `POST /v1/projects/{project_id}/conversations`.
 *
 * @since 0.1.0
 * @category requests
 */
export const CreateConversationRequest: CreateConversationRequestSchema = CreateConversationRequest_
/**
 * The schema of {@link CreateConversationRequest}, as a struct.
 *
 * @since 0.1.0
 * @category requests
 */
export interface CreateConversationRequestSchema extends Schema.Struct<typeof CreateConversationRequest_.fields> {}
/**
 * @since 0.1.0
 * @category requests
 */
export interface CreateConversationRequest extends Schema.Schema.Type<typeof CreateConversationRequest_> {}

const UpdateConversationRequest_ = struct("UpdateConversationRequest", {
  id: optional(Ids.ConversationId),
  app_id: optional(Ids.AppId),
  contact_id: optional(Ids.ContactId),
  active: optional(Schema.Boolean),
  active_channel: optional(Enums.ConversationChannel),
  metadata: optional(Schema.String),
  metadata_json: optional(JsonObject),
  correlation_id: optional(Schema.String)
})

/**
 * The body of `PATCH /v1/projects/{project_id}/conversations/{conversation_id}` (with `update_mask.paths` and
 * `metadata_update_strategy` as query).
 *
 * @since 0.1.0
 * @category requests
 */
export const UpdateConversationRequest: UpdateConversationRequestSchema = UpdateConversationRequest_
/**
 * The schema of {@link UpdateConversationRequest}, as a struct.
 *
 * @since 0.1.0
 * @category requests
 */
export interface UpdateConversationRequestSchema extends Schema.Struct<typeof UpdateConversationRequest_.fields> {}
/**
 * @since 0.1.0
 * @category requests
 */
export interface UpdateConversationRequest extends Schema.Schema.Type<typeof UpdateConversationRequest_> {}

const ListConversationsRequest_ = struct("ListConversationsRequest", {
  only_active: Schema.Boolean,
  app_id: optional(Ids.AppId),
  contact_id: optional(Ids.ContactId),
  page_size: optional(Schema.Int),
  page_token: optional(Schema.String),
  active_channel: optional(Enums.ConversationChannel)
})

/**
 * The query of `GET /v1/projects/{project_id}/conversations`: `only_active` is required, and one of `app_id` or
 * `contact_id`.
 *
 * @since 0.1.0
 * @category requests
 */
export const ListConversationsRequest: ListConversationsRequestSchema = ListConversationsRequest_
/**
 * The schema of {@link ListConversationsRequest}, as a struct.
 *
 * @since 0.1.0
 * @category requests
 */
export interface ListConversationsRequestSchema extends Schema.Struct<typeof ListConversationsRequest_.fields> {}
/**
 * @since 0.1.0
 * @category requests
 */
export interface ListConversationsRequest extends Schema.Schema.Type<typeof ListConversationsRequest_> {}

const ListConversationsResponse_ = struct("ListConversationsResponse", {
  conversations: page(Conversation),
  next_page_token: nextPageToken,
  total_size: optional(Int64)
})

/**
 * One page of conversations.
 *
 * @since 0.1.0
 * @category responses
 */
export const ListConversationsResponse: ListConversationsResponseSchema = ListConversationsResponse_
/**
 * The schema of {@link ListConversationsResponse}, as a struct.
 *
 * @since 0.1.0
 * @category responses
 */
export interface ListConversationsResponseSchema extends Schema.Struct<typeof ListConversationsResponse_.fields> {}
/**
 * @since 0.1.0
 * @category responses
 */
export interface ListConversationsResponse extends Schema.Schema.Type<typeof ListConversationsResponse_> {}

const ListRecentConversationsRequest_ = struct("ListRecentConversationsRequest", {
  app_id: Ids.AppId,
  only_active: optional(Schema.Boolean),
  page_size: optional(Schema.Int),
  page_token: optional(Schema.String),
  order: optional(Enums.ConversationsListOrder)
})

/**
 * The query of `GET /v1/projects/{project_id}/conversations:recent`.
 *
 * @since 0.1.0
 * @category requests
 */
export const ListRecentConversationsRequest: ListRecentConversationsRequestSchema = ListRecentConversationsRequest_
/**
 * The schema of {@link ListRecentConversationsRequest}, as a struct.
 *
 * @since 0.1.0
 * @category requests
 */
export interface ListRecentConversationsRequestSchema extends Schema.Struct<
  typeof ListRecentConversationsRequest_.fields
> {}
/**
 * @since 0.1.0
 * @category requests
 */
export interface ListRecentConversationsRequest extends Schema.Schema.Type<typeof ListRecentConversationsRequest_> {}

const ConversationWithLastMessage_ = struct("ConversationWithLastMessage", {
  conversation: optional(Conversation),
  last_message: optional(Messages.ConversationMessage)
})

/**
 * A conversation with its most recent message.
 *
 * @since 0.1.0
 * @category models
 */
export const ConversationWithLastMessage: ConversationWithLastMessageSchema = ConversationWithLastMessage_
/**
 * The schema of {@link ConversationWithLastMessage}, as a struct.
 *
 * @since 0.1.0
 * @category models
 */
export interface ConversationWithLastMessageSchema extends Schema.Struct<typeof ConversationWithLastMessage_.fields> {}
/**
 * @since 0.1.0
 * @category models
 */
export interface ConversationWithLastMessage extends Schema.Schema.Type<typeof ConversationWithLastMessage_> {}

const ListRecentConversationsResponse_ = struct("ListRecentConversationsResponse", {
  conversations: page(ConversationWithLastMessage),
  next_page_token: nextPageToken,
  total_size: optional(Int64)
})

/**
 * One page of recent conversations, ordered by their last message.
 *
 * @since 0.1.0
 * @category responses
 */
export const ListRecentConversationsResponse: ListRecentConversationsResponseSchema = ListRecentConversationsResponse_
/**
 * The schema of {@link ListRecentConversationsResponse}, as a struct.
 *
 * @since 0.1.0
 * @category responses
 */
export interface ListRecentConversationsResponseSchema extends Schema.Struct<
  typeof ListRecentConversationsResponse_.fields
> {}
/**
 * @since 0.1.0
 * @category responses
 */
export interface ListRecentConversationsResponse extends Schema.Schema.Type<typeof ListRecentConversationsResponse_> {}

const InjectMessageRequest_ = struct("InjectMessageRequest", {
  app_message: optional(Messages.AppMessage),
  contact_message: optional(Messages.ContactMessage),
  accept_time: Timestamp,
  channel_identity: Common.ChannelIdentity,
  contact_id: optional(Ids.ContactId),
  direction: Enums.ConversationDirection,
  metadata: optional(Schema.String),
  conversation_id: optional(Ids.ConversationId),
  sender_id: optional(Schema.String),
  processing_mode: optional(Enums.ProcessingMode)
})

/**
 * The body of `POST /v1/projects/{project_id}/conversations/{conversation_id}:inject-message`: a message recorded in
 * the conversation without being sent. `accept_time` must be within the last 30 days.
 *
 * @since 0.1.0
 * @category requests
 */
export const InjectMessageRequest: InjectMessageRequestSchema = InjectMessageRequest_
/**
 * The schema of {@link InjectMessageRequest}, as a struct.
 *
 * @since 0.1.0
 * @category requests
 */
export interface InjectMessageRequestSchema extends Schema.Struct<typeof InjectMessageRequest_.fields> {}
/**
 * @since 0.1.0
 * @category requests
 */
export interface InjectMessageRequest extends Schema.Schema.Type<typeof InjectMessageRequest_> {}
