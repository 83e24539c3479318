/**
 * The emulator's rules for paging values the schemas decode (a page size, our page tokens), with Sinch-style 400s,
 * and what an update mask selects.
 */
import * as Either from "effect/Either"
import { badField, type Result } from "./errors.js"
import { decodeToken } from "./project.js"

/** A `page_size`: the default when absent or 0, clamped to `max`, 400 when negative. */
export const pageSize = (value: number | undefined, def: number, max: number): Result<number> => {
  if (value === undefined || value === 0) return Either.right(def)
  if (value < 0) return Either.left(badField("page_size", `expected a non-negative integer, got ${value}`))
  return Either.right(Math.min(value, max))
}

/** Decodes a page token of a given kind (400 when it is not one of ours). */
export const token = (kind: string, raw: string | null | undefined): Result<number | undefined> => {
  const key = decodeToken(kind, raw)
  return key !== undefined && Number.isNaN(key)
    ? Either.left(badField("page_token", "invalid page token"))
    : Either.right(key)
}

/** The fields an update sets: all of them, or those its `update_mask` names. */
export const masked = <A extends object>(fields: A, mask: ReadonlyArray<string> | undefined): Partial<A> =>
  mask === undefined
    ? fields
    : (Object.fromEntries(Object.entries(fields).filter(([k]) => mask.includes(k))) as Partial<A>)
