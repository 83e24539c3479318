/**
 * The body Sinch sends with every non-2xx answer: `{ "error": { "code", "message", "status", "details" } }`.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { JsonObject, optional } from "./internal/schema.js"

/**
 * The `error` object: the HTTP status code, a developer-facing message, the status name (`INVALID_ARGUMENT`,
 * `UNAUTHENTICATED`, `NOT_FOUND`, `RESOURCE_EXHAUSTED`, ...) and free-form details (google.rpc style objects).
 *
 * @since 0.1.0
 * @category models
 */
export const ErrorDetail = Schema.Struct({
  code: optional(Schema.JsonNumber),
  message: optional(Schema.String),
  status: optional(Schema.String),
  details: optional(Schema.Array(JsonObject))
}).annotations({ identifier: "ErrorDetail" })
/**
 * @since 0.1.0
 * @category models
 */
export type ErrorDetail = typeof ErrorDetail.Type

/**
 * The whole error body.
 *
 * @since 0.1.0
 * @category models
 */
export const ErrorResponse = Schema.Struct({
  error: ErrorDetail
}).annotations({ identifier: "ErrorResponse" })
/**
 * @since 0.1.0
 * @category models
 */
export type ErrorResponse = typeof ErrorResponse.Type
