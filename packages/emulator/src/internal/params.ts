/**
 * Query parameter readers (page sizes, booleans, enums, page tokens, update masks) with Sinch-style 400 answers.
 */
import * as Either from "effect/Either"
import { badField, type Result } from "./errors.js"
import { decodeToken } from "./project.js"

/** Reads `page_size`: default when absent, clamped to `max`, 400 when not a non-negative integer. */
export const pageSize = (query: URLSearchParams, def: number, max: number): Result<number> => {
  const raw = query.get("page_size")
  if (raw === null || raw === "") return Either.right(def)
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 0)
    return Either.left(badField("page_size", `expected a non-negative integer, got '${raw}'`))
  return Either.right(n === 0 ? def : Math.min(n, max))
}

/** Reads a boolean query parameter. */
export const boolParam = (query: URLSearchParams, name: string): Result<boolean | undefined> => {
  const raw = query.get(name)
  if (raw === null || raw === "") return Either.right(undefined)
  if (raw === "true" || raw === "1") return Either.right(true)
  if (raw === "false" || raw === "0") return Either.right(false)
  return Either.left(badField(name, `expected true or false, got '${raw}'`))
}

/** Reads an enum query parameter. */
export const enumParam = <A extends string>(
  query: URLSearchParams,
  name: string,
  values: ReadonlyArray<A>,
  def: A
): Result<A> => {
  const raw = query.get(name)
  if (raw === null || raw === "") return Either.right(def)
  return (values as ReadonlyArray<string>).includes(raw)
    ? Either.right(raw as A)
    : Either.left(badField(name, `expected one of ${values.join(", ")}, got '${raw}'`))
}

/** Reads a page token of a given kind (400 when it is not one of ours). */
export const pageToken = (query: URLSearchParams, kind: string): Result<number | undefined> =>
  token(kind, query.get("page_token"))

/** Decodes a page token of a given kind (400 when it is not one of ours). */
export const token = (kind: string, raw: string | null | undefined): Result<number | undefined> => {
  const key = decodeToken(kind, raw)
  return key !== undefined && Number.isNaN(key)
    ? Either.left(badField("page_token", "invalid page token"))
    : Either.right(key)
}

/** Reads the update mask (`update_mask.paths=a&update_mask.paths=b`, `update_mask=a,b` or `update_mask.paths=a,b`). */
export const updateMask = (query: URLSearchParams): ReadonlyArray<string> | undefined => {
  const values = [...query.getAll("update_mask.paths"), ...query.getAll("update_mask")]
  if (values.length === 0) return undefined
  return values
    .flatMap((v) => v.split(","))
    .map((s) => s.trim())
    .filter((s) => s !== "")
}
