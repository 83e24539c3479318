/**
 * @since 0.1.0
 */

/**
 * A stateful Sinch Conversation API on localhost.
 *
 * @since 0.1.0
 */
export * as Emulator from "./Emulator.js"

/**
 * Fault injection rules.
 *
 * @since 0.1.0
 */
export * as Fault from "./Fault.js"
