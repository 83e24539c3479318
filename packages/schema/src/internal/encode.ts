/**
 * A compiled encoder for the subset of schema ASTs the request schemas use, the encoding twin of `fast.ts`. Like the
 * compiled decoder it only ever answers for valid input: on any failure it returns `FAIL`, and the caller encodes
 * again with Effect's own parser, which builds the `ParseError`. When it succeeds it gives what
 * `Schema.encodeEither` gives with the default options: the same values, the same key order.
 *
 * Each node follows what Effect's parser does when encoding (effect/ParseResult, `go` with `isDecoding` false):
 * - a transformation encodes its `to` side, applies its `encode`, then encodes its `from` side;
 * - a refinement decodes the value with its type side (filters included), then encodes its `from` side without its
 *   refinements;
 * - a struct keeps its known properties in the order of its property signatures; a required one that is absent is
 *   encoded from `undefined` (Effect does so too, and fails unless the field's type allows it);
 * - a union tries its members in order and keeps the first success (only unions without literal keys, whose
 *   members Effect also tries in order).
 *
 * Supported: string/number/boolean/undefined/unknown keywords, literals, refinements whose type side the compiled
 * decoder handles, declarations and final or composed transformations that answer synchronously, structs (property
 * signatures only), arrays and unions without literal keys, all without parse-option annotations. Anything else makes
 * `compile` answer `undefined`: no fast path for that schema.
 */
import * as Option from "effect/Option"
import * as AST from "effect/SchemaAST"
import { arrayOf, compile as compileDecoder, FAIL, type Fast, firstOf, isRecord, sync } from "./fast.js"

const options: AST.ParseOptions = {}

const dropRightRefinement = (ast: AST.AST): AST.AST => (AST.isRefinement(ast) ? dropRightRefinement(ast.from) : ast)

/**
 * Whether Effect would pick a union member by a literal property when encoding (its candidates are then reordered by
 * a search tree): mirrors `getLiterals` on the type side; a suspended schema counts as one, to be safe.
 */
const hasLiteralKey = (ast: AST.AST): boolean => {
  switch (ast._tag) {
    case "Refinement":
      return hasLiteralKey(ast.from)
    case "Transformation":
      return hasLiteralKey(ast.to)
    case "Suspend":
      return true
    case "Declaration":
      return Option.isSome(AST.getSurrogateAnnotation(ast))
    case "TypeLiteral":
      return ast.propertySignatures.some((ps) => !ps.isOptional && AST.isLiteral(AST.typeAST(ps.type)))
    case "TupleType":
      return ast.elements.some((e) => !e.isOptional && AST.isLiteral(AST.typeAST(e.type)))
    default:
      return false
  }
}

const compiled = new WeakMap<AST.AST, Fast | undefined>()

/** Compiles an encoder for `ast`, or `undefined` when some part of it is outside the supported subset. */
export const compile = (ast: AST.AST): Fast | undefined => {
  if (compiled.has(ast)) return compiled.get(ast)
  const encoder = Option.isSome(AST.getParseOptionsAnnotation(ast)) ? undefined : compileNode(ast)
  compiled.set(ast, encoder)
  return encoder
}

const compileNode = (ast: AST.AST): Fast | undefined => {
  switch (ast._tag) {
    case "StringKeyword":
      return (u) => (typeof u === "string" ? u : FAIL)
    case "NumberKeyword":
      return (u) => (typeof u === "number" ? u : FAIL)
    case "BooleanKeyword":
      return (u) => (typeof u === "boolean" ? u : FAIL)
    case "UndefinedKeyword":
      return (u) => (u === undefined ? u : FAIL)
    case "UnknownKeyword":
    case "AnyKeyword":
      return (u) => u
    case "Literal": {
      const literal = ast.literal
      return (u) => (u === literal ? u : FAIL)
    }
    case "Refinement": {
      const check = compileDecoder(AST.typeAST(ast))
      const from = compile(dropRightRefinement(ast.from))
      if (check === undefined || from === undefined) return undefined
      return (u) => {
        const a = check(u)
        return a === FAIL ? FAIL : from(a)
      }
    }
    case "Declaration": {
      const parse = ast.encodeUnknown(...ast.typeParameters)
      const declaration = ast
      return (u) => sync(parse(u, options, declaration))
    }
    case "Transformation": {
      const to = compile(ast.to)
      const from = compile(ast.from)
      if (to === undefined || from === undefined) return undefined
      switch (ast.transformation._tag) {
        case "ComposeTransformation":
          return (u) => {
            const a = to(u)
            return a === FAIL ? FAIL : from(a)
          }
        case "FinalTransformation": {
          const encode = ast.transformation.encode
          const transformation = ast
          return (u) => {
            const a = to(u)
            if (a === FAIL) return FAIL
            const i = sync(encode(a, options, transformation, u))
            return i === FAIL ? FAIL : from(i)
          }
        }
        default:
          return undefined
      }
    }
    case "TupleType": {
      if (ast.elements.length !== 0 || ast.rest.length !== 1) return undefined
      const item = compile(ast.rest[0]!.type)
      if (item === undefined) return undefined
      return arrayOf(item)
    }
    case "TypeLiteral":
      return compileTypeLiteral(ast)
    case "Union": {
      if (ast.types.some(hasLiteralKey)) return undefined
      const members: Array<Fast> = []
      for (const member of ast.types) {
        const encoder = compile(member)
        if (encoder === undefined) return undefined
        members.push(encoder)
      }
      return firstOf(members)
    }
    default:
      return undefined
  }
}

const compileTypeLiteral = (ast: AST.TypeLiteral): Fast | undefined => {
  const { indexSignatures, propertySignatures } = ast
  if (indexSignatures.length !== 0) return undefined
  if (propertySignatures.length === 0) return (u) => (u === null || u === undefined ? FAIL : u)
  const names: Array<PropertyKey> = []
  const optional: Array<boolean> = []
  const fields: Array<Fast> = []
  for (const ps of propertySignatures) {
    const encoder = compile(ps.type)
    if (encoder === undefined) return undefined
    names.push(ps.name)
    optional.push(ps.isOptional)
    fields.push(encoder)
  }
  const count = names.length
  const hasOwn = Object.prototype.hasOwnProperty
  return (u) => {
    if (!isRecord(u)) return FAIL
    const out: Record<PropertyKey, unknown> = {}
    for (let i = 0; i < count; i++) {
      const name = names[i]!
      // as Effect: an absent optional field is skipped, an absent required one encoded from what reading it gives
      if (optional[i] && !hasOwn.call(u, name)) continue
      const a = fields[i]!(u[name])
      if (a === FAIL) return FAIL
      out[name] = a
    }
    return out
  }
}
