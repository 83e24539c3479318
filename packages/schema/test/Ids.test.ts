/**
 * The IDs' `make` brands a string without running Effect's parser: for any input it answers what Effect's own `make`
 * (a twin of each ID schema declared here as `Ids.ts` declared it before) and `Schema.validateSync` answer: the string
 * itself, the same `ParseError` for anything else, the value itself with `disableValidation`. Checked with fast-check.
 */
import { assert, describe, it } from "@effect/vitest"
import { Ids } from "@sinch-effect/schema"
import * as Either from "effect/Either"
import * as FastCheck from "effect/FastCheck"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"

const ids = Object.entries(Ids).filter(([, value]) => Schema.isSchema(value)) as ReadonlyArray<
  readonly [string, typeof Ids.AppId]
>

/** What `make` does: its value, or the class and message of what it threw. */
const outcome = (make: () => unknown): Either.Either<unknown, string> => {
  try {
    return Either.right(make())
  } catch (e) {
    return Either.left(`${e instanceof ParseResult.ParseError ? "ParseError" : "other"}: ${String(e)}`)
  }
}

describe("Ids", () => {
  it("declares every ID (8 schemas)", () => {
    assert.deepStrictEqual(
      ids.map(([name]) => name),
      ["ProjectId", "AppId", "ContactId", "ConversationId", "MessageId", "EventId", "WebhookId", "BatchId"]
    )
  })

  for (const [name, schema] of ids) {
    // Effect's own brand constructor, as `Ids.ts` declared each ID before its `make` had a fast path
    const twin = Schema.String.pipe(Schema.brand(`@sinch-effect/${name}`), Schema.annotations({ identifier: name }))
    const validate = Schema.validateSync(schema)

    it(`${name}.make: a string is the ID, as Effect's make and validateSync say`, () => {
      FastCheck.assert(
        FastCheck.property(FastCheck.string({ unit: "binary" }), (s) => {
          const made = schema.make(s)
          assert.strictEqual(made, s)
          assert.strictEqual(twin.make(s), made)
          assert.strictEqual(validate(s), made)
          assert.deepStrictEqual(Schema.decodeUnknownEither(schema)(s), Either.right(made))
        })
      )
    })

    it(`${name}.make: anything else is Effect's own ParseError`, () => {
      FastCheck.assert(
        FastCheck.property(
          FastCheck.anything().filter((u) => typeof u !== "string"),
          (u) => {
            const made = outcome(() => schema.make(u as string))
            assert.isTrue(Either.isLeft(made))
            assert.deepStrictEqual(
              made,
              outcome(() => twin.make(u as string))
            )
            assert.deepStrictEqual(
              made,
              outcome(() => validate(u))
            )
          }
        )
      )
    })

    it(`${name}.make with disableValidation: the value as it is, as Effect's make`, () => {
      for (const u of ["01E", 42, undefined, { id: "x" }]) {
        assert.strictEqual(schema.make(u as string, { disableValidation: true }), u)
        assert.strictEqual(twin.make(u as string, { disableValidation: true }), u)
      }
      assert.strictEqual(schema.make("01E", true), "01E")
    })
  }

  it("the schema itself is Effect's: annotations, decoding and encoding are unchanged", () => {
    assert.strictEqual(Schema.format(Ids.AppId), "AppId")
    assert.deepStrictEqual(Schema.decodeUnknownEither(Ids.AppId)("01E"), Either.right(Ids.AppId.make("01E")))
    assert.isTrue(Either.isLeft(Schema.decodeUnknownEither(Ids.AppId)(1)))
    assert.deepStrictEqual(Schema.encodeEither(Ids.AppId)(Ids.AppId.make("01E")), Either.right("01E"))
  })
})
