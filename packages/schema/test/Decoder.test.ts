import { describe, expect, it } from "@effect/vitest"
import * as Either from "effect/Either"
import * as FastCheck from "effect/FastCheck"
import * as Schema from "effect/Schema"
import {
  Apps,
  Callbacks,
  Contacts,
  Conversations,
  Decoder,
  ErrorBody,
  Events,
  Messages,
  Templates,
  Webhooks
} from "@sinch-effect/schema"
import { compile, compileInPlace, FAIL } from "../src/internal/fast.js"
import { readFixtures } from "./fixtures.js"
import * as Arbitraries from "./arbitraries.js"

const schemas: Record<string, Schema.Schema.AnyNoContext> = {
  "Messages.ListMessagesResponse": Messages.ListMessagesResponse,
  "Messages.ConversationMessage": Messages.ConversationMessage,
  "Messages.SendMessageRequest": Messages.SendMessageRequest,
  "Contacts.ListContactsResponse": Contacts.ListContactsResponse,
  "Conversations.ListRecentConversationsResponse": Conversations.ListRecentConversationsResponse,
  "Events.ListEventsResponse": Events.ListEventsResponse,
  "Apps.App": Apps.App,
  "Webhooks.Webhook": Webhooks.Webhook,
  "Templates.TemplateV2": Templates.TemplateV2,
  "ErrorBody.ErrorResponse": ErrorBody.ErrorResponse,
  "Callbacks.Callback": Callbacks.Callback
}

/** Changes one value somewhere in a JSON tree: the decoders must then agree on failure (or on the new value). */
const mutate = (json: unknown, path: ReadonlyArray<number>, junk: unknown): unknown => {
  if (path.length === 0 || json === null || typeof json !== "object") return junk
  const entries = Array.isArray(json) ? json.map((v, i) => [i, v] as const) : Object.entries(json)
  if (entries.length === 0) return junk
  const [key, value] = entries[path[0]! % entries.length]!
  const copy: Record<PropertyKey, unknown> | Array<unknown> = Array.isArray(json) ? [...json] : { ...json }
  ;(copy as Record<PropertyKey, unknown>)[key] = mutate(value, path.slice(1), junk)
  return copy
}

/** Adds a property no schema has to one object of a JSON tree (decoding must leave it out, as Effect's does). */
const addUnknown = (json: unknown, path: ReadonlyArray<number>): unknown => {
  if (json === null || typeof json !== "object") return json
  const entries = Array.isArray(json) ? json.map((v, i) => [i, v] as const) : Object.entries(json)
  if (path.length === 0 || entries.length === 0) {
    return Array.isArray(json) ? json : { an_unknown_field: { with: ["a", 1, null] }, ...json }
  }
  const [key, value] = entries[path[0]! % entries.length]!
  const copy: Record<PropertyKey, unknown> | Array<unknown> = Array.isArray(json) ? [...json] : { ...json }
  ;(copy as Record<PropertyKey, unknown>)[key] = addUnknown(value, path.slice(1))
  return copy
}

/**
 * Where two values differ, to the last detail: prototypes, own keys in the same order (strings and symbols; in any
 * order with `ordered` false), property attributes (a `DateTime`'s hidden `partsUtc`), primitives; `undefined` when
 * they do not. (`toEqual` ignores key order and attributes.)
 */
const difference = (a: unknown, b: unknown, ordered = true, path = "$"): string | undefined => {
  if (typeof a !== "object" || a === null || typeof b !== "object" || b === null) {
    return Object.is(a, b) ? undefined : `${path}: ${String(a)} vs ${String(b)}`
  }
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return `${path}: prototype`
  const keys = Reflect.ownKeys(a)
  const others = Reflect.ownKeys(b)
  const sorted = (list: Array<PropertyKey>) => (ordered ? list : list.map(String).sort())
  const [left, right] = [sorted(keys), sorted(others)]
  if (left.length !== right.length || left.some((key, i) => key !== right[i])) {
    return `${path}: keys ${keys.map(String).join()} vs ${others.map(String).join()}`
  }
  for (const key of keys) {
    const da = Object.getOwnPropertyDescriptor(a, key)!
    const db = Object.getOwnPropertyDescriptor(b, key)!
    const at = `${path}.${String(key)}`
    if (da.enumerable !== db.enumerable || da.writable !== db.writable || da.configurable !== db.configurable) {
      return `${at}: attributes`
    }
    const inner = difference(da.value, db.value, ordered, at)
    if (inner !== undefined) return inner
  }
  return undefined
}

/** Valid input is decoded by the compiled decoder itself, not by the fallback to Effect's parser. */
const compiledAnswers = (schema: Schema.Schema.AnyNoContext, input: unknown) =>
  expect(compile(schema.ast)!(input)).not.toBe(FAIL)

const same = (schema: Schema.Schema.AnyNoContext, decode: Decoder.Decoder<unknown>, input: unknown) => {
  const effect = Schema.decodeUnknownEither(schema)(input)
  const fast = decode(input)
  expect(Either.isRight(fast)).toBe(Either.isRight(effect))
  if (Either.isRight(fast) && Either.isRight(effect)) expect(difference(fast.right, effect.right)).toBeUndefined()
  if (Either.isLeft(fast) && Either.isLeft(effect)) expect(fast.left.message).toBe(effect.left.message)
}

describe("Decoder gives the same answers as Schema.decodeUnknownEither", () => {
  for (const [name, schema] of Object.entries(schemas)) {
    it(`${name}: compiled, same values for valid input, same errors for mutated input`, () => {
      const decode = Decoder.make(schema)
      expect(decode.compiled).toBe(true)
      const encode = Schema.encodeSync(schema)
      FastCheck.assert(
        FastCheck.property(
          Arbitraries.make(schema),
          FastCheck.array(FastCheck.nat(), { maxLength: 6 }),
          FastCheck.oneof(FastCheck.jsonValue(), FastCheck.constant(undefined)),
          (value, path, junk) => {
            const wire: unknown = JSON.parse(JSON.stringify(encode(value)))
            compiledAnswers(schema, wire)
            same(schema, decode, wire)
            same(schema, decode, mutate(wire, path, junk))
          }
        ),
        { numRuns: 40 }
      )
    })
  }

  it("every conformance payload", () => {
    const decodeCallback = Decoder.make(Callbacks.Callback)
    for (const { json } of readFixtures("webhooks")) {
      compiledAnswers(Callbacks.Callback, json)
      same(Callbacks.Callback, decodeCallback, json)
    }
    const decodePage = Decoder.make(Messages.ListMessagesResponse)
    for (const { json, name } of readFixtures("responses")) {
      if (!name.startsWith("ListMessages")) continue
      compiledAnswers(Messages.ListMessagesResponse, json)
      same(Messages.ListMessagesResponse, decodePage, json)
    }
  })

  it("non-default parse options use Effect's parser", () => {
    const decode = Decoder.make(Messages.TextMessage)
    expect(decode({ text: "a", extra: 1 })).toEqual(Either.right({ text: "a" }))
    expect(Either.isLeft(decode({ text: "a", extra: 1 }, { onExcessProperty: "error" }))).toBe(true)
    expect(decode({ text: "a", extra: 1 }, { onExcessProperty: "preserve" })).toEqual(
      Either.right({ text: "a", extra: 1 })
    )
  })
})

/** `Decoder.makeJson` on a JSON text answers what Effect answers on its value, keys in any order, errors the same. */
const sameFromJson = (schema: Schema.Schema.AnyNoContext, decode: Decoder.JsonDecoder<unknown>, value: unknown) => {
  // (JSON has no undefined: a value replaced by undefined is left out, or at the root is null)
  const text = JSON.stringify(value) ?? "null"
  const effect = Schema.decodeUnknownEither(schema)(JSON.parse(text))
  const fast = decode(text)
  expect(Either.isRight(fast)).toBe(Either.isRight(effect))
  if (Either.isRight(fast) && Either.isRight(effect))
    expect(difference(fast.right, effect.right, false)).toBeUndefined()
  if (Either.isLeft(fast) && Either.isLeft(effect)) expect(fast.left.message).toBe(effect.left.message)
}

/** Valid input is decoded in place by the compiled decoder, not by the fallback to Effect's parser. */
const compiledInPlace = (schema: Schema.Schema.AnyNoContext, text: string) => {
  const json: unknown = JSON.parse(text)
  const decoded = compileInPlace(schema.ast)!(json)
  expect(decoded).not.toBe(FAIL)
  // in place: an object comes back as the very object parsed (a callback tagged, a struct with its values replaced)
  if (typeof json === "object" && json !== null && !("_tag" in (decoded as object) && "raw" in (decoded as object))) {
    expect(decoded).toBe(json)
  }
}

describe("Decoder.makeJson: Effect's answers on the parsed text, decoded in place", () => {
  for (const [name, schema] of Object.entries(schemas)) {
    it(`${name}: same values (keys in the text's order) for valid input, with unknown fields, same errors`, () => {
      const decode = Decoder.makeJson(schema)
      expect(decode.compiled).toBe(true)
      const encode = Schema.encodeSync(schema)
      FastCheck.assert(
        FastCheck.property(
          Arbitraries.make(schema),
          FastCheck.array(FastCheck.nat(), { maxLength: 6 }),
          FastCheck.array(FastCheck.nat(), { maxLength: 6 }),
          FastCheck.oneof(FastCheck.jsonValue(), FastCheck.constant(undefined)),
          (value, path, at, junk) => {
            const wire: unknown = JSON.parse(JSON.stringify(encode(value)))
            compiledInPlace(schema, JSON.stringify(wire))
            sameFromJson(schema, decode, wire)
            sameFromJson(schema, decode, addUnknown(wire, at))
            sameFromJson(schema, decode, mutate(wire, path, junk))
            sameFromJson(schema, decode, mutate(addUnknown(wire, at), path, junk))
          }
        ),
        { numRuns: 40 }
      )
    })
  }

  it("every conformance payload, and each with its keys reversed", () => {
    const decodeCallback = Decoder.makeJson(Callbacks.Callback)
    const reversed = (json: unknown): unknown =>
      Array.isArray(json)
        ? json.map(reversed)
        : json !== null && typeof json === "object"
          ? Object.fromEntries(
              Object.entries(json)
                .reverse()
                .map(([k, v]) => [k, reversed(v)])
            )
          : json
    for (const { json } of readFixtures("webhooks")) {
      compiledInPlace(Callbacks.Callback, JSON.stringify(json))
      sameFromJson(Callbacks.Callback, decodeCallback, json)
      sameFromJson(Callbacks.Callback, decodeCallback, reversed(json))
    }
  })

  it("text that is not JSON is the SyntaxError of JSON.parse", () => {
    const decode = Decoder.makeJson(Messages.TextMessage)
    const result = decode('{"text":')
    expect(Either.isLeft(result) && result.left instanceof SyntaxError).toBe(true)
    expect(decode('{"text":"a","extra":1}')).toEqual(Either.right({ text: "a" }))
  })

  it("arrays and maps in place replace the items that decode to another value", () => {
    const schema = Schema.Struct({
      times: Schema.Array(Schema.DateTimeUtc),
      byName: Schema.Record({ key: Schema.String, value: Schema.DateTimeUtc })
    })
    const text =
      '{"byName":{"a":"2024-02-22T07:40:46.724Z","b":"2024-02-23T00:00:00Z"},"times":["2020-01-01T00:00:00Z"]}'
    compiledInPlace(schema, text)
    sameFromJson(schema, Decoder.makeJson(schema), JSON.parse(text))
  })

  it("a union of two structs that both change their input is decoded by copying, not in place", () => {
    // the first member replaces `at` with a DateTime, then fails on `n`: in place, the second member would then see a
    // DateTime where the text has a string
    const schema = Schema.Union(
      Schema.Struct({ at: Schema.DateTimeUtc, n: Schema.Number }),
      Schema.Struct({ at: Schema.DateTimeUtc, s: Schema.String })
    )
    const text = '{"at":"2024-02-22T07:40:46.724Z","s":"x"}'
    compiledInPlace(Schema.Struct({ u: schema }), `{"u":${text}}`)
    sameFromJson(schema, Decoder.makeJson(schema), JSON.parse(text))
  })
})

describe("type-side checks of decoded values", () => {
  it("Schema.is accepts what decoding produced, for messages and callbacks", () => {
    for (const { json } of readFixtures("webhooks")) {
      const callback = Schema.decodeUnknownSync(Callbacks.Callback)(json)
      expect(Schema.is(Callbacks.Callback)(callback)).toBe(true)
    }
    const unknown = Schema.decodeUnknownSync(Callbacks.Callback)({ app_id: "a", project_id: "p", new_thing: {} })
    expect(Schema.is(Callbacks.Callback)(unknown)).toBe(true)
    for (const { json, name } of readFixtures("responses")) {
      if (!name.startsWith("ListMessages")) continue
      const page = Schema.decodeUnknownSync(Messages.ListMessagesResponse)(json)
      expect(Schema.is(Messages.ListMessagesResponse)(page)).toBe(true)
      expect(Schema.is(Messages.ListMessagesResponse)(JSON.parse(JSON.stringify(json)))).toBe(false)
    }
  })
})
