/**
 * `__proto__`, `constructor` and their kin are plain own keys after decoding, never the object's prototype (issue 11,
 * row 5), in free-form objects (`metadata_json`) and in typed records (template `parameters`, `channel_properties`,
 * ...), decoded and encoded again, checked with fast-check.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Models from "@sinch-effect/schema"
import { Batch, Conversations, Decoder, Messages } from "@sinch-effect/schema"
import * as Arbitrary from "effect/Arbitrary"
import * as Either from "effect/Either"
import * as FastCheck from "effect/FastCheck"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as AST from "effect/SchemaAST"

const hostileKey = FastCheck.constantFrom("__proto__", "constructor", "prototype", "toString", "hasOwnProperty")
const key = FastCheck.oneof(hostileKey, FastCheck.string())
/** A JSON object text whose keys include the hostile ones (`JSON.parse` keeps `__proto__` as an own key). */
const objectText = (value: FastCheck.Arbitrary<unknown>) =>
  FastCheck.uniqueArray(FastCheck.tuple(key, value), { selector: ([k]) => k, maxLength: 6 }).map(
    (entries) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(",")}}`
  )

/** Own keys and values, in order, and a plain prototype. */
const assertKept = (decoded: unknown, input: Record<string, unknown>) => {
  assert.strictEqual(Object.getPrototypeOf(decoded), Object.prototype)
  assert.deepStrictEqual(Object.keys(decoded as object), Object.keys(input))
  for (const k of Object.keys(input)) {
    assert.isTrue(Object.prototype.hasOwnProperty.call(decoded, k), k)
    assert.strictEqual(JSON.stringify((decoded as Record<string, unknown>)[k]), JSON.stringify(input[k]))
  }
}

describe("prototype keys", () => {
  const conversation = Decoder.make(Conversations.Conversation)
  const reference = Decoder.make(Messages.TemplateReference)

  it("the reported case: metadata_json with __proto__ keeps it as a key, and md.isAdmin is not inherited", () => {
    const text = '{"id":"c","metadata_json":{"__proto__":{"isAdmin":true},"k":"v"}}'
    const decoded = Either.getOrThrow(conversation(JSON.parse(text)))
    const md = decoded.metadata_json as Record<string, unknown>
    assert.isUndefined((md as { isAdmin?: unknown }).isAdmin)
    assert.strictEqual(Object.getPrototypeOf(md), Object.prototype)
    assert.deepStrictEqual(Object.keys(md), ["__proto__", "k"])
    // and encoding keeps it
    const encoded = Schema.encodeSync(Conversations.Conversation)(decoded)
    assert.strictEqual(JSON.stringify(encoded), text)
  })

  it("free-form objects (metadata_json) keep every key, both ways", () => {
    FastCheck.assert(
      FastCheck.property(objectText(FastCheck.jsonValue()), (text) => {
        const input = JSON.parse(text) as Record<string, unknown>
        const decoded = Either.getOrThrow(conversation({ id: "c", metadata_json: input }))
        assertKept(decoded.metadata_json, input)
        const encoded = Schema.encodeSync(Conversations.Conversation)(decoded) as { metadata_json: unknown }
        assertKept(encoded.metadata_json, input)
      })
    )
  })

  it("typed records (template parameters) keep every key when decoded", () => {
    FastCheck.assert(
      FastCheck.property(objectText(FastCheck.string()), (text) => {
        const input = JSON.parse(text) as Record<string, unknown>
        const decoded = Either.getOrThrow(reference({ template_id: "t", parameters: input }))
        assertKept(decoded.parameters, input)
      })
    )
  })

  it("a struct's own fields are never set through a prototype key", () => {
    const decoded = Either.getOrThrow(reference(JSON.parse('{"template_id":"t","__proto__":{"version":"x"}}')))
    assert.isUndefined(decoded.version)
    assert.strictEqual(Object.getPrototypeOf(decoded), Object.prototype)
  })

  it("decoded in place from JSON text (Decoder.makeJson): the same keys, never a prototype", () => {
    const text = '{"id":"c","__proto__":{"id":"x"},"metadata_json":{"__proto__":{"isAdmin":true},"k":"v"}}'
    const decoded = Either.getOrThrow(Decoder.makeJson(Conversations.Conversation)(text))
    assert.strictEqual(Object.getPrototypeOf(decoded), Object.prototype)
    assert.deepStrictEqual(Object.keys(decoded), ["id", "metadata_json"])
    assertKept(decoded.metadata_json, JSON.parse(text).metadata_json)
    FastCheck.assert(
      FastCheck.property(objectText(FastCheck.string()), (params) => {
        const decoded = Either.getOrThrow(
          Decoder.makeJson(Messages.TemplateReference)(`{"template_id":"t","parameters":${params}}`)
        )
        assertKept(decoded.parameters, JSON.parse(params))
      })
    )
  })

  it("batch parameters and metadata (string maps) keep every key, both ways, and refuse a value that is not a string", () => {
    const recipient = Decoder.make(Batch.RecipientAndParams)
    FastCheck.assert(
      FastCheck.property(objectText(FastCheck.string()), (text) => {
        const input = JSON.parse(text) as Record<string, unknown>
        const wire = { recipient: { contact_id: "c" }, parameters: input, message_metadata: input }
        const decoded = Either.getOrThrow(recipient(wire))
        assertKept(decoded.parameters, input)
        assertKept(decoded.message_metadata, input)
        const encoded = Schema.encodeSync(Batch.RecipientAndParams)(decoded) as { parameters: unknown }
        assertKept(encoded.parameters, input)
      })
    )
    assert.isTrue(Either.isLeft(recipient({ recipient: { contact_id: "c" }, parameters: { n: 1 } })))
  })

  describe("every record of the models", () => {
    // every AST reachable from the exported schemas of the package
    const reachable = new Set<AST.AST>()
    // where each AST is a field: "TemplateReference.parameters"
    const fieldNames = new Map<AST.AST, string>()
    const visit = (ast: AST.AST): void => {
      if (reachable.has(ast)) return
      reachable.add(ast)
      switch (ast._tag) {
        case "Declaration":
          return ast.typeParameters.forEach(visit)
        case "Refinement":
          return visit(ast.from)
        case "Transformation":
          visit(ast.from)
          return visit(ast.to)
        case "Suspend":
          return visit(ast.f())
        case "Union":
          return ast.types.forEach(visit)
        case "TupleType":
          ast.elements.forEach((e) => visit(e.type))
          return ast.rest.forEach((r) => visit(r.type))
        case "TypeLiteral":
          for (const ps of ast.propertySignatures) {
            const owner = Option.getOrElse(AST.getIdentifierAnnotation(ast), () => "Struct")
            if (!fieldNames.has(ps.type)) fieldNames.set(ps.type, `${owner}.${String(ps.name)}`)
            visit(ps.type)
          }
          return ast.indexSignatures.forEach((is) => visit(is.type))
        default:
          return
      }
    }
    for (const module of Object.values(Models)) {
      for (const value of Object.values(module)) if (Schema.isSchema(value)) visit(value.ast)
    }
    const records = [...reachable].filter(
      (ast): ast is AST.Declaration =>
        ast._tag === "Declaration" &&
        ast.typeParameters.length === 2 &&
        Option.getOrUndefined(AST.getDescriptionAnnotation(ast)) === "a JSON object"
    )

    it("are lossless records: no Schema.Record (a TypeLiteral with an index signature) is left in any model", () => {
      const indexed = [...reachable].filter((ast) => ast._tag === "TypeLiteral" && ast.indexSignatures.length > 0)
      assert.deepStrictEqual(indexed.map(String), [])
      // parameters, channel_template, explicit_channel_message, explicit_channel_omni_message,
      // channel_specific_message, channel_properties, parameter_mappings, channel_template_overrides,
      // transcoded_message, the batch maps
      assert.isAtLeast(records.length, 9)
      assert.deepStrictEqual(
        records.filter((ast) => !fieldNames.has(ast)).map(String),
        [],
        "every record is the type of a field"
      )
    })

    for (const ast of records) {
      const record = Schema.make<Record<string, unknown>, Record<string, unknown>, never>(ast)
      const value = Schema.make<unknown, unknown, never>(ast.typeParameters[1]!)
      const encodedValue = Arbitrary.make(value).map((v) => Schema.encodeSync(value)(v))
      const decodeWithDecoder = Decoder.make(record)
      it(`${fieldNames.get(ast) ?? String(ast)}: every key kept, decoded (Effect's parser and the Decoder) and encoded again`, () => {
        FastCheck.assert(
          FastCheck.property(objectText(encodedValue), (text) => {
            const input = JSON.parse(text) as Record<string, unknown>
            const decoded = Schema.decodeUnknownSync(record)(input)
            assertKept(Schema.encodeSync(record)(decoded), input)
            // (an object puts integer-like keys first, whatever the text's order: compare with the parsed input)
            assert.strictEqual(JSON.stringify(Schema.encodeSync(record)(decoded)), JSON.stringify(input))
            const fast = Either.getOrThrow(decodeWithDecoder(input))
            assert.deepStrictEqual(Object.keys(fast), Object.keys(decoded))
            assert.strictEqual(Object.getPrototypeOf(fast), Object.prototype)
            assert.strictEqual(Object.getPrototypeOf(decoded), Object.prototype)
          }),
          { numRuns: 50 }
        )
      })
    }

    it("the reported case in a typed record: channel_properties with __proto__ keeps it, nothing is inherited", () => {
      const schema = Schema.Struct({ channel_properties: Messages.SendMessageRequest.fields.channel_properties })
      const text = '{"channel_properties":{"__proto__":"x","constructor":"y","WHATSAPP_HEADER":"z"}}'
      const decoded = Schema.decodeUnknownSync(schema)(JSON.parse(text))
      const properties = decoded.channel_properties!
      assert.deepStrictEqual(Object.keys(properties), ["__proto__", "constructor", "WHATSAPP_HEADER"])
      assert.strictEqual(Object.getPrototypeOf(properties), Object.prototype)
      assert.strictEqual(JSON.stringify(Schema.encodeSync(schema)(decoded)), text)
      const template = '{"template_id":"t","parameters":{"__proto__":{"isAdmin":true}}}'
      const refused = Schema.decodeUnknownEither(Messages.TemplateReference)(JSON.parse(template))
      // a record of strings refuses an object value, it never becomes the prototype
      assert.isTrue(Either.isLeft(refused))
      assert.isUndefined(({} as { isAdmin?: unknown }).isAdmin)
    })
  })
})
