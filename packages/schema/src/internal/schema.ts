import * as DateTime from "effect/DateTime"
import * as Either from "effect/Either"
import type * as FastCheck from "effect/FastCheck"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import type * as AST from "effect/SchemaAST"
import {
  compileRecord,
  compileRecordInPlace,
  FAIL,
  type Fast,
  type FastDecoder,
  FastDecoderId,
  setOwn
} from "./fast.js"

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

/** The literal keys of an open enum of keys (`"A" | "B" | (string & {})` gives `"A" | "B"`), none for `string`. */
type KnownKeys<K> = K extends string ? (string extends K ? never : K) : never

/**
 * A map with string keys; an open enum of keys (`channel_properties`) adds its known keys, optional, for completion.
 * (`Schema.Record`'s own type makes every known key of such an enum required.)
 */
export type StringKeyed<K, V> = [KnownKeys<K>] extends [never]
  ? { readonly [x: string]: V }
  : { readonly [x: string]: V } & { readonly [P in KnownKeys<K>]?: V }

/** The schema of {@link record}. */
export interface record<K extends Schema.Schema.All, V extends Schema.Schema.All> extends Schema.Schema<
  StringKeyed<Schema.Schema.Type<K>, Schema.Schema.Type<V>>,
  { readonly [x: string]: Schema.Schema.Encoded<V> },
  Schema.Schema.Context<K> | Schema.Schema.Context<V>
> {}

const isObject = (u: unknown): u is Readonly<Record<string, unknown>> =>
  typeof u === "object" && u !== null && !Array.isArray(u)

const parseRecord =
  (
    parse: (
      schema: Schema.Schema.AnyNoContext
    ) => (u: unknown, options: AST.ParseOptions) => Either.Either<unknown, ParseResult.ParseIssue>
  ) =>
  (key: Schema.Schema.AnyNoContext, value: Schema.Schema.AnyNoContext) => {
    const parseKey = parse(key)
    const parseValue = parse(value)
    return (input: unknown, options: AST.ParseOptions, ast: AST.Declaration) => {
      if (!isObject(input)) return ParseResult.fail(new ParseResult.Type(ast, input))
      const out: Record<PropertyKey, unknown> = {}
      for (const name of Object.keys(input)) {
        // as Schema.Record: a key its key schema refuses is left out
        const k = parseKey(name, options)
        if (Either.isLeft(k)) continue
        const v = parseValue(input[name], options)
        if (Either.isLeft(v)) {
          return ParseResult.fail(new ParseResult.Composite(ast, input, new ParseResult.Pointer(name, input, v.left)))
        }
        setOwn(out, k.right as PropertyKey, v.right)
      }
      return ParseResult.succeed(out)
    }
  }

/**
 * `Schema.Record({ key, value })` that keeps every key, both ways: `__proto__` and `constructor` stay plain own keys
 * of a plain object. Effect's own Record writes `out[key] = value`, so a `"__proto__"` key becomes the prototype of
 * the result (an object value) or vanishes (a string), on decode and on encode alike (docs/upstream-issues.md).
 */
export const record = <K extends Schema.Schema.All, V extends Schema.Schema.All>(options: {
  readonly key: K
  readonly value: V
}): record<K, V> =>
  Schema.declare(
    [options.key, options.value],
    {
      decode: parseRecord(ParseResult.decodeUnknownEither),
      encode: parseRecord(ParseResult.encodeUnknownEither)
    },
    {
      description: "a JSON object",
      arbitrary: (key, value) => (fc) => fc.dictionary(key(fc) as FastCheck.Arbitrary<string>, value(fc)),
      [FastDecoderId]: ((compile, inPlace) => {
        const key = compile(options.key.ast)
        const value = compile(options.value.ast)
        if (key === undefined || value === undefined) return undefined
        return inPlace ? compileRecordInPlace(key, value) : compileRecord(key, value)
      }) satisfies FastDecoder
    }
  ) as unknown as record<K, V>

/**
 * A JSON object with no further structure known (free-form payloads, metadata objects), kept as it is, both ways (a
 * declaration, not a `Schema.Record`: see {@link record}).
 */
export const JsonObject: Schema.Schema<{ readonly [x: string]: unknown }> = Schema.declare(
  (u: unknown): u is { readonly [x: string]: unknown } => typeof u === "object" && u !== null && !Array.isArray(u),
  {
    identifier: "JsonObject",
    description: "a JSON object",
    [FastDecoderId]: ((): Fast => (u) => (isObject(u) ? u : FAIL)) satisfies FastDecoder,
    arbitrary: () => (fc) => fc.dictionary(fc.string(), fc.jsonValue())
  }
)

/** A JSON object of strings (batch parameters and metadata maps): a {@link record} of strings. */
export const StringMap: record<typeof Schema.String, typeof Schema.String> = record({
  key: Schema.String,
  value: Schema.String
})

const hasZone = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/i

/**
 * Milliseconds since the epoch of an ISO-8601 timestamp, NaN when it is not one. `Date.parse` reads the API's form
 * (`2020-11-17T16:05:51.724083Z`, milliseconds kept) natively: a parser written here was as fast once warm and several
 * times slower on the first callbacks of a process. A timestamp without a zone is read as UTC, never as local time.
 */
const parseTimestamp = (input: string): number => {
  const last = input.charCodeAt(input.length - 1)
  return Date.parse(last === 90 || last === 122 || hasZone.test(input) ? input : input + "Z")
}

const PARTS_UTC: PropertyDescriptor = { value: undefined, enumerable: false, writable: true }

/**
 * `DateTime.unsafeMake(millis)` without its checks of the input's type and its intermediate `Date`: the same object
 * (`DateTime.Utc`'s prototype, `epochMillis`, a hidden `partsUtc`). Checked once against Effect's own, and Effect's
 * own is used should they ever differ.
 */
const utcMaker = (): ((epochMillis: number) => DateTime.Utc) => {
  const reference = DateTime.unsafeMake(0)
  const proto = Object.getPrototypeOf(reference) as object
  const make = (epochMillis: number): DateTime.Utc => {
    const self = Object.create(proto) as { epochMillis: number }
    self.epochMillis = epochMillis
    Object.defineProperty(self, "partsUtc", PARTS_UTC)
    return self as unknown as DateTime.Utc
  }
  const shape = (value: object) =>
    JSON.stringify(Reflect.ownKeys(value).map((key) => [String(key), Object.getOwnPropertyDescriptor(value, key)]))
  return shape(make(0)) === shape(reference) ? make : (epochMillis) => DateTime.unsafeMake(epochMillis)
}

let makeUtc: ((epochMillis: number) => DateTime.Utc) | undefined

/** Timestamp for the compiled decoders: no transformation `Either`s, no second check of the `DateTime`. */
const decodeTimestamp: Fast = (u) => {
  if (typeof u !== "string") return FAIL
  const millis = parseTimestamp(u)
  return Number.isNaN(millis) ? FAIL : (makeUtc ??= utcMaker())(millis)
}

/**
 * An ISO-8601 timestamp on the wire, a `DateTime.Utc` in programs. Encoding writes ISO-8601 in UTC with milliseconds
 * (sub-millisecond digits the API may send are not kept). Like `Schema.DateTimeUtc`, with a compiled decoder of its own
 * on the hot path of every list page and callback.
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
  [FastDecoderId]: ((): Fast => decodeTimestamp) satisfies FastDecoder,
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
