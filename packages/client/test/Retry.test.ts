import { assert, describe, it } from "@effect/vitest"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Schedule from "effect/Schedule"
import * as TestClock from "effect/TestClock"
import * as Retry from "../src/Retry.js"
import * as SinchError from "../src/SinchError.js"

const site = { operation: "test.op", method: "GET", path: "/v1/x" }
const serverError = new SinchError.ServerError({ ...site, status: 503 })
const badRequest = new SinchError.BadRequest({ ...site, status: 400 })
const rateLimited = (seconds?: number) =>
  new SinchError.RateLimited({
    ...site,
    status: 429,
    retryAfter: seconds === undefined ? undefined : Duration.seconds(seconds)
  })
const refused = new SinchError.TransportError({ ...site, reason: "ConnectionRefused", detail: "ECONNREFUSED" })
const reset = new SinchError.TransportError({ ...site, reason: "Transport", detail: "ECONNRESET" })

/** Runs a failing effect under `schedule`, advancing the TestClock, and returns the attempt timestamps. */
const attemptsUnder = (
  schedule: Schedule.Schedule<unknown, SinchError.SinchError>,
  errors: (attempt: number) => SinchError.SinchError,
  advance: Duration.DurationInput = Duration.minutes(10)
) =>
  Effect.gen(function* () {
    const times: Array<number> = []
    const effect = Effect.flatMap(Clock.currentTimeMillis, (now) => {
      times.push(now)
      return Effect.fail(errors(times.length))
    })
    const fiber = yield* Effect.fork(Effect.retry(effect, schedule))
    yield* TestClock.adjust(advance)
    yield* Fiber.await(fiber)
    return times
  })

describe("Retry", () => {
  it.effect("idempotent: 3 attempts on 5xx with full-jitter delays within [0, base * 2^n]", () =>
    Effect.gen(function* () {
      for (let run = 0; run < 20; run++) {
        const times = yield* attemptsUnder(Retry.idempotent(), () => serverError)
        assert.strictEqual(times.length, 3)
        assert.isAtMost(times[1]! - times[0]!, 250)
        assert.isAtMost(times[2]! - times[1]!, 500)
      }
    })
  )

  it.effect("delays are capped", () =>
    Effect.gen(function* () {
      const times = yield* attemptsUnder(
        Retry.idempotent({ attempts: 8, base: "1 second", cap: "2 seconds" }),
        () => serverError
      )
      assert.strictEqual(times.length, 8)
      for (let i = 1; i < times.length; i++) assert.isAtMost(times[i]! - times[i - 1]!, 2000)
    })
  )

  it.effect("honours Retry-After even above the backoff", () =>
    Effect.gen(function* () {
      let attempts = 0
      const fiber = yield* Effect.fork(
        Effect.retry(
          Effect.suspend(() => {
            attempts++
            return Effect.fail(rateLimited(5))
          }),
          Retry.idempotent()
        )
      )
      yield* TestClock.adjust("4900 millis")
      assert.strictEqual(attempts, 1)
      yield* TestClock.adjust("200 millis")
      assert.strictEqual(attempts, 2)
      yield* Fiber.interrupt(fiber)
      const timesAll = yield* attemptsUnder(Retry.idempotent(), () => rateLimited(5))
      assert.strictEqual(timesAll.length, 3)
      assert.isAtLeast(timesAll[1]! - timesAll[0]!, 5000)
      assert.isAtLeast(timesAll[2]! - timesAll[1]!, 5000)
    })
  )

  it.effect("a Retry-After above maxRetryAfter stops retrying", () =>
    Effect.gen(function* () {
      const times = yield* attemptsUnder(Retry.idempotent({ maxRetryAfter: "10 seconds" }), () => rateLimited(30))
      assert.strictEqual(times.length, 1)
    })
  )

  it.effect("never retries a 400", () =>
    Effect.gen(function* () {
      assert.strictEqual((yield* attemptsUnder(Retry.idempotent(), () => badRequest)).length, 1)
    })
  )

  it.effect("idempotent retries transport errors, then succeeds", () =>
    Effect.gen(function* () {
      const times = yield* attemptsUnder(Retry.idempotent({ attempts: 5 }), (n) => (n < 5 ? reset : badRequest))
      assert.strictEqual(times.length, 5)
    })
  )

  it.effect("non-idempotent: retried on 429 and refused connections only", () =>
    Effect.gen(function* () {
      assert.strictEqual((yield* attemptsUnder(Retry.nonIdempotent(), () => serverError)).length, 1)
      assert.strictEqual((yield* attemptsUnder(Retry.nonIdempotent(), () => reset)).length, 1)
      assert.strictEqual((yield* attemptsUnder(Retry.nonIdempotent(), () => rateLimited(1))).length, 3)
      assert.strictEqual((yield* attemptsUnder(Retry.nonIdempotent(), () => refused)).length, 3)
    })
  )

  it.effect("never does not retry", () =>
    Effect.gen(function* () {
      assert.strictEqual((yield* attemptsUnder(Retry.never, () => serverError)).length, 1)
    })
  )

  it("error messages are readable", () => {
    assert.strictEqual(
      new SinchError.BadRequest({
        ...site,
        status: 400,
        error: { code: 400, message: "Invalid argument", status: "INVALID_ARGUMENT" }
      }).message,
      "test.op failed: 400 Bad Request INVALID_ARGUMENT - Invalid argument (GET /v1/x)"
    )
    assert.strictEqual(rateLimited(2).message, "test.op failed: 429 Too Many Requests (GET /v1/x); retry after 2s")
    assert.isTrue(SinchError.isSinchError(serverError))
    assert.isFalse(SinchError.isSinchError(new Error("x")))
    // another library's error that happens to share a tag is not the client's
    assert.isFalse(SinchError.isSinchError({ _tag: "Timeout", message: "elsewhere" }))
  })
})
