import { Headers as PlatformHeaders } from "@effect/platform"
import { assert, describe, it } from "@effect/vitest"
import { NonceStore, Signature, Webhooks } from "@sinch-effect/webhooks"
import { Duration, Effect, Exit, Layer, Redacted, TestClock } from "effect"
import fc from "fast-check"
import { createHmac, hash } from "node:crypto"
import { hashMatcher, hmac, matcher } from "../src/internal/verifier.js"
import { signatureVectors } from "./fixtures.js"

const SECRET = "foo_secret1234"
const T0 = 1_700_000_000
const atTime = (seconds: number) => TestClock.setTime(seconds * 1000)

const reasonOf = <A>(exit: Exit.Exit<A, Signature.SignatureError>): string =>
  Exit.isFailure(exit) && exit.cause._tag === "Fail" ? exit.cause.error.reason : Exit.isSuccess(exit) ? "OK" : "DEFECT"

type Options = Omit<Signature.VerifyOptions, "nonceStore">

/** `Signature.verify` with a store of its own, unless the test shares one (replays). */
const verify = (
  body: Signature.RawBody,
  headers: Signature.HeadersInput,
  options: Options,
  nonceStore: NonceStore.NonceStore.Service = NonceStore.memory()
) => Signature.verify(body, headers, { ...options, nonceStore })

const verifyReason = (
  body: Signature.RawBody,
  headers: Signature.HeadersInput,
  options: Options = { secrets: SECRET },
  nonceStore?: NonceStore.NonceStore.Service
) => Effect.map(Effect.exit(verify(body, headers, options, nonceStore)), reasonOf)

describe("Signature", () => {
  describe("conformance vectors", () => {
    for (const vector of signatureVectors()) {
      it.effect(`${vector.name} is ${vector.expected_valid ? "valid" : "invalid"}`, () =>
        Effect.gen(function* () {
          yield* atTime(Number(vector.headers["x-sinch-webhook-signature-timestamp"]))
          const exit = yield* Effect.exit(verify(vector.body, vector.headers, { secrets: vector.secret }))
          assert.strictEqual(reasonOf(exit), vector.expected_valid ? "OK" : "Mismatch")
          // the same bytes as a Uint8Array give the same answer
          const bytes = new TextEncoder().encode(vector.body)
          const exitBytes = yield* Effect.exit(verify(bytes, vector.headers, { secrets: vector.secret }))
          assert.strictEqual(reasonOf(exitBytes), reasonOf(exit))
        })
      )
    }

    it("sign reproduces the signature of every valid vector", () => {
      const valid = signatureVectors().filter((v) => v.expected_valid)
      assert.isAbove(valid.length, 0)
      for (const vector of valid) {
        const headers = Signature.sign(vector.body, vector.secret, {
          nonce: vector.headers["x-sinch-webhook-signature-nonce"]!,
          timestamp: Number(vector.headers["x-sinch-webhook-signature-timestamp"])
        })
        assert.deepStrictEqual({ ...headers }, vector.headers)
      }
    })
  })

  describe("sign", () => {
    it("computes base64(HMAC-SHA256(secret, body.nonce.timestamp)) and takes a Redacted secret", () => {
      const headers = Signature.sign("{}", Redacted.make("s3cr3t"), { nonce: "abc", timestamp: 42 })
      const expected = createHmac("sha256", "s3cr3t").update("{}.abc.42").digest("base64")
      assert.deepStrictEqual(headers, {
        "x-sinch-webhook-signature": expected,
        "x-sinch-webhook-signature-nonce": "abc",
        "x-sinch-webhook-signature-timestamp": "42",
        "x-sinch-webhook-signature-algorithm": "HmacSHA256"
      })
    })

    it("defaults to a random nonce and the current time", () => {
      const before = Math.floor(Date.now() / 1000)
      const a = Signature.sign("x", SECRET)
      const b = Signature.sign("x", SECRET)
      assert.notStrictEqual(a["x-sinch-webhook-signature-nonce"], b["x-sinch-webhook-signature-nonce"])
      assert.isAtLeast(a["x-sinch-webhook-signature-nonce"].length, 16)
      const ts = Number(a["x-sinch-webhook-signature-timestamp"])
      assert.isTrue(ts >= before && ts <= before + 2)
    })
  })

  describe("verify", () => {
    it.effect("accepts a freshly signed body and reports what it established", () =>
      Effect.gen(function* () {
        yield* atTime(T0)
        const body = '{"app_id":"A"}'
        const verified = yield* verify(body, Signature.sign(body, SECRET, { nonce: "n1", timestamp: T0 }), {
          secrets: Redacted.make(SECRET)
        })
        assert.deepStrictEqual(verified, { body, nonce: "n1", timestamp: T0, secretIndex: 0 })
      })
    )

    it.effect("verifies unicode and escaped bodies byte-exact, and refuses their re-serialisation", () =>
      Effect.gen(function* () {
        yield* atTime(T0)
        const bodies = [
          '{"text":"café ☕ 𝄞 \\u00e9","url":"https:\\/\\/example.com","n":0.0,"z":1,"a":2}',
          '{\n  "text" : "\\ud83d\\ude00",\r\n  "e": 1E+2 }',
          '{"text": "naïve — 日本語"}'
        ]
        for (const body of bodies) {
          const headers = Signature.sign(body, SECRET, { timestamp: T0 })
          assert.strictEqual(yield* verifyReason(body, headers), "OK")
          assert.strictEqual(yield* verifyReason(Buffer.from(body, "utf8"), headers), "OK")
          const reserialised = JSON.stringify(JSON.parse(body))
          assert.notStrictEqual(reserialised, body)
          assert.strictEqual(yield* verifyReason(reserialised, headers), "Mismatch")
        }
      })
    )

    it.effect("refuses a parsed object and explains why", () =>
      Effect.gen(function* () {
        yield* atTime(T0)
        const body = '{"app_id":"A"}'
        const headers = Signature.sign(body, SECRET, { timestamp: T0 })
        const error = yield* Effect.flip(verify(JSON.parse(body) as unknown as string, headers, { secrets: SECRET }))
        assert.strictEqual(error.reason, "BodyNotRaw")
        assert.include(error.message, "raw request body")
        assert.include(error.message, "an object")
        assert.include(error.message, "express.raw")
        for (const junk of [null, undefined, 42, [1], new ArrayBuffer(2)]) {
          assert.strictEqual(yield* verifyReason(junk as unknown as string, headers), "BodyNotRaw")
        }
      })
    )

    describe("rejection reasons", () => {
      const body = '{"app_id":"A"}'
      const good = Signature.sign(body, SECRET, { nonce: "nonce-1", timestamp: T0 })

      it.effect("MissingHeader for each of the four headers", () =>
        Effect.gen(function* () {
          yield* atTime(T0)
          for (const name of Object.values(Signature.HeaderNames)) {
            const headers: Record<string, string> = { ...good }
            delete headers[name]
            const error = yield* Effect.flip(verify(body, headers, { secrets: SECRET }))
            assert.strictEqual(error.reason, "MissingHeader")
            assert.strictEqual(error.header, name)
          }
        })
      )

      it.effect("UnsupportedAlgorithm for any other algorithm, whatever the MAC", () =>
        Effect.gen(function* () {
          yield* atTime(T0)
          for (const algorithm of ["HmacSHA1", "HmacSHA512", "none", "hmacsha256", ""]) {
            assert.strictEqual(
              yield* verifyReason(body, { ...good, "x-sinch-webhook-signature-algorithm": algorithm }),
              "UnsupportedAlgorithm"
            )
          }
          // a SHA-1 MAC announced as such is refused, not computed
          const sha1 = createHmac("sha1", SECRET).update(`${body}.n.${T0}`).digest("base64")
          assert.strictEqual(
            yield* verifyReason(body, {
              ...good,
              "x-sinch-webhook-signature": sha1,
              "x-sinch-webhook-signature-nonce": "n",
              "x-sinch-webhook-signature-algorithm": "HmacSHA1"
            }),
            "UnsupportedAlgorithm"
          )
        })
      )

      it.effect("InvalidTimestamp for anything but Unix seconds", () =>
        Effect.gen(function* () {
          yield* atTime(T0)
          for (const ts of ["abc", "-1", "+1", "1e9", `${T0}.5`, "0x10", "", " ", "１２３", "1".repeat(16), "1 2"]) {
            assert.strictEqual(
              yield* verifyReason(body, { ...good, "x-sinch-webhook-signature-timestamp": ts }),
              "InvalidTimestamp",
              ts
            )
          }
        })
      )

      it.effect("StaleTimestamp and FutureTimestamp outside 5 minutes, accepted at the edges", () =>
        Effect.gen(function* () {
          yield* atTime(T0 + 300)
          assert.strictEqual(yield* verifyReason(body, good), "OK")
          yield* atTime(T0 + 301)
          assert.strictEqual(yield* verifyReason(body, good), "StaleTimestamp")
          yield* atTime(T0 - 300)
          assert.strictEqual(yield* verifyReason(body, good), "OK")
          yield* atTime(T0 - 301)
          assert.strictEqual(yield* verifyReason(body, good), "FutureTimestamp")
        })
      )

      it.effect("the window is configurable, per direction", () =>
        Effect.gen(function* () {
          const options = { secrets: SECRET, tolerance: { past: "10 seconds", future: Duration.seconds(2) } } as const
          yield* atTime(T0 + 10)
          assert.strictEqual(yield* verifyReason(body, good, options), "OK")
          yield* atTime(T0 + 11)
          assert.strictEqual(yield* verifyReason(body, good, options), "StaleTimestamp")
          yield* atTime(T0 - 3)
          assert.strictEqual(yield* verifyReason(body, good, options), "FutureTimestamp")
          yield* atTime(T0 + 3600)
          assert.strictEqual(yield* verifyReason(body, good, { secrets: SECRET, tolerance: "1 hour" }), "OK")
        })
      )

      it.effect("InvalidHeader for a signature that is not base64 of 32 bytes", () =>
        Effect.gen(function* () {
          yield* atTime(T0)
          for (const signature of ["", "not base64!", "AAAA", Buffer.alloc(33).toString("base64"), "%%%%"]) {
            assert.strictEqual(
              yield* verifyReason(body, { ...good, "x-sinch-webhook-signature": signature }),
              "InvalidHeader",
              signature
            )
          }
        })
      )

      it.effect("InvalidHeader exactly for what is not the canonical base64 of 32 bytes (fast-check)", () =>
        Effect.gen(function* () {
          yield* atTime(T0)
          const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_ %.é\n"
          const samples = fc.sample(
            fc.oneof(
              fc.string({ unit: fc.constantFrom(...alphabet), minLength: 42, maxLength: 46 }),
              fc.uint8Array({ minLength: 31, maxLength: 33 }).map((bytes) => Buffer.from(bytes).toString("base64")),
              // canonical but for the last character
              fc
                .tuple(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.constantFrom(...alphabet))
                .map(([bytes, c]) => Buffer.from(bytes).toString("base64").slice(0, 42) + c + "=")
            ),
            2000
          )
          for (const signature of samples) {
            const trimmed = signature.trim()
            const decoded = Buffer.from(trimmed, "base64")
            const canonical = decoded.length === 32 && decoded.toString("base64") === trimmed
            assert.strictEqual(
              yield* verifyReason(body, { ...good, "x-sinch-webhook-signature": signature }),
              canonical ? "Mismatch" : "InvalidHeader",
              signature
            )
          }
        })
      )

      it.effect("Mismatch for a wrong secret, an altered body, nonce or timestamp", () =>
        Effect.gen(function* () {
          yield* atTime(T0)
          assert.strictEqual(yield* verifyReason(body, good, { secrets: "other" }), "Mismatch")
          assert.strictEqual(yield* verifyReason(body + " ", good), "Mismatch")
          assert.strictEqual(
            yield* verifyReason(body, { ...good, "x-sinch-webhook-signature-nonce": "nonce-2" }),
            "Mismatch"
          )
          assert.strictEqual(
            yield* verifyReason(body, { ...good, "x-sinch-webhook-signature-timestamp": String(T0 + 1) }),
            "Mismatch"
          )
          const error = yield* Effect.flip(verify(body, good, { secrets: Redacted.make("other-secret") }))
          assert.notInclude(error.message, "other-secret")
          assert.notInclude(JSON.stringify(error), "other-secret")
          assert.notInclude(String(error), good["x-sinch-webhook-signature"])
        })
      )

      it.effect("NoSecrets when no secret (or only empty ones) is configured", () =>
        Effect.gen(function* () {
          yield* atTime(T0)
          assert.strictEqual(yield* verifyReason(body, good, { secrets: [] }), "NoSecrets")
          // an empty secret (an unset environment variable) never verifies anything
          const signedWithEmpty = Signature.sign(body, "", { timestamp: T0 })
          assert.strictEqual(yield* verifyReason(body, signedWithEmpty, { secrets: "" }), "NoSecrets")
          assert.strictEqual(yield* verifyReason(body, signedWithEmpty, { secrets: [Redacted.make("")] }), "NoSecrets")
          assert.strictEqual(yield* verifyReason(body, signedWithEmpty, { secrets: ["", SECRET] }), "Mismatch")
          const verified = yield* verify(body, good, { secrets: ["", SECRET] })
          assert.strictEqual(verified.secretIndex, 1)
        })
      )

      it.effect(
        "a blank secret (spaces, a newline) counts as no secret, and never verifies a request signed with it",
        () =>
          Effect.gen(function* () {
            yield* atTime(T0)
            for (const blank of [" ", "\n", " \t\r\n "]) {
              const signedWithBlank = Signature.sign(body, blank, { timestamp: T0 })
              assert.strictEqual(yield* verifyReason(body, signedWithBlank, { secrets: blank }), "NoSecrets")
              assert.strictEqual(
                yield* verifyReason(body, signedWithBlank, { secrets: [Redacted.make(blank)] }),
                "NoSecrets"
              )
              assert.strictEqual(yield* verifyReason(body, signedWithBlank, { secrets: [blank, SECRET] }), "Mismatch")
            }
          })
      )
    })

    it.effect("tries several secrets (rotation, per-webhook secrets)", () =>
      Effect.gen(function* () {
        yield* atTime(T0)
        const body = '{"app_id":"A"}'
        const secrets = [Redacted.make("new"), "old", Redacted.make("webhook-override")]
        for (const [index, secret] of ["new", "old", "webhook-override"].entries()) {
          const verified = yield* verify(body, Signature.sign(body, secret, { timestamp: T0 }), { secrets })
          assert.strictEqual(verified.secretIndex, index)
        }
        assert.strictEqual(
          yield* verifyReason(body, Signature.sign(body, "older", { timestamp: T0 }), { secrets }),
          "Mismatch"
        )
      })
    )

    describe("header shapes", () => {
      const body = '{"app_id":"A"}'
      const good = Signature.sign(body, SECRET, { timestamp: T0 })
      const upper = Object.fromEntries(
        Object.entries(good).map(([k, v]) => [
          k.replace(/(^|-)([a-z])/g, (_, d: string, c: string) => d + c.toUpperCase()),
          v
        ])
      )

      it.effect("Node IncomingHttpHeaders, Fetch Headers, platform Headers, mixed-case records, Maps", () =>
        Effect.gen(function* () {
          yield* atTime(T0)
          const node: import("node:http").IncomingHttpHeaders = { ...good, "content-type": "application/json" }
          assert.strictEqual(yield* verifyReason(body, node), "OK")
          assert.strictEqual(yield* verifyReason(body, new Headers(upper)), "OK")
          assert.strictEqual(yield* verifyReason(body, PlatformHeaders.fromInput(upper)), "OK")
          assert.strictEqual(yield* verifyReason(body, upper), "OK")
          assert.strictEqual(
            yield* verifyReason(body, new Map(Object.entries(upper)) as unknown as Signature.HeadersInput),
            "OK"
          )
        })
      )

      it.effect("array values: one value or repeated equal values pass, different values are refused", () =>
        Effect.gen(function* () {
          yield* atTime(T0)
          const arrays = Object.fromEntries(Object.entries(good).map(([k, v]) => [k, [v]]))
          assert.strictEqual(yield* verifyReason(body, arrays), "OK")
          const repeated = {
            ...good,
            "x-sinch-webhook-signature-nonce": [
              good["x-sinch-webhook-signature-nonce"],
              good["x-sinch-webhook-signature-nonce"]
            ]
          }
          assert.strictEqual(yield* verifyReason(body, repeated), "OK")
          const error = yield* Effect.flip(
            verify(body, { ...good, "x-sinch-webhook-signature": ["a", "b"] }, { secrets: SECRET })
          )
          assert.strictEqual(error.reason, "InvalidHeader")
          assert.strictEqual(error.header, "x-sinch-webhook-signature")
          assert.strictEqual(yield* verifyReason(body, { ...good, "x-sinch-webhook-signature": [] }), "MissingHeader")
          // the same header under two spellings with different values is ambiguous too
          assert.strictEqual(
            yield* verifyReason(body, { ...upper, "x-sinch-webhook-signature-nonce": "other" }),
            "InvalidHeader"
          )
        })
      )

      it.effect("unreadable header containers and values", () =>
        Effect.gen(function* () {
          yield* atTime(T0)
          const throwing = new Proxy(
            {},
            {
              get: () => {
                throw new Error("boom")
              },
              ownKeys: () => {
                throw new Error("boom")
              }
            }
          )
          assert.strictEqual(yield* verifyReason(body, throwing), "InvalidHeader")
          assert.strictEqual(yield* verifyReason(body, null as unknown as Signature.HeadersInput), "InvalidHeader")
          assert.strictEqual(
            yield* verifyReason(body, {
              ...good,
              "x-sinch-webhook-signature": {}
            } as unknown as Signature.HeadersInput),
            "InvalidHeader"
          )
        })
      )
    })

    describe("replay protection", () => {
      const body = '{"app_id":"A"}'

      it.effect("a nonce is accepted once within the window", () =>
        Effect.gen(function* () {
          yield* atTime(T0)
          const verifier = Signature.verifier({ secrets: SECRET, nonceStore: NonceStore.memory() })
          const reason = (headers: Signature.HeadersInput) => Effect.map(Effect.exit(verifier(body, headers)), reasonOf)
          const headers = Signature.sign(body, SECRET, { nonce: "once", timestamp: T0 })
          assert.strictEqual(yield* reason(headers), "OK")
          const error = yield* Effect.flip(verifier(body, headers))
          assert.strictEqual(error.reason, "ReplayedNonce")
          assert.strictEqual(error.header, "x-sinch-webhook-signature-nonce")
          // until the end of the window the replay is refused; after it, the timestamp is stale anyway
          yield* TestClock.adjust("5 minutes")
          assert.strictEqual(yield* reason(headers), "ReplayedNonce")
          yield* TestClock.adjust("1 second")
          assert.strictEqual(yield* reason(headers), "StaleTimestamp")
        })
      )

      it.effect("an unverified request does not burn its nonce", () =>
        Effect.gen(function* () {
          yield* atTime(T0)
          const store = NonceStore.memory()
          const forged = Signature.sign(body, "attacker", { nonce: "shared", timestamp: T0 })
          assert.strictEqual(yield* verifyReason(body, forged, { secrets: SECRET }, store), "Mismatch")
          const genuine = Signature.sign(body, SECRET, { nonce: "shared", timestamp: T0 })
          assert.strictEqual(yield* verifyReason(body, genuine, { secrets: SECRET }, store), "OK")
          assert.strictEqual(yield* verifyReason(body, genuine, { secrets: SECRET }, store), "ReplayedNonce")
        })
      )

      it("no verifier without a nonce store: forgetting it does not compile", () => {
        // @ts-expect-error nonceStore is required
        const options: Signature.VerifyOptions = { secrets: SECRET }
        // @ts-expect-error nonceStore is required
        Signature.verifier({ secrets: SECRET })
        // @ts-expect-error nonceStore is required
        Webhooks.make({ secrets: SECRET })
        // the layers ask for the store in their requirements
        const layer: Layer.Layer<Webhooks.SinchWebhook, never, NonceStore.NonceStore> = Webhooks.layer({
          secrets: SECRET
        })
        // @ts-expect-error a layer without its NonceStore is not a complete layer
        const complete: Layer.Layer<Webhooks.SinchWebhook> = Webhooks.layer({ secrets: SECRET })
        assert.isDefined(options)
        assert.isTrue(Layer.isLayer(layer) && Layer.isLayer(complete))
      })

      it.effect("the in-memory store expires entries after their TTL and stays bounded", () =>
        Effect.gen(function* () {
          yield* atTime(T0)
          const store = yield* NonceStore.makeMemory({ ttl: "1 minute", maxEntries: 2 })
          assert.isTrue(yield* store.remember("a", Duration.seconds(1)))
          assert.isFalse(yield* store.remember("a", Duration.seconds(1)))
          yield* TestClock.adjust("59 seconds")
          assert.isFalse(yield* store.remember("a", Duration.seconds(1)))
          yield* TestClock.adjust("1 second")
          assert.isTrue(yield* store.remember("a", Duration.seconds(1)))
          assert.isTrue(yield* store.remember("b", Duration.seconds(1)))
          assert.isTrue(yield* store.remember("c", Duration.seconds(1)))
          // "a" was evicted to keep at most 2 entries
          assert.isTrue(yield* store.remember("a", Duration.seconds(1)))
          assert.isFalse(yield* store.remember("c", Duration.seconds(1)))
        })
      )
    })
  })

  describe("totality (fast-check)", () => {
    const headerValue = fc.oneof(
      fc.string(),
      fc.constantFrom("HmacSHA256", String(T0), Buffer.alloc(32).toString("base64")),
      fc.array(fc.string(), { maxLength: 3 }),
      fc.integer(),
      fc.anything()
    )
    const headersArb = fc.oneof(
      fc.anything(),
      fc.dictionary(fc.string(), headerValue),
      fc.record(
        {
          "x-sinch-webhook-signature": headerValue,
          "x-sinch-webhook-signature-nonce": headerValue,
          "x-sinch-webhook-signature-timestamp": headerValue,
          "x-sinch-webhook-signature-algorithm": headerValue
        },
        { requiredKeys: [] }
      )
    )
    const bodyArb = fc.oneof(fc.string(), fc.uint8Array(), fc.anything())

    it("no body and headers make verify throw or die", () => {
      fc.assert(
        fc.property(bodyArb, headersArb, (body, headers) => {
          const exit = Effect.runSyncExit(
            verify(body as Signature.RawBody, headers as Signature.HeadersInput, { secrets: SECRET })
          )
          if (Exit.isFailure(exit)) {
            assert.strictEqual(exit.cause._tag, "Fail")
            if (exit.cause._tag === "Fail") assert.strictEqual(exit.cause.error._tag, "SignatureError")
          }
        }),
        { numRuns: 2000 }
      )
    })

    it("the verifier's HMAC (one-shot hashes into kept buffers) answers what an Hmac answers", () => {
      // any text (lone surrogates too), bytes, secrets longer than a block (64 bytes), bodies over the 16 KiB kept
      // buffer, and a matcher used again after a larger body (its buffer grown, bytes of the last body left in it)
      const text = fc.string({ unit: "binary", maxLength: 300 })
      const body = fc.oneof(
        text,
        fc.uint8Array({ maxLength: 300 }),
        fc
          .tuple(
            fc.constantFrom(5000, 16 * 1024, 17 * 1024, 40_000),
            fc.string({ unit: "binary", minLength: 1, maxLength: 3 })
          )
          .map(([size, unit]) => unit.repeat(Math.ceil(size / unit.length)))
      )
      const secret = fc.oneof(text, fc.string({ unit: "binary", minLength: 60, maxLength: 200 }))
      fc.assert(
        fc.property(secret, fc.array(fc.tuple(body, text, fc.nat()), { minLength: 1, maxLength: 4 }), (key, calls) => {
          // (hashMatcher without matcher's check against the Hmac, which would hide its errors)
          const viaHmac = matcher(key, undefined)
          for (const matches of [matcher(key), viaHmac, hashMatcher(key, hash, viaHmac)]) {
            for (const [body, nonce, timestamp] of calls) {
              const expected = hmac(body, key, nonce, String(timestamp))
              assert.isTrue(matches(body, nonce, String(timestamp), expected))
              expected[31] = expected[31]! ^ 1
              assert.isFalse(matches(body, nonce, String(timestamp), expected))
              assert.isFalse(matches(body, nonce, String(timestamp + 1), hmac(body, key, nonce, String(timestamp))))
            }
          }
        }),
        { numRuns: 300 }
      )
    })

    it("sign then verify succeeds for any body, secret and nonce; any changed byte is a mismatch", () => {
      fc.assert(
        fc.property(
          fc.uint8Array({ minLength: 1, maxLength: 512 }),
          // a blank secret is no secret (see "a blank secret ...")
          fc.string({ minLength: 1 }).filter((s) => s.trim() !== ""),
          fc.string(),
          fc.nat(),
          (body, secret, nonce, index) => {
            const now = Math.floor(Date.now() / 1000)
            const headers = Signature.sign(body, secret, { nonce, timestamp: now })
            const ok = Effect.runSyncExit(verify(body, headers, { secrets: [secret] }))
            assert.isTrue(Exit.isSuccess(ok))
            const altered = Uint8Array.from(body)
            altered[index % altered.length] = altered[index % altered.length]! ^ 0x01
            assert.strictEqual(
              reasonOf(Effect.runSyncExit(verify(altered, headers, { secrets: [secret] }))),
              "Mismatch"
            )
          }
        ),
        { numRuns: 500 }
      )
    })
  })
})
