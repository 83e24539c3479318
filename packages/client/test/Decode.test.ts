/**
 * Response bodies are decoded with the compiled `Decoder` of `@sinch-effect/schema`: the same answers as Effect's own
 * decoding, and a mismatch is a `ResponseDecodeError` naming the path.
 */
import { assert, describe, it } from "@effect/vitest"
import { Ids, Messages } from "@sinch-effect/schema"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as fc from "fast-check"
import { readFileSync } from "node:fs"
import * as Api from "../src/internal/api.js"
import * as FakeSinch from "./utils/FakeSinch.js"
import { clientLayer, sinch } from "./utils/client.js"

const conformance = (name: string): unknown =>
  JSON.parse(readFileSync(`/work/shared/conformance/responses/${name}.json`, "utf8"))

const sample = conformance("ListMessages-1") as { messages: Array<Record<string, unknown>> }
/** The conformance page with three messages. */
const page: { readonly messages: ReadonlyArray<Record<string, unknown>> } = {
  ...sample,
  messages: [0, 1, 2].map((i) => ({ ...sample.messages[0]!, id: `message-${i}` }))
}

/** A valid page with one value somewhere replaced by arbitrary JSON (often invalid, sometimes not). */
const mutatedPage = fc
  .tuple(fc.nat(), fc.constantFrom("id", "accept_time", "direction", "channel_identity", "metadata", "app_message"))
  .chain(([i, key]) =>
    fc.jsonValue().map((value) => {
      const messages = page.messages.map((m) => ({ ...m }))
      messages[i % messages.length]![key] = value
      return { ...page, messages }
    })
  )

describe("decoding responses", () => {
  it("the client's decoder answers like Schema.decodeUnknownEither", () => {
    const fast = Api.decoder(Messages.ListMessagesResponse)
    const reference = Schema.decodeUnknownEither(Messages.ListMessagesResponse)
    fc.assert(
      fc.property(fc.oneof(mutatedPage, fc.jsonValue()), (body) => {
        const a = fast(body)
        const b = reference(body)
        assert.strictEqual(Either.isRight(a), Either.isRight(b))
        if (Either.isRight(a) && Either.isRight(b)) assert.deepStrictEqual(a.right, b.right)
      }),
      { numRuns: 300 }
    )
  })

  it.effect("a mismatch deep in a page is a ResponseDecodeError with its path", () => {
    const messages = page.messages.map((m, i) => (i === 1 ? { ...m, accept_time: 42 } : m))
    const fake = FakeSinch.make((req) =>
      req.url.pathname === "/oauth2/token" ? FakeSinch.token() : FakeSinch.json(200, { ...page, messages })
    )
    return Effect.gen(function* () {
      const client = yield* sinch
      const error = yield* Effect.flip(client.messages.listPage({ conversation_id: Ids.ConversationId.make("c") }))
      assert.strictEqual(error._tag, "ResponseDecodeError")
      if (error._tag !== "ResponseDecodeError") return
      assert.include(error.where, '["messages"]')
      assert.include(error.where, "[1]")
      assert.include(error.where, '["accept_time"]')
      assert.strictEqual(error.operation, "messages.list")
    }).pipe(Effect.provide(clientLayer(fake)))
  })
})
