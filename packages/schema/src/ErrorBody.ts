/**
 * The body Sinch sends with every non-2xx answer: `{ "error": { "code", "message", "status", "details" } }`.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { JsonObject, optional, struct } from "./internal/schema.js"

const ErrorDetail_ = struct("ErrorDetail", {
  code: optional(Schema.JsonNumber),
  message: optional(Schema.String),
  status: optional(Schema.String),
  details: optional(Schema.Array(JsonObject))
})

/**
 * The `error` object: the HTTP status code, a developer-facing message, the status name (`INVALID_ARGUMENT`,
 * `UNAUTHENTICATED`, `NOT_FOUND`, `RESOURCE_EXHAUSTED`, ...) and free-form details (google.rpc style objects).
 *
 * @since 0.1.0
 * @category models
 */
export const ErrorDetail: ErrorDetailSchema = ErrorDetail_
/**
 * The schema of {@link ErrorDetail}, as a struct.
 *
 * @since 0.1.0
 * @category models
 */
export interface ErrorDetailSchema extends Schema.Struct<typeof ErrorDetail_.fields> {}
/**
 * @since 0.1.0
 * @category models
 */
export interface ErrorDetail extends Schema.Schema.Type<typeof ErrorDetail_> {}

const ErrorResponse_ = struct("ErrorResponse", {
  error: ErrorDetail
})

/**
 * The whole error body.
 *
 * @since 0.1.0
 * @category models
 */
export const ErrorResponse: ErrorResponseSchema = ErrorResponse_
/**
 * The schema of {@link ErrorResponse}, as a struct.
 *
 * @since 0.1.0
 * @category models
 */
export interface ErrorResponseSchema extends Schema.Struct<typeof ErrorResponse_.fields> {}
/**
 * @since 0.1.0
 * @category models
 */
export interface ErrorResponse extends Schema.Schema.Type<typeof ErrorResponse_> {}
