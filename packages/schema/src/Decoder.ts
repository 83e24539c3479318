/**
 * Fast decoding for hot paths (list pages, callbacks). `Decoder.make(schema)` gives the same answers as
 * `Schema.decodeUnknownEither(schema)`, 2-3 times faster on valid input: the schema is compiled once into a plain
 * function; any input it cannot decode is decoded again by Effect, which gives the `ParseError` with its path.
 * `Decoder.makeJson(schema)` decodes JSON text, and decodes the value `JSON.parse` built in place instead of copying
 * it. The client and the webhooks package decode responses and callbacks with them.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import type * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import type * as AST from "effect/SchemaAST"
import { compile, compileInPlace, FAIL } from "./internal/fast.js"

/**
 * A compiled decoder of one schema.
 *
 * @since 0.1.0
 * @category models
 */
export interface Decoder<A> {
  /** Decodes unknown input: the value, or a `ParseError` naming the path. */
  (input: unknown, options?: AST.ParseOptions): Either.Either<A, ParseResult.ParseError>
  /** Whether the schema compiled to a fast path (otherwise every call is Effect's own decoding). */
  readonly compiled: boolean
}

const isDefault = (options: AST.ParseOptions | undefined) =>
  options === undefined ||
  ((options.onExcessProperty === undefined || options.onExcessProperty === "ignore") &&
    (options.propertyOrder === undefined || options.propertyOrder === "none") &&
    options.exact !== true)

/**
 * A decoder for a schema, compiled on its first call (importing a module that declares decoders costs nothing).
 * Options other than the defaults (`onExcessProperty: "error" | "preserve"`, `exact`, `propertyOrder: "original"`)
 * always use Effect's parser.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = <A, I>(schema: Schema.Schema<A, I, never>): Decoder<A> => {
  // `null` until compiled; `undefined` when the schema has no fast path
  let fast: ReturnType<typeof compile> | null = null
  let slow: ((input: unknown, options?: AST.ParseOptions) => Either.Either<A, ParseResult.ParseError>) | undefined
  const fastPath = () => (fast === null ? (fast = compile(schema.ast)) : fast)
  const decoder = (input: unknown, options?: AST.ParseOptions): Either.Either<A, ParseResult.ParseError> => {
    const f = fastPath()
    if (f !== undefined && isDefault(options)) {
      const value = f(input)
      if (value !== FAIL) return Either.right(value as A)
    }
    return (slow ??= Schema.decodeUnknownEither(schema))(input, options)
  }
  return Object.defineProperty(decoder, "compiled", {
    get: () => fastPath() !== undefined,
    enumerable: true
  }) as Decoder<A>
}

/**
 * A compiled decoder of JSON text (see {@link makeJson}).
 *
 * @since 0.2.0
 * @category models
 */
export interface JsonDecoder<A> {
  /** Parses and decodes JSON text: the value, a `ParseError` naming the path, or the `SyntaxError` of bad JSON. */
  (text: string): Either.Either<A, ParseResult.ParseError | SyntaxError>
  /** Whether the schema compiled to a fast path (otherwise every call is `JSON.parse` and Effect's own decoding). */
  readonly compiled: boolean
}

/**
 * A decoder of JSON text for a schema, compiled on its first call: `JSON.parse`, then decoding. Its answers are
 * {@link make}'s on the parsed value, with one difference: an object's keys are in the order of the text, not of the
 * schema. The value that `JSON.parse` built belongs to nobody else, so it is decoded in place rather than copied
 * (values that decode to another value, such as timestamps, are replaced; properties the schema does not have are
 * removed, as decoding does), which saves a copy of every object. Invalid input is parsed again and decoded by
 * Effect's parser, which gives the `ParseError`.
 *
 * @example
 * ```ts
 * import { Callbacks, Decoder } from "@sinch-effect/schema"
 *
 * const decodeCallback = Decoder.makeJson(Callbacks.Callback)
 * // decodeCallback(rawBody): Either<Callback, ParseError | SyntaxError>
 * ```
 *
 * @since 0.2.0
 * @category constructors
 */
export const makeJson = <A, I>(schema: Schema.Schema<A, I, never>): JsonDecoder<A> => {
  // `null` until compiled; `undefined` when the schema has no fast path
  let fast: ReturnType<typeof compile> | null = null
  let slow: ((input: unknown) => Either.Either<A, ParseResult.ParseError>) | undefined
  const fastPath = () => (fast === null ? (fast = compileInPlace(schema.ast)) : fast)
  const decoder = (text: string): Either.Either<A, ParseResult.ParseError | SyntaxError> => {
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch (error) {
      return Either.left(error instanceof SyntaxError ? error : new SyntaxError(String(error)))
    }
    const f = fastPath()
    if (f !== undefined) {
      const value = f(json)
      if (value !== FAIL) return Either.right(value as A)
      // the refused value may be partly decoded: Effect's parser gets the text's value afresh
      json = JSON.parse(text)
    }
    return (slow ??= Schema.decodeUnknownEither(schema))(json)
  }
  return Object.defineProperty(decoder, "compiled", {
    get: () => fastPath() !== undefined,
    enumerable: true
  }) as JsonDecoder<A>
}
