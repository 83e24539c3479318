/**
 * Monotonic ULID generation (Crockford base32, 26 characters), the id format the Conversation API uses.
 * Fast enough to mint millions of ids while seeding: the time part is encoded once per millisecond and the
 * random part is incremented within the same millisecond.
 */
import { randomBytes, randomUUID } from "node:crypto"

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
const CODES = Array.from(ALPHABET, (c) => c.charCodeAt(0))

/** A generator of strictly increasing ULIDs. */
export interface UlidGenerator {
  readonly next: (timeMs: number) => string
}

/**
 * Creates a monotonic ULID generator. Ids are built from char codes in one `String.fromCharCode` call so they are
 * flat strings (string concatenation would leave ropes that cost hundreds of bytes per id).
 */
export const makeUlidGenerator = (): UlidGenerator => {
  let lastTime = -1
  // 10 time digits + 16 random digits, as base32 digit values
  const digits = new Uint8Array(26)
  const codes: Array<number> = new Array(26).fill(48)
  // random bytes are drawn from a pool: one randomBytes call per 256 ids, not per id
  let pool = randomBytes(4096)
  let offset = 0
  const reseed = () => {
    if (offset + 16 > pool.length) {
      pool = randomBytes(4096)
      offset = 0
    }
    for (let i = 0; i < 16; i++) digits[10 + i] = pool[offset + i]! & 31
    offset += 16
    // leave headroom so increments rarely overflow
    digits[10] = digits[10]! & 15
    for (let i = 10; i < 26; i++) codes[i] = CODES[digits[i]!]!
  }
  const increment = () => {
    for (let i = 25; i >= 10; i--) {
      if (digits[i]! < 31) {
        digits[i] = digits[i]! + 1
        codes[i] = CODES[digits[i]!]!
        return
      }
      digits[i] = 0
      codes[i] = CODES[0]!
    }
  }
  return {
    next: (timeMs) => {
      const t = Math.max(0, Math.floor(timeMs))
      if (t > lastTime) {
        lastTime = t
        let rest = t
        for (let i = 9; i >= 0; i--) {
          const mod = rest % 32
          codes[i] = CODES[mod]!
          rest = (rest - mod) / 32
        }
        reseed()
      } else {
        increment()
      }
      return String.fromCharCode.apply(null, codes)
    }
  }
}

/** A random UUID v4 string (used for project ids, key ids and request ids). */
export const uuid = (): string => randomUUID()

/** A random url-safe secret of `bytes` bytes of entropy. */
export const randomSecret = (bytes = 24): string => randomBytes(bytes).toString("base64url")
