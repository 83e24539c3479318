/**
 * Structural validation of request bodies with the schemas of `@sinch-effect/schema`: a decode failure
 * becomes google.rpc.BadRequest field violations (`recipient.identified_by.channel_identities[0].channel`).
 * Semantic checks (one message kind, configured channels, ...) follow in the handlers.
 */
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { invalidArgument } from "./errors.js"

const fieldPath = (path: ReadonlyArray<PropertyKey>): string =>
  path.reduce<string>(
    (acc, key) => (typeof key === "number" ? `${acc}[${key}]` : acc === "" ? String(key) : `${acc}.${String(key)}`),
    ""
  )

/** A validator for one request schema: throws a 400 INVALID_ARGUMENT with field violations. */
export const bodyValidator = <A, I, R>(schema: Schema.Schema<A, I, R>): ((body: unknown) => void) => {
  const decode = Schema.decodeUnknownEither(schema as Schema.Schema<A, I, never>, {
    errors: "all",
    onExcessProperty: "ignore"
  })
  return (body) => {
    const result = decode(body)
    if (Either.isRight(result)) return
    const seen = new Set<string>()
    const violations = ParseResult.ArrayFormatter.formatErrorSync(result.left).flatMap((issue) => {
      const field = fieldPath(issue.path) || "body"
      const key = `${field}|${issue.message}`
      if (seen.has(key)) return []
      seen.add(key)
      return [{ field, description: issue.message }]
    })
    throw invalidArgument(violations)
  }
}
