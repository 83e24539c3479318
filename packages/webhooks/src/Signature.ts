/**
 * Signing and verification of Sinch Conversation API callbacks.
 *
 * Sinch signs every callback with `base64(HMAC-SHA256(secret, rawBody + "." + nonce + "." + timestamp))` and sends
 * the result in the `x-sinch-webhook-signature*` headers. {@link verify} checks such a request safely: raw bytes
 * only, constant-time comparison, the algorithm pinned to `HmacSHA256`, a timestamp window read from Effect's
 * `Clock`, several candidate secrets, and replay protection through a {@link NonceStore.NonceStore} that every
 * verifier is given.
 * {@link sign} produces the headers (tests, the emulator).
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { randomBytes } from "node:crypto"
import * as internalVerifier from "./internal/verifier.js"
import type * as NonceStore from "./NonceStore.js"

/**
 * The only algorithm Sinch uses and the only one accepted.
 *
 * @since 0.1.0
 * @category constants
 */
export const ALGORITHM: typeof internalVerifier.ALGORITHM = internalVerifier.ALGORITHM

/**
 * Header names (lower case).
 *
 * @since 0.1.0
 * @category constants
 */
export const HeaderNames: typeof internalVerifier.HeaderNames = internalVerifier.HeaderNames

/**
 * The signature headers, as produced by {@link sign}.
 *
 * @since 0.1.0
 * @category models
 */
export type Headers = {
  readonly "x-sinch-webhook-signature": string
  readonly "x-sinch-webhook-signature-nonce": string
  readonly "x-sinch-webhook-signature-timestamp": string
  readonly "x-sinch-webhook-signature-algorithm": typeof ALGORITHM
}

/**
 * A raw request body: the exact bytes Sinch sent (a `Buffer` is a `Uint8Array`), or the same bytes decoded as UTF-8.
 *
 * @since 0.1.0
 * @category models
 */
export type RawBody = string | Uint8Array

/**
 * A webhook secret: a plain string or, preferably, a `Redacted` one.
 *
 * @since 0.1.0
 * @category models
 */
export type Secret = string | Redacted.Redacted<string>

/**
 * Request headers in any of the common shapes: Node's `IncomingHttpHeaders`, Fetch `Headers`, @effect/platform
 * `Headers`, or a plain record (values may be arrays). Lookup is case-insensitive.
 *
 * @since 0.1.0
 * @category models
 */
export type HeadersInput =
  | { readonly get: (name: string) => string | null | undefined }
  | { readonly [name: string]: string | number | ReadonlyArray<string> | undefined }

/**
 * Why a request failed verification.
 *
 * - `MissingHeader`: a signature header is absent.
 * - `InvalidHeader`: a header is present but unreadable, repeated with different values, or malformed.
 * - `UnsupportedAlgorithm`: the algorithm header is not `HmacSHA256` (never used to choose a MAC).
 * - `InvalidTimestamp`: the timestamp is not a Unix time in seconds.
 * - `StaleTimestamp` / `FutureTimestamp`: the timestamp is outside the accepted window.
 * - `Mismatch`: the signature matches none of the secrets (wrong secret or altered body).
 * - `ReplayedNonce`: the nonce was already seen by the verifier's {@link NonceStore.NonceStore}.
 * - `BodyNotRaw`: the body is not a string or bytes (typically a JSON object a body parser produced).
 * - `NoSecrets`: no secret was configured.
 *
 * @since 0.1.0
 * @category errors
 */
export const Reason = Schema.Literal(
  "MissingHeader",
  "InvalidHeader",
  "UnsupportedAlgorithm",
  "InvalidTimestamp",
  "StaleTimestamp",
  "FutureTimestamp",
  "Mismatch",
  "ReplayedNonce",
  "BodyNotRaw",
  "NoSecrets"
)

/**
 * @since 0.1.0
 * @category errors
 */
export type Reason = typeof Reason.Type

/**
 * A request that failed verification. Carries no secret and no signature value.
 *
 * @since 0.1.0
 * @category errors
 */
export class SignatureError extends Schema.TaggedError<SignatureError>("@sinch-effect/webhooks/SignatureError")(
  "SignatureError",
  {
    reason: Reason,
    description: Schema.String,
    header: Schema.optional(Schema.String)
  }
) {
  /**
   * @since 0.1.0
   */
  override get message(): string {
    return `${this.reason}: ${this.description}`
  }
}

/**
 * Options of {@link sign}.
 *
 * @since 0.1.0
 * @category models
 */
export interface SignOptions {
  /** Defaults to a random value. */
  readonly nonce?: string | undefined
  /** Unix time in seconds; defaults to now. */
  readonly timestamp?: number | undefined
}

/**
 * Signs a raw body the way Sinch does and returns the four signature headers (lower-case keys).
 *
 * @example
 * ```ts
 * import { Signature } from "@sinch-effect/webhooks"
 *
 * const headers = Signature.sign('{"app_id":"A"}', "my-secret", { nonce: "n", timestamp: 1700000000 })
 * // headers["x-sinch-webhook-signature"] === base64(HMAC-SHA256("my-secret", '{"app_id":"A"}.n.1700000000'))
 * ```
 *
 * @since 0.1.0
 * @category signing
 */
export const sign = (body: RawBody, secret: Secret, options?: SignOptions): Headers => {
  const nonce = options?.nonce ?? randomBytes(16).toString("base64url")
  const timestamp = String(Math.floor(options?.timestamp ?? Date.now() / 1000))
  return {
    "x-sinch-webhook-signature": internalVerifier
      .hmac(body, internalVerifier.secretValue(secret), nonce, timestamp)
      .toString("base64"),
    "x-sinch-webhook-signature-nonce": nonce,
    "x-sinch-webhook-signature-timestamp": timestamp,
    "x-sinch-webhook-signature-algorithm": ALGORITHM
  }
}

/**
 * Options of {@link verify} and {@link verifier}.
 *
 * @since 0.1.0
 * @category models
 */
export interface VerifyOptions {
  /**
   * Where the nonces of verified requests are remembered, so that a replayed request is refused (`ReplayedNonce`):
   * `NonceStore.memory()` in one process, a store shared by every instance otherwise (`NonceStore.layerStore`). Give
   * every verifier of an endpoint the same store.
   */
  readonly nonceStore: NonceStore.NonceStore.Service
  /**
   * Candidate secrets, tried in order: the app's secret, a webhook's own secret (overridden callback URLs), an old
   * secret during rotation. Empty secrets (an unset environment variable) are ignored; with none left, every request
   * fails with `NoSecrets`.
   */
  readonly secrets: Secret | ReadonlyArray<Secret>
  /**
   * How far the timestamp may be from the `Clock`: one duration for both directions or `{ past, future }`.
   * Defaults to 5 minutes both ways.
   */
  readonly tolerance?:
    | Duration.DurationInput
    | { readonly past?: Duration.DurationInput | undefined; readonly future?: Duration.DurationInput | undefined }
    | undefined
}

/**
 * What a successful verification established.
 *
 * @since 0.1.0
 * @category models
 */
export interface Verified {
  /** The body exactly as received. */
  readonly body: RawBody
  readonly nonce: string
  /** Unix time in seconds. */
  readonly timestamp: number
  /** Index, in the configured secrets, of the secret that matched. */
  readonly secretIndex: number
}

/**
 * A verification function with its options resolved once (see {@link verifier}).
 *
 * @since 0.1.0
 * @category models
 */
export interface Verifier {
  (body: RawBody, headers: HeadersInput): Effect.Effect<Verified, SignatureError>
}

/**
 * The {@link SignatureError} of a failed check.
 *
 * @internal
 */
export const fromFailure = (failure: internalVerifier.Failure): SignatureError =>
  new SignatureError(
    failure.header === undefined
      ? { reason: failure.reason, description: failure.description }
      : { reason: failure.reason, description: failure.description, header: failure.header }
  )

/**
 * The current time of the fiber's `Clock`, in milliseconds.
 *
 * @internal
 */
export const clockMillis = (fiber: { readonly currentDefaultServices: Context.Context<never> }): number =>
  Context.get(fiber.currentDefaultServices as Context.Context<Clock.Clock>, Clock.Clock).unsafeCurrentTimeMillis()

/**
 * Builds a {@link Verifier} from options, resolving secrets and the timestamp window once. Each nonce is accepted
 * once by the options' `nonceStore`, and only after the signature matched (a forged request cannot burn a nonce).
 * With a store that answers synchronously (`NonceStore.memory()`), a verification is one step of the fiber.
 *
 * @example
 * ```ts
 * import { NonceStore, Signature } from "@sinch-effect/webhooks"
 *
 * const verify = Signature.verifier({ secrets: "my-secret", nonceStore: NonceStore.memory() })
 * // verify(rawBody, headers): Effect<Verified, SignatureError>
 * ```
 *
 * @since 0.1.0
 * @category verification
 */
export const verifier = (options: VerifyOptions): Verifier => verifierOf(internalVerifier.make(options))

/**
 * The {@link Verifier} of a verification core (shared with `Webhooks.makeWith`, which verifies and decodes in one
 * step).
 *
 * @internal
 */
export const verifierOf =
  (core: internalVerifier.Core): Verifier =>
  (body, headers) =>
    Effect.withFiberRuntime<Verified, SignatureError>((fiber) => {
      const result = core.verify(body, headers, clockMillis(fiber))
      if (result instanceof internalVerifier.Failure) return Either.left(fromFailure(result))
      if (result instanceof internalVerifier.NonceToRemember) {
        return rememberNonce(core.nonceStore, result.verified, core.nonceTtl)
      }
      return Either.right(result)
    })

/**
 * Records the nonce of a verified request in a store; fails with `ReplayedNonce` if it was already there.
 *
 * @since 0.1.0
 * @category verification
 */
export const rememberNonce = (
  store: NonceStore.NonceStore.Service,
  verified: Verified,
  ttl: Duration.Duration
): Effect.Effect<Verified, SignatureError> =>
  Effect.flatMap(store.remember(verified.nonce, ttl), (fresh) =>
    fresh ? Effect.succeed(verified) : Effect.fail(fromFailure(internalVerifier.replayed()))
  )

/**
 * Verifies a callback request: `body` is the raw body (string or bytes, never a parsed object), `headers` the request
 * headers in any common shape.
 *
 * @example
 * ```ts
 * import { Effect, Redacted } from "effect"
 * import { NonceStore, Signature } from "@sinch-effect/webhooks"
 *
 * const nonceStore = NonceStore.memory()
 * const program = (rawBody: string, headers: Record<string, string>) =>
 *   Signature.verify(rawBody, headers, { secrets: [Redacted.make("my-secret")], nonceStore })
 * ```
 *
 * @since 0.1.0
 * @category verification
 */
export const verify = (
  body: RawBody,
  headers: HeadersInput,
  options: VerifyOptions
): Effect.Effect<Verified, SignatureError> => verifier(options)(body, headers)
