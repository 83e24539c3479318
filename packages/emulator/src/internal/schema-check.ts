/**
 * Request bodies decoded once with the schemas of `@sinch-effect/schema`: a decode failure becomes
 * google.rpc.BadRequest field violations (`recipient.identified_by.channel_identities[0].channel`). Sinch's rules
 * that the schemas do not say (non-empty ids, known channels, one message kind, ...) follow in the handlers.
 */
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { invalidArgument, type Result } from "./errors.js"

const fieldPath = (path: ReadonlyArray<PropertyKey>): string =>
  path.reduce<string>(
    (acc, key) => (typeof key === "number" ? `${acc}[${key}]` : acc === "" ? String(key) : `${acc}.${String(key)}`),
    ""
  )

/** Alternatives of a union (`recipient` is `{contact_id}` or `{identified_by}`): when one is given, "the other is missing" is noise. */
const ALTERNATIVES: ReadonlyArray<readonly [string, string]> = [
  ["contact_id", "identified_by"],
  ["identified_by", "contact_id"]
]

const at = (value: unknown, path: ReadonlyArray<PropertyKey>): unknown =>
  path.reduce<unknown>(
    (v, k) => (typeof v === "object" && v !== null ? (v as Record<PropertyKey, unknown>)[k] : undefined),
    value
  )

const isNoise = (body: unknown, path: ReadonlyArray<PropertyKey>, message: string): boolean => {
  if (message !== "is missing" || path.length === 0) return false
  const key = path[path.length - 1]
  const parent = at(body, path.slice(0, -1))
  if (typeof parent !== "object" || parent === null) return false
  return ALTERNATIVES.some(([k, other]) => k === key && (parent as Record<string, unknown>)[other] !== undefined)
}

/**
 * A decoder for one request schema: the typed value, or a 400 INVALID_ARGUMENT with field violations. Properties
 * the schema does not know are kept (the emulator stores what it was sent).
 */
export const decoder = <A, I>(schema: Schema.Schema<A, I, never>): ((body: unknown) => Result<A>) => {
  // compiled on the first request, not when the routes are defined (the CLI imports the emulator)
  let decode: ((u: unknown) => Either.Either<A, ParseResult.ParseError>) | undefined
  return (body) => {
    decode ??= Schema.decodeUnknownEither(schema, { errors: "all", onExcessProperty: "preserve" })
    return Either.mapLeft(decode(body), (error) => {
      const seen = new Set<string>()
      const violations = ParseResult.ArrayFormatter.formatErrorSync(error).flatMap((issue) => {
        if (isNoise(body, issue.path, issue.message)) return []
        const field = fieldPath(issue.path) || "body"
        const key = `${field}|${issue.message}`
        if (seen.has(key)) return []
        seen.add(key)
        return [{ field, description: issue.message }]
      })
      return invalidArgument(violations)
    })
  }
}
