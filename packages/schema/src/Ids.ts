/**
 * Branded identifiers. Every ID of the API is a string on the wire; the brand keeps an `AppId` from being passed where
 * a `ContactId` is expected. Construct one with `AppId.make("01E...")`.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * A string ID branded `@sinch-effect/<name>`, with `name` as its identifier. Its `make` brands a string as it is:
 * Effect's own `make` runs its parser on every call (about 1 µs), and any string is an ID, so only anything else
 * goes to it (with the same error, or the value itself with `disableValidation`).
 */
const branded = <const Name extends string>(name: Name) => {
  const schema = Schema.String.pipe(Schema.brand(`@sinch-effect/${name}`), Schema.annotations({ identifier: name }))
  const validated = schema.make
  schema.make = (a, options) => (typeof a === "string" ? (a as typeof schema.Type) : validated(a, options))
  return schema
}

/**
 * The ID of a Sinch project.
 *
 * @since 0.1.0
 * @category ids
 */
export const ProjectId = branded("ProjectId")
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
export const AppId = branded("AppId")
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
export const ContactId = branded("ContactId")
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
export const ConversationId = branded("ConversationId")
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
export const MessageId = branded("MessageId")
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
export const EventId = branded("EventId")
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
export const WebhookId = branded("WebhookId")
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
export const BatchId = branded("BatchId")
/**
 * @since 0.2.0
 * @category ids
 */
export type BatchId = typeof BatchId.Type
