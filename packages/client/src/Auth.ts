/**
 * Authentication of API requests.
 *
 * OAuth2 client credentials (`POST {authUrl}/oauth2/token`, form body `grant_type=client_credentials`, HTTP Basic
 * with the key id and secret): one token shared by all requests, fetched once however many requests need it at the
 * same time, refreshed in the background before it expires (from `expires_in`, believed between one minute and a day),
 * failures not cached, a token rejected by the API (401) invalidated so that the request is retried once with a fresh
 * one. A failed token request is a `TokenError` (nothing was sent to the API), retried by the operation that needed the
 * token within its one retry budget, after the token endpoint's `Retry-After`. HTTP Basic (`authMode: "basic"`) sends the key on every request instead.
 *
 * @since 0.1.0
 */
import * as HttpClient from "@effect/platform/HttpClient"
import { Decoder } from "@sinch-effect/schema"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Deferred from "effect/Deferred"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Encoding from "effect/Encoding"
import * as Exit from "effect/Exit"
import * as FiberId from "effect/FiberId"
import * as Layer from "effect/Layer"
import * as MutableRef from "effect/MutableRef"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as Credentials from "./internal/credentials.js"
import * as Exchange from "./internal/exchange.js"
import * as Http from "./internal/http.js"
import { SinchConfig } from "./SinchConfig.js"
import type * as SinchConfigModule from "./SinchConfig.js"
import * as SinchError from "./SinchError.js"

/**
 * A credential for one request.
 *
 * @since 0.1.0
 * @category models
 */
export interface Credential {
  /** The value of the `Authorization` header. */
  readonly authorization: Redacted.Redacted<string>
  /**
   * Called when the API answered 401 to a request made with this credential. Returns whether a retry with a new
   * credential may succeed (true for an OAuth2 token, which is dropped; false for Basic auth).
   */
  readonly invalidate: Effect.Effect<boolean>
}

/**
 * What the `Auth` service provides: the auth mode in use and the credential to put on the next request.
 *
 * @since 0.1.0
 * @category models
 */
export interface Service {
  readonly mode: SinchConfigModule.AuthMode
  /** The credential to put on the next request. */
  readonly credential: Effect.Effect<Credential, SinchError.SinchError>
}

/**
 * The authentication service used by the client. Replace it to plug in another token source.
 *
 * @since 0.1.0
 * @category tags
 */
export class Auth extends Context.Tag("@sinch-effect/client/Auth")<Auth, Service>() {}

/**
 * The token endpoint response.
 *
 * @since 0.1.0
 * @category schemas
 */
export const TokenResponse = Schema.Struct({
  access_token: Schema.String,
  expires_in: Schema.Number,
  token_type: Schema.optional(Schema.String),
  scope: Schema.optional(Schema.String)
})

interface Token {
  readonly authorization: Redacted.Redacted<string>
  /** The credential of this token, built once. */
  readonly credential: Credential
  /** `Effect.succeed(credential)`, built once: a request with a fresh token allocates nothing to get it. */
  readonly use: Effect.Effect<Credential>
  /** After this instant the token is refreshed in the background. */
  readonly refreshAt: number
  /** After this instant the token is not used any more. */
  readonly expiresAt: number
}

type State =
  | { readonly _tag: "Empty" }
  | { readonly _tag: "Fetching"; readonly deferred: Deferred.Deferred<Token, SinchError.SinchError> }
  | { readonly _tag: "Ready"; readonly token: Token; readonly refreshing: boolean }

const empty: State = { _tag: "Empty" }

/**
 * The delay before a token's expiry at which it is refreshed: 10% of its lifetime, at most one minute.
 *
 * @since 0.1.0
 * @category constants
 */
export const refreshMargin = (expiresIn: Duration.Duration): Duration.Duration =>
  Duration.min(Duration.minutes(1), Duration.unsafeDivide(expiresIn, 10))

/** Back-off after a failed background refresh before trying again. */
const refreshRetryMillis = 5_000

const decodeToken = Decoder.make(TokenResponse)

/**
 * The shortest token lifetime the client believes: a shorter (or zero, or negative) `expires_in` would mean one token
 * request per call. A token that really expires sooner is refreshed on the API's 401.
 *
 * @since 0.1.0
 * @category constants
 */
export const minTokenLifetime: Duration.Duration = Duration.seconds(60)

/**
 * The longest token lifetime the client believes (a day).
 *
 * @since 0.1.0
 * @category constants
 */
export const maxTokenLifetime: Duration.Duration = Duration.hours(24)

/** A bearer token as RFC 6750 allows it (b64token): no space, no control character, nothing to inject a header. */
const tokenPattern = /^[A-Za-z0-9\-._~+/]+=*$/

/** Validates a token endpoint body: JSON, a usable `access_token`, `expires_in` clamped to the sane range. */
const parseToken = (
  text: string
): Either.Either<{ readonly accessToken: string; readonly expiresIn: number }, string> => {
  if (text === "") return Either.left("the body is empty")
  const json = Http.safeJsonParse(text)
  if (Either.isLeft(json)) return Either.left(`body is not valid JSON (${json.left})`)
  const decoded = decodeToken(json.right)
  if (Either.isLeft(decoded)) return Either.left(Http.formatParseError(decoded.left))
  const { access_token, expires_in } = decoded.right
  if (!tokenPattern.test(access_token)) {
    return Either.left(
      access_token === "" ? "access_token is empty" : "access_token has characters a bearer token cannot have"
    )
  }
  if (!Number.isFinite(expires_in)) return Either.left("expires_in is not a finite number")
  const seconds = Math.min(
    Math.max(expires_in, Duration.toSeconds(minTokenLifetime)),
    Duration.toSeconds(maxTokenLifetime)
  )
  return Either.right({ accessToken: access_token, expiresIn: seconds })
}

/** A failure of the token request as the `TokenError` the operation sees. */
const tokenError = (error: SinchError.SinchError): SinchError.TokenError => {
  const base = { operation: error.operation, method: "POST", path: "/oauth2/token", detail: error.message }
  switch (error._tag) {
    case "TransportError":
      return new SinchError.TokenError({ ...base, reason: "Transport", transient: error.reason !== "InvalidUrl" })
    case "Timeout":
      return new SinchError.TokenError({ ...base, reason: "Timeout", transient: true })
    case "ResponseDecodeError":
    case "ResponseTooLarge":
    case "Redirected":
      return new SinchError.TokenError({ ...base, reason: "InvalidResponse", status: error.status, transient: false })
    case "TokenError":
      return error
    case "BadRequest":
    case "Unauthorized":
    case "Forbidden":
    case "NotFound":
    case "RateLimited":
    case "ServerError":
      return new SinchError.TokenError({
        ...base,
        reason: "Status",
        status: error.status,
        error: error.error,
        retryAfter: error._tag === "RateLimited" ? error.retryAfter : undefined,
        transient: error._tag === "RateLimited" || error.status >= 500
      })
    default:
      return new SinchError.TokenError({ ...base, reason: "InvalidResponse", transient: false })
  }
}

/**
 * HTTP Basic authentication: the key id and secret on every request.
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeBasic = (config: SinchConfigModule.Service): Service => {
  const authorization = Redacted.make(
    `Basic ${Encoding.encodeBase64(`${config.keyId}:${Redacted.value(config.keySecret)}`)}`
  )
  const credential: Credential = { authorization, invalidate: Effect.succeed(false) }
  return Credentials.register({ mode: "basic", credential: Effect.succeed(credential) }, () => credential)
}

/**
 * OAuth2 client credentials. A token fetch is one request in its own (daemon) fiber, bounded by the timeout, so that
 * a caller being interrupted does not leave the others waiting.
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeOAuth2 = Effect.fnUntraced(function* (config: SinchConfigModule.Service) {
  const exchange = Exchange.make(yield* HttpClient.HttpClient, {
    timeout: config.timeout,
    maxResponseBytes: config.maxResponseBytes
  })
  // read and written only in synchronous steps, each of which runs to its end before another fiber runs
  const state = MutableRef.make<State>(empty)
  const site: Http.Site = { operation: "auth.token", method: "POST", path: "/oauth2/token" }
  const request: Exchange.Outgoing = {
    method: "POST",
    url: `${config.authUrl}/oauth2/token`,
    headers: {
      accept: "application/json",
      authorization: `Basic ${Encoding.encodeBase64(`${config.keyId}:${Redacted.value(config.keySecret)}`)}`,
      "content-type": "application/x-www-form-urlencoded"
    },
    body: "grant_type=client_credentials"
  }

  /** One token request: no retry of its own (the operation that needs the token retries, within its budget). */
  const attempt: Effect.Effect<Token, SinchError.TokenError> = exchange(site, request).pipe(
    Effect.flatMap((response) =>
      Effect.flatMap(Clock.currentTimeMillis, (now): Effect.Effect<Token, SinchError.SinchError> => {
        const text = response.text
        if (response.status < 200 || response.status >= 300) {
          return Effect.fail(Http.statusError(site, response, text, now))
        }
        const token = parseToken(text)
        if (Either.isLeft(token)) {
          return Effect.fail(
            new SinchError.ResponseDecodeError({ ...site, status: response.status, where: token.left })
          )
        }
        const expiresIn = Duration.seconds(token.right.expiresIn)
        const lifetime = Duration.toMillis(expiresIn)
        const authorization = Redacted.make(`Bearer ${token.right.accessToken}`)
        const credential = credentialFor(authorization)
        return Effect.succeed<Token>({
          authorization,
          credential,
          use: Effect.succeed(credential),
          refreshAt: now + lifetime - Duration.toMillis(refreshMargin(expiresIn)),
          expiresAt: now + lifetime
        })
      })
    ),
    Effect.mapError(tokenError)
  )

  const fetchToken: Effect.Effect<Token, SinchError.TokenError> = attempt.pipe(
    Effect.withSpan("Sinch.auth.token", {
      kind: "client",
      captureStackTrace: false,
      attributes: { "sinch.project_id": config.projectId }
    })
  )

  /** Runs a fetch in the background; its outcome completes `deferred` and updates the state. */
  const startFetch = (deferred: Deferred.Deferred<Token, SinchError.SinchError>, previous: Token | undefined) =>
    fetchToken.pipe(
      Effect.onExit((exit) =>
        Effect.clockWith((clock) => {
          const now = clock.unsafeCurrentTimeMillis()
          MutableRef.set(
            state,
            Exit.isSuccess(exit)
              ? { _tag: "Ready", token: exit.value, refreshing: false }
              : previous !== undefined && now < previous.expiresAt
                ? { _tag: "Ready", token: { ...previous, refreshAt: now + refreshRetryMillis }, refreshing: false }
                : empty
          )
          return Deferred.done(deferred, exit)
        })
      ),
      Effect.forkDaemon,
      Effect.asVoid
    )

  /** A token's credential: a 401 drops the token from the state (unless another one replaced it already). */
  function credentialFor(authorization: Redacted.Redacted<string>): Credential {
    return {
      authorization,
      invalidate: Effect.sync(() => {
        const s = MutableRef.get(state)
        if (s._tag === "Ready" && s.token.authorization === authorization) MutableRef.set(state, empty)
        return true
      })
    }
  }
  /** The credential of a fresh token, when there is one (the fast path: nothing allocated, no effect run). */
  const peek = (now: number): Credential | undefined => {
    const current = MutableRef.get(state)
    return current._tag === "Ready" && now < current.token.refreshAt ? current.token.credential : undefined
  }

  const credential: Effect.Effect<Credential, SinchError.SinchError> = Effect.clockWith((clock) => {
    const now = clock.unsafeCurrentTimeMillis()
    const current = MutableRef.get(state)
    return current._tag === "Ready" && now < current.token.refreshAt ? current.token.use : slowCredential(now)
  })

  /**
   * No fresh token: wait for the request under way, start one (a caller that has a still valid token keeps using it
   * while the refresh runs in the background), or use the token another fiber refreshed meanwhile. Every caller
   * waiting for the same request awaits one `Deferred`: 1000 concurrent first calls make one token request.
   */
  const slowCredential = (now: number): Effect.Effect<Credential, SinchError.SinchError> =>
    Effect.suspend(() => {
      const s = MutableRef.get(state)
      switch (s._tag) {
        case "Ready": {
          if (now < s.token.refreshAt || (s.refreshing && now < s.token.expiresAt)) return s.token.use
          if (now < s.token.expiresAt) {
            // still valid: refresh in the background and keep using it
            MutableRef.set(state, { ...s, refreshing: true })
            return Effect.as(startFetch(Deferred.unsafeMake(FiberId.none), s.token), s.token.credential)
          }
          return fetchAndWait()
        }
        case "Fetching":
          return Effect.map(Deferred.await(s.deferred), credentialOf)
        case "Empty":
          return fetchAndWait()
      }
    })

  const fetchAndWait = (): Effect.Effect<Credential, SinchError.SinchError> => {
    const deferred = Deferred.unsafeMake<Token, SinchError.SinchError>(FiberId.none)
    MutableRef.set(state, { _tag: "Fetching", deferred })
    return Effect.zipRight(startFetch(deferred, undefined), Effect.map(Deferred.await(deferred), credentialOf))
  }

  const credentialOf = (token: Token): Credential => token.credential

  const service: Service = { mode: "oauth2", credential }
  return Credentials.register(service, peek)
})

/**
 * The auth service for the configured mode.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Service, never, SinchConfig | HttpClient.HttpClient> = Effect.gen(function* () {
  const config = yield* SinchConfig
  return config.authMode === "basic" ? makeBasic(config) : yield* makeOAuth2(config)
})

/**
 * The `Auth` service built by `make`: OAuth2 or Basic, as `SinchConfig.authMode` says. `SinchClient.layer` provides it;
 * replace it to plug in another token source.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<Auth, never, SinchConfig | HttpClient.HttpClient> = Layer.effect(Auth, make)
