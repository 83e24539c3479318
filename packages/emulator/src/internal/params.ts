/**
 * Query parameter helpers (page sizes, booleans, enums) with Sinch-style 400 answers.
 */
import { badField } from "./errors.js"
import { decodeToken } from "./project.js"

/** Reads `page_size`: default when absent, clamped to `max`, 400 when not a non-negative integer. */
export const pageSize = (query: URLSearchParams, def: number, max: number): number => {
  const raw = query.get("page_size")
  if (raw === null || raw === "") return def
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 0) throw badField("page_size", `expected a non-negative integer, got '${raw}'`)
  if (n === 0) return def
  return Math.min(n, max)
}

/** Reads a boolean query parameter. */
export const boolParam = (query: URLSearchParams, name: string): boolean | undefined => {
  const raw = query.get(name)
  if (raw === null || raw === "") return undefined
  if (raw === "true" || raw === "1") return true
  if (raw === "false" || raw === "0") return false
  throw badField(name, `expected true or false, got '${raw}'`)
}

/** Reads an enum query parameter. */
export const enumParam = <A extends string>(
  query: URLSearchParams,
  name: string,
  values: ReadonlyArray<A>,
  def: A
): A => {
  const raw = query.get(name)
  if (raw === null || raw === "") return def
  if (!(values as ReadonlyArray<string>).includes(raw)) {
    throw badField(name, `expected one of ${values.join(", ")}, got '${raw}'`)
  }
  return raw as A
}

/** Reads a page token of a given kind (400 when it is not one of ours). */
export const pageToken = (query: URLSearchParams, kind: string): number | undefined => {
  const key = decodeToken(kind, query.get("page_token"))
  if (key !== undefined && Number.isNaN(key)) throw badField("page_token", "invalid page token")
  return key
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
