/**
 * @since 0.1.0
 */

/**
 * Authentication of API requests (OAuth2 client credentials or HTTP Basic).
 *
 * @since 0.1.0
 */
export * as Auth from "./Auth.js"

/**
 * A keyed store of checkpoints (files by default, Redis through `@effect/experimental`'s `Persistence` for many
 * workers), shared by exports and batch jobs.
 *
 * @since 0.1.0
 */
export * as CheckpointStore from "./CheckpointStore.js"

/**
 * Campaigns on the Batch API: recipients of any number from a `Stream`, in batches, resumable from a checkpoint, with
 * the recipients of ambiguous batches reported; following a batch; bulk contacts and consents.
 *
 * @since 0.2.0
 */
export * as Campaign from "./Campaign.js"

/**
 * Lossless NDJSON exports of the paginated lists, with checkpoints.
 *
 * @since 0.1.0
 */
export * as Export from "./Export.js"

/**
 * The transport for Node: the client's requests over `node:http` with a keep-alive agent, in one step per exchange.
 *
 * @since 0.1.0
 */
export * as NodeTransport from "./NodeTransport.js"

/**
 * Token pagination as `Stream`s.
 *
 * @since 0.1.0
 */
export * as Pagination from "./Pagination.js"

/**
 * A project-wide rate limiter on every API call, optional per-app send pacing, shared across instances on Redis.
 *
 * @since 0.1.0
 */
export * as RateLimit from "./RateLimit.js"

/**
 * Retry policies as replaceable `Schedule`s.
 *
 * @since 0.1.0
 */
export * as Retry from "./Retry.js"

/**
 * Configuration of the client.
 *
 * @since 0.1.0
 */
export * as SinchConfig from "./SinchConfig.js"

/**
 * The errors of the client.
 *
 * @since 0.1.0
 */
export * as SinchError from "./SinchError.js"

/**
 * The `apps` group.
 *
 * @since 0.1.0
 */
export * as Apps from "./Apps.js"

/**
 * The `batch` group: the Conversation Batch API.
 *
 * @since 0.2.0
 */
export * as Batch from "./Batch.js"

/**
 * The `capability` group.
 *
 * @since 0.1.0
 */
export * as Capability from "./Capability.js"

/**
 * The `consents` group.
 *
 * @since 0.1.0
 */
export * as Consents from "./Consents.js"

/**
 * The `contacts` group.
 *
 * @since 0.1.0
 */
export * as Contacts from "./Contacts.js"

/**
 * The `conversations` group.
 *
 * @since 0.1.0
 */
export * as Conversations from "./Conversations.js"

/**
 * The `events` group.
 *
 * @since 0.1.0
 */
export * as Events from "./Events.js"

/**
 * The `messages` group.
 *
 * @since 0.1.0
 */
export * as Messages from "./Messages.js"

/**
 * The `optIns` and `optOuts` groups.
 *
 * @since 0.1.0
 */
export * as OptIns from "./OptIns.js"

/**
 * The `projectSettings` group.
 *
 * @since 0.1.0
 */
export * as ProjectSettings from "./ProjectSettings.js"

/**
 * The client service.
 *
 * @since 0.1.0
 */
export * as SinchClient from "./SinchClient.js"

/**
 * The `transcoding` group.
 *
 * @since 0.1.0
 */
export * as Transcoding from "./Transcoding.js"

/**
 * The `webhooks` group.
 *
 * @since 0.1.0
 */
export * as Webhooks from "./Webhooks.js"

/**
 * The `templates` group: the Template Management API v1 and v2.
 *
 * @since 0.2.0
 */
export * as Templates from "./Templates.js"
