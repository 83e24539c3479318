import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Clock from "effect/Clock"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type * as ParseResult from "effect/ParseResult"
import * as Redacted from "effect/Redacted"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import { Decoder as SchemaDecoder } from "@sinch-effect/schema"
import { Auth } from "../Auth.js"
import type * as AuthModule from "../Auth.js"
import * as Retry from "../Retry.js"
import { SinchConfig } from "../SinchConfig.js"
import * as SinchError from "../SinchError.js"
import * as Http from "./http.js"
import * as Timeout from "./timeout.js"

/** @internal */
export type Method = "GET" | "POST" | "PATCH" | "DELETE"

/** @internal */
export interface Endpoint {
  /** `group.method`, e.g. `messages.send`. */
  readonly operation: string
  readonly method: Method
  /** Path template, e.g. `/v1/projects/{project_id}/messages/{message_id}`. */
  readonly path: string
  /** Whether the request may be repeated without a second effect (GET, DELETE, full-field PATCH, reads). */
  readonly idempotent: boolean
}

/** @internal */
export type QueryValue =
  string | number | boolean | DateTime.DateTime | ReadonlyArray<string | number | boolean> | undefined | null

/** @internal */
export interface Call {
  readonly params?: Readonly<Record<string, string | undefined>> | undefined
  readonly query?: Readonly<Record<string, QueryValue>> | undefined
  /** A JSON value (already encoded). */
  readonly body?: unknown
  /** The correlation id of a non-idempotent request, reported by `SendOutcomeUnknown`. */
  readonly correlationId?: string | undefined
}

/** @internal */
export interface RawResponse {
  readonly status: number
  readonly json: unknown
}

/** @internal */
export interface Api {
  readonly projectId: string
  /** The base URL of the Conversation API. */
  readonly conversationUrl: string
  /** Runs a call (retries, auth, timeouts) and returns the parsed JSON body. */
  readonly json: (endpoint: Endpoint, call: Call) => Effect.Effect<RawResponse, SinchError.SinchError>
  /** Runs a call and decodes the body. */
  readonly request: <A>(endpoint: Endpoint, call: Call, decode: Decoder<A>) => Effect.Effect<A, SinchError.SinchError>
}

/** @internal */
export type Decoder<A> = (u: unknown) => Either.Either<A, ParseResult.ParseError | string>

/** @internal */
export const decodeFailure = (where: string): Either.Either<never, string> => Either.left(where)

/** @internal */
export const decodeSuccess = <A>(a: A): Either.Either<A, never> => Either.right(a)

/**
 * The decoder of a response schema: compiled once by `@sinch-effect/schema`'s `Decoder` (same answers as
 * `Schema.decodeUnknownEither`, faster), a mismatch still a `ParseError` with its path.
 *
 * @internal
 */
export const decoder = <A, I>(schema: Schema.Schema<A, I>): Decoder<A> => SchemaDecoder.make(schema)

/** @internal */
export type Encoder<A> = (a: A) => Either.Either<unknown, ParseResult.ParseError>

/** @internal */
export const encoder = <A, I>(schema: Schema.Schema<A, I>): Encoder<A> => Schema.encodeEither(schema)

/** @internal */
export const encode = <A>(
  operation: string,
  enc: Encoder<A>,
  value: A
): Effect.Effect<unknown, SinchError.InvalidRequest> => {
  const result = enc(value)
  return Either.isRight(result)
    ? Effect.succeed(result.right)
    : Effect.fail(new SinchError.InvalidRequest({ operation, where: Http.formatParseError(result.left) }))
}

/** @internal */
export const decodeWith = <A>(
  endpoint: Endpoint,
  decode: Decoder<A>,
  raw: RawResponse
): Effect.Effect<A, SinchError.ResponseDecodeError> => {
  const result = decode(raw.json)
  return Either.isRight(result)
    ? Effect.succeed(result.right)
    : Effect.fail(
        new SinchError.ResponseDecodeError({
          operation: endpoint.operation,
          method: endpoint.method,
          path: endpoint.path,
          status: raw.status,
          where: typeof result.left === "string" ? result.left : Http.formatParseError(result.left)
        })
      )
}

const queryString = (value: Exclude<QueryValue, undefined | null | ReadonlyArray<unknown>>): string =>
  DateTime.isDateTime(value) ? DateTime.formatIso(value) : String(value)

const toUrlParams = (query: Readonly<Record<string, QueryValue>>): Array<[string, string]> => {
  const out: Array<[string, string]> = []
  for (const key of Object.keys(query)) {
    const value = query[key]
    if (value === undefined || value === null) continue
    if (Array.isArray(value)) {
      for (const v of value as ReadonlyArray<string | number | boolean>) out.push([key, String(v)])
    } else {
      out.push([key, queryString(value as Exclude<QueryValue, undefined | null | ReadonlyArray<unknown>>)])
    }
  }
  return out
}

/**
 * Fills a path template; every value is URL-encoded and must be non-empty (an empty id would address another
 * resource).
 *
 * @internal
 */
export const fillPath = (
  template: string,
  params: Readonly<Record<string, string | undefined>>
): Either.Either<string, string> => {
  let missing: string | undefined
  const path = template.replace(/\{([a-z_.]+)\}/g, (_, name: string) => {
    const value = params[name]
    if (value === undefined || value === "") {
      missing ??= name
      return ""
    }
    return encodeURIComponent(value)
  })
  return missing === undefined
    ? Either.right(path)
    : Either.left(`path parameter ${missing} must be a non-empty string`)
}

const isAmbiguous = (error: SinchError.SinchError): boolean => {
  switch (error._tag) {
    case "Timeout":
      return true
    case "TransportError":
      return error.reason === "Transport" || error.reason === "ResponseBody"
    case "ServerError":
      return error.status >= 500
    default:
      return false
  }
}

/** @internal */
export const make = Effect.gen(function* () {
  const config = yield* SinchConfig
  const auth = yield* Auth
  // Without propagation the platform's own span is skipped too: the attempt span below carries method, path
  // template, status and attempt number, and no trace header can reach Sinch.
  const httpClient = config.tracePropagation
    ? yield* HttpClient.HttpClient
    : (yield* HttpClient.HttpClient).pipe(HttpClient.withTracerDisabledWhen(() => true))
  const projectId = config.projectId
  const baseAttributes = { "sinch.project_id": projectId }

  const once = (
    site: Http.Site,
    request: HttpClientRequest.HttpClientRequest,
    credential: AuthModule.Credential
  ): Effect.Effect<
    { readonly response: HttpClientResponse.HttpClientResponse; readonly text: string },
    SinchError.SinchError
  > =>
    httpClient
      .execute(HttpClientRequest.setHeader(request, "authorization", Redacted.value(credential.authorization)))
      .pipe(
        Effect.flatMap((response) => Effect.map(response.text, (text) => ({ response, text }))),
        Effect.mapError((e) => Http.transportError(site, e)),
        (effect) =>
          Timeout.timeoutFail(
            effect,
            config.timeout,
            () => new SinchError.Timeout({ ...site, timeout: config.timeout })
          )
      )

  const json = (endpoint: Endpoint, call: Call): Effect.Effect<RawResponse, SinchError.SinchError> => {
    const site: Http.Site = { operation: endpoint.operation, method: endpoint.method, path: endpoint.path }
    const path = fillPath(endpoint.path, { ...call.params, project_id: projectId })
    if (Either.isLeft(path)) {
      return Effect.fail(new SinchError.InvalidRequest({ operation: endpoint.operation, where: path.left }))
    }
    let request = HttpClientRequest.make(endpoint.method)(config.conversationUrl + path.right, {
      acceptJson: true,
      ...(call.query === undefined ? {} : { urlParams: toUrlParams(call.query) })
    })
    if (call.body !== undefined) request = HttpClientRequest.bodyUnsafeJson(request, call.body)

    return Effect.suspend(() => {
      let attempts = 0
      let ambiguous: SinchError.SinchError | undefined

      const attempt = Effect.gen(function* () {
        attempts++
        yield* Effect.annotateCurrentSpan("sinch.attempt", attempts)
        const credential = yield* auth.credential
        let result = yield* once(site, request, credential)
        if (result.response.status === 401 && (yield* credential.invalidate)) {
          yield* Effect.annotateCurrentSpan("sinch.auth.retried", true)
          result = yield* once(site, request, yield* auth.credential)
        }
        const { response, text } = result
        yield* Effect.annotateCurrentSpan("http.response.status_code", response.status)
        if (response.status < 200 || response.status >= 300) {
          return yield* Effect.fail(Http.statusError(site, response, text, yield* Clock.currentTimeMillis))
        }
        if (text === "") return { status: response.status, json: {} }
        const parsed = Http.safeJsonParse(text)
        if (Either.isLeft(parsed)) {
          return yield* new SinchError.ResponseDecodeError({
            ...site,
            status: response.status,
            where: `body is not valid JSON (${parsed.left})`
          })
        }
        return { status: response.status, json: parsed.right }
      }).pipe(
        Effect.tapError((error) =>
          Effect.sync(() => {
            if (isAmbiguous(error)) ambiguous ??= error
          })
        ),
        Effect.withSpan(`Sinch.${endpoint.operation}.attempt`, {
          kind: "client",
          captureStackTrace: false,
          attributes: { ...baseAttributes, "http.request.method": endpoint.method, "url.template": endpoint.path }
        })
      )

      return Effect.flatMap(Retry.RetryPolicy, (policy) => {
        const schedule = endpoint.idempotent
          ? policy.idempotent
          : policy.atLeastOnce
            ? policy.idempotent
            : policy.nonIdempotent.pipe(Schedule.whileInput(SinchError.isNotProcessed))
        const retried = Effect.retry(attempt, schedule)
        if (endpoint.idempotent) return retried
        return Effect.catchIf(
          retried,
          () => ambiguous !== undefined,
          (last) =>
            Effect.fail(
              new SinchError.SendOutcomeUnknown({
                ...site,
                correlationId: call.correlationId,
                attempts,
                reason: (ambiguous ?? last).message
              })
            )
        )
      })
    }).pipe(
      Effect.withSpan(`Sinch.${endpoint.operation}`, {
        kind: "client",
        captureStackTrace: false,
        attributes: {
          ...baseAttributes,
          "sinch.operation": endpoint.operation,
          "http.request.method": endpoint.method,
          "url.template": endpoint.path,
          ...(call.correlationId === undefined ? {} : { "sinch.correlation_id": call.correlationId })
        }
      })
    )
  }

  const request = <A>(endpoint: Endpoint, call: Call, decode: Decoder<A>): Effect.Effect<A, SinchError.SinchError> =>
    Effect.flatMap(json(endpoint, call), (raw) => decodeWith(endpoint, decode, raw))

  return { projectId, conversationUrl: config.conversationUrl, json, request } satisfies Api as Api
})
