/**
 * `__proto__`, `constructor` and their kin are plain own keys after decoding, never the object's prototype (issue 11,
 * row 5), in free-form objects (`metadata_json`) and in typed records (template `parameters`), checked with fast-check.
 */
import { assert, describe, it } from "@effect/vitest"
import { Batch, Conversations, Decoder, Messages } from "@sinch-effect/schema"
import * as Either from "effect/Either"
import * as FastCheck from "effect/FastCheck"
import * as Schema from "effect/Schema"

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
})
