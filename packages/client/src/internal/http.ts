import { Decoder } from "@sinch-effect/schema"
import type * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Predicate from "effect/Predicate"
import * as Stream from "effect/Stream"
import * as SinchError from "../SinchError.js"

/** @internal */
export interface Site {
  readonly operation: string
  readonly method: string
  readonly path: string
}

const notConnectedCodes = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "UND_ERR_CONNECT_TIMEOUT"
])

const collectCodes = (u: unknown, out: Array<string>, depth: number): void => {
  if (depth > 6 || !Predicate.isObject(u)) return
  if (Predicate.hasProperty(u, "code") && typeof u.code === "string") out.push(u.code)
  if (Predicate.hasProperty(u, "cause")) collectCodes(u.cause, out, depth + 1)
  if (Predicate.hasProperty(u, "errors") && Array.isArray(u.errors)) {
    for (const e of u.errors) collectCodes(e, out, depth + 1)
  }
}

/** Whether fetch refused the URL's port (the Fetch standard's "bad ports", e.g. 1 or 6000): nothing was sent. */
const isBadPort = (u: unknown, depth = 0): boolean =>
  depth <= 6 &&
  u instanceof Error &&
  (u.message === "bad port" || (u.cause !== undefined && isBadPort(u.cause, depth + 1)))

const describe = (u: unknown, depth = 0): string => {
  if (depth > 4) return ""
  if (u instanceof Error) {
    const code = Predicate.hasProperty(u, "code") && typeof u.code === "string" ? ` [${u.code}]` : ""
    const inner = u.cause === undefined ? "" : describe(u.cause, depth + 1)
    return `${u.message}${code}${inner === "" ? "" : `: ${inner}`}`
  }
  if (Predicate.hasProperty(u, "code") && typeof u.code === "string") return u.code
  return typeof u === "string" ? u : ""
}

/**
 * The error of a request that failed before a response: `cause` is what the transport threw (a Node error with a
 * `code`, fetch's `TypeError` with a `cause`, ...).
 *
 * @internal
 */
export const requestError = (
  site: Site,
  cause: unknown,
  invalidUrl = false,
  fallback = "the request failed"
): SinchError.TransportError => {
  const codes: Array<string> = []
  collectCodes(cause, codes, 0)
  const badPort = isBadPort(cause)
  const reason =
    invalidUrl || badPort
      ? "InvalidUrl"
      : codes.length > 0 && codes.every((c) => notConnectedCodes.has(c))
        ? "ConnectionRefused"
        : "Transport"
  const detail = describe(cause) || fallback
  return new SinchError.TransportError({
    ...site,
    reason,
    detail: badPort ? `${detail} (fetch refuses to connect to this port; use another one)` : detail
  })
}

/**
 * The error of a response whose body could not be read to its end.
 *
 * @internal
 */
export const bodyError = (site: Site, cause: unknown, fallback = "the body was cut off"): SinchError.TransportError =>
  new SinchError.TransportError({ ...site, reason: "ResponseBody", detail: describe(cause) || fallback })

/** @internal */
export const transportError = (site: Site, error: HttpClientError.HttpClientError): SinchError.TransportError =>
  error._tag === "RequestError"
    ? requestError(site, error.cause, error.reason === "InvalidUrl", error.reason)
    : bodyError(site, error.cause, error.reason)

/**
 * Parses a `Retry-After` header: delay-seconds or an HTTP date.
 *
 * @internal
 */
export const parseRetryAfter = (value: string | undefined, nowMillis: number): Duration.Duration | undefined => {
  if (value === undefined) return undefined
  const trimmed = value.trim()
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Duration.millis(Math.round(Number(trimmed) * 1000))
  const date = Date.parse(trimmed)
  if (Number.isNaN(date)) return undefined
  return Duration.millis(Math.max(0, date - nowMillis))
}

const decodeErrorBody = Decoder.make(SinchError.ErrorBody)

/**
 * Server text with anything that looks like a credential replaced by `[redacted]`: an `Authorization` value
 * (`Bearer ...`, `Basic ...`), a JWT, or the value of a key such as `access_token` or `client_secret`. A proxy that
 * echoes the request must not put the token into an error message.
 *
 * @internal
 */
export const scrub = (text: string): string =>
  text
    .replace(/\b(Bearer|Basic)(\s+)[^\s"',;]+/gi, "$1$2[redacted]")
    .replace(/\beyJ[\w-]{4,}\.[\w-]*\.[\w-]*/g, "[redacted]")
    .replace(
      /((?:access_token|refresh_token|id_token|client_secret|key_secret|password|authorization)["']?\s*[:=]\s*["']?)[^\s"',;&]+/gi,
      "$1[redacted]"
    )

const snippet = (text: string): string => {
  const collapsed = scrub(text).replace(/\s+/g, " ").trim()
  return collapsed.length > 200 ? `${collapsed.slice(0, 200)}...` : collapsed
}

/** @internal */
export const safeJsonParse = (text: string): Either.Either<unknown, string> => {
  try {
    return Either.right(JSON.parse(text))
  } catch (e) {
    return Either.left(e instanceof Error ? e.message : "invalid JSON")
  }
}

const requestIdHeaders = ["x-request-id", "x-sinch-request-id", "x-correlation-id"]

/**
 * The status and headers of a response (names in lower case), whichever transport read it.
 *
 * @internal
 */
export interface Head {
  readonly status: number
  readonly headers: Readonly<Record<string, string | ReadonlyArray<string> | undefined>>
}

/** The value of a header (the first one, when a header came several times). */
const header = (response: Head, name: string): string | undefined => {
  const value = response.headers[name]
  return typeof value === "string" ? value : value?.[0]
}

/** @internal */
export const statusError = (site: Site, response: Head, text: string, nowMillis: number): SinchError.StatusError => {
  const parsed = safeJsonParse(text)
  const body = Either.isRight(parsed) ? decodeErrorBody(parsed.right) : undefined
  let requestId: string | undefined
  for (const name of requestIdHeaders) {
    const value = header(response, name)
    if (value !== undefined) {
      requestId = value
      break
    }
  }
  const details = body !== undefined && Either.isRight(body) ? body.right.error : undefined
  const fields = {
    ...site,
    status: response.status,
    error: details?.message === undefined ? details : { ...details, message: scrub(details.message) },
    bodySnippet: body !== undefined && Either.isRight(body) ? undefined : text === "" ? undefined : snippet(text),
    requestId
  }
  if (response.status >= 300 && response.status < 400) {
    return new SinchError.Redirected({ ...fields, locationOrigin: originOf(header(response, "location")) })
  }
  switch (response.status) {
    case 400:
      return new SinchError.BadRequest(fields)
    case 401:
      return new SinchError.Unauthorized(fields)
    case 403:
      return new SinchError.Forbidden(fields)
    case 404:
      return new SinchError.NotFound(fields)
    case 429:
      return new SinchError.RateLimited({
        ...fields,
        retryAfter: parseRetryAfter(header(response, "retry-after"), nowMillis)
      })
    default:
      return response.status >= 400 && response.status < 500
        ? new SinchError.BadRequest(fields)
        : new SinchError.ServerError(fields)
  }
}

const originOf = (location: string | undefined): string | undefined => {
  if (location === undefined) return undefined
  try {
    const origin = new URL(location).origin
    return origin === "null" ? undefined : origin
  } catch {
    return undefined
  }
}

/**
 * The `Content-Length` of a response, when it is a plain number.
 *
 * @internal
 */
export const declaredLength = (response: Head): number | undefined => {
  const value = header(response, "content-length")
  return value !== undefined && /^\d{1,16}$/.test(value) ? Number(value) : undefined
}

/**
 * Reads a response body as text, at most `limit` bytes. A `Content-Length` above the limit fails at once; a body
 * without one (chunked) or with a `Content-Encoding` (fetch decompresses it) is counted while it streams and fails as
 * soon as it passes the limit. Only a body whose exact length is announced, not encoded and within the limit is read in
 * one piece (HTTP framing then bounds it). The caller aborts the request when this fails.
 *
 * @internal
 */
export const readBody = (
  site: Site,
  response: HttpClientResponse.HttpClientResponse,
  limit: number
): Effect.Effect<string, SinchError.ResponseTooLarge | SinchError.TransportError> => {
  const length = declaredLength(response)
  if (length !== undefined && length > limit) {
    return Effect.fail(
      new SinchError.ResponseTooLarge({ ...site, status: response.status, limit, contentLength: length })
    )
  }
  const encoding = response.headers["content-encoding"]
  if (length !== undefined && (encoding === undefined || encoding === "identity")) {
    return Effect.mapError(response.text, (e) => transportError(site, e))
  }
  return Effect.suspend(() => {
    const chunks: Array<Uint8Array> = []
    let size = 0
    return response.stream.pipe(
      Stream.mapError((e) => transportError(site, e)),
      Stream.runForEach((chunk): Effect.Effect<void, SinchError.ResponseTooLarge> => {
        size += chunk.byteLength
        if (size > limit)
          return Effect.fail(new SinchError.ResponseTooLarge({ ...site, status: response.status, limit }))
        chunks.push(chunk)
        return Effect.void
      }),
      Effect.map(() => {
        const all = new Uint8Array(size)
        let offset = 0
        for (const chunk of chunks) {
          all.set(chunk, offset)
          offset += chunk.byteLength
        }
        return new TextDecoder().decode(all)
      })
    )
  })
}

/** @internal */
export const formatParseError = (error: ParseResult.ParseError): string =>
  ParseResult.TreeFormatter.formatErrorSync(error)
