import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpTraceContext from "@effect/platform/HttpTraceContext"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as DateTime from "effect/DateTime"
import * as DefaultServices from "effect/DefaultServices"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import type * as ParseResult from "effect/ParseResult"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import * as Tracer from "effect/Tracer"
import { Decoder as SchemaDecoder, Operations } from "@sinch-effect/schema"
import type * as AuthModule from "../Auth.js"
import * as Retry from "../Retry.js"
import type * as SinchConfigModule from "../SinchConfig.js"
import * as SinchError from "../SinchError.js"
import * as Http from "./http.js"
import * as Credentials from "./credentials.js"
import * as Exchange from "./exchange.js"
import * as RateLimit from "./rateLimit.js"
import * as Timeout from "./timeout.js"

/** An HTTP method (in the declarations: the type of the groups' `endpoints`). */
export type Method = Operations.Method

/** The client's view of an operation's definition (in the declarations: the groups' `endpoints` are made of it). */
export interface Endpoint {
  /** The API whose base URL the path is appended to. */
  readonly api: Operations.ApiName
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
  /** The parsed body; `undefined` when the body was empty. */
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
export const decodeWith = <A>(
  endpoint: Endpoint,
  decode: Decoder<A>,
  raw: RawResponse
): Effect.Effect<A, SinchError.ResponseDecodeError> => {
  const result = raw.json === undefined ? decodeFailure("the body is empty") : decode(raw.json)
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

/** The query of a call as it goes on the URL: `?` and the parameters (as `URLSearchParams` encodes them), or "". */
const searchOf = (query: Readonly<Record<string, QueryValue>>): string => {
  const params = new URLSearchParams()
  for (const key of Object.keys(query)) {
    const value = query[key]
    if (value === undefined || value === null) continue
    if (Array.isArray(value)) {
      for (const v of value as ReadonlyArray<string | number | boolean>) params.append(key, String(v))
    } else {
      params.append(key, queryString(value as Exclude<QueryValue, undefined | null | ReadonlyArray<unknown>>))
    }
  }
  const search = params.toString()
  return search === "" ? "" : `?${search}`
}

const isAmbiguous = (error: SinchError.SinchError): boolean => {
  switch (error._tag) {
    case "Timeout":
      return !error.notSent
    case "TransportError":
      return error.reason === "Transport" || error.reason === "ResponseBody"
    case "ServerError":
      return error.status >= 500
    default:
      return false
  }
}

/** The `app_id` of a request body, which per-app pacing keys on. */
const appIdOf = (call: Call): string | undefined => {
  const body = call.body
  if (typeof body !== "object" || body === null) return undefined
  const appId = (body as { readonly app_id?: unknown }).app_id
  return typeof appId === "string" ? appId : undefined
}

/** What is fixed per endpoint: computed on its first call, then reused by every request. */
interface Prepared {
  /** The base URL of the endpoint's API. */
  readonly baseUrl: string
  readonly site: Http.Site
  readonly spanName: string
  readonly spanOptions: Tracer.SpanOptions
  /** The error of an exchange that timed out. */
  readonly onTimeout: () => SinchError.Timeout
}

/** What the request path records on its span; `span` is the span itself when one is recorded. */
interface SpanSink extends Pick<Tracer.Span, "attribute" | "event"> {
  readonly span?: Tracer.Span | undefined
}

const noSpan: SpanSink = { attribute: () => {}, event: () => {} }

/** The first exchange of a call, made by the fast path: its outcome, the credential it used, when it started. */
interface FirstExchange {
  readonly outcome: Either.Either<Exchange.Exchanged, SinchError.SinchError>
  readonly credential: AuthModule.Credential
  readonly start: number
}

/** Effect's default tracer, which records spans nowhere (a real one, e.g. OpenTelemetry's, replaces it). */
const nativeTracer = Context.get(DefaultServices.liveServices, Tracer.Tracer)

/**
 * The request path of a client: its configuration, its `Auth` and the `HttpClient` it sends over.
 *
 * @internal
 */
export const make = (
  config: SinchConfigModule.Service,
  auth: AuthModule.Service,
  httpClient: HttpClient.HttpClient
): Effect.Effect<Api> =>
  config.rateLimit === undefined
    ? Effect.sync(() => makeWith(config, auth, httpClient, undefined))
    : Effect.map(RateLimit.make(config.rateLimit, config.projectId), (pacer) =>
        makeWith(config, auth, httpClient, pacer)
      )

const makeWith = (
  config: SinchConfigModule.Service,
  auth: AuthModule.Service,
  httpClient: HttpClient.HttpClient,
  pacer: RateLimit.Pacer | undefined
): Api => {
  const projectId = config.projectId
  const propagate = config.tracePropagation
  const timeout = config.timeout
  const timeoutMillis = Duration.toMillis(timeout)
  const deadlineMillis = Duration.toMillis(config.deadline)
  const maxResponseBytes = config.maxResponseBytes
  // an attempt takes at most a token request and an exchange, twice with a 401: only a deadline shorter than that
  // needs a timer around the first attempt
  const firstAttemptBounded = deadlineMillis >= 4 * timeoutMillis
  // the call's deadline passed during an attempt; `notSent`: while it waited for a slot of the rate limiter
  const pastDeadline = (site: Http.Site, attempts: number, notSent: boolean) =>
    new SinchError.Timeout({ ...site, timeout: config.deadline, deadline: true, attempts, notSent })

  // the headers of a credential, without and with a body, built once (a token is used by many requests)
  const headersOf = new WeakMap<AuthModule.Credential, readonly [Record<string, string>, Record<string, string>]>()
  const headersFor = (credential: AuthModule.Credential, withBody: boolean): Record<string, string> => {
    let headers = headersOf.get(credential)
    if (headers === undefined) {
      const get = { accept: "application/json", authorization: Redacted.value(credential.authorization) }
      headers = [get, { ...get, "content-type": "application/json" }]
      headersOf.set(credential, headers)
    }
    return headers[withBody ? 1 : 0]
  }

  const prepared = new WeakMap<Endpoint, Prepared>()
  const prepare = (endpoint: Endpoint): Prepared => {
    let p = prepared.get(endpoint)
    if (p === undefined) {
      const site: Http.Site = { operation: endpoint.operation, method: endpoint.method, path: endpoint.path }
      p = {
        baseUrl:
          endpoint.api === "template"
            ? config.templatesUrl
            : endpoint.api === "batch"
              ? config.batchUrl
              : config.conversationUrl,
        site,
        onTimeout: () => new SinchError.Timeout({ ...site, timeout }),
        spanName: `Sinch.${endpoint.operation}`,
        spanOptions: {
          kind: "client",
          captureStackTrace: false,
          attributes: {
            "sinch.project_id": projectId,
            "sinch.operation": endpoint.operation,
            "http.request.method": endpoint.method,
            "url.template": endpoint.path
          }
        }
      }
      prepared.set(endpoint, p)
    }
    return p
  }

  // one HTTP exchange: status, headers and body text (at most `maxResponseBytes`), within the timeout
  const exchange = Exchange.make(httpClient, { timeout, maxResponseBytes })

  // The fast path of a call (`NodeTransport`, the built-in auth, no trace propagation): when the fiber runs on Effect's
  // own tracer and the live clock and a fresh credential is at hand, the first attempt is the rate limiter's wait (if
  // pacing is on) and one `Effect.async` around the transport's exchange, its response parsed and decoded in the
  // transport's callback. Any
  // other answer than a 2xx with a valid body (401, an error status, a failed exchange) goes on where the general path
  // would be after its first exchange: the 401 refresh, retries, `SendOutcomeUnknown`.
  const lean = !propagate && firstAttemptBounded ? Exchange.exchangeOf(httpClient) : undefined
  const peek = lean === undefined ? undefined : Credentials.peekOf(auth)

  const run = <A>(
    endpoint: Endpoint,
    call: Call,
    decode: Decoder<A> | undefined
  ): Effect.Effect<A, SinchError.SinchError> => {
    const { baseUrl, onTimeout, site, spanName, spanOptions } = prepare(endpoint)
    const path = Operations.fillPath(
      endpoint.path,
      call.params === undefined ? { project_id: projectId } : { ...call.params, project_id: projectId }
    )
    if (Either.isLeft(path)) {
      return Effect.fail(new SinchError.InvalidRequest({ operation: endpoint.operation, where: path.left }))
    }
    const url = baseUrl + path.right + (call.query === undefined ? "" : searchOf(call.query))
    const body = call.body === undefined ? undefined : JSON.stringify(call.body)
    const requestWith = (credential: AuthModule.Credential, span: Tracer.Span | undefined): Exchange.Outgoing => {
      const headers = headersFor(credential, body !== undefined)
      return {
        method: endpoint.method,
        url,
        headers: propagate && span !== undefined ? { ...headers, ...HttpTraceContext.toHeaders(span) } : headers,
        body
      }
    }

    /**
     * The request under the operation span (`span`, also the `parent` of the attempt spans when a tracer records
     * them): attempts, the 401 refresh, retries.
     */
    const traced = (
      span: SpanSink,
      parent: Tracer.Span | undefined,
      fast?: FirstExchange
    ): Effect.Effect<RawResponse, SinchError.SinchError> => {
      if (call.correlationId !== undefined) span.attribute("sinch.correlation_id", call.correlationId)
      let attempts = 0
      // whether the call is waiting for an access token: a deadline that passes then sent nothing (a TokenError, not
      // an ambiguous Timeout, so that a send is not reported as SendOutcomeUnknown)
      let waitingForToken = false
      const credentialOfCall = Effect.suspend(() => {
        waitingForToken = true
        return Effect.tap(auth.credential, () => {
          waitingForToken = false
        })
      })
      // whether the call is waiting for a slot of the rate limiter (nothing sent either)
      let waitingForSlot = false
      // every HTTP request waits for the rate limiter first (a retry and the request after a 401 too), up to the deadline
      const send =
        pacer === undefined
          ? (credential: AuthModule.Credential, traced: Tracer.Span | undefined) =>
              exchange(site, requestWith(credential, traced))
          : (credential: AuthModule.Credential, traced: Tracer.Span | undefined) =>
              Effect.suspend(() => {
                waitingForSlot = true
                return Effect.flatMap(
                  pacer.pace(endpoint.operation, appIdOf(call), span, start + deadlineMillis),
                  (paced) => {
                    waitingForSlot = false
                    return paced
                      ? exchange(site, requestWith(credential, traced))
                      : Effect.fail(pastDeadline(site, attempts, true))
                  }
                )
              })
      // when the call started (read on its first attempt, which needs no timer unless the deadline is short)
      let start = 0

      /**
       * One attempt, in its own span: a credential, the exchange, a second one with a fresh credential after a 401.
       * Any attempt that could end past the deadline runs under a timer for the time left.
       */
      const attempt: Effect.Effect<RawResponse, SinchError.SinchError> = Effect.suspend(() => {
        attempts++
        span.attribute("sinch.attempt", attempts)
        const run = (attemptSpan: SpanSink) =>
          Effect.flatMap(credentialOfCall, (credential) =>
            Effect.flatMap(send(credential, attemptSpan.span), (result) => answered(result, credential, attemptSpan))
          )
        const spanned =
          parent === undefined
            ? run(noSpan)
            : Effect.useSpan(
                `${spanName}.attempt`,
                { ...spanOptions, parent, attributes: { ...spanOptions.attributes, "sinch.attempt": attempts } },
                (attemptSpan) =>
                  run({
                    attribute: attemptSpan.attribute.bind(attemptSpan),
                    event: attemptSpan.event.bind(attemptSpan),
                    span: attemptSpan
                  })
              )
        if (attempts === 1 && firstAttemptBounded) {
          return Effect.zipRight(
            Effect.clockWith((clock) => Effect.sync(() => (start = clock.unsafeCurrentTimeMillis()))),
            spanned
          )
        }
        return Effect.clockWith((clock) => {
          const now = clock.unsafeCurrentTimeMillis()
          if (attempts === 1) start = now
          const left = deadlineMillis - (now - start)
          return Effect.timeoutFail(spanned, {
            duration: Duration.millis(left),
            onTimeout: () =>
              waitingForToken
                ? new SinchError.TokenError({
                    operation: "auth.token",
                    method: "POST",
                    path: "/oauth2/token",
                    reason: "Timeout",
                    transient: true,
                    detail: `${site.operation}'s deadline passed while it waited for an access token`
                  })
                : pastDeadline(site, attempts, waitingForSlot)
          })
        })
      })

      /** The answer to an attempt's request: after a 401, once more with a fresh credential. */
      const answered = (
        result: Exchange.Exchanged,
        credential: AuthModule.Credential,
        attemptSpan: SpanSink
      ): Effect.Effect<RawResponse, SinchError.SinchError> =>
        result.status === 401
          ? Effect.flatMap(credential.invalidate, (retry) => {
              if (!retry) return complete(result, attemptSpan)
              span.attribute("sinch.auth.retried", true)
              attemptSpan.attribute("sinch.auth.retried", true)
              return Effect.flatMap(credentialOfCall, (fresh) =>
                Effect.flatMap(send(fresh, attemptSpan.span), (again) => complete(again, attemptSpan))
              )
            })
          : complete(result, attemptSpan)

      const complete = (
        response: Exchange.Exchanged,
        attemptSpan: SpanSink
      ): Effect.Effect<RawResponse, SinchError.SinchError> => {
        const { status, text } = response
        span.attribute("http.response.status_code", status)
        attemptSpan.attribute("http.response.status_code", status)
        if (status < 200 || status >= 300) {
          return Effect.flatMap(Clock.currentTimeMillis, (now) =>
            Effect.fail(Http.statusError(site, response, text, now))
          )
        }
        if (text === "") return Effect.succeed({ status, json: undefined })
        const parsed = Http.safeJsonParse(text)
        return Either.isRight(parsed)
          ? Effect.succeed({ status, json: parsed.right })
          : Effect.fail(
              new SinchError.ResponseDecodeError({ ...site, status, where: `body is not valid JSON (${parsed.left})` })
            )
      }

      // the first attempt, or what follows the first exchange when the fast path made it
      let firstAttempt = attempt
      if (fast !== undefined) {
        attempts = 1
        start = fast.start
        firstAttempt = Either.isLeft(fast.outcome)
          ? Effect.fail(fast.outcome.left)
          : answered(fast.outcome.right, fast.credential, noSpan)
      }

      // The retry machinery (policy, schedule driver, ambiguity tracking) is only set up once an attempt failed.
      const effect = Effect.catchAll(firstAttempt, (first) =>
        Effect.flatMap(Retry.RetryPolicy, (policy) => {
          let ambiguous = isAmbiguous(first) ? first : undefined
          const schedule = endpoint.idempotent
            ? policy.idempotent
            : policy.atLeastOnce
              ? policy.idempotent
              : policy.nonIdempotent.pipe(Schedule.whileInput(SinchError.isNotProcessed))
          // a retry whose delay would end past the deadline is not made: the last error is returned
          let pastDeadline = false
          const bounded = Schedule.modifyDelayEffect(schedule, (_, delay) =>
            Effect.clockWith((clock) => {
              const left = deadlineMillis - (clock.unsafeCurrentTimeMillis() - start)
              pastDeadline = Duration.toMillis(delay) >= left
              return Effect.succeed(pastDeadline ? Duration.zero : delay)
            })
          )
          const retried = Effect.flatMap(Schedule.driver(bounded), (driver) => {
            const loop = (error: SinchError.SinchError): Effect.Effect<RawResponse, SinchError.SinchError> => {
              if (ambiguous === undefined && isAmbiguous(error)) ambiguous = error
              const failed = Effect.map(Clock.currentTimeNanos, (now) =>
                span.event("sinch.attempt.failed", now, { "sinch.attempt": attempts, "error.type": error._tag })
              )
              // the deadline passed, or the rate limiter has no slot before it: no attempt can be made in time
              if (error._tag === "Timeout" && error.deadline) return Effect.zipRight(failed, Effect.fail(error))
              return Effect.zipRight(
                failed,
                Effect.matchEffect(driver.next(error), {
                  onFailure: () => Effect.fail(error),
                  onSuccess: () => (pastDeadline ? Effect.fail(error) : Effect.catchAll(attempt, loop))
                })
              )
            }
            return loop(first)
          })
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
      )
      return effect
    }

    const decoded = (
      raw: Effect.Effect<RawResponse, SinchError.SinchError>
    ): Effect.Effect<A, SinchError.SinchError> =>
      decode === undefined
        ? (raw as Effect.Effect<A, SinchError.SinchError>)
        : Effect.flatMap(raw, (response) => decodeWith(endpoint, decode, response))

    if (propagate) {
      return decoded(Effect.useSpan(spanName, spanOptions, (span) => Effect.withParentSpan(traced(span, span), span)))
    }
    // Effect's built-in tracer keeps spans nowhere: without propagation nothing could ever see them
    const general = decoded(
      Effect.tracerWith((tracer) =>
        tracer === nativeTracer
          ? traced(noSpan, undefined)
          : Effect.useSpan(spanName, spanOptions, (span) => traced(span, span))
      )
    )
    if (peek === undefined) return general
    return Effect.withFiberRuntime((fiber) => {
      if (fiber.currentTracer !== nativeTracer) return general
      const clock = Context.get(fiber.currentDefaultServices, Clock.Clock)
      if (!Timeout.isLive(clock)) return general
      const start = clock.unsafeCurrentTimeMillis()
      const credential = peek(start)
      if (credential === undefined) return general
      const exchanged = Effect.async<A, SinchError.SinchError>((resume) =>
        Effect.sync(
          lean!(site, requestWith(credential, undefined), maxResponseBytes, timeoutMillis, onTimeout, (outcome) => {
            if (Either.isRight(outcome)) {
              const { status, text } = outcome.right
              if (status >= 200 && status < 300) {
                const parsed = text === "" ? Either.right(undefined) : Http.safeJsonParse(text)
                if (Either.isRight(parsed)) {
                  const raw: RawResponse = { status, json: parsed.right }
                  return resume(decode === undefined ? Effect.succeed(raw as A) : decodeWith(endpoint, decode, raw))
                }
              }
            }
            resume(decoded(traced(noSpan, undefined, { outcome, credential, start })))
          })
        )
      )
      return pacer === undefined
        ? exchanged
        : Effect.flatMap(pacer.pace(endpoint.operation, appIdOf(call), noSpan, start + deadlineMillis), (paced) =>
            paced ? exchanged : Effect.fail(pastDeadline(site, 1, true))
          )
    })
  }

  const json = (endpoint: Endpoint, call: Call): Effect.Effect<RawResponse, SinchError.SinchError> =>
    run(endpoint, call, undefined)

  const request = <A>(endpoint: Endpoint, call: Call, decode: Decoder<A>): Effect.Effect<A, SinchError.SinchError> =>
    run(endpoint, call, decode)

  return { projectId, conversationUrl: config.conversationUrl, json, request }
}
