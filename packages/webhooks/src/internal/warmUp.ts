/**
 * A webhook's warm-up (`Webhooks.make({ warmUp: true })`): signed sample callbacks run through the verifier's checks
 * and the decoder that real callbacks then run, so that V8 has compiled them (and their callees: `JSON.parse`'s
 * object shapes, Buffer and crypto code, Effect's `DateTime`) before the first request. Nothing is remembered or
 * reported: the nonce store is never asked (the checks before it run, not the store), nothing is logged, traced or
 * counted, and the signed samples are dropped at the end.
 *
 * @internal
 */
import * as Either from "effect/Either"
import type { RawBody } from "../Signature.js"
import { samples as builtIn } from "./samples.js"
import * as internalVerifier from "./verifier.js"

/**
 * Rounds over the samples by default (36 built-in callbacks a round): on Node 20 Turbofan optimized the verifier's
 * checks at round 54 and the decoder's parts by round 98 of the warm-up's own loop (docs/performance.md).
 *
 * @internal
 */
export const DEFAULT_ROUNDS = 100

/** The most rounds a warm-up runs, whatever is asked. @internal */
export const MAX_ROUNDS = 1000

/** The most samples of the user's a warm-up runs (besides the built-in ones). @internal */
export const MAX_SAMPLES = 64

/** What a warm-up runs: the verifier's checks and the decoder of the webhook. @internal */
export interface Target {
  readonly check: internalVerifier.Core["check"]
  readonly decode: (body: RawBody) => Either.Either<unknown, unknown>
}

/** The built-in samples as JSON text (what a server reads), computed on each warm-up rather than kept. @internal */
export const builtInBodies = (): ReadonlyArray<string> => builtIn().map((body) => JSON.stringify(body))

type Signed = Readonly<Record<string, string>>

/**
 * Header records of several shapes, as servers give them (other headers before and after Sinch's, names in capitals),
 * so that the optimized lookup does not expect the one shape of the samples and then meet another.
 */
const headerShapes: ReadonlyArray<(signed: Signed, length: number) => Signed> = [
  (signed) => signed,
  (signed, length) => ({ "content-type": "application/json", "content-length": String(length), ...signed }),
  (signed, length) => ({
    host: "callbacks.example.com",
    "user-agent": "Sinch-Conversation-API",
    "content-length": String(length),
    "content-type": "application/json",
    "accept-encoding": "gzip",
    ...signed
  }),
  (signed) => ({ ...signed, "x-forwarded-for": "203.0.113.7", "x-forwarded-proto": "https", connection: "close" }),
  (signed) => Object.fromEntries(Object.entries(signed).map(([name, value]) => [name.toUpperCase(), value]))
]

/**
 * Runs `rounds` rounds (bounded by {@link MAX_ROUNDS}) over the built-in samples and the first {@link MAX_SAMPLES}
 * of `samples`, each signed with the secrets in turn and sent in turn as text and as bytes, with header records of
 * several shapes. A body that does not verify and decode (a sample that a narrower schema does not know, anything but
 * a string or bytes) is left out. Never throws.
 *
 * @internal
 */
export const run = (
  target: Target,
  secrets: ReadonlyArray<string>,
  samples: ReadonlyArray<unknown>,
  rounds: number
): void => {
  const bodies: ReadonlyArray<RawBody> = [
    ...builtInBodies(),
    ...samples
      .slice(0, MAX_SAMPLES)
      .filter((body): body is RawBody => typeof body === "string" || body instanceof Uint8Array)
  ]
  if (secrets.length === 0) return
  const now = Date.now()
  const timestamp = String(Math.floor(now / 1000))
  const runOne = (body: RawBody, headers: unknown): boolean => {
    const verified = target.check(body, headers, now)
    return !(verified instanceof internalVerifier.Failure) && Either.isRight(target.decode(verified.body))
  }
  // each body's forms: as text and as bytes, with each shape of headers
  const requests = bodies.flatMap((body, i) => {
    const nonce = `warm-up-${i}`
    const signed: Signed = {
      [internalVerifier.HeaderNames.signature]: internalVerifier
        .hmac(body, secrets[i % secrets.length]!, nonce, timestamp)
        .toString("base64"),
      [internalVerifier.HeaderNames.nonce]: nonce,
      [internalVerifier.HeaderNames.timestamp]: timestamp,
      [internalVerifier.HeaderNames.algorithm]: internalVerifier.ALGORITHM
    }
    const text = typeof body === "string" ? body : Buffer.from(body).toString("utf8")
    const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : body
    if (!runOne(text, signed)) return []
    return [
      headerShapes.flatMap((shape) => [
        { body: text, headers: shape(signed, bytes.byteLength) },
        { body: bytes, headers: shape(signed, bytes.byteLength) }
      ])
    ]
  })
  const total = Math.min(Math.max(0, Math.floor(rounds)), MAX_ROUNDS)
  for (let round = 0; round < total; round++) {
    for (let i = 0; i < requests.length; i++) {
      const forms = requests[i]!
      const { body, headers } = forms[(round + i) % forms.length]!
      runOne(body, headers)
    }
  }
}
