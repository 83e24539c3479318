/**
 * The errors of the client: a small union of `Schema.TaggedError` classes to match with `Effect.catchTag`.
 *
 * Every message is readable and carries no secret: credentials and tokens never enter an error.
 *
 * @since 0.1.0
 */
import { ErrorBody as ErrorBodySchema } from "@sinch-effect/schema"
import * as Duration from "effect/Duration"
import * as Predicate from "effect/Predicate"
import * as Schema from "effect/Schema"

/**
 * The `error` object of a Sinch error body (`{ "error": { code, message, status, details } }`), from
 * `@sinch-effect/schema`.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ErrorDetails = ErrorBodySchema.ErrorDetail

/**
 * @since 0.1.0
 * @category models
 */
export type ErrorDetails = ErrorBodySchema.ErrorDetail

/**
 * A Sinch error body.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ErrorBody = ErrorBodySchema.ErrorResponse

/**
 * Fields shared by the HTTP status errors.
 *
 * @since 0.1.0
 * @category fields
 */
export const StatusErrorFields = {
  /** The operation, e.g. `"messages.send"`. */
  operation: Schema.String,
  method: Schema.String,
  /** The path template, e.g. `/v1/projects/{project_id}/messages/{message_id}`. */
  path: Schema.String,
  status: Schema.Number,
  /** The decoded Sinch error body, when the response carried one. */
  error: Schema.optional(ErrorDetails),
  /** The first characters of a body that was not a Sinch error (an HTML page from a proxy, ...). */
  bodySnippet: Schema.optional(Schema.String),
  /** The request id Sinch returned in a response header, if any. */
  requestId: Schema.optional(Schema.String)
}

interface StatusFields {
  readonly operation: string
  readonly method: string
  readonly path: string
  readonly status: number
  readonly error?: ErrorDetails | undefined
  readonly bodySnippet?: string | undefined
  readonly requestId?: string | undefined
}

const describeStatus = (kind: string, self: StatusFields): string => {
  const parts = [`${self.operation} failed: ${self.status} ${kind}`]
  if (self.error?.status !== undefined) parts.push(self.error.status)
  let text = parts.join(" ")
  if (self.error?.message !== undefined && self.error.message !== "") text += ` - ${self.error.message}`
  else if (self.bodySnippet !== undefined && self.bodySnippet !== "") text += ` - ${JSON.stringify(self.bodySnippet)}`
  text += ` (${self.method} ${self.path}`
  if (self.requestId !== undefined) text += `, request id ${self.requestId}`
  return text + ")"
}

/**
 * 400: the request was malformed or had invalid fields. Not retried.
 *
 * @since 0.1.0
 * @category errors
 */
export class BadRequest extends Schema.TaggedError<BadRequest>("@sinch-effect/client/BadRequest")(
  "BadRequest",
  StatusErrorFields
) {
  /** @since 0.1.0 */
  override get message(): string {
    return describeStatus("Bad Request", this)
  }
}

/**
 * 401: invalid credentials or an expired token (after the client refreshed the token and retried once).
 *
 * @since 0.1.0
 * @category errors
 */
export class Unauthorized extends Schema.TaggedError<Unauthorized>("@sinch-effect/client/Unauthorized")(
  "Unauthorized",
  StatusErrorFields
) {
  /** @since 0.1.0 */
  override get message(): string {
    return describeStatus("Unauthorized", this)
  }
}

/**
 * 403: the credentials do not give access to the resource (or the project is blocked, e.g.
 * `BILLING_CREDIT_LIMIT_BREACHED`).
 *
 * @since 0.1.0
 * @category errors
 */
export class Forbidden extends Schema.TaggedError<Forbidden>("@sinch-effect/client/Forbidden")(
  "Forbidden",
  StatusErrorFields
) {
  /** @since 0.1.0 */
  override get message(): string {
    return describeStatus("Forbidden", this)
  }
}

/**
 * 404: the resource does not exist (or lives in another region).
 *
 * @since 0.1.0
 * @category errors
 */
export class NotFound extends Schema.TaggedError<NotFound>("@sinch-effect/client/NotFound")(
  "NotFound",
  StatusErrorFields
) {
  /** @since 0.1.0 */
  override get message(): string {
    return describeStatus("Not Found", this)
  }
}

/**
 * 429: too many requests. `retryAfter` is the server's `Retry-After`, when it sent one.
 *
 * @since 0.1.0
 * @category errors
 */
export class RateLimited extends Schema.TaggedError<RateLimited>("@sinch-effect/client/RateLimited")("RateLimited", {
  ...StatusErrorFields,
  retryAfter: Schema.optional(Schema.DurationFromSelf)
}) {
  /** @since 0.1.0 */
  override get message(): string {
    const base = describeStatus("Too Many Requests", this)
    return this.retryAfter === undefined ? base : `${base}; retry after ${Duration.format(this.retryAfter)}`
  }
}

/**
 * 5xx, or any other status the client does not know: a failure on Sinch's side (or a proxy's).
 *
 * @since 0.1.0
 * @category errors
 */
export class ServerError extends Schema.TaggedError<ServerError>("@sinch-effect/client/ServerError")(
  "ServerError",
  StatusErrorFields
) {
  /** @since 0.1.0 */
  override get message(): string {
    return describeStatus(this.status >= 500 ? "Server Error" : "Unexpected Status", this)
  }
}

/**
 * 3xx: the server answered with a redirect. Sinch does not redirect its API, so the client never follows one (a
 * redirect to another origin could answer in the API's name); the request was not processed at the configured URL. Not
 * retried.
 *
 * @since 0.1.0
 * @category errors
 */
export class Redirected extends Schema.TaggedError<Redirected>("@sinch-effect/client/Redirected")("Redirected", {
  ...StatusErrorFields,
  /** The origin (scheme, host, port) of the `Location` header, when it had a valid one; never its path or query. */
  locationOrigin: Schema.optional(Schema.String)
}) {
  /** @since 0.1.0 */
  override get message(): string {
    const to = this.locationOrigin === undefined ? "" : ` to ${this.locationOrigin}`
    return `${this.operation} failed: ${this.status} redirect${to}, not followed: Sinch does not redirect its API (${this.method} ${this.path})`
  }
}

/**
 * Why a request did not get a response.
 * - `ConnectionRefused`: the connection could not be opened (refused, DNS failure): the request was provably not sent.
 * - `Transport`: the connection failed or was dropped; the request may have been sent.
 * - `ResponseBody`: the response started but its body could not be read.
 * - `InvalidUrl`: the URL could not be built.
 *
 * @since 0.1.0
 * @category models
 */
export type TransportReason = "ConnectionRefused" | "Transport" | "ResponseBody" | "InvalidUrl"

/**
 * No (complete) response was received.
 *
 * @since 0.1.0
 * @category errors
 */
export class TransportError extends Schema.TaggedError<TransportError>("@sinch-effect/client/TransportError")(
  "TransportError",
  {
    operation: Schema.String,
    method: Schema.String,
    path: Schema.String,
    reason: Schema.Literal("ConnectionRefused", "Transport", "ResponseBody", "InvalidUrl"),
    /** A description of the underlying failure (never contains headers or credentials). */
    detail: Schema.String
  }
) {
  /** @since 0.1.0 */
  override get message(): string {
    return `${this.operation} failed: ${this.reason} error (${this.method} ${this.path}): ${this.detail}`
  }
  /** Whether the request provably never reached the server. @since 0.1.0 */
  get notSent(): boolean {
    return this.reason === "ConnectionRefused" || this.reason === "InvalidUrl"
  }
}

/**
 * One attempt took longer than the configured timeout, or the call's deadline passed (`deadline`). When `notSent` is
 * true, the client's own rate limiter had no slot for the attempt before the deadline (the call fails as soon as the
 * slot is known to come later, or when the deadline passes while a shared limiter's store does not answer): that
 * attempt sent nothing to the API (so a send is not `SendOutcomeUnknown`).
 *
 * @since 0.1.0
 * @category errors
 */
export class Timeout extends Schema.TaggedError<Timeout>("@sinch-effect/client/Timeout")("Timeout", {
  operation: Schema.String,
  method: Schema.String,
  path: Schema.String,
  /** The limit that passed: `SinchConfig.timeout` for one attempt, or the call's `SinchConfig.deadline`. */
  timeout: Schema.DurationFromSelf,
  /** Whether the call's deadline passed (then `timeout` is the deadline), rather than one attempt's timeout. */
  deadline: Schema.optionalWith(Schema.Boolean, { default: () => false }),
  /** The attempt during which the deadline passed (the first is 1). */
  attempts: Schema.optional(Schema.Number),
  /** Whether the client's rate limiter had no slot before the deadline, so that the attempt sent nothing. */
  notSent: Schema.optionalWith(Schema.Boolean, { default: () => false })
}) {
  /** @since 0.1.0 */
  override get message(): string {
    const where = `(${this.method} ${this.path})`
    if (!this.deadline && !this.notSent)
      return `${this.operation} timed out after ${Duration.format(this.timeout)} ${where}`
    const passed = `${this.operation} timed out: its deadline of ${Duration.format(this.timeout)} passed`
    const attempt = this.attempts ?? 1
    if (!this.notSent) return `${passed} during attempt ${attempt} ${where}`
    const sent = attempt === 1 ? "nothing was sent to the API" : `attempt ${attempt} sent nothing to the API`
    return `${this.operation} timed out: the client's rate limiter had no slot for it before its deadline of ${Duration.format(this.timeout)}; ${sent} ${where}`
  }
}

/**
 * The response body was larger than `SinchConfig.maxResponseBytes`. Reading stopped at the limit (or before reading,
 * when `Content-Length` announced more) and the connection was closed. Not retried: the same request would get the same
 * body. `status` says whether the server processed the request (a 2xx to a send: it was sent).
 *
 * @since 0.1.0
 * @category errors
 */
export class ResponseTooLarge extends Schema.TaggedError<ResponseTooLarge>("@sinch-effect/client/ResponseTooLarge")(
  "ResponseTooLarge",
  {
    operation: Schema.String,
    method: Schema.String,
    path: Schema.String,
    status: Schema.Number,
    /** The limit in bytes. */
    limit: Schema.Number,
    /** The `Content-Length` the server announced, when it announced one above the limit. */
    contentLength: Schema.optional(Schema.Number)
  }
) {
  /** @since 0.1.0 */
  override get message(): string {
    const announced = this.contentLength === undefined ? "" : ` (Content-Length ${this.contentLength})`
    return `${this.operation} returned a body larger than the ${this.limit}-byte limit${announced} (${this.status}, ${this.method} ${this.path})`
  }
}

/**
 * Why the token endpoint did not give a token.
 * - `Status`: it answered an error status (`status`, `error`);
 * - `Transport`: no complete response (refused, dropped, unreadable);
 * - `Timeout`: it did not answer within the timeout;
 * - `InvalidResponse`: a 2xx whose body is not a usable token (not JSON, empty `access_token`, ...), a redirect, or a
 *   body over the size limit.
 *
 * @since 0.1.0
 * @category models
 */
export type TokenReason = "Status" | "Transport" | "Timeout" | "InvalidResponse"

/**
 * The OAuth2 token endpoint did not give a token, so the operation sent nothing to the API. Distinct from
 * `SendOutcomeUnknown`: even a send is retried safely when `transient` is true (token endpoint 429, 5xx, transport
 * failure, timeout), within the operation's one retry budget.
 *
 * @since 0.1.0
 * @category errors
 */
export class TokenError extends Schema.TaggedError<TokenError>("@sinch-effect/client/TokenError")("TokenError", {
  /** Always `"auth.token"`. */
  operation: Schema.String,
  method: Schema.String,
  path: Schema.String,
  reason: Schema.Literal("Status", "Transport", "Timeout", "InvalidResponse"),
  /** The token endpoint's status, when it answered. */
  status: Schema.optional(Schema.Number),
  /** The decoded error body of the token endpoint, when it sent one. */
  error: Schema.optional(ErrorDetails),
  /** The token endpoint's `Retry-After` (with a 429). */
  retryAfter: Schema.optional(Schema.DurationFromSelf),
  /** Whether a later attempt may succeed (429, 5xx, transport failure, timeout). */
  transient: Schema.Boolean,
  /** What went wrong, without any credential. */
  detail: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `could not get an access token, nothing was sent to the API: ${this.detail}`
  }
}

/**
 * A successful response whose body does not match the expected schema (or is not JSON). `where` says which part.
 *
 * @since 0.1.0
 * @category errors
 */
export class ResponseDecodeError extends Schema.TaggedError<ResponseDecodeError>(
  "@sinch-effect/client/ResponseDecodeError"
)("ResponseDecodeError", {
  operation: Schema.String,
  method: Schema.String,
  path: Schema.String,
  status: Schema.Number,
  /** Where decoding failed: a JSON syntax error position or the schema path of the mismatch. */
  where: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `${this.operation} returned an unexpected body (${this.status}, ${this.method} ${this.path}): ${this.where}`
  }
}

/**
 * The request given to the client could not be encoded (it does not satisfy the request schema).
 *
 * @since 0.1.0
 * @category errors
 */
export class InvalidRequest extends Schema.TaggedError<InvalidRequest>("@sinch-effect/client/InvalidRequest")(
  "InvalidRequest",
  {
    operation: Schema.String,
    where: Schema.String
  }
) {
  /** @since 0.1.0 */
  override get message(): string {
    return `${this.operation}: invalid request: ${this.where}`
  }
}

/**
 * A non-idempotent request (send, create, inject, merge) may or may not have been processed: the connection dropped
 * after sending, the attempt timed out, or the server answered 5xx. The client did not retry it, so that nothing is
 * sent twice. Reconcile through callbacks, which carry `correlationId` (filled by the client when the caller gave none),
 * or through `messages.list`, matching a key you put in `message_metadata` (stored messages return it as `metadata`;
 * they do not carry the correlation id). docs/errors-and-retries.md shows both.
 *
 * @since 0.1.0
 * @category errors
 */
export class SendOutcomeUnknown extends Schema.TaggedError<SendOutcomeUnknown>(
  "@sinch-effect/client/SendOutcomeUnknown"
)("SendOutcomeUnknown", {
  operation: Schema.String,
  method: Schema.String,
  path: Schema.String,
  /** The correlation id of the request, when the operation has one. */
  correlationId: Schema.optional(Schema.String),
  /** How many attempts were made. */
  attempts: Schema.Number,
  /** The failure that left the outcome unknown. */
  reason: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    const id = this.correlationId === undefined ? "" : ` (correlation_id ${this.correlationId})`
    return `${this.operation}: outcome unknown after ${this.attempts} attempt(s)${id}; it may or may not have been processed: ${this.reason}`
  }
}

/**
 * A paginated list misbehaved: the server returned a page token already seen (which would loop forever), or too many
 * empty pages in a row; or a walk was asked to resume from a token it never returned (`InvalidToken`).
 *
 * @since 0.1.0
 * @category errors
 */
export class PaginationError extends Schema.TaggedError<PaginationError>("@sinch-effect/client/PaginationError")(
  "PaginationError",
  {
    operation: Schema.String,
    reason: Schema.Literal("RepeatedToken", "TooManyEmptyPages", "InvalidToken"),
    /** Pages received before the failure. */
    pages: Schema.Number
  }
) {
  /** @since 0.1.0 */
  override get message(): string {
    switch (this.reason) {
      case "RepeatedToken":
        return `${this.operation}: the server returned a page token it had already returned (after ${this.pages} pages); stopping instead of looping`
      case "TooManyEmptyPages":
        return `${this.operation}: too many consecutive empty pages (after ${this.pages} pages)`
      case "InvalidToken":
        return `${this.operation}: the page token to resume from is not one this list returned`
    }
  }
}

/**
 * Every error an operation of the client can fail with.
 *
 * @since 0.1.0
 * @category models
 */
export type SinchError =
  | BadRequest
  | Unauthorized
  | Forbidden
  | NotFound
  | RateLimited
  | ServerError
  | Redirected
  | TransportError
  | Timeout
  | ResponseTooLarge
  | ResponseDecodeError
  | TokenError
  | InvalidRequest
  | SendOutcomeUnknown

/**
 * Errors that carry an HTTP status.
 *
 * @since 0.1.0
 * @category models
 */
export type StatusError = BadRequest | Unauthorized | Forbidden | NotFound | RateLimited | ServerError | Redirected

const tags = new Set([
  "BadRequest",
  "Unauthorized",
  "Forbidden",
  "NotFound",
  "RateLimited",
  "ServerError",
  "Redirected",
  "TransportError",
  "Timeout",
  "ResponseTooLarge",
  "ResponseDecodeError",
  "TokenError",
  "InvalidRequest",
  "SendOutcomeUnknown",
  "PaginationError"
])

/**
 * Whether a value is an error of the client (a `SinchError` or a `PaginationError`), recognized by its `_tag` and
 * its `operation` (so that it also holds for errors made by another copy of this package).
 *
 * @since 0.1.0
 * @category guards
 */
export const isSinchError = (u: unknown): u is SinchError | PaginationError =>
  Predicate.hasProperty(u, "_tag") &&
  typeof u._tag === "string" &&
  tags.has(u._tag) &&
  Predicate.hasProperty(u, "operation") &&
  typeof u.operation === "string"

/**
 * Whether an error is transient: worth retrying for an idempotent request (429, 5xx, transport failures, timeouts).
 *
 * @since 0.1.0
 * @category predicates
 */
export const isTransient = (error: SinchError): boolean => {
  switch (error._tag) {
    case "TokenError":
      return error.transient
    case "RateLimited":
    case "TransportError":
    case "Timeout":
      return error._tag !== "TransportError" || error.reason !== "InvalidUrl"
    case "ServerError":
      return error.status >= 500
    default:
      return false
  }
}

/**
 * Whether an error proves the request was not processed and is worth retrying, so that even a non-idempotent request
 * can be retried: a 429 (rejected before processing), a connection that could not be opened, a transient failure to
 * get a token, or a rate limiter with no slot before the call's deadline (nothing was sent).
 *
 * @since 0.1.0
 * @category predicates
 */
export const isNotProcessed = (error: SinchError): boolean =>
  error._tag === "RateLimited" ||
  (error._tag === "Timeout" && error.notSent) ||
  (error._tag === "TransportError" && error.reason === "ConnectionRefused") ||
  (error._tag === "TokenError" && error.transient)
