/**
 * Signing and verification of Sinch Conversation API callbacks.
 *
 * Sinch signs every callback with `base64(HMAC-SHA256(secret, rawBody + "." + nonce + "." + timestamp))` and sends
 * the result in the `x-sinch-webhook-signature*` headers. {@link verify} checks such a request safely: raw bytes
 * only, constant-time comparison, the algorithm pinned to `HmacSHA256`, a timestamp window read from Effect's
 * `Clock`, several candidate secrets, and replay protection through an optional {@link NonceStore.NonceStore}.
 * {@link sign} produces the headers (tests, the emulator).
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto"
import * as internalHeaders from "./internal/headers.js"
import { NonceStore } from "./NonceStore.js"

/**
 * The only algorithm Sinch uses and the only one accepted.
 *
 * @since 0.1.0
 * @category constants
 */
export const ALGORITHM = "HmacSHA256" as const

/**
 * Header names (lower case).
 *
 * @since 0.1.0
 * @category constants
 */
export const HeaderNames = {
  signature: "x-sinch-webhook-signature",
  nonce: "x-sinch-webhook-signature-nonce",
  timestamp: "x-sinch-webhook-signature-timestamp",
  algorithm: "x-sinch-webhook-signature-algorithm"
} as const

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
 * - `ReplayedNonce`: the nonce was already seen by the configured {@link NonceStore.NonceStore}.
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

const secretValue = (secret: Secret): string => (Redacted.isRedacted(secret) ? Redacted.value(secret) : secret)

const hmac = (body: RawBody, secret: string, nonce: string, timestamp: string): Buffer =>
  createHmac("sha256", secret).update(body).update(".").update(nonce).update(".").update(timestamp).digest()

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
    "x-sinch-webhook-signature": hmac(body, secretValue(secret), nonce, timestamp).toString("base64"),
    "x-sinch-webhook-signature-nonce": nonce,
    "x-sinch-webhook-signature-timestamp": timestamp,
    "x-sinch-webhook-signature-algorithm": ALGORITHM
  }
}

/**
 * Options of {@link verify}.
 *
 * @since 0.1.0
 * @category models
 */
export interface VerifyOptions {
  /**
   * Candidate secrets, tried in order: the app's secret, a webhook's own secret (overridden callback URLs), an old
   * secret during rotation.
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

const DEFAULT_TOLERANCE = Duration.minutes(5)

const isDurationInput = (u: unknown): u is Duration.DurationInput => Option.isSome(Duration.decodeUnknown(u))

const resolveTolerance = (
  tolerance: VerifyOptions["tolerance"]
): { readonly past: number; readonly future: number } => {
  if (tolerance === undefined) {
    const both = Duration.toMillis(DEFAULT_TOLERANCE)
    return { past: both, future: both }
  }
  if (isDurationInput(tolerance)) {
    const both = Duration.toMillis(tolerance)
    return { past: both, future: both }
  }
  const t = tolerance as { readonly past?: Duration.DurationInput; readonly future?: Duration.DurationInput }
  return {
    past: Duration.toMillis(t.past ?? DEFAULT_TOLERANCE),
    future: Duration.toMillis(t.future ?? DEFAULT_TOLERANCE)
  }
}

const fail = (reason: Reason, description: string, header?: string): Effect.Effect<never, SignatureError> =>
  Effect.fail(new SignatureError(header === undefined ? { reason, description } : { reason, description, header }))

const readHeader = (headers: unknown, name: string): string | SignatureError => {
  const found = internalHeaders.lookup(headers, name)
  switch (found._tag) {
    case "Found":
      return found.value
    case "Missing":
      return new SignatureError({ reason: "MissingHeader", description: `header ${name} is missing`, header: name })
    case "Ambiguous":
      return new SignatureError({
        reason: "InvalidHeader",
        description: `header ${name} is repeated with ${found.values.length} different values`,
        header: name
      })
    case "Unreadable":
      return new SignatureError({
        reason: "InvalidHeader",
        description: `header ${name} could not be read (expected a string)`,
        header: name
      })
  }
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/
const TIMESTAMP = /^[0-9]{1,15}$/
const SHA256_BYTES = 32

const describeBody = (body: unknown): string => {
  if (body === null) return "null"
  if (body === undefined) return "undefined"
  if (Array.isArray(body)) return "an array"
  if (body instanceof ArrayBuffer) return "an ArrayBuffer"
  return typeof body === "object" ? "an object" : `a ${typeof body}`
}

const notRawDescription = (body: unknown): string =>
  `the body must be the raw request body (a string or bytes), got ${describeBody(body)}. A signature covers the exact` +
  ` bytes Sinch sent: a parsed and re-serialised JSON value differs from them (number forms like 0.0, \\u00e9 and` +
  ` \\/ escapes, key order, whitespace), so it cannot be verified. Give the verifier the body before any JSON body` +
  ` parser (e.g. express.raw({ type: "application/json" }) or request.text()).`

/**
 * Builds a {@link Verifier} from options, resolving secrets and the timestamp window once.
 *
 * When a {@link NonceStore.NonceStore} is in the context (it is optional and not part of the requirements), each
 * nonce is accepted only once, and only after the signature matched.
 *
 * @since 0.1.0
 * @category verification
 */
export const verifier = (options: VerifyOptions): Verifier => {
  const secrets: ReadonlyArray<string> = (
    Array.isArray(options.secrets) ? (options.secrets as ReadonlyArray<Secret>) : [options.secrets as Secret]
  ).map(secretValue)
  const window = resolveTolerance(options.tolerance)
  const nonceTtl = Duration.millis(window.past + window.future + 1000)

  return (body, headers) => {
    if (typeof body !== "string" && !(body instanceof Uint8Array)) {
      return fail("BodyNotRaw", notRawDescription(body))
    }
    if (secrets.length === 0) {
      return fail("NoSecrets", "no webhook secret is configured")
    }
    const signature = readHeader(headers, HeaderNames.signature)
    if (typeof signature !== "string") return Effect.fail(signature)
    const nonce = readHeader(headers, HeaderNames.nonce)
    if (typeof nonce !== "string") return Effect.fail(nonce)
    const timestampText = readHeader(headers, HeaderNames.timestamp)
    if (typeof timestampText !== "string") return Effect.fail(timestampText)
    const algorithm = readHeader(headers, HeaderNames.algorithm)
    if (typeof algorithm !== "string") return Effect.fail(algorithm)

    if (algorithm.trim() !== ALGORITHM) {
      return fail(
        "UnsupportedAlgorithm",
        `algorithm ${JSON.stringify(algorithm.slice(0, 64))} is not supported (only ${ALGORITHM})`,
        HeaderNames.algorithm
      )
    }
    const timestampTrimmed = timestampText.trim()
    if (!TIMESTAMP.test(timestampTrimmed)) {
      return fail("InvalidTimestamp", "the timestamp is not a Unix time in seconds", HeaderNames.timestamp)
    }
    const timestamp = Number(timestampTrimmed)
    const signatureTrimmed = signature.trim()
    if (signatureTrimmed.length > 128 || !BASE64.test(signatureTrimmed)) {
      return fail("InvalidHeader", "the signature is not base64", HeaderNames.signature)
    }
    const provided = Buffer.from(signatureTrimmed, "base64")
    if (provided.length !== SHA256_BYTES) {
      return fail(
        "InvalidHeader",
        `the signature decodes to ${provided.length} bytes, an HMAC-SHA256 has ${SHA256_BYTES}`,
        HeaderNames.signature
      )
    }

    return Effect.flatMap(Clock.currentTimeMillis, (now) => {
      const millis = timestamp * 1000
      if (millis < now - window.past) {
        return fail(
          "StaleTimestamp",
          `the timestamp is ${Math.round((now - millis) / 1000)}s old (accepted: ${window.past / 1000}s)`,
          HeaderNames.timestamp
        )
      }
      if (millis > now + window.future) {
        return fail(
          "FutureTimestamp",
          `the timestamp is ${Math.round((millis - now) / 1000)}s in the future (accepted: ${window.future / 1000}s)`,
          HeaderNames.timestamp
        )
      }
      let secretIndex = -1
      for (let i = 0; i < secrets.length; i++) {
        // Same length (checked above), so timingSafeEqual cannot throw.
        if (timingSafeEqual(hmac(body, secrets[i]!, nonce, timestampTrimmed), provided)) {
          secretIndex = i
          break
        }
      }
      if (secretIndex < 0) {
        return fail(
          "Mismatch",
          secrets.length === 1
            ? "the signature does not match the body and the secret"
            : `the signature matches none of the ${secrets.length} secrets`,
          HeaderNames.signature
        )
      }
      const verified: Verified = { body, nonce, timestamp, secretIndex }
      return Effect.flatMap(Effect.serviceOption(NonceStore), (store) =>
        Option.isNone(store)
          ? Effect.succeed(verified)
          : Effect.flatMap(store.value.remember(nonce, nonceTtl), (fresh) =>
              fresh ? Effect.succeed(verified) : fail("ReplayedNonce", "this nonce was already used", HeaderNames.nonce)
            )
      )
    })
  }
}

/**
 * Verifies a callback request: `body` is the raw body (string or bytes, never a parsed object), `headers` the request
 * headers in any common shape.
 *
 * @example
 * ```ts
 * import { Effect, Redacted } from "effect"
 * import { Signature } from "@sinch-effect/webhooks"
 *
 * const program = (rawBody: string, headers: Record<string, string>) =>
 *   Signature.verify(rawBody, headers, { secrets: [Redacted.make("my-secret")] })
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
