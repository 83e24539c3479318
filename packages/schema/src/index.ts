/**
 * Effect Schemas for every model of the Sinch Conversation API and its callbacks.
 *
 * @since 0.1.0
 */

/**
 * Apps: channel credentials, processing mode, retention and callback settings.
 *
 * @since 0.1.0
 */
export * as Apps from "./Apps.js"

/**
 * The Conversation Batch API: batch sends with parameters, scheduling, cancellation, status; bulk contacts and
 * consents.
 *
 * @since 0.2.0
 */
export * as Batch from "./Batch.js"

/**
 * Callbacks: every trigger's body and `Callback`, the union tagged by trigger.
 *
 * @since 0.1.0
 */
export * as Callbacks from "./Callbacks.js"

/**
 * Channel-specific payloads (WhatsApp Flows and payments, KakaoTalk commerce, LINE notification templates, the
 * WhatsApp Flows reply), typed.
 *
 * @since 0.2.0
 */
export * as ChannelSpecific from "./ChannelSpecific.js"

/**
 * Typed constructors of every app message and event kind and of their send requests, for `messages.send`,
 * `events.send` and batches.
 *
 * @since 0.2.0
 */
export * as Compose from "./Compose.js"

/**
 * Capability queries.
 *
 * @since 0.1.0
 */
export * as Capability from "./Capability.js"

/**
 * Channel identities, recipients, reasons and coordinates.
 *
 * @since 0.1.0
 */
export * as Common from "./Common.js"

/**
 * Consent lists and their audit records.
 *
 * @since 0.1.0
 */
export * as Consents from "./Consents.js"

/**
 * Contacts, merging, channel profiles and identity conflicts.
 *
 * @since 0.1.0
 */
export * as Contacts from "./Contacts.js"

/**
 * Conversations, recent conversations and message injection.
 *
 * @since 0.1.0
 */
export * as Conversations from "./Conversations.js"

/**
 * Compiled decoders for hot paths: the same answers as `Schema.decodeUnknownEither`, faster.
 *
 * @since 0.1.0
 */
export * as Decoder from "./Decoder.js"

/**
 * Compiled encoders for hot paths: the same answers as `Schema.encodeEither`, faster.
 *
 * @since 0.1.0
 */
export * as Encoder from "./Encoder.js"

/**
 * Every enum of the API, open to values added later.
 *
 * @since 0.1.0
 */
export * as Enums from "./Enums.js"

/**
 * The Sinch error body.
 *
 * @since 0.1.0
 */
export * as ErrorBody from "./ErrorBody.js"

/**
 * App events, contact events and event operations.
 *
 * @since 0.1.0
 */
export * as Events from "./Events.js"

/**
 * Branded IDs.
 *
 * @since 0.1.0
 */
export * as Ids from "./Ids.js"

/**
 * App messages, contact messages, stored messages and message operations.
 *
 * @since 0.1.0
 */
export * as Messages from "./Messages.js"

/**
 * Opt-in and opt-out registrations.
 *
 * @since 0.1.0
 */
export * as OptIns from "./OptIns.js"

/**
 * The one definition of every API operation (name, route, schemas, idempotency, pagination) that the client, the
 * emulator and the faults are generated from.
 *
 * @since 0.2.0
 */
export * as Operations from "./Operations.js"

/**
 * Project settings.
 *
 * @since 0.1.0
 */
export * as ProjectSettings from "./ProjectSettings.js"

/**
 * Templates (v1 and v2).
 *
 * @since 0.1.0
 */
export * as Templates from "./Templates.js"

/**
 * Message transcoding.
 *
 * @since 0.1.0
 */
export * as Transcoding from "./Transcoding.js"

/**
 * Webhooks.
 *
 * @since 0.1.0
 */
export * as Webhooks from "./Webhooks.js"
