/**
 * Authentication of API requests.
 *
 * OAuth2 client credentials (`POST {authUrl}/oauth2/token`, form body `grant_type=client_credentials`, HTTP Basic
 * with the key id and secret): one token shared by all requests, fetched once however many requests need it at the
 * same time, refreshed in the background before it expires (from `expires_in`), failures not cached, a token rejected
 * by the API (401) invalidated so that the request is retried once with a fresh one, and a 429 from the token endpoint
 * retried after its `Retry-After`. HTTP Basic (`authMode: "basic"`) sends the key on every request instead.
 *
 * @since 0.1.0
 */
import * as HttpClient from "@effect/platform/HttpClient"
import { Decoder } from "@sinch-effect/schema"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Deferred from "effect/Deferred"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Encoding from "effect/Encoding"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Ref from "effect/Ref"
import * as Schema from "effect/Schema"
import * as Http from "./internal/http.js"
import * as Retry from "./Retry.js"
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
  return { mode: "basic", credential: Effect.succeed(credential) }
}

/**
 * OAuth2 client credentials. A token fetch runs in its own (daemon) fiber, bounded by the timeout and the retry
 * policy, so that a caller being interrupted does not leave the others waiting.
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeOAuth2 = Effect.fnUntraced(function* (config: SinchConfigModule.Service) {
  const httpClient = (yield* HttpClient.HttpClient).pipe(HttpClient.withTracerPropagation(config.tracePropagation))
  const state = yield* Ref.make<State>(empty)
  const site: Http.Site = { operation: "auth.token", method: "POST", path: "/oauth2/token" }
  const tokenUrl = `${config.authUrl}/oauth2/token`

  const attempt: Effect.Effect<Token, SinchError.SinchError> = Effect.gen(function* () {
    const request = HttpClientRequest.post(tokenUrl).pipe(
      HttpClientRequest.basicAuth(config.keyId, Redacted.value(config.keySecret)),
      HttpClientRequest.acceptJson,
      HttpClientRequest.bodyUrlParams({ grant_type: "client_credentials" })
    )
    const response = yield* httpClient.execute(request).pipe(Effect.mapError((e) => Http.transportError(site, e)))
    const text = yield* response.text.pipe(Effect.mapError((e) => Http.transportError(site, e)))
    const now = yield* Clock.currentTimeMillis
    if (response.status < 200 || response.status >= 300) {
      return yield* Effect.fail(Http.statusError(site, response, text, now))
    }
    const json = Http.safeJsonParse(text)
    if (Either.isLeft(json)) {
      return yield* new SinchError.ResponseDecodeError({ ...site, status: response.status, where: json.left })
    }
    const decoded = decodeToken(json.right)
    if (Either.isLeft(decoded)) {
      return yield* new SinchError.ResponseDecodeError({
        ...site,
        status: response.status,
        where: Http.formatParseError(decoded.left)
      })
    }
    const expiresIn = Duration.seconds(Math.max(0, decoded.right.expires_in))
    const lifetime = Duration.toMillis(expiresIn)
    const authorization = Redacted.make(`Bearer ${decoded.right.access_token}`)
    const credential = credentialFor(authorization)
    return {
      authorization,
      credential,
      use: Effect.succeed(credential),
      refreshAt: now + lifetime - Duration.toMillis(refreshMargin(expiresIn)),
      expiresAt: now + lifetime
    }
  }).pipe(
    Effect.timeoutFail({
      duration: config.timeout,
      onTimeout: () => new SinchError.Timeout({ ...site, timeout: config.timeout })
    })
  )

  const fetchToken: Effect.Effect<Token, SinchError.SinchError> = Effect.flatMap(Retry.RetryPolicy, (policy) =>
    Effect.retry(attempt, policy.idempotent)
  ).pipe(
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
        Effect.flatMap(Clock.currentTimeMillis, (now) =>
          Ref.set(
            state,
            Exit.isSuccess(exit)
              ? { _tag: "Ready", token: exit.value, refreshing: false }
              : previous !== undefined && now < previous.expiresAt
                ? { _tag: "Ready", token: { ...previous, refreshAt: now + refreshRetryMillis }, refreshing: false }
                : empty
          )
        ).pipe(Effect.zipRight(Deferred.done(deferred, exit)))
      ),
      Effect.forkDaemon,
      Effect.asVoid
    )

  /** A token's credential: a 401 drops the token from the state (unless another one replaced it already). */
  function credentialFor(authorization: Redacted.Redacted<string>): Credential {
    return {
      authorization,
      invalidate: Ref.modify(state, (s) =>
        s._tag === "Ready" && s.token.authorization === authorization ? [true, empty] : [true, s]
      )
    }
  }
  const credentialOf = (token: Token): Credential => token.credential

  type Step =
    | { readonly _tag: "Use"; readonly token: Token }
    | { readonly _tag: "Wait"; readonly deferred: Deferred.Deferred<Token, SinchError.SinchError> }
    | { readonly _tag: "Fetch"; readonly previous: Token | undefined }

  // fast path: a fresh token, read without allocating
  const credential: Effect.Effect<Credential, SinchError.SinchError> = Effect.clockWith((clock) => {
    const now = clock.unsafeCurrentTimeMillis()
    return Effect.flatMap(Ref.get(state), (current) =>
      current._tag === "Ready" && now < current.token.refreshAt ? current.token.use : slowCredential(now)
    )
  })

  const slowCredential = (now: number): Effect.Effect<Credential, SinchError.SinchError> =>
    Effect.gen(function* () {
      const deferred = yield* Deferred.make<Token, SinchError.SinchError>()
      const step = yield* Ref.modify(state, (s): [Step, State] => {
        switch (s._tag) {
          case "Ready": {
            if (now < s.token.refreshAt || (s.refreshing && now < s.token.expiresAt)) {
              return [{ _tag: "Use", token: s.token }, s]
            }
            if (now < s.token.expiresAt) {
              // still valid: refresh in the background and keep using it
              return [
                { _tag: "Fetch", previous: s.token },
                { ...s, refreshing: true }
              ]
            }
            return [
              { _tag: "Fetch", previous: undefined },
              { _tag: "Fetching", deferred }
            ]
          }
          case "Fetching":
            return [{ _tag: "Wait", deferred: s.deferred }, s]
          case "Empty":
            return [
              { _tag: "Fetch", previous: undefined },
              { _tag: "Fetching", deferred }
            ]
        }
      })
      switch (step._tag) {
        case "Use":
          return credentialOf(step.token)
        case "Wait":
          return credentialOf(yield* Deferred.await(step.deferred))
        case "Fetch": {
          yield* startFetch(deferred, step.previous)
          if (step.previous !== undefined) return credentialOf(step.previous)
          return credentialOf(yield* Deferred.await(deferred))
        }
      }
    })

  return { mode: "oauth2", credential } satisfies Service as Service
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
