import { assert, describe, it } from "@effect/vitest"
import { Callbacks } from "@sinch-effect/schema"
import { NonceStore, Signature, Webhooks } from "@sinch-effect/webhooks"
import { Effect, Either, Exit, FastCheck as fc, Layer, Logger, Metric, Redacted, Schema, Tracer } from "effect"
import * as Arbitraries from "../../schema/test/arbitraries.js"
import { samples } from "../src/internal/samples.js"
import * as internalVerifier from "../src/internal/verifier.js"
import * as internalWarmUp from "../src/internal/warmUp.js"
import { webhookPayloads } from "./fixtures.js"

const SECRET = Redacted.make("warm-up-secret")

/** A nonce store that records every question it is asked, through either of its methods. */
const recordingStore = () => {
  const asked: Array<string> = []
  const store = NonceStore.NonceStore.of({
    remember: (nonce) => Effect.sync(() => asked.push(nonce)).pipe(Effect.as(true)),
    rememberSync: (nonce) => asked.push(nonce) > 0
  })
  return { asked, store }
}

describe("Webhooks warm-up", () => {
  describe("built-in samples", () => {
    it("cover every trigger, each decoded by Effect's own parser to its trigger, with no field left out", () => {
      const decode = Schema.decodeUnknownEither(Callbacks.Callback)
      const triggers = new Set<string>()
      for (const sample of samples()) {
        const decoded = decode(sample)
        if (Either.isLeft(decoded)) return assert.fail(`${JSON.stringify(sample).slice(0, 200)}: ${decoded.left}`)
        assert.notStrictEqual(decoded.right._tag, "Unknown")
        triggers.add(decoded.right._tag)
        // a field that decoding drops is one the schema does not have (renamed, removed or misspelt)
        assert.deepStrictEqual(Either.getOrThrow(Callbacks.unknownFields(sample)), [])
      }
      assert.deepStrictEqual([...triggers].sort(), [...Callbacks.triggerFields.keys()].sort())
    })
  })

  describe("leaves no trace", () => {
    it("asks no nonce store, whichever of its methods it has", () => {
      const { asked, store } = recordingStore()
      const webhook = Webhooks.make({ secrets: [SECRET, "previous"], nonceStore: store, warmUp: true })
      assert.deepStrictEqual(asked, [])
      // the store records what it is asked: a real callback is one question
      const body = webhookPayloads()[0]!.body
      assert.isTrue(Exit.isSuccess(webhook.parseExit(body, Signature.sign(body, SECRET, { nonce: "real" }))))
      assert.deepStrictEqual(asked, ["real"])

      const effectOnly = recordingStore()
      Webhooks.make({
        secrets: SECRET,
        nonceStore: NonceStore.NonceStore.of({ remember: effectOnly.store.remember }),
        warmUp: { rounds: 3 }
      })
      assert.deepStrictEqual(effectOnly.asked, [])
    })

    it.effect("logs, traces and counts nothing, through Webhooks.layer", () =>
      Effect.gen(function* () {
        const logs: Array<unknown> = []
        const spans: Array<string> = []
        const native = yield* Effect.tracer
        const tracer = Tracer.make({
          span: (name, ...rest) => {
            spans.push(name)
            return native.span(name, ...rest)
          },
          context: (f, fiber) => native.context(f, fiber)
        })
        const { asked, store } = recordingStore()
        const metricsBefore = Metric.unsafeSnapshot().length
        const webhook = yield* Effect.provide(
          Webhooks.SinchWebhook,
          Webhooks.layer({ secrets: SECRET, warmUp: true }).pipe(
            Layer.provide(Layer.succeed(NonceStore.NonceStore, store))
          )
        ).pipe(
          Effect.withTracer(tracer),
          Effect.provide(
            Logger.replace(
              Logger.defaultLogger,
              Logger.make(({ message }) => logs.push(message))
            )
          )
        )
        assert.deepStrictEqual(logs, [])
        assert.deepStrictEqual(spans, [])
        assert.deepStrictEqual(asked, [])
        assert.strictEqual(Metric.unsafeSnapshot().length, metricsBefore)
        // the recorders record: a log, a span and a callback are seen
        yield* Effect.log("probe").pipe(
          Effect.withSpan("probe"),
          Effect.withTracer(tracer),
          Effect.provide(
            Logger.replace(
              Logger.defaultLogger,
              Logger.make(({ message }) => logs.push(message))
            )
          )
        )
        const body = webhookPayloads()[0]!.body
        yield* webhook.parse(body, Signature.sign(body, SECRET, { timestamp: 0 }))
        assert.strictEqual(logs.length, 1)
        assert.deepStrictEqual(spans, ["probe"])
        assert.strictEqual(asked.length, 1)
      })
    )
  })

  describe("answers", () => {
    // built first, so that its own callbacks below are the first it sees
    const cold = Webhooks.make({ secrets: [SECRET, "previous"], nonceStore: NonceStore.memory() })
    const warm = Webhooks.make({ secrets: [SECRET, "previous"], nonceStore: NonceStore.memory(), warmUp: true })
    const reference = Schema.decodeUnknownEither(Callbacks.Callback)
    let nonce = 0

    /** The same signed request to both webhooks: the same exit; a decoded event is Effect's decoding of the JSON. */
    const sameAnswer = (body: string | Uint8Array, secret: Signature.Secret = SECRET) => {
      const headers = Signature.sign(body, secret, { nonce: `n-${nonce++}` })
      const fromWarm = warm.parseExit(body, headers)
      const fromCold = cold.parseExit(body, headers)
      assert.deepStrictEqual(fromWarm, fromCold)
      if (Exit.isSuccess(fromWarm)) {
        const text = typeof body === "string" ? body : Buffer.from(body).toString("utf8")
        assert.deepStrictEqual(fromWarm.value.event, Either.getOrThrow(reference(JSON.parse(text))))
      }
    }

    it("the conformance payloads, as text and as bytes, with either secret", () => {
      for (const { body } of webhookPayloads()) {
        sameAnswer(body)
        sameAnswer(Buffer.from(body, "utf8"), "previous")
      }
    })

    it("generated callbacks, their bodies changed, and bodies that are not callbacks (fast-check)", () => {
      const encode = Schema.encodeSync(Callbacks.Callback)
      const triggerKeys = [...Callbacks.triggerFields.values()]
      // a field this SDK does not know, added to every object of a callback (decoding drops it, or keeps it in raw JSON)
      const withExtra = (value: unknown, extra: unknown): unknown =>
        Array.isArray(value)
          ? value.map((item) => withExtra(item, extra))
          : typeof value === "object" && value !== null
            ? Object.fromEntries([
                ...Object.entries(value).map(([key, item]) => [key, withExtra(item, extra)]),
                ["added_later", extra]
              ])
            : value
      const body = fc.oneof(
        Arbitraries.callback.map((callback) => JSON.stringify(encode(callback))),
        fc
          .tuple(Arbitraries.callback, fc.jsonValue())
          .map(([callback, extra]) => JSON.stringify(withExtra(encode(callback), extra))),
        // a known trigger's field with any JSON, and the envelope's fields with wrong types
        fc
          .record({ key: fc.constantFrom(...triggerKeys), value: fc.jsonValue(), project_id: fc.jsonValue() })
          .map(({ key, project_id, value }) => JSON.stringify({ project_id, [key]: value })),
        fc.json(),
        fc.string()
      )
      fc.assert(
        fc.property(body, fc.boolean(), (text, asBytes) => sameAnswer(asBytes ? Buffer.from(text, "utf8") : text)),
        { numRuns: 500 }
      )
    })
  })

  describe("is bounded", () => {
    /** The webhook's own checks and decoder, counted. */
    const counted = () => {
      const core = internalVerifier.make({ secrets: SECRET, nonceStore: NonceStore.memory() })
      const webhook = Webhooks.make({ secrets: SECRET, nonceStore: NonceStore.memory() })
      const calls = { check: 0, decoded: 0 }
      const target: internalWarmUp.Target = {
        check: (body, headers, now) => {
          calls.check++
          return core.check(body, headers, now)
        },
        decode: (body) => {
          calls.decoded++
          return Effect.runSync(Effect.either(webhook.decode(body)))
        }
      }
      return { calls, target }
    }

    it("runs each sample once, then the rounds asked, at most 1000; leaves out what does not decode", () => {
      const builtIn = samples().length
      const good = JSON.stringify(samples()[0])
      const bad = ["not json", "[]", 42, { an: "object" }]
      const { calls, target } = counted()
      internalWarmUp.run(target, ["warm-up-secret"], [good, ...bad], 5)
      // every string or bytes is checked once (the rest are left out), what decodes runs 5 rounds more
      assert.strictEqual(calls.check, builtIn + 3 + (builtIn + 1) * 5)
      const capped = counted()
      internalWarmUp.run(capped.target, ["warm-up-secret"], [], Number.POSITIVE_INFINITY)
      assert.strictEqual(capped.calls.check, builtIn * (1 + internalWarmUp.MAX_ROUNDS))
      const many = counted()
      internalWarmUp.run(
        many.target,
        ["warm-up-secret"],
        Array.from({ length: 500 }, () => good),
        0
      )
      assert.strictEqual(many.calls.check, builtIn + internalWarmUp.MAX_SAMPLES)
    })

    it("a webhook of a narrower schema keeps the samples it decodes, and decodes as without a warm-up", () => {
      const Delivery = Schema.Struct({ message_delivery_report: Schema.Struct({ status: Schema.String }) })
      const narrow = Webhooks.makeWith(Delivery, { secrets: SECRET, nonceStore: NonceStore.memory(), warmUp: true })
      const body = '{"message_delivery_report":{"status":"READ","message_id":"m"}}'
      const parsed = narrow.parseExit(body, Signature.sign(body, SECRET))
      assert.deepStrictEqual(
        Exit.map(parsed, ({ event }) => event),
        Exit.succeed({ message_delivery_report: { status: "READ" } })
      )
    })
  })
})
