import * as DateTime from "effect/DateTime"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"

/**
 * An optional wire field: absent or a value, never `undefined`. Deliberately not a transformation: a property
 * transformation makes Effect re-validate the whole decoded struct, which doubles decoding time.
 */
export const optional = <S extends Schema.Schema.Any>(schema: S) => Schema.optionalWith(schema, { exact: true })

/** An optional wire field that the API also sends as `null` (kept as `null`, so encoding gives the same JSON). */
export const optionalNullable = <S extends Schema.Schema.Any>(schema: S) =>
  Schema.optionalWith(Schema.NullOr(schema), { exact: true })

/** An open enum: the known values for types and autocompletion, any other string decodes unchanged. */
export interface OpenEnum<L extends string> extends Schema.SchemaClass<L | (string & {}), string> {
  /** The values this SDK knows about. */
  readonly literals: ReadonlyArray<L>
  /** Whether a value is one of the known values. */
  readonly is: (u: unknown) => u is L
}

export const OpenEnum = <const L extends ReadonlyArray<string>>(
  identifier: string,
  literals: L,
  description?: string
): OpenEnum<L[number]> => {
  const known = new Set<string>(literals)
  const ast = Schema.String.annotations({
    identifier,
    description: `${description ?? identifier}: one of ${literals.join(", ")}, or a value added to the API later`,
    examples: [literals[0] ?? ""],
    arbitrary: () => (fc) => fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...literals) }, fc.string())
  }).ast
  return Object.assign(Schema.make<L[number] | (string & {}), string, never>(ast), {
    literals,
    is: (u: unknown): u is L[number] => typeof u === "string" && known.has(u)
  })
}

/** A JSON value with no further structure known (free-form payloads, metadata objects). */
export const JsonObject = Schema.Record({ key: Schema.String, value: Schema.Unknown }).annotations({
  identifier: "JsonObject",
  arbitrary: () => (fc) => fc.dictionary(fc.string(), fc.jsonValue())
})

const hasZone = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/i

const parseTimestamp = (input: string): number => {
  // The API always writes UTC with a "Z"; a timestamp without a zone is read as UTC too, never as local time.
  const last = input.charCodeAt(input.length - 1)
  return Date.parse(last === 90 || last === 122 || hasZone.test(input) ? input : input + "Z")
}

/**
 * An ISO-8601 timestamp on the wire, a `DateTime.Utc` in programs. Encoding writes ISO-8601 in UTC with milliseconds
 * (sub-millisecond digits the API may send are not kept). Like `Schema.DateTimeUtc`, with a cheaper parse on the hot
 * path of every list page and callback.
 */
export const Timestamp = Schema.transformOrFail(Schema.String, Schema.DateTimeUtcFromSelf, {
  strict: true,
  decode: (input, _, ast) => {
    const millis = parseTimestamp(input)
    return Number.isNaN(millis)
      ? ParseResult.fail(
          new ParseResult.Type(ast, input, `Expected an ISO-8601 timestamp, got ${JSON.stringify(input)}`)
        )
      : ParseResult.succeed(DateTime.unsafeMake(millis))
  },
  encode: (dateTime) => ParseResult.succeed(DateTime.formatIso(dateTime))
}).annotations({
  identifier: "Timestamp",
  arbitrary: () => (fc) =>
    fc
      .date({
        min: new Date("1970-01-01T00:00:00.000Z"),
        max: new Date("2999-12-31T23:59:59.999Z"),
        noInvalidDate: true
      })
      .map((date) => DateTime.unsafeFromDate(date))
})

/** A protobuf int64: a JSON number, or a decimal string as proto3 JSON may write it. */
export const Int64 = Schema.Union(Schema.JsonNumber, Schema.NumberFromString).annotations({ identifier: "Int64" })

/** A struct with an identifier, for readable errors. */
export const struct = <F extends Schema.Struct.Fields>(identifier: string, fields: F) =>
  Schema.Struct(fields).annotations({ identifier })

/** The items of a list page (absent when the page is empty, as proto3 JSON may write it). */
export const page = <S extends Schema.Schema.Any>(schema: S) => optional(Schema.Array(schema))

/** The token of the next page: empty or absent on the last page. */
export const nextPageToken = optional(Schema.String)
