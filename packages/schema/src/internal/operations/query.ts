/**
 * The query of an operation as the URL carries it: every parameter a string, an array as repeated keys
 * (`contact_ids=a&contact_ids=b`). `fromSearch` layers a definition's typed query schema (Int, Boolean, Timestamp,
 * enums, arrays, renamed keys such as `update_mask.paths`) on those strings.
 */
import * as Schema from "effect/Schema"
import * as AST from "effect/SchemaAST"
import { record } from "../schema.js"

/** A query as the URL gives it: each key with all its values, in order. */
export const Search = record({ key: Schema.String, value: Schema.Array(Schema.String) }).annotations({
  identifier: "Search"
})

/** How the encoded value of one query field is written as a URL string. */
type Kind = "string" | "number" | "boolean" | { readonly array: Kind }

const kindOf = (ast: AST.AST): Kind => {
  switch (ast._tag) {
    case "NumberKeyword":
      return "number"
    case "BooleanKeyword":
      return "boolean"
    case "Refinement":
      return kindOf(ast.from)
    case "Union": {
      // an optional field's `undefined` is never on the URL; an int64 (a number or a decimal string) reads a numeric
      // string as the number
      const kinds = ast.types.filter((member) => member._tag !== "UndefinedKeyword").map(kindOf)
      if (kinds.length === 1) return kinds[0]!
      return kinds.includes("number") ? "number" : kinds.includes("boolean") ? "boolean" : "string"
    }
    case "TupleType":
      return ast.elements.length === 0 && ast.rest.length === 1 ? { array: kindOf(ast.rest[0]!.type) } : "string"
    default:
      return "string"
  }
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/

/** One URL string as the encoded value of its kind; a string that is not one stays a string, for the schema to refuse. */
const read = (kind: Exclude<Kind, { readonly array: Kind }>, raw: string): unknown => {
  if (kind === "number") return NUMBER.test(raw) ? Number(raw) : raw
  if (kind === "boolean") return raw === "true" || raw === "1" ? true : raw === "false" || raw === "0" ? false : raw
  return raw
}

const write = (value: unknown): string => (typeof value === "string" ? value : String(value))

/**
 * A definition's query schema read from the URL's strings: numbers and booleans parsed (`true`/`false`, `1`/`0`),
 * arrays from repeated keys, a scalar from its first value; an empty value of a number or boolean is absent. Decoding
 * fails with the schema's own issue at the field's wire name (`page_size`, `update_mask.paths`).
 */
export const fromSearch = <A, I>(query: Schema.Schema<A, I>): Schema.Schema<A, typeof Search.Type> => {
  const encoded = AST.encodedAST(query.ast)
  const fields =
    encoded._tag === "TypeLiteral"
      ? encoded.propertySignatures.map((ps) => ({ name: String(ps.name), kind: kindOf(ps.type) }))
      : []
  return Schema.transform(Search, Schema.Unknown, {
    strict: true,
    decode: (search) => {
      const out: Record<string, unknown> = {}
      for (const { kind, name } of fields) {
        const values = Object.hasOwn(search, name) ? search[name]! : []
        if (typeof kind === "object") {
          const item = typeof kind.array === "object" ? "string" : kind.array
          if (values.length > 0) out[name] = values.map((raw) => read(item, raw))
        } else if (values.length > 0 && (kind === "string" || values[0] !== "")) {
          out[name] = read(kind, values[0]!)
        }
      }
      return out
    },
    encode: (value) => {
      const out: Record<string, ReadonlyArray<string>> = {}
      const record = value as Record<string, unknown>
      for (const { name } of fields) {
        const v = record[name]
        if (v === undefined) continue
        out[name] = Array.isArray(v) ? v.map(write) : [write(v)]
      }
      return out
    }
  }).pipe(Schema.compose(query, { strict: false }))
}
