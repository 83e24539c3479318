/**
 * Branded identifiers. Every ID of the API is a string on the wire; the brand keeps an `AppId` from being passed where
 * a `ContactId` is expected. Construct one with `AppId.make("01E...")`.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * The ID of a Sinch project.
 *
 * @since 0.1.0
 * @category ids
 */
export const ProjectId = Schema.String.pipe(
  Schema.brand("@sinch-effect/ProjectId"),
  Schema.annotations({ identifier: "ProjectId" })
)
/**
 * @since 0.1.0
 * @category ids
 */
export type ProjectId = typeof ProjectId.Type

/**
 * The ID of a Conversation API app.
 *
 * @since 0.1.0
 * @category ids
 */
export const AppId = Schema.String.pipe(
  Schema.brand("@sinch-effect/AppId"),
  Schema.annotations({ identifier: "AppId" })
)
/**
 * @since 0.1.0
 * @category ids
 */
export type AppId = typeof AppId.Type

/**
 * The ID of a contact.
 *
 * @since 0.1.0
 * @category ids
 */
export const ContactId = Schema.String.pipe(
  Schema.brand("@sinch-effect/ContactId"),
  Schema.annotations({ identifier: "ContactId" })
)
/**
 * @since 0.1.0
 * @category ids
 */
export type ContactId = typeof ContactId.Type

/**
 * The ID of a conversation.
 *
 * @since 0.1.0
 * @category ids
 */
export const ConversationId = Schema.String.pipe(
  Schema.brand("@sinch-effect/ConversationId"),
  Schema.annotations({ identifier: "ConversationId" })
)
/**
 * @since 0.1.0
 * @category ids
 */
export type ConversationId = typeof ConversationId.Type

/**
 * The ID of a message.
 *
 * @since 0.1.0
 * @category ids
 */
export const MessageId = Schema.String.pipe(
  Schema.brand("@sinch-effect/MessageId"),
  Schema.annotations({ identifier: "MessageId" })
)
/**
 * @since 0.1.0
 * @category ids
 */
export type MessageId = typeof MessageId.Type

/**
 * The ID of an event.
 *
 * @since 0.1.0
 * @category ids
 */
export const EventId = Schema.String.pipe(
  Schema.brand("@sinch-effect/EventId"),
  Schema.annotations({ identifier: "EventId" })
)
/**
 * @since 0.1.0
 * @category ids
 */
export type EventId = typeof EventId.Type

/**
 * The ID of a webhook.
 *
 * @since 0.1.0
 * @category ids
 */
export const WebhookId = Schema.String.pipe(
  Schema.brand("@sinch-effect/WebhookId"),
  Schema.annotations({ identifier: "WebhookId" })
)
/**
 * @since 0.1.0
 * @category ids
 */
export type WebhookId = typeof WebhookId.Type

/**
 * The ID of a batch of the Batch API (a batch of messages or of consent records).
 *
 * @since 0.2.0
 * @category ids
 */
export const BatchId = Schema.String.pipe(
  Schema.brand("@sinch-effect/BatchId"),
  Schema.annotations({ identifier: "BatchId" })
)
/**
 * @since 0.2.0
 * @category ids
 */
export type BatchId = typeof BatchId.Type
