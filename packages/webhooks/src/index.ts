/**
 * @since 0.1.0
 */

/**
 * Signing and verification of Sinch Conversation API callbacks.
 *
 * @since 0.1.0
 */
export * as Signature from "./Signature.js"

/**
 * Replay protection: a store of the nonces of callbacks already accepted.
 *
 * @since 0.1.0
 */
export * as NonceStore from "./NonceStore.js"

/**
 * Verify and decode Sinch Conversation API callbacks, server-free.
 *
 * @since 0.1.0
 */
export * as Webhooks from "./Webhooks.js"

/**
 * Verified callbacks as a bounded `Stream`.
 *
 * @since 0.1.0
 */
export * as EventQueue from "./EventQueue.js"

/**
 * Durable intake of verified callbacks on `@effect/experimental`'s PersistedQueue (in memory or on Redis): 200 only
 * once enqueued, workers on any instance, a dead-letter queue.
 *
 * @since 0.1.0
 */
export * as Intake from "./Intake.js"

/**
 * Idempotent effects keyed by message or event id, marks kept in `@effect/experimental`'s Persistence.
 *
 * @since 0.1.0
 */
export * as Idempotency from "./Idempotency.js"

/**
 * Adapter for `@effect/platform` HTTP servers: an `HttpApp` that verifies, decodes and dispatches callbacks.
 *
 * @since 0.1.0
 */
export * as Platform from "./Platform.js"

/**
 * Web standard (`Request` -> `Response`) adapter.
 *
 * @since 0.1.0
 */
export * as Web from "./Web.js"

/**
 * Node (`node:http`, Express) adapter.
 *
 * @since 0.1.0
 */
export * as Node from "./Node.js"
