/**
 * Fast encoding for hot paths (request bodies). `Encoder.make(schema)` gives the same answers as
 * `Schema.encodeEither(schema)` with the default options: the schema is compiled once into a plain function; a value
 * it cannot encode is encoded again by Effect, which gives the `ParseError` with its path. The client encodes the
 * bodies and queries of its requests with it.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import type * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { compile } from "./internal/encode.js"
import { FAIL } from "./internal/fast.js"

/**
 * A compiled encoder of one schema.
 *
 * @since 0.1.0
 * @category models
 */
export interface Encoder<A, I> {
  /** Encodes a value: its wire form, or a `ParseError` naming the path. */
  (value: A): Either.Either<I, ParseResult.ParseError>
  /** Whether the schema compiled to a fast path (otherwise every call is Effect's own encoding). */
  readonly compiled: boolean
}

/**
 * An encoder for a schema, compiled on its first call (importing a module that declares encoders costs nothing).
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = <A, I>(schema: Schema.Schema<A, I, never>): Encoder<A, I> => {
  // `null` until compiled; `undefined` when the schema has no fast path
  let fast: ReturnType<typeof compile> | null = null
  let slow: ((value: A) => Either.Either<I, ParseResult.ParseError>) | undefined
  const fastPath = () => (fast === null ? (fast = compile(schema.ast)) : fast)
  const encoder = (value: A): Either.Either<I, ParseResult.ParseError> => {
    const f = fastPath()
    if (f !== undefined) {
      const encoded = f(value)
      if (encoded !== FAIL) return Either.right(encoded as I)
    }
    return (slow ??= Schema.encodeEither(schema))(value)
  }
  return Object.defineProperty(encoder, "compiled", {
    get: () => fastPath() !== undefined,
    enumerable: true
  }) as Encoder<A, I>
}
