/**
 * `Encoder.make` gives exactly what `Schema.encodeEither` gives, over the request schemas of every operation (bodies
 * and queries): the same values in the same key order for valid input, the same errors for broken input, checked
 * with fast-check. Valid values go through the compiled path, not the fallback.
 */
import { assert, describe, it } from "@effect/vitest"
import { Encoder, Messages, Operations } from "@sinch-effect/schema"
import * as Arbitrary from "effect/Arbitrary"
import * as DateTime from "effect/DateTime"
import * as Either from "effect/Either"
import * as FastCheck from "effect/FastCheck"
import * as Schema from "effect/Schema"
import { compile } from "../src/internal/encode.js"
import { FAIL } from "../src/internal/fast.js"

/** The request schemas: every definition's body and query. */
const requests: ReadonlyArray<readonly [string, Schema.Schema.AnyNoContext]> = Operations.all.flatMap((d) => [
  ...(d.body === undefined ? [] : [[`${d.name} body`, d.body] as const]),
  ...(d.query === undefined ? [] : [[`${d.name} query`, d.query] as const])
])

/** The query schemas the compiled encoder leaves to Effect (a renamed field: `update_mask.paths` is `update_mask`). */
const notCompiled = [
  "apps.update query",
  "webhooks.update query",
  "contacts.update query",
  "conversations.update query",
  "templatesV1.update query"
]

/** Changes one value somewhere in a tree (objects, arrays, `DateTime`s alike): the encoders must still agree. */
const mutate = (value: unknown, path: ReadonlyArray<number>, junk: unknown): unknown => {
  if (path.length === 0 || value === null || typeof value !== "object") return junk
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value)
  if (entries.length === 0) return junk
  const [key, child] = entries[path[0]! % entries.length]!
  const copy: Record<PropertyKey, unknown> | Array<unknown> = Array.isArray(value) ? [...value] : { ...value }
  ;(copy as Record<PropertyKey, unknown>)[key] = mutate(child, path.slice(1), junk)
  return copy
}

/** Values that a broken request may hold where another one belongs. */
const junk: FastCheck.Arbitrary<unknown> = FastCheck.oneof(
  FastCheck.jsonValue(),
  FastCheck.constantFrom(undefined, null, NaN, Infinity, -0, [], {}, Object.create(null), new Date(0)),
  FastCheck.constant(DateTime.unsafeMake(0))
)

/** Own keys in order, all the way down. */
const shape = (u: unknown): unknown =>
  Array.isArray(u)
    ? u.map(shape)
    : typeof u === "object" && u !== null
      ? Object.keys(u).map((k) => [k, shape((u as Record<string, unknown>)[k])])
      : u

const same = (schema: Schema.Schema.AnyNoContext, encode: Encoder.Encoder<unknown, unknown>, value: unknown) => {
  const effect = Schema.encodeEither(schema)(value)
  const fast = encode(value)
  assert.strictEqual(Either.isRight(fast), Either.isRight(effect))
  if (Either.isRight(fast) && Either.isRight(effect)) {
    assert.deepStrictEqual(fast.right, effect.right)
    assert.deepStrictEqual(shape(fast.right), shape(effect.right))
  }
  if (Either.isLeft(fast) && Either.isLeft(effect)) assert.strictEqual(fast.left.message, effect.left.message)
}

describe("Encoder gives the same answers as Schema.encodeEither", () => {
  it("compiles every request body, and every query but the renamed update masks", () => {
    const missing = requests.filter(([, schema]) => !Encoder.make(schema).compiled).map(([name]) => name)
    assert.deepStrictEqual(missing, notCompiled)
  })

  for (const [name, schema] of requests) {
    it(`${name}: same values for valid input (compiled path), same errors for broken input`, () => {
      const encode = Encoder.make(schema)
      const fast = compile(schema.ast)
      FastCheck.assert(
        FastCheck.property(
          Arbitrary.make(schema),
          FastCheck.array(FastCheck.nat(), { maxLength: 6 }),
          junk,
          (value, path, junk) => {
            if (fast !== undefined) assert.notStrictEqual(fast(value), FAIL)
            same(schema, encode, value)
            same(schema, encode, mutate(value, path, junk))
          }
        ),
        { numRuns: 30 }
      )
    })
  }

  it("a send request: unknown fields left out, absent optional fields stay absent, broken fields refused", () => {
    const encode = Encoder.make(Messages.SendMessageRequest)
    const request = {
      app_id: "app",
      recipient: { contact_id: "c" },
      message: { text_message: { text: "hi" } },
      extra: 1
    } as unknown as Messages.SendMessageRequest
    const expected = { app_id: "app", recipient: { contact_id: "c" }, message: { text_message: { text: "hi" } } }
    assert.deepStrictEqual(encode(request), Either.right(expected))
    const hostile = JSON.parse('{"app_id":"app","recipient":{"contact_id":"c"},"message":{"__proto__":{"x":1}}}')
    for (const value of [
      request,
      hostile,
      { ...request, correlation_id: undefined },
      { ...request, ttl: Infinity },
      { ...request, ttl: "10s" },
      { ...request, app_id: undefined },
      { ...request, recipient: [] },
      { ...request, message: Object.assign(Object.create({ text_message: { text: "inherited" } }), {}) },
      Object.assign(Object.create({ app_id: "inherited" }), { recipient: request.recipient, message: request.message })
    ]) {
      same(Messages.SendMessageRequest, encode as Encoder.Encoder<unknown, unknown>, value)
    }
  })
})
