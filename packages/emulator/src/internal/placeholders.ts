/**
 * `${name}` placeholders in the strings of a JSON value: what a template's content and a batch message's fields use
 * for their parameters (`Batch.parameterNames` of the schema package finds the names).
 */
import { isObject, type Json } from "./validate.js"

const PLACEHOLDER = /\$\{([^}]*)\}/g

/**
 * The value with every `${name}` in its strings replaced by `lookup(name)`; a placeholder `lookup` has no value for
 * stays as written.
 */
export const substitute = (value: unknown, lookup: (name: string) => string | undefined): unknown => {
  if (typeof value === "string") {
    return value.includes("${") ? value.replace(PLACEHOLDER, (whole, name: string) => lookup(name) ?? whole) : value
  }
  if (Array.isArray(value)) return value.map((item) => substitute(item, lookup))
  if (isObject(value)) {
    const out: Json = {}
    // defineProperty, so that a key `__proto__` stays a key (an assignment would set the prototype)
    for (const [k, v] of Object.entries(value)) {
      Object.defineProperty(out, k, { value: substitute(v, lookup), enumerable: true, writable: true })
    }
    return out
  }
  return value
}
