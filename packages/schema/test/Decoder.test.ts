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
import { compile, FAIL } from "../src/internal/fast.js"
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

/**
 * Where two values differ, to the last detail: prototypes, own keys in the same order (strings and symbols), property
 * attributes (a `DateTime`'s hidden `partsUtc`), primitives; `undefined` when they do not. (`toEqual` ignores key
 * order and attributes.)
 */
const difference = (a: unknown, b: unknown, path = "$"): string | undefined => {
  if (typeof a !== "object" || a === null || typeof b !== "object" || b === null) {
    return Object.is(a, b) ? undefined : `${path}: ${String(a)} vs ${String(b)}`
  }
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return `${path}: prototype`
  const keys = Reflect.ownKeys(a)
  const others = Reflect.ownKeys(b)
  if (keys.length !== others.length || keys.some((key, i) => key !== others[i])) {
    return `${path}: keys ${keys.map(String).join()} vs ${others.map(String).join()}`
  }
  for (const key of keys) {
    const da = Object.getOwnPropertyDescriptor(a, key)!
    const db = Object.getOwnPropertyDescriptor(b, key)!
    const at = `${path}.${String(key)}`
    if (da.enumerable !== db.enumerable || da.writable !== db.writable || da.configurable !== db.configurable) {
      return `${at}: attributes`
    }
    const inner = difference(da.value, db.value, at)
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
