/**
 * The synchronous core of signature verification, shared by `Signature.verifier` and `Webhooks.makeWith` (which
 * verifies and decodes in one step).
 *
 * @internal
 */
import * as Duration from "effect/Duration"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Crypto from "node:crypto"
import type * as NonceStore from "../NonceStore.js"
import type { Reason, Secret, Verified, VerifyOptions } from "../Signature.js"
import * as internalHeaders from "./headers.js"

/** The algorithm Sinch signs with (public through `Signature.ALGORITHM`, so not stripped as internal). */
export const ALGORITHM = "HmacSHA256" as const

/** The signature headers (public through `Signature.HeaderNames`, so not stripped as internal). */
export const HeaderNames = {
  signature: "x-sinch-webhook-signature",
  nonce: "x-sinch-webhook-signature-nonce",
  timestamp: "x-sinch-webhook-signature-timestamp",
  algorithm: "x-sinch-webhook-signature-algorithm"
} as const

/** A failed check, turned into a `SignatureError` by the caller. @internal */
export class Failure {
  constructor(
    readonly reason: Reason,
    readonly description: string,
    readonly header: string | undefined
  ) {}
}

/** A verified request whose nonce the store must remember through its effect (it has no `rememberSync`). @internal */
export class NonceToRemember {
  constructor(readonly verified: Verified) {}
}

/** @internal */
export const replayed = (): Failure => new Failure("ReplayedNonce", "this nonce was already used", HeaderNames.nonce)

/** @internal */
export const secretValue = (secret: Secret): string => (Redacted.isRedacted(secret) ? Redacted.value(secret) : secret)

/** HMAC-SHA256 of `body.nonce.timestamp` through an `Hmac` (signing; verifiers where {@link mac} cannot). @internal */
export const hmac = (
  body: string | Uint8Array,
  secret: string | Crypto.KeyObject,
  nonce: string,
  timestamp: string
): Buffer =>
  typeof body === "string"
    ? Crypto.createHmac("sha256", secret).update(`${body}.${nonce}.${timestamp}`, "utf8").digest()
    : Crypto.createHmac("sha256", secret).update(body).update(`.${nonce}.${timestamp}`, "utf8").digest()

/**
 * Whether `signature` (32 bytes) is the HMAC-SHA256 of `body.nonce.timestamp` with a secret prepared once, compared
 * in constant time.
 *
 * @internal
 */
export type Matcher = (body: string | Uint8Array, nonce: string, timestamp: string, signature: Buffer) => boolean

const BLOCK = 64
/** Bodies up to this size are hashed from one buffer kept by the verifier; larger ones through an `Hmac`. */
const MAX_BUFFERED = 16 * 1024

/**
 * HMAC-SHA256 (RFC 2104) with `secret`: `SHA-256(outerKey + SHA-256(innerKey + message))`, the padded keys prepared
 * once, the message written into a buffer the matcher keeps, each hash one call of `crypto.hash` whose digest comes
 * back as a Latin-1 string written into a buffer (a digest as a new `Buffer` costs more than the hash of a callback).
 * It answers what {@link hmac} answers in half the CPU of an `Hmac` object (1.8 against 3.5 µs per callback of the
 * bench). Where `crypto.hash` is missing (Node before 20.12), for bodies over 16 KiB, or should the two ever differ
 * (checked once), it compares {@link hmac} with a `KeyObject`. Not reentrant, and it needs none: every call runs to
 * its end synchronously.
 *
 * @internal
 */
export const matcher = (secret: string, hash: typeof Crypto.hash | undefined = Crypto.hash): Matcher => {
  const keyObject = Crypto.createSecretKey(Buffer.from(secret, "utf8"))
  const viaHmac: Matcher = (body, nonce, timestamp, signature) =>
    Crypto.timingSafeEqual(hmac(body, keyObject, nonce, timestamp), signature)
  if (typeof hash !== "function") return viaHmac
  // checked once against the Hmac, which is kept should they ever differ (or `hash` refuse its arguments)
  try {
    const viaHash = hashMatcher(secret, hash, viaHmac)
    const probe = hmac("{}", keyObject, "n", "0")
    return viaHash("{}", "n", "0", probe) && !viaHash("{}", "n", "1", probe) ? viaHash : viaHmac
  } catch {
    return viaHmac
  }
}

/** The matcher of {@link matcher} over `crypto.hash`, with `large` for bodies over the kept buffer. @internal */
export const hashMatcher = (secret: string, hash: typeof Crypto.hash, large: Matcher): Matcher => {
  const keyBytes = Buffer.from(secret, "utf8")
  // a key longer than a block is hashed first (RFC 2104)
  const key = keyBytes.length > BLOCK ? Buffer.from(hash("sha256", keyBytes, "binary"), "latin1") : keyBytes
  // the size of the largest message it hashes, so that it never grows (a branch that optimized code would meet late)
  const inner = Buffer.alloc(BLOCK + MAX_BUFFERED)
  const outer = Buffer.alloc(BLOCK + 32)
  const computed = Buffer.alloc(32)
  for (let i = 0; i < BLOCK; i++) {
    inner[i] = (key[i] ?? 0) ^ 0x36
    outer[i] = (key[i] ?? 0) ^ 0x5c
  }
  return (body, nonce, timestamp, signature) => {
    // UTF-8 takes at most 3 bytes per UTF-16 unit
    const size =
      BLOCK + (typeof body === "string" ? body.length * 3 : body.byteLength) + (nonce.length + timestamp.length) * 3 + 2
    if (size > BLOCK + MAX_BUFFERED) return large(body, nonce, timestamp, signature)
    let end = BLOCK
    if (typeof body === "string") {
      end += inner.write(body, end, "utf8")
    } else {
      inner.set(body, end)
      end += body.byteLength
    }
    inner[end++] = 46 // "."
    end += inner.write(nonce, end, "utf8")
    inner[end++] = 46
    end += inner.write(timestamp, end, "utf8")
    outer.write(hash("sha256", inner.subarray(0, end), "binary"), BLOCK, "latin1")
    computed.write(hash("sha256", outer, "binary"), 0, "latin1")
    return Crypto.timingSafeEqual(computed, signature)
  }
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

const readHeader = (found: internalHeaders.Lookup, name: string): string | Failure => {
  switch (found._tag) {
    case "Found":
      return found.value
    case "Missing":
      return new Failure("MissingHeader", `header ${name} is missing`, name)
    case "Ambiguous":
      return new Failure(
        "InvalidHeader",
        `header ${name} is repeated with ${found.values.length} different values`,
        name
      )
    case "Unreadable":
      return new Failure("InvalidHeader", `header ${name} could not be read (expected a string)`, name)
  }
}

const HEADER_NAMES = [HeaderNames.signature, HeaderNames.nonce, HeaderNames.timestamp, HeaderNames.algorithm] as const

const SHA256_BYTES = 32
/** The characters that may end the canonical base64 of 32 bytes (before its `=`): 4 bits of data, 2 zero bits. */
const LAST_OF_32_BYTES = "AEIMQUYcgkosw048"

/**
 * Whether a signature header is canonical base64 of 32 bytes (what they encode back to), its bytes written to `into`.
 * Buffer's decoder skips characters outside the alphabet, so any of them leaves fewer than 32 bytes; it also reads the
 * URL-safe `-` and `_`, which are refused here. (Cheaper than a pattern or an encode round trip, on every callback.)
 */
const sha256FromBase64 = (text: string, into: Buffer): boolean =>
  text.length === 44 &&
  text.indexOf("=") === 43 &&
  LAST_OF_32_BYTES.includes(text[42]!) &&
  text.indexOf("-") === -1 &&
  text.indexOf("_") === -1 &&
  into.write(text, "base64") === SHA256_BYTES

/** Whether a timestamp header is 1 to 15 ASCII digits. */
const isUnixSeconds = (text: string): boolean => {
  if (text.length === 0 || text.length > 15) return false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 48 || c > 57) return false
  }
  return true
}

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

/** @internal */
export interface Core {
  /** Checks everything but the nonce store; `now` in milliseconds. Never throws. */
  readonly check: (body: unknown, headers: unknown, now: number) => Verified | Failure
  /**
   * Checks everything, then the nonce (only after the signature matched, so a forged request cannot burn a nonce)
   * when the store answers synchronously; otherwise the caller remembers it through the store's effect. Never throws.
   */
  readonly verify: (body: unknown, headers: unknown, now: number) => Verified | Failure | NonceToRemember
  /** How long a nonce must be remembered: the whole timestamp window. */
  readonly nonceTtl: Duration.Duration
  readonly nonceStore: NonceStore.NonceStore.Service
}

/**
 * The secrets of the options that verify, with their index among the options' secrets: an empty or blank secret
 * (e.g. an unset environment variable, a stray newline) is no secret: it is skipped, never used to verify.
 *
 * @internal
 */
export const usableSecrets = (
  secrets: VerifyOptions["secrets"]
): ReadonlyArray<{ readonly index: number; readonly value: string }> =>
  (Array.isArray(secrets) ? (secrets as ReadonlyArray<Secret>) : [secrets as Secret]).flatMap((secret, index) => {
    const value = secretValue(secret)
    return value.trim().length === 0 ? [] : [{ index, value }]
  })

/** @internal */
export const make = (options: VerifyOptions): Core => {
  // keys prepared once (HMAC key setup is a noticeable part of verifying a small body)
  const secrets: ReadonlyArray<{ readonly index: number; readonly matches: Matcher }> = usableSecrets(
    options.secrets
  ).map(({ index, value }) => ({ index, matches: matcher(value) }))
  const window = resolveTolerance(options.tolerance)
  // the signature's bytes, written afresh by each check (which is synchronous, so never shared by two checks)
  const provided = Buffer.alloc(SHA256_BYTES)
  const nonceTtl = Duration.millis(window.past + window.future + 1000)

  const check = (body: unknown, headers: unknown, now: number): Verified | Failure => {
    if (typeof body !== "string" && !(body instanceof Uint8Array)) {
      return new Failure("BodyNotRaw", notRawDescription(body), undefined)
    }
    if (secrets.length === 0) {
      return new Failure(
        "NoSecrets",
        "no webhook secret is configured (empty and blank secrets are ignored)",
        undefined
      )
    }
    const found = internalHeaders.lookupAll(headers, HEADER_NAMES)
    const signature = readHeader(found[0], HeaderNames.signature)
    if (typeof signature !== "string") return signature
    const nonce = readHeader(found[1], HeaderNames.nonce)
    if (typeof nonce !== "string") return nonce
    const timestampText = readHeader(found[2], HeaderNames.timestamp)
    if (typeof timestampText !== "string") return timestampText
    const algorithm = readHeader(found[3], HeaderNames.algorithm)
    if (typeof algorithm !== "string") return algorithm

    if (algorithm.trim() !== ALGORITHM) {
      return new Failure(
        "UnsupportedAlgorithm",
        `algorithm ${JSON.stringify(algorithm.slice(0, 64))} is not supported (only ${ALGORITHM})`,
        HeaderNames.algorithm
      )
    }
    const timestampTrimmed = timestampText.trim()
    if (!isUnixSeconds(timestampTrimmed)) {
      return new Failure("InvalidTimestamp", "the timestamp is not a Unix time in seconds", HeaderNames.timestamp)
    }
    const timestamp = Number(timestampTrimmed)
    const signatureTrimmed = signature.trim()
    if (!sha256FromBase64(signatureTrimmed, provided)) {
      return new Failure(
        "InvalidHeader",
        `the signature is not the base64 of ${SHA256_BYTES} bytes (an HMAC-SHA256)`,
        HeaderNames.signature
      )
    }

    const millis = timestamp * 1000
    if (millis < now - window.past) {
      return new Failure(
        "StaleTimestamp",
        `the timestamp is ${Math.round((now - millis) / 1000)}s old (accepted: ${window.past / 1000}s)`,
        HeaderNames.timestamp
      )
    }
    if (millis > now + window.future) {
      return new Failure(
        "FutureTimestamp",
        `the timestamp is ${Math.round((millis - now) / 1000)}s in the future (accepted: ${window.future / 1000}s)`,
        HeaderNames.timestamp
      )
    }
    for (let i = 0; i < secrets.length; i++) {
      // same length (checked above), so timingSafeEqual cannot throw
      const secret = secrets[i]!
      if (secret.matches(body, nonce, timestampTrimmed, provided)) {
        return { body, nonce, timestamp, secretIndex: secret.index }
      }
    }
    return new Failure(
      "Mismatch",
      secrets.length === 1
        ? "the signature does not match the body and the secret"
        : `the signature matches none of the ${secrets.length} secrets`,
      HeaderNames.signature
    )
  }

  const nonceStore = options.nonceStore
  // (a JavaScript caller may omit the store: verification then fails with a defect, never accepts a replay)
  const rememberSync = (nonceStore as NonceStore.NonceStore.Service | undefined)?.rememberSync
  const verify = (body: unknown, headers: unknown, now: number): Verified | Failure | NonceToRemember => {
    const result = check(body, headers, now)
    if (result instanceof Failure) return result
    if (rememberSync === undefined) return new NonceToRemember(result)
    return rememberSync(result.nonce, nonceTtl, now) ? result : replayed()
  }

  return { check, verify, nonceTtl, nonceStore }
}
