import { assert, describe, it } from "@effect/vitest"
import { Callbacks } from "@sinch-effect/schema"
import { NonceStore, Signature, Webhooks } from "@sinch-effect/webhooks"
import { ConfigProvider, Effect, Exit, FastCheck, Layer, Redacted, Schema, TestClock } from "effect"
import fc from "fast-check"
import * as Arbitraries from "../../schema/test/arbitraries.js"
import { webhookPayloads } from "./fixtures.js"

const SECRET = Redacted.make("webhooks-secret")
const T0 = 1_700_000_000
const webhook = Webhooks.make({ secrets: [SECRET], nonceStore: NonceStore.memory() })

const signedParse = (body: string | Uint8Array) =>
  Effect.gen(function* () {
    yield* TestClock.setTime(T0 * 1000)
    return yield* webhook.parse(body, Signature.sign(body, SECRET, { timestamp: T0 }))
  })

describe("Webhooks", () => {
  describe("conformance payloads", () => {
    const payloads = webhookPayloads()
    it("cover all 21 triggers", () => {
      const triggers = new Set(payloads.map((p) => p.trigger))
      assert.strictEqual(triggers.size, 21)
    })
    for (const payload of payloads) {
      it.effect(`${payload.name} verifies and decodes to ${payload.trigger}`, () =>
        Effect.gen(function* () {
          const { event, verified } = yield* signedParse(payload.body)
          assert.strictEqual(event._tag, payload.trigger)
          assert.strictEqual(verified.body, payload.body)
          // the same bytes decode the same
          const fromBytes = yield* signedParse(Buffer.from(payload.body, "utf8"))
          assert.strictEqual(fromBytes.event._tag, payload.trigger)
        })
      )
    }
  })

  describe("decode", () => {
    it.effect("a raw body decodes to Effect's answer on its JSON; a JSON value given is never changed", () =>
      Effect.gen(function* () {
        const reference = Schema.decodeUnknownSync(Callbacks.Callback)
        for (const { body } of webhookPayloads()) {
          // a raw body is parsed by the webhook and decoded in place (keys in the body's order)
          const fromBody = yield* webhook.decode(body)
          assert.deepStrictEqual(fromBody, reference(JSON.parse(body)))
          // a value the caller parsed is copied, never changed
          const json: unknown = JSON.parse(body)
          const fromJson = yield* webhook.decodeJson(json)
          assert.deepStrictEqual(json, JSON.parse(body))
          assert.notStrictEqual(fromJson, json)
          assert.deepStrictEqual(fromJson, fromBody)
        }
      })
    )

    it.effect("an object with no known trigger field is Unknown and keeps the raw JSON", () =>
      Effect.gen(function* () {
        const body = '{"app_id":"A","project_id":"P","brand_new_notification":{"x":[1,2,{"y":null}]}}'
        const { event } = yield* signedParse(body)
        assert.strictEqual(event._tag, "Unknown")
        if (event._tag === "Unknown") assert.deepStrictEqual(event.raw, JSON.parse(body))
      })
    )

    it.effect("a batch status update (Batch API) is a typed BATCH_STATUS_UPDATE, not Unknown", () =>
      Effect.gen(function* () {
        const body = JSON.stringify({
          app_id: "A",
          project_id: "P",
          batch_status_update_notification: {
            batch_id: "B1",
            batch_status: "BATCH_STATUS_PROCESSED",
            batch_type: "BATCH_TYPE_MESSAGES",
            additional_data: { message_batch_data: { batch_metadata: { campaign: "spring" } } }
          }
        })
        const { event } = yield* signedParse(body)
        assert.strictEqual(event._tag, "BATCH_STATUS_UPDATE")
        if (event._tag === "BATCH_STATUS_UPDATE") {
          const notification = event.batch_status_update_notification
          assert.strictEqual(notification.batch_id, "B1")
          assert.strictEqual(notification.batch_status, "BATCH_STATUS_PROCESSED")
          assert.deepStrictEqual(notification.additional_data?.message_batch_data?.batch_metadata, {
            campaign: "spring"
          })
        }
      })
    )

    it.effect("a known trigger with a bad body fails with the path", () =>
      Effect.gen(function* () {
        const body = '{"app_id":"A","project_id":"P","message_delivery_report":{"message_id":"M","status":42}}'
        const error = yield* Effect.flip(signedParse(body))
        assert.strictEqual(error._tag, "DecodeError")
        if (error._tag === "DecodeError") {
          assert.strictEqual(error.reason, "SchemaMismatch")
          assert.strictEqual(error.path, "message_delivery_report.status")
          assert.include(error.message, "message_delivery_report.status")
        }
      })
    )

    it.effect("not JSON, not UTF-8, not an object", () =>
      Effect.gen(function* () {
        const notJson = yield* Effect.flip(Webhooks.decode("{oops"))
        assert.strictEqual(notJson.reason, "NotJson")
        const notUtf8 = yield* Effect.flip(Webhooks.decode(Uint8Array.from([0x7b, 0xff, 0xfe, 0x7d])))
        assert.strictEqual(notUtf8.reason, "NotUtf8")
        for (const body of ["[]", "42", "null", '"text"']) {
          const error = yield* Effect.flip(Webhooks.decode(body))
          assert.strictEqual(error.reason, "SchemaMismatch", body)
          assert.strictEqual(error.path, "")
        }
      })
    )

    it.effect("verification comes first: an unsigned body is never decoded", () =>
      Effect.gen(function* () {
        yield* TestClock.setTime(T0 * 1000)
        const error = yield* Effect.flip(webhook.parse("{oops", Signature.sign("{oops", "wrong", { timestamp: T0 })))
        assert.strictEqual(error._tag, "SignatureError")
      })
    )
  })

  describe("UNSUPPORTED payload", () => {
    it.effect("is decoded on demand; a non-JSON payload is a DecodeError", () =>
      Effect.gen(function* () {
        const conformance = webhookPayloads().find((p) => p.trigger === "UNSUPPORTED")!
        const { event } = yield* signedParse(conformance.body)
        assert.strictEqual(event._tag, "UNSUPPORTED")
        if (event._tag !== "UNSUPPORTED") return
        assert.strictEqual(event.unsupported_callback.payload, "payload value")
        const error = yield* Effect.flip(Webhooks.unsupportedPayload(event))
        assert.strictEqual(error.reason, "NotJson")
        assert.include(error.message, "payload")

        const inner = { object: "page", entry: [{ id: "1", messaging: [{ message: { text: "hé" } }] }] }
        const body = JSON.stringify({
          app_id: "A",
          project_id: "P",
          unsupported_callback: { channel: "MESSENGER", payload: JSON.stringify(inner) }
        })
        const decoded = yield* signedParse(body)
        if (decoded.event._tag !== "UNSUPPORTED") return assert.fail("expected UNSUPPORTED")
        assert.deepStrictEqual(yield* Webhooks.unsupportedPayload(decoded.event), inner)
      })
    )
  })

  describe("dispatch", () => {
    const inbound = webhookPayloads().find((p) => p.trigger === "MESSAGE_INBOUND")!
    const delivery = webhookPayloads().find((p) => p.trigger === "MESSAGE_DELIVERY")!
    const optIn = webhookPayloads().find((p) => p.trigger === "OPT_IN")!

    it.effect("runs the handler of the trigger, with its member of the union, or the fallback", () =>
      Effect.gen(function* () {
        const seen: Array<string> = []
        const handler = Webhooks.dispatch(
          {
            MESSAGE_INBOUND: (event) => Effect.sync(() => seen.push(`inbound:${event.message.id}`)),
            MESSAGE_DELIVERY: (event, verified) =>
              Effect.sync(() => seen.push(`delivery:${event.message_delivery_report.status}:${verified.nonce}`))
          },
          (other) => Effect.sync(() => seen.push(`other:${other._tag}`))
        )
        for (const payload of [inbound, delivery, optIn]) {
          yield* TestClock.setTime(T0 * 1000)
          // a nonce per delivery (the webhook refuses a nonce it already saw)
          const headers = Signature.sign(payload.body, SECRET, { timestamp: T0, nonce: `n-${payload.trigger}` })
          const { event, verified } = yield* webhook.parse(payload.body, headers)
          yield* handler(event, verified)
        }
        assert.deepStrictEqual(seen, ["inbound:event id", "delivery:DELIVERED:n-MESSAGE_DELIVERY", "other:OPT_IN"])
      })
    )

    it.effect("without a fallback, other events are acknowledged; handler failures are typed", () =>
      Effect.gen(function* () {
        class Boom extends Schema.TaggedError<Boom>()("Boom", {}) {}
        const handler = Webhooks.dispatch({ OPT_IN: () => new Boom() })
        const { event, verified } = yield* signedParse(inbound.body)
        yield* handler(event, verified)
        const opt = yield* signedParse(optIn.body)
        const error = yield* Effect.flip(handler(opt.event, opt.verified))
        assert.strictEqual(error._tag, "Boom")
      })
    )
  })

  describe("SinchWebhook service", () => {
    it.effect("layerConfig reads SINCH_WEBHOOK_SECRET and SINCH_WEBHOOK_SECRET_PREVIOUS", () =>
      Effect.gen(function* () {
        yield* TestClock.setTime(T0 * 1000)
        const webhook = yield* Webhooks.SinchWebhook
        const body = webhookPayloads().find((p) => p.trigger === "OPT_OUT")!.body
        const current = yield* webhook.parse(body, Signature.sign(body, "current", { timestamp: T0 }))
        assert.strictEqual(current.verified.secretIndex, 0)
        const previous = yield* webhook.parse(body, Signature.sign(body, "previous", { timestamp: T0 }))
        assert.strictEqual(previous.verified.secretIndex, 1)
      }).pipe(
        Effect.provide(
          Webhooks.layerConfig().pipe(
            Layer.provide(NonceStore.layerMemory()),
            Layer.provide(
              Layer.setConfigProvider(
                ConfigProvider.fromMap(
                  new Map([
                    ["SINCH_WEBHOOK_SECRET", "current"],
                    ["SINCH_WEBHOOK_SECRET_PREVIOUS", "previous"]
                  ])
                )
              )
            )
          )
        )
      )
    )

    it.effect("layerConfig fails with a ConfigError when the secret is missing", () =>
      Effect.gen(function* () {
        const error = yield* Effect.flip(
          Effect.provide(
            Webhooks.SinchWebhook,
            Webhooks.layerConfig().pipe(
              Layer.provide(NonceStore.layerMemory()),
              Layer.provide(Layer.setConfigProvider(ConfigProvider.fromMap(new Map())))
            )
          )
        )
        assert.include(String(error), "SINCH_WEBHOOK_SECRET")
      })
    )
  })

  describe("handle (server-free replies)", () => {
    it.effect("200, 401, 400, 500 and 503", () =>
      Effect.gen(function* () {
        yield* TestClock.setTime(T0 * 1000)
        const body = webhookPayloads().find((p) => p.trigger === "CONTACT_CREATE")!.body
        // a delivery attempt: signed with a fresh nonce
        const request = () => ({ body, headers: Signature.sign(body, SECRET, { timestamp: T0 }) })
        const headers = Signature.sign(body, SECRET, { timestamp: T0 })
        assert.strictEqual((yield* Webhooks.handle(webhook, { body, headers }, () => Effect.void)).status, 200)
        assert.strictEqual((yield* Webhooks.handle(webhook, { body, headers }, () => Effect.void)).status, 401)
        assert.strictEqual(
          (yield* Webhooks.handle(webhook, { ...request(), body: body + " " }, () => Effect.void)).status,
          401
        )
        const junk = "[1,2]"
        assert.strictEqual(
          (yield* Webhooks.handle(
            webhook,
            { body: junk, headers: Signature.sign(junk, SECRET, { timestamp: T0 }) },
            () => Effect.void
          )).status,
          400
        )
        assert.strictEqual((yield* Webhooks.handle(webhook, request(), () => Effect.fail("x"))).status, 500)
        assert.strictEqual((yield* Webhooks.handle(webhook, request(), () => Effect.interrupt)).status, 503)
        const parsedBody = { body: JSON.parse(body) as string, headers: request().headers }
        const misconfigured = yield* Webhooks.handle(webhook, parsedBody, () => Effect.void)
        assert.strictEqual(misconfigured.status, 500)
        assert.include(misconfigured.body, "BodyNotRaw")
      })
    )
  })

  describe("parseExit (no fiber)", () => {
    // the answer of parse, run by Effect, next to parseExit's, each with a store of its own
    const both = (body: string | Uint8Array, headers: Signature.HeadersInput) => {
      const options = { secrets: [Redacted.make("previous"), SECRET] }
      const viaEffect = Webhooks.make({ ...options, nonceStore: NonceStore.memory() })
      const viaExit = Webhooks.make({ ...options, nonceStore: NonceStore.memory() })
      return [Effect.runSyncExit(viaEffect.parse(body, headers)), viaExit.parseExit(body, headers)] as const
    }
    const now = () => Math.floor(Date.now() / 1000)
    // a stale timestamp's age is rounded from the clock at each call: two calls may straddle a half second
    const ageless = <A>(exit: Exit.Exit<A, Signature.SignatureError | Webhooks.DecodeError>) =>
      Exit.mapError(exit, (error) =>
        error._tag === "SignatureError" && error.reason === "StaleTimestamp"
          ? new Signature.SignatureError({ ...error, description: error.description.replace(/\d+s old/, "Ns old") })
          : error
      )

    it("gives what parse gives: events, signature and decode errors", () => {
      const valid = webhookPayloads()[0]!.body
      const cases: ReadonlyArray<readonly [string | Uint8Array, Signature.HeadersInput]> = [
        [valid, Signature.sign(valid, SECRET)],
        [Buffer.from(valid), Signature.sign(valid, SECRET)],
        [valid, Signature.sign(valid, "attacker")],
        [valid, Signature.sign(valid, SECRET, { timestamp: now() - 3600 })],
        [valid, { ...Signature.sign(valid, SECRET), "x-sinch-webhook-signature-algorithm": "HmacSHA1" }],
        [valid, {}],
        ["{oops", Signature.sign("{oops", SECRET)],
        ['{"project_id":"P","message":{"id":42}}', Signature.sign('{"project_id":"P","message":{"id":42}}', SECRET)],
        ['{"project_id":"P","new_notification":{}}', Signature.sign('{"project_id":"P","new_notification":{}}', SECRET)]
      ]
      for (const [body, headers] of cases) {
        const [viaEffect, viaExit] = both(body, headers)
        assert.deepStrictEqual(viaExit, viaEffect)
      }
    })

    it("refuses a replay and does not burn the nonce of a forged request", () => {
      const webhook = Webhooks.make({ secrets: SECRET, nonceStore: NonceStore.memory() })
      const body = webhookPayloads()[0]!.body
      const forged = webhook.parseExit(body, Signature.sign(body, "attacker", { nonce: "n1" }))
      assert.isTrue(Exit.isFailure(forged))
      const headers = Signature.sign(body, SECRET, { nonce: "n1" })
      assert.isTrue(Exit.isSuccess(webhook.parseExit(body, headers)))
      const replay = webhook.parseExit(body, headers)
      assert.deepStrictEqual(
        replay,
        Exit.fail(
          new Signature.SignatureError({
            reason: "ReplayedNonce",
            description: "this nonce was already used",
            header: "x-sinch-webhook-signature-nonce"
          })
        )
      )
      // parse shares the store: the nonce stays used
      assert.isTrue(Exit.isFailure(Effect.runSyncExit(webhook.parse(body, headers))))
    })

    it("with a store that has no synchronous check, dies without asking the store", () => {
      let asked = 0
      const nonceStore = NonceStore.NonceStore.of({ remember: () => Effect.sync(() => ++asked > 0) })
      const webhook = Webhooks.make({ secrets: SECRET, nonceStore })
      const body = webhookPayloads()[0]!.body
      const headers = Signature.sign(body, SECRET)
      const exit = webhook.parseExit(body, headers)
      assert.isTrue(Exit.isFailure(exit) && exit.cause._tag === "Die")
      assert.strictEqual(asked, 0)
      // parse asks it through its effect
      assert.isTrue(Exit.isSuccess(Effect.runSyncExit(webhook.parse(body, headers))))
      assert.strictEqual(asked, 1)
    })

    it.effect("parse uses the store's synchronous check at the fiber's Clock", () =>
      Effect.gen(function* () {
        yield* TestClock.setTime(T0 * 1000)
        const seen: Array<number> = []
        const nonceStore = NonceStore.NonceStore.of({
          remember: () => Effect.die("the synchronous check is used"),
          rememberSync: (_nonce, _ttl, now) => seen.push(now) > 0
        })
        const webhook = Webhooks.make({ secrets: SECRET, nonceStore })
        const body = webhookPayloads()[0]!.body
        yield* webhook.parse(body, Signature.sign(body, SECRET, { timestamp: T0 }))
        yield* webhook.verify(body, Signature.sign(body, SECRET, { timestamp: T0 }))
        assert.deepStrictEqual(seen, [T0 * 1000, T0 * 1000])
      })
    )

    it("answers as parse on any signed or unsigned input (fast-check)", () => {
      const triggerKeys = [...Callbacks.triggerFields.values()]
      fc.assert(
        fc.property(
          fc.oneof(
            fc.jsonValue().map((v) => JSON.stringify(v)),
            fc
              .tuple(fc.constantFrom(...triggerKeys), fc.jsonValue())
              .map(([key, value]) => JSON.stringify({ project_id: "P", [key]: value })),
            fc.uint8Array()
          ),
          fc.constantFrom("signed", "forged", "stale", "unsigned"),
          (body, how) => {
            const headers =
              how === "unsigned"
                ? {}
                : Signature.sign(body, how === "forged" ? "attacker" : SECRET, {
                    timestamp: how === "stale" ? now() - 3600 : now()
                  })
            const [viaEffect, viaExit] = both(body, headers)
            assert.deepStrictEqual(ageless(viaExit), ageless(viaEffect))
          }
        ),
        { numRuns: 500 }
      )
    })
  })

  describe("totality (fast-check)", () => {
    it("decode never throws or dies, on any bytes or JSON", () => {
      fc.assert(
        fc.property(
          fc.oneof(
            fc.uint8Array(),
            fc.string(),
            fc.json(),
            fc.jsonValue().map((v) => JSON.stringify(v))
          ),
          (body) => {
            const exit = Effect.runSyncExit(Webhooks.decode(body))
            if (Exit.isFailure(exit)) {
              assert.strictEqual(exit.cause._tag, "Fail")
            }
          }
        ),
        { numRuns: 1000 }
      )
    })

    it("signed JSON objects with trigger keys never throw or die", () => {
      const triggerKeys = [...Callbacks.triggerFields.values()]
      const now = Math.floor(Date.now() / 1000)
      fc.assert(
        fc.property(
          fc.constantFrom(...triggerKeys),
          fc.jsonValue(),
          fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 4 }),
          (key, value, extra) => {
            const body = JSON.stringify({ ...extra, app_id: "A", project_id: "P", [key]: value })
            const exit = Effect.runSyncExit(webhook.parse(body, Signature.sign(body, SECRET, { timestamp: now })))
            if (Exit.isFailure(exit)) {
              assert.strictEqual(exit.cause._tag, "Fail")
              if (exit.cause._tag === "Fail") assert.strictEqual(exit.cause.error._tag, "DecodeError")
            }
          }
        ),
        { numRuns: 1000 }
      )
    })

    it("any Callback encoded, signed and parsed keeps its trigger", () => {
      const arbitrary = Arbitraries.callback
      const encode = Schema.encodeSync(Callbacks.Callback)
      const now = Math.floor(Date.now() / 1000)
      FastCheck.assert(
        FastCheck.property(arbitrary, (callback) => {
          const body = JSON.stringify(encode(callback))
          const { event } = Effect.runSync(webhook.parse(body, Signature.sign(body, SECRET, { timestamp: now })))
          // an Unknown arbitrary may carry a known trigger key; it then decodes as that trigger
          if (callback._tag !== "Unknown") assert.strictEqual(event._tag, callback._tag)
        }),
        { numRuns: 300 }
      )
    })
  })
})
