import { Decoder } from "@sinch-effect/schema"
import type * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Duration from "effect/Duration"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Predicate from "effect/Predicate"
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

/** @internal */
export const transportError = (site: Site, error: HttpClientError.HttpClientError): SinchError.TransportError => {
  if (error._tag === "RequestError") {
    const codes: Array<string> = []
    collectCodes(error.cause, codes, 0)
    const badPort = isBadPort(error.cause)
    const reason =
      error.reason === "InvalidUrl" || badPort
        ? "InvalidUrl"
        : codes.length > 0 && codes.every((c) => notConnectedCodes.has(c))
          ? "ConnectionRefused"
          : "Transport"
    const detail = describe(error.cause) || error.reason
    return new SinchError.TransportError({
      ...site,
      reason,
      detail: badPort ? `${detail} (fetch refuses to connect to this port; use another one)` : detail
    })
  }
  return new SinchError.TransportError({
    ...site,
    reason: "ResponseBody",
    detail: describe(error.cause) || error.reason
  })
}

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

const snippet = (text: string): string => {
  const collapsed = text.replace(/\s+/g, " ").trim()
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

/** @internal */
export const statusError = (
  site: Site,
  response: HttpClientResponse.HttpClientResponse,
  text: string,
  nowMillis: number
): SinchError.StatusError => {
  const parsed = safeJsonParse(text)
  const body = Either.isRight(parsed) ? decodeErrorBody(parsed.right) : undefined
  let requestId: string | undefined
  for (const name of requestIdHeaders) {
    const value = response.headers[name]
    if (value !== undefined) {
      requestId = value
      break
    }
  }
  const fields = {
    ...site,
    status: response.status,
    error: body !== undefined && Either.isRight(body) ? body.right.error : undefined,
    bodySnippet: body !== undefined && Either.isRight(body) ? undefined : text === "" ? undefined : snippet(text),
    requestId
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
        retryAfter: parseRetryAfter(response.headers["retry-after"], nowMillis)
      })
    default:
      return response.status >= 400 && response.status < 500
        ? new SinchError.BadRequest(fields)
        : new SinchError.ServerError(fields)
  }
}

/** @internal */
export const formatParseError = (error: ParseResult.ParseError): string =>
  ParseResult.TreeFormatter.formatErrorSync(error)
