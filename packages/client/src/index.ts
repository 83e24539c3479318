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
 * Token pagination as `Stream`s.
 *
 * @since 0.1.0
 */
export * as Pagination from "./Pagination.js"

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
