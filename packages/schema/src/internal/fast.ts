/**
 * A compiled decoder for the subset of schema ASTs this package uses. It only ever answers for valid input: on any
 * failure it returns `FAIL`, and the caller decodes again with Effect's own parser, which builds the `ParseError`
 * (and is the reference for every answer). So the fast path needs to be right on success only: when it succeeds it
 * gives what Effect gives (same values, same key order); when Effect would fail, it fails too.
 *
 * Supported: string/number/boolean/unknown keywords, literals, refinements (their filter runs), declarations and final
 * transformations that answer synchronously, structs (property signatures; or one string index signature), arrays,
 * and unions without literal discriminators (Effect tries those members in order and keeps the first success); and
 * any schema that compiles itself (`FastDecoderId`: timestamps, maps, the callback union). Anything else makes
 * `compile` answer `undefined`: no fast path for that schema. Each AST node is compiled once.
 *
 * Structs are closures that walk their fields. Straight-line code generated per struct (`new Function`) was measured
 * on the bench's 10k callbacks: no faster once warm, and a first pass 35% slower (each struct tiers up on its own).
 *
 * `compileInPlace` compiles the same answers for input that the caller owns and gives up (what its own `JSON.parse`
 * just returned: plain objects and arrays, nothing shared): objects and arrays are decoded in place, walking the
 * input's own keys, and only values that change are replaced (timestamps); keys the schema does not have are deleted.
 * The value it gives equals the copying decoder's except for key order (the input's, not the schema's). On `FAIL`
 * the input may be partly decoded, so the caller must give Effect's parser the input again (parse the text again).
 */
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import type * as ParseResult from "effect/ParseResult"
import * as AST from "effect/SchemaAST"

/**
 * Sets an own property: `out[key] = value` would make a `"__proto__"` key the object's prototype (`JSON.parse` gives
 * such a key as a plain own property, and so must decoding and encoding).
 */
export const setOwn = (out: Record<PropertyKey, unknown>, key: PropertyKey, value: unknown): void => {
  if (key === "__proto__") {
    Object.defineProperty(out, key, { value, writable: true, enumerable: true, configurable: true })
  } else {
    out[key] = value
  }
}

/** What a fast decoder returns when it cannot decode its input. */
export const FAIL: unique symbol = Symbol.for("@sinch-effect/schema/fast/FAIL")

/** Decodes valid input, or answers `FAIL`. */
export type Fast = (input: unknown) => unknown

/** Compiles an AST, or answers `undefined` when it has no fast path. */
export type Compile = (ast: AST.AST) => Fast | undefined

const options: AST.ParseOptions = {}

/** Whether `u` is an object that is not an array (what a struct or a map accepts). */
export const isRecord = (u: unknown): u is Record<PropertyKey, unknown> =>
  typeof u === "object" && u !== null && !Array.isArray(u)

/** An array whose every item `item` answers (`Schema.Array`), shared by the compiled decoder and encoder. */
export const arrayOf =
  (item: Fast): Fast =>
  (u) => {
    if (!Array.isArray(u)) return FAIL
    const out = new Array<unknown>(u.length)
    for (let i = 0; i < u.length; i++) {
      const a = item(u[i])
      if (a === FAIL) return FAIL
      out[i] = a
    }
    return out
  }

/** The first member's answer that is not `FAIL` (a union whose members Effect tries in order). */
export const firstOf =
  (members: ReadonlyArray<Fast>): Fast =>
  (u) => {
    for (const member of members) {
      const a = member(u)
      if (a !== FAIL) return a
    }
    return FAIL
  }

export const sync = (result: unknown): unknown => {
  // (the tag first: `Either.isEither` is a property lookup through `Predicate.hasProperty`, on every value)
  const either = result as Either.Either<unknown, ParseResult.ParseIssue>
  return either._tag === "Right" && Either.TypeId in either ? either.right : FAIL
}

/**
 * An AST annotation that compiles the schema itself, used instead of compiling the AST: `(compile, inPlace) => Fast`,
 * where `compile` compiles the schema's parts (e.g. a declaration's type parameters) in the same mode. For
 * declarations and transformations whose generic form costs several allocations per value (`Timestamp`, maps, the
 * callback union). The decoder it gives must answer what Effect's parser answers, like any fast decoder; with
 * `inPlace` it may decode its input in place (see `compileInPlace`), otherwise it must not change it.
 */
export const FastDecoderId: unique symbol = Symbol.for("@sinch-effect/schema/fast/FastDecoder")

/** The value of a {@link FastDecoderId} annotation. */
export type FastDecoder = (compile: Compile, inPlace: boolean) => Fast | undefined

/** Whether a union member is one Effect would pick by a literal property (then it may reorder candidates). */
const hasLiteralKey = (ast: AST.AST): boolean => {
  switch (ast._tag) {
    case "Refinement":
      return hasLiteralKey(ast.from)
    case "Transformation":
      return hasLiteralKey(ast.from)
    case "Suspend":
      return true
    case "Declaration":
      return Option.isSome(AST.getSurrogateAnnotation(ast))
    case "TypeLiteral":
      return ast.propertySignatures.some((ps) => !ps.isOptional && AST.isLiteral(AST.encodedAST(ps.type)))
    case "TupleType":
      return ast.elements.some((e) => !e.isOptional && AST.isLiteral(AST.encodedAST(e.type)))
    default:
      return false
  }
}

/** Whether a decoder of `ast` may change its input in place (anything but a primitive or a literal may). */
const mayChangeInput = (ast: AST.AST): boolean => {
  switch (ast._tag) {
    case "Refinement":
      return mayChangeInput(ast.from)
    case "StringKeyword":
    case "NumberKeyword":
    case "BooleanKeyword":
    case "Literal":
      return false
    default:
      return true
  }
}

// compiled once per AST node and mode: a struct shared by several schemas (a channel identity, a reason) is one
// function
const copying = new WeakMap<AST.AST, Fast | null>()
const inPlace = new WeakMap<AST.AST, Fast | null>()

const cached = (cache: WeakMap<AST.AST, Fast | null>, ast: AST.AST, mode: boolean): Fast | undefined => {
  const found = cache.get(ast)
  if (found !== undefined) return found ?? undefined
  const fast = compileNew(ast, mode)
  cache.set(ast, fast ?? null)
  return fast
}

/** Compiles a decoder for `ast`, or `undefined` when some part of it is outside the supported subset. */
export const compile: Compile = (ast) => cached(copying, ast, false)

/**
 * Compiles a decoder for `ast` that decodes its input in place (see above), or `undefined` like {@link compile}. Give
 * it only values nobody else holds, and on `FAIL` decode a fresh copy of the input with Effect's parser.
 */
export const compileInPlace: Compile = (ast) => cached(inPlace, ast, true)

const compileNew = (ast: AST.AST, mode: boolean): Fast | undefined => {
  const self = mode ? compileInPlace : compile
  const own = ast.annotations[FastDecoderId]
  if (typeof own === "function") return (own as FastDecoder)(self, mode)
  switch (ast._tag) {
    case "StringKeyword":
      return (u) => (typeof u === "string" ? u : FAIL)
    case "NumberKeyword":
      return (u) => (typeof u === "number" ? u : FAIL)
    case "BooleanKeyword":
      return (u) => (typeof u === "boolean" ? u : FAIL)
    case "UnknownKeyword":
    case "AnyKeyword":
      return (u) => u
    case "Literal": {
      const literal = ast.literal
      return (u) => (u === literal ? u : FAIL)
    }
    case "Refinement": {
      const from = self(ast.from)
      if (from === undefined) return undefined
      const refinement = ast
      return (u) => {
        const a = from(u)
        return a === FAIL || Option.isSome(refinement.filter(a, options, refinement)) ? FAIL : a
      }
    }
    case "Declaration": {
      const parse = ast.decodeUnknown(...ast.typeParameters)
      const declaration = ast
      return (u) => sync(parse(u, options, declaration))
    }
    case "Transformation": {
      // its `decode` may keep parts of its input in a new value: decoded by copying, in either mode
      if (mode) return compile(ast)
      if (ast.transformation._tag !== "FinalTransformation") return undefined
      const from = compile(ast.from)
      const to = compile(ast.to)
      if (from === undefined || to === undefined) return undefined
      const decode = ast.transformation.decode
      const transformation = ast
      return (u) => {
        const a = from(u)
        if (a === FAIL) return FAIL
        const b = sync(decode(a, options, transformation, u))
        return b === FAIL ? FAIL : to(b)
      }
    }
    case "TupleType": {
      if (ast.elements.length !== 0 || ast.rest.length !== 1) return undefined
      const item = self(ast.rest[0]!.type)
      if (item === undefined) return undefined
      return mode ? arrayInPlace(item) : arrayOf(item)
    }
    case "TypeLiteral":
      return mode ? typeLiteralInPlace(ast) : compileTypeLiteral(ast)
    case "Union": {
      if (ast.types.some(hasLiteralKey)) return undefined
      // a member that failed halfway may have changed the input that the next member reads: in place only when one
      // member at most can change it (`NullOr(struct)`)
      if (mode && ast.types.filter(mayChangeInput).length > 1) return compile(ast)
      const members: Array<Fast> = []
      for (const member of ast.types) {
        const fast = self(member)
        if (fast === undefined) return undefined
        members.push(fast)
      }
      return firstOf(members)
    }
    default:
      return undefined
  }
}

/**
 * A map with string keys (`Schema.Record({ key, value })` semantics): a key the key decoder refuses is left out, a
 * value it refuses fails the map, every key is set as an own property (`setOwn`).
 */
export const compileRecord = (key: Fast, value: Fast): Fast => {
  return (u) => {
    if (!isRecord(u)) return FAIL
    const out: Record<PropertyKey, unknown> = {}
    for (const name of Object.keys(u)) {
      const k = key(name)
      if (k === FAIL) continue
      const a = value(u[name])
      if (a === FAIL) return FAIL
      setOwn(out, k as PropertyKey, a)
    }
    return out
  }
}

/** {@link compileRecord} in place: a key the key decoder refuses is deleted, changed values are replaced. */
export const compileRecordInPlace = (key: Fast, value: Fast): Fast => {
  const hasOwn = Object.prototype.hasOwnProperty
  return (u) => {
    if (!isRecord(u)) return FAIL
    for (const name in u) {
      if (!hasOwn.call(u, name)) continue
      const k = key(name)
      if (k === FAIL) {
        delete u[name]
        continue
      }
      // (a key decoder that changes keys has no in-place form)
      if (k !== name) return FAIL
      const v = u[name]
      const a = value(v)
      if (a === FAIL) return FAIL
      if (a !== v) setOwn(u, name, a)
    }
    return u
  }
}

const arrayInPlace =
  (item: Fast): Fast =>
  (u) => {
    if (!Array.isArray(u)) return FAIL
    for (let i = 0; i < u.length; i++) {
      const v: unknown = u[i]
      const a = item(v)
      if (a === FAIL) return FAIL
      if (a !== v) u[i] = a
    }
    return u
  }

/**
 * A struct in place: the input's own keys are walked (most of a schema's fields are optional and absent), a key the
 * struct does not have is deleted, a value that decodes to another value is replaced, and every required field must
 * have been seen.
 */
const typeLiteralInPlace = (ast: AST.TypeLiteral): Fast | undefined => {
  const { indexSignatures, propertySignatures } = ast
  if (propertySignatures.length === 0) {
    if (indexSignatures.length === 0) return compileTypeLiteral(ast)
    const index = indexSignatures[0]!
    if (indexSignatures.length !== 1 || index.parameter._tag !== "StringKeyword") return undefined
    const value = compileInPlace(index.type)
    return value === undefined ? undefined : compileRecordInPlace((u) => u, value)
  }
  if (indexSignatures.length !== 0) return undefined
  const byName = new Map<PropertyKey, number>()
  // string fields (IDs, open enums, text: most of them) are checked here rather than by a call to their decoder
  const strings: Array<boolean> = []
  const optional: Array<boolean> = []
  const fields: Array<Fast> = []
  let required = 0
  for (const ps of propertySignatures) {
    const fast = compileInPlace(ps.type)
    if (fast === undefined) return undefined
    byName.set(ps.name, fields.length)
    strings.push(ps.type._tag === "StringKeyword" && ps.type.annotations[FastDecoderId] === undefined)
    optional.push(ps.isOptional)
    fields.push(fast)
    if (!ps.isOptional) required++
  }
  const hasOwn = Object.prototype.hasOwnProperty
  return (u) => {
    if (!isRecord(u)) return FAIL
    let seen = 0
    for (const key in u) {
      if (!hasOwn.call(u, key)) continue
      const i = byName.get(key)
      if (i === undefined) {
        delete u[key]
        continue
      }
      const v = u[key]
      if (strings[i]) {
        if (typeof v !== "string") return FAIL
      } else {
        const a = fields[i]!(v)
        if (a === FAIL) return FAIL
        if (a !== v) setOwn(u, key, a)
      }
      if (!optional[i]) seen++
    }
    return seen === required ? u : FAIL
  }
}

const compileTypeLiteral = (ast: AST.TypeLiteral): Fast | undefined => {
  const { indexSignatures, propertySignatures } = ast
  if (propertySignatures.length === 0 && indexSignatures.length === 0) {
    return (u) => (u === null || u === undefined ? FAIL : u)
  }
  if (propertySignatures.length === 0) {
    const index = indexSignatures[0]!
    if (indexSignatures.length !== 1 || index.parameter._tag !== "StringKeyword") return undefined
    const value = compile(index.type)
    if (value === undefined) return undefined
    return (u) => {
      if (!isRecord(u)) return FAIL
      const out: Record<string, unknown> = {}
      for (const key of Object.keys(u)) {
        const a = value(u[key])
        if (a === FAIL) return FAIL
        setOwn(out, key, a)
      }
      return out
    }
  }
  if (indexSignatures.length !== 0) return undefined
  const names: Array<PropertyKey> = []
  const optional: Array<boolean> = []
  const fields: Array<Fast> = []
  for (const ps of propertySignatures) {
    const fast = compile(ps.type)
    if (fast === undefined) return undefined
    names.push(ps.name)
    optional.push(ps.isOptional)
    fields.push(fast)
  }
  const count = names.length
  const hasOwn = Object.prototype.hasOwnProperty
  // the field names are known: only a field named "__proto__" needs setOwn's defineProperty
  const plain = !names.includes("__proto__")
  return (u) => {
    if (!isRecord(u)) return FAIL
    const out: Record<PropertyKey, unknown> = {}
    for (let i = 0; i < count; i++) {
      const name = names[i]!
      if (!hasOwn.call(u, name)) {
        if (optional[i]) continue
        return FAIL
      }
      const a = fields[i]!(u[name])
      if (a === FAIL) return FAIL
      if (plain) out[name] = a
      else setOwn(out, name, a)
    }
    return out
  }
}
