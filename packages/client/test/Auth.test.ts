import { assert, describe, it } from "@effect/vitest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as TestClock from "effect/TestClock"
import * as Auth from "../src/Auth.js"
import * as Retry from "../src/Retry.js"
import * as SinchConfig from "../src/SinchConfig.js"
import * as FakeSinch from "./utils/FakeSinch.js"

const authLayer = (fake: FakeSinch.Fake, options?: Partial<SinchConfig.Options>) =>
  Auth.layer.pipe(Layer.provide(SinchConfig.layer({ ...FakeSinch.testConfig, ...options })), Layer.provide(fake.layer))

const credential = Effect.flatMap(Auth.Auth, (auth) => auth.credential)

describe("Auth", () => {
  it.effect("1000 concurrent first calls make exactly one token request", () => {
    const fake = FakeSinch.make((req) =>
      Effect.as(
        Effect.sleep(Duration.millis(10)),
        req.url.pathname === "/oauth2/token" ? FakeSinch.token() : FakeSinch.json(404, {})
      )
    )
    return Effect.gen(function* () {
      const fiber = yield* Effect.fork(
        Effect.all(
          Array.from({ length: 1000 }, () => credential),
          { concurrency: "unbounded" }
        )
      )
      yield* TestClock.adjust(Duration.millis(20))
      const creds = yield* Fiber.join(fiber)
      assert.strictEqual(fake.tokenRequests(), 1)
      const values = new Set(creds.map((c) => Redacted.value(c.authorization)))
      assert.strictEqual(values.size, 1)
      assert.match([...values][0]!, /^Bearer token-\d+$/)
    }).pipe(Effect.provide(authLayer(fake)))
  })

  it.effect("token request is a form POST with HTTP Basic credentials", () => {
    const fake = FakeSinch.make(() => FakeSinch.token())
    return Effect.gen(function* () {
      yield* credential
      const [req] = fake.requests
      assert.strictEqual(req!.method, "POST")
      assert.strictEqual(req!.url.toString(), "http://auth.test/oauth2/token")
      assert.strictEqual(req!.body, "grant_type=client_credentials")
      assert.strictEqual(req!.headers["content-type"], "application/x-www-form-urlencoded")
      assert.strictEqual(req!.headers["authorization"], `Basic ${btoa("key-id:super-secret-value")}`)
    }).pipe(Effect.provide(authLayer(fake)))
  })

  it.effect("a failed fetch is not cached", () => {
    let calls = 0
    const fake = FakeSinch.make(() =>
      ++calls === 1 ? FakeSinch.sinchError(401, "UNAUTHENTICATED", "bad credentials") : FakeSinch.token()
    )
    return Effect.gen(function* () {
      const first = yield* Effect.exit(credential)
      assert.isTrue(Exit.isFailure(first))
      if (Exit.isFailure(first)) {
        const error = first.cause._tag === "Fail" ? first.cause.error : undefined
        assert.strictEqual(error?._tag, "TokenError")
        if (error?._tag === "TokenError") {
          assert.strictEqual(error.status, 401)
          assert.isFalse(error.transient)
        }
        assert.notInclude(String(error?.message), "super-secret-value")
      }
      const second = yield* credential
      assert.match(Redacted.value(second.authorization), /^Bearer /)
      assert.strictEqual(fake.tokenRequests(), 2)
    }).pipe(Effect.provide(authLayer(fake)))
  })

  it.effect("refreshes in the background before expiry and keeps serving the old token meanwhile", () => {
    const fake = FakeSinch.make(() => FakeSinch.token(100))
    return Effect.gen(function* () {
      const first = Redacted.value((yield* credential).authorization)
      yield* TestClock.adjust(Duration.seconds(80))
      assert.strictEqual(Redacted.value((yield* credential).authorization), first)
      assert.strictEqual(fake.tokenRequests(), 1)
      // within the refresh margin (10% of 100 s): still the old token, refresh started
      yield* TestClock.adjust(Duration.seconds(11))
      assert.strictEqual(Redacted.value((yield* credential).authorization), first)
      yield* Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 20)))
      const refreshed = Redacted.value((yield* credential).authorization)
      assert.notStrictEqual(refreshed, first)
      assert.strictEqual(fake.tokenRequests(), 2)
    }).pipe(Effect.provide(authLayer(fake)))
  })

  it.effect("an expired token is never used", () => {
    const fake = FakeSinch.make(() => FakeSinch.token(120))
    return Effect.gen(function* () {
      const first = Redacted.value((yield* credential).authorization)
      yield* TestClock.adjust(Duration.seconds(121))
      const second = Redacted.value((yield* credential).authorization)
      assert.notStrictEqual(first, second)
    }).pipe(Effect.provide(authLayer(fake)))
  })

  it.effect("invalidate drops the token so the next credential is fresh", () => {
    const fake = FakeSinch.make(() => FakeSinch.token())
    return Effect.gen(function* () {
      const first = yield* credential
      assert.isTrue(yield* first.invalidate)
      const second = yield* credential
      assert.notStrictEqual(Redacted.value(second.authorization), Redacted.value(first.authorization))
      // a second invalidation of the old token does not drop the new one
      yield* first.invalidate
      const third = yield* credential
      assert.strictEqual(Redacted.value(third.authorization), Redacted.value(second.authorization))
      assert.strictEqual(fake.tokenRequests(), 2)
    }).pipe(Effect.provide(authLayer(fake)))
  })

  it.effect("a 429 from the token endpoint is a transient TokenError with its Retry-After, not retried by Auth", () => {
    const fake = FakeSinch.make(() =>
      FakeSinch.sinchError(429, "RESOURCE_EXHAUSTED", "slow down", { "retry-after": "5" })
    )
    return Effect.gen(function* () {
      const error = yield* Effect.flip(credential)
      assert.strictEqual(error._tag, "TokenError")
      if (error._tag === "TokenError") {
        assert.isTrue(error.transient)
        assert.strictEqual(error.status, 429)
        assert.deepStrictEqual(error.retryAfter, Duration.seconds(5))
      }
      assert.strictEqual(fake.tokenRequests(), 1)
    }).pipe(Effect.provide(authLayer(fake)))
  })

  it.effect("expires_in of 0 or below is believed as one minute: one token request, not one per call", () => {
    const fake = FakeSinch.make(() =>
      FakeSinch.json(200, { access_token: `t-${Math.random()}`.replace(".", ""), expires_in: -5 })
    )
    return Effect.gen(function* () {
      for (let i = 0; i < 5; i++) yield* credential
      yield* TestClock.adjust(Duration.seconds(50))
      yield* credential
      assert.strictEqual(fake.tokenRequests(), 1)
    }).pipe(Effect.provide(authLayer(fake)))
  })

  it.effect("an empty or unusable access_token is a TokenError, never `Bearer `", () => {
    let calls = 0
    const bodies = [
      { access_token: "", expires_in: 3600 },
      { access_token: "a b\r\nx: y", expires_in: 3600 }
    ]
    const fake = FakeSinch.make(() => FakeSinch.json(200, bodies[calls++ % 2]))
    return Effect.gen(function* () {
      for (const where of ["access_token is empty", "access_token has characters a bearer token cannot have"]) {
        const error = yield* Effect.flip(credential)
        assert.strictEqual(error._tag, "TokenError")
        if (error._tag === "TokenError") {
          assert.strictEqual(error.reason, "InvalidResponse")
          assert.include(error.detail, where)
        }
      }
    }).pipe(Effect.provide(authLayer(fake)))
  })

  it.effect("a token endpoint failure is one request: the operation that needs the token retries", () => {
    const fake = FakeSinch.make(() => FakeSinch.sinchError(503, "UNAVAILABLE", "down"))
    return Effect.gen(function* () {
      const exit = yield* Effect.exit(Retry.withPolicy(credential, Retry.policy()))
      assert.isTrue(Exit.isFailure(exit))
      assert.strictEqual(fake.tokenRequests(), 1)
    }).pipe(Effect.provide(authLayer(fake)))
  })

  it.effect("basic mode sends the key on every request and never calls the token endpoint", () => {
    const fake = FakeSinch.make(() => FakeSinch.token())
    return Effect.gen(function* () {
      const cred = yield* credential
      assert.strictEqual(Redacted.value(cred.authorization), `Basic ${btoa("key-id:super-secret-value")}`)
      assert.isFalse(yield* cred.invalidate)
      assert.strictEqual(fake.requests.length, 0)
      assert.notInclude(String(cred.authorization), "super-secret")
    }).pipe(Effect.provide(authLayer(fake, { authMode: "basic" })))
  })
})
