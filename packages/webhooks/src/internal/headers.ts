/**
 * Total, case-insensitive header lookup over the header shapes found in the wild: Node's `IncomingHttpHeaders`,
 * Fetch `Headers` (anything with a `get` method), @effect/platform `Headers` and plain records, with string, number
 * or array values.
 *
 * @internal
 */

/** @internal */
export type Lookup =
  | { readonly _tag: "Missing" }
  | { readonly _tag: "Found"; readonly value: string }
  | { readonly _tag: "Ambiguous"; readonly values: ReadonlyArray<string> }
  | { readonly _tag: "Unreadable" }

const missing: Lookup = { _tag: "Missing" }
const unreadable: Lookup = { _tag: "Unreadable" }

const fromValue = (value: unknown): Lookup => {
  if (value === undefined || value === null) return missing
  if (typeof value === "string") return { _tag: "Found", value }
  if (typeof value === "number" && Number.isFinite(value)) return { _tag: "Found", value: String(value) }
  if (Array.isArray(value)) {
    const values: Array<string> = []
    for (const item of value as ReadonlyArray<unknown>) {
      if (typeof item === "string") values.push(item)
      else if (typeof item === "number" && Number.isFinite(item)) values.push(String(item))
      else if (item !== undefined && item !== null) return unreadable
    }
    if (values.length === 0) return missing
    const first = values[0]!
    for (let i = 1; i < values.length; i++) {
      if (values[i] !== first) return { _tag: "Ambiguous", values }
    }
    return { _tag: "Found", value: first }
  }
  return unreadable
}

const hasGet = (headers: object): headers is { get: (name: string) => unknown } =>
  typeof (headers as { get?: unknown }).get === "function" && !(headers instanceof Map)

/**
 * Looks several headers up by their lower-case names, in one pass over a plain record's keys. Never throws.
 *
 * @internal
 */
export const lookupAll = <const Names extends ReadonlyArray<string>>(
  headers: unknown,
  names: Names
): { readonly [K in keyof Names]: Lookup } => {
  const results: Array<Lookup> = names.map(() => missing)
  try {
    if (headers === null || typeof headers !== "object" || headers instanceof Map || hasGet(headers)) {
      return names.map((name) => lookup(headers, name)) as { readonly [K in keyof Names]: Lookup }
    }
    const record = headers as Record<string, unknown>
    for (const key in record) {
      if (!Object.prototype.hasOwnProperty.call(record, key)) continue
      let lower: string | undefined
      for (let i = 0; i < names.length; i++) {
        const name = names[i]!
        if (key.length !== name.length) continue
        lower ??= key.toLowerCase()
        if (lower !== name) continue
        const next = fromValue(record[key])
        const found = results[i]!
        if (next._tag === "Missing" || found._tag === "Ambiguous" || found._tag === "Unreadable") continue
        if (next._tag !== "Found") results[i] = next
        else if (found._tag === "Found" && found.value !== next.value) {
          results[i] = { _tag: "Ambiguous", values: [found.value, next.value] }
        } else results[i] = next
      }
    }
    return results as unknown as { readonly [K in keyof Names]: Lookup }
  } catch {
    return names.map(() => unreadable) as unknown as { readonly [K in keyof Names]: Lookup }
  }
}

/**
 * Looks a header up by its lower-case `name`. Never throws: exotic inputs (proxies that throw, getters, non-objects)
 * give `Unreadable`.
 *
 * @internal
 */
export const lookup = (headers: unknown, name: string): Lookup => {
  try {
    if (headers === null || typeof headers !== "object") return unreadable
    if (headers instanceof Map) {
      for (const [key, value] of headers as Map<unknown, unknown>) {
        if (typeof key === "string" && key.toLowerCase() === name) return fromValue(value)
      }
      return missing
    }
    if (hasGet(headers)) {
      // Fetch `Headers` (and look-alikes): `get` is case-insensitive and joins repeated values with ", "
      return fromValue(headers.get(name))
    }
    const record = headers as Record<string, unknown>
    let found: Lookup = missing
    for (const key of Object.keys(record)) {
      if (key.length === name.length && key.toLowerCase() === name) {
        const next = fromValue(record[key])
        if (next._tag === "Missing") continue
        if (found._tag === "Found" && next._tag === "Found" && found.value !== next.value) {
          return { _tag: "Ambiguous", values: [found.value, next.value] }
        }
        if (next._tag !== "Found") return next
        found = next
      }
    }
    return found
  } catch {
    return unreadable
  }
}
