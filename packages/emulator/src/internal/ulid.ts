/**
 * Monotonic ULID generation (Crockford base32, 26 characters), the id format the Conversation API uses.
 * Fast enough to mint millions of ids while seeding: the time part is encoded once per millisecond and the
 * random part is incremented within the same millisecond.
 */
import { randomBytes, randomUUID } from "node:crypto"

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

const encodeTime = (ms: number): string => {
  let out = ""
  let t = ms
  for (let i = 0; i < 10; i++) {
    const mod = t % 32
    out = ALPHABET[mod] + out
    t = (t - mod) / 32
  }
  return out
}

/** A generator of strictly increasing ULIDs. */
export interface UlidGenerator {
  readonly next: (timeMs: number) => string
}

/** Creates a monotonic ULID generator. */
export const makeUlidGenerator = (): UlidGenerator => {
  let lastTime = -1
  let timePart = ""
  // 80 bits of randomness kept as 16 base32 digits
  const digits = new Uint8Array(16)
  const reseed = () => {
    const bytes = randomBytes(16)
    for (let i = 0; i < 16; i++) digits[i] = bytes[i]! & 31
    // leave headroom so increments rarely overflow
    digits[0] = digits[0]! & 15
  }
  const increment = () => {
    for (let i = 15; i >= 0; i--) {
      if (digits[i]! < 31) {
        digits[i] = digits[i]! + 1
        return
      }
      digits[i] = 0
    }
  }
  return {
    next: (timeMs) => {
      const t = Math.max(0, Math.floor(timeMs))
      if (t > lastTime) {
        lastTime = t
        timePart = encodeTime(t)
        reseed()
      } else {
        increment()
      }
      let rnd = ""
      for (let i = 0; i < 16; i++) rnd += ALPHABET[digits[i]!]
      return timePart + rnd
    }
  }
}

/** A random UUID v4 string (used for project ids, key ids and request ids). */
export const uuid = (): string => randomUUID()

/** A random url-safe secret of `bytes` bytes of entropy. */
export const randomSecret = (bytes = 24): string => randomBytes(bytes).toString("base64url")
