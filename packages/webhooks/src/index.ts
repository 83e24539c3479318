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
