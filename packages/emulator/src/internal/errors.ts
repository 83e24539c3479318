/**
 * Sinch (Google-style) error bodies: `{"error":{"code","message","status","details"?}}`, and the `Result` of a
 * handler: a value, or the error to answer with.
 */
import * as Either from "effect/Either"

/** One field violation of a 400 answer. */
export interface FieldViolation {
  readonly field: string
  readonly description: string
}

/** An API error raised by a handler; turned into a Sinch error body by the server. */
export interface ApiError {
  readonly _tag: "ApiError"
  readonly code: number
  readonly status: string
  readonly message: string
  readonly details?: ReadonlyArray<unknown>
  readonly headers?: Readonly<Record<string, string>>
}

/** What a handler or a store lookup gives: a value, or the Sinch error to answer with. */
export type Result<A> = Either.Either<A, ApiError>

/** The value of a result, or throws its error (for the emulator's own control routes, which still throw). */
export const orThrow = <A>(result: Result<A>): A => Either.getOrThrowWith(result, (e) => e)

/** Type guard for thrown API errors. */
export const isApiError = (u: unknown): u is ApiError =>
  typeof u === "object" && u !== null && (u as { _tag?: unknown })._tag === "ApiError"

/** Builds an API error. */
export const apiError = (
  code: number,
  status: string,
  message: string,
  details?: ReadonlyArray<unknown>,
  headers?: Readonly<Record<string, string>>
): ApiError => ({
  _tag: "ApiError",
  code,
  status,
  message,
  ...(details !== undefined && details.length > 0 ? { details } : {}),
  ...(headers !== undefined ? { headers } : {})
})

/** 400 INVALID_ARGUMENT with google.rpc.BadRequest field violations. */
export const invalidArgument = (violations: ReadonlyArray<FieldViolation>, message?: string): ApiError =>
  apiError(
    400,
    "INVALID_ARGUMENT",
    message ??
      (violations.length > 0
        ? `Invalid argument: ${violations.map((v) => `${v.field}: ${v.description}`).join("; ")}`
        : "Invalid argument"),
    violations.length > 0
      ? [{ "@type": "type.googleapis.com/google.rpc.BadRequest", field_violations: violations }]
      : undefined
  )

/** 400 with a single violation. */
export const badField = (field: string, description: string): ApiError => invalidArgument([{ field, description }])

/** 400 FAILED_PRECONDITION. */
export const failedPrecondition = (message: string): ApiError => apiError(400, "FAILED_PRECONDITION", message)

/** 404 NOT_FOUND with a google.rpc.ResourceInfo detail. */
export const notFound = (resourceType: string, resourceName: string): ApiError =>
  apiError(404, "NOT_FOUND", `${resourceType} ${resourceName} not found`, [
    {
      "@type": "type.googleapis.com/google.rpc.ResourceInfo",
      resourceType,
      resourceName,
      owner: "",
      description: `The requested ${resourceType} was not found`
    }
  ])

/** 401 UNAUTHENTICATED. */
export const unauthenticated = (message = "Request had invalid credentials."): ApiError =>
  apiError(401, "UNAUTHENTICATED", message, undefined, { "www-authenticate": 'Bearer realm="sinch"' })

/** 403 PERMISSION_DENIED. */
export const permissionDenied = (projectId: string): ApiError =>
  apiError(403, "PERMISSION_DENIED", `UNAUTHORIZED: the credentials are not associated with project ${projectId}`)

/** 429 RESOURCE_EXHAUSTED with Retry-After. */
export const resourceExhausted = (retryAfterSeconds: number): ApiError =>
  apiError(
    429,
    "RESOURCE_EXHAUSTED",
    "Too many requests, please retry later",
    [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: `${retryAfterSeconds}s` }],
    { "retry-after": String(retryAfterSeconds) }
  )

const STATUS_BY_CODE: Record<number, string> = {
  400: "INVALID_ARGUMENT",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  405: "UNIMPLEMENTED",
  409: "ALREADY_EXISTS",
  413: "INVALID_ARGUMENT",
  429: "RESOURCE_EXHAUSTED",
  500: "INTERNAL",
  501: "UNIMPLEMENTED",
  502: "UNAVAILABLE",
  503: "UNAVAILABLE",
  504: "DEADLINE_EXCEEDED"
}

/** The canonical status name of an HTTP status code. */
export const statusName = (code: number): string => STATUS_BY_CODE[code] ?? "UNKNOWN"

/** A server-side error of a given HTTP status (faults). */
export const serverError = (code: number): ApiError =>
  apiError(
    code,
    statusName(code),
    code === 500
      ? "Internal error"
      : code === 502
        ? "Bad gateway"
        : code === 503
          ? "Service unavailable"
          : code === 504
            ? "Gateway timeout"
            : `Injected error ${code}`
  )

/** Serialises an API error as a Sinch error body. */
export const errorBody = (e: ApiError): string =>
  JSON.stringify({
    error: {
      code: e.code,
      message: e.message,
      status: e.status,
      ...(e.details !== undefined ? { details: e.details } : {})
    }
  })
