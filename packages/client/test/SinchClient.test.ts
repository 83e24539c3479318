import { assert, describe, it } from "@effect/vitest"
import * as DateTime from "effect/DateTime"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Option from "effect/Option"
import * as TestClock from "effect/TestClock"
import type * as Tracer from "effect/Tracer"
import * as Retry from "../src/Retry.js"
import * as FakeSinch from "./utils/FakeSinch.js"
import { clientLayer, recordingSpans, sinch } from "./utils/client.js"

const appId = "01APPAPPAPPAPPAPPAPPAPPAPP"
const sendRequest = {
  app_id: appId,
  recipient: { contact_id: "01CONTACT" },
  message: { text_message: { text: "Hello" } }
} as never

const sentResponse = () => FakeSinch.json(200, { message_id: "01MSG", accepted_time: "2024-06-18T12:34:56Z" })
const message = {
  id: "01MSG",
  direction: "TO_CONTACT",
  accept_time: "2024-02-22T07:40:46Z",
  processing_mode: "CONVERSATION"
}

/** A fake whose token endpoint always works and whose API routes answer from `api`. */
const fakeWith = (api: (req: FakeSinch.Recorded, n: number) => FakeSinch.Reply | Effect.Effect<FakeSinch.Reply>) => {
  let n = 0
  return FakeSinch.make((req) => (req.url.pathname === "/oauth2/token" ? FakeSinch.token() : api(req, ++n)))
}

describe("SinchClient", () => {
  it.effect("messages.send: request shape, fresh correlation_id, decoded response", () => {
    const fake = fakeWith(() => sentResponse())
    return Effect.gen(function* () {
      const client = yield* sinch
      const response = yield* client.messages.send(sendRequest)
      assert.strictEqual(response.message_id, "01MSG")
      assert.isTrue(DateTime.isDateTime(response.accepted_time))
      const [req] = fake.apiRequests()
      assert.strictEqual(req!.method, "POST")
      assert.strictEqual(req!.url.toString(), "http://sinch.test/v1/projects/project-1/messages:send")
      assert.match(req!.headers["authorization"]!, /^Bearer token-/)
      assert.strictEqual(req!.headers["content-type"], "application/json")
      const body = JSON.parse(req!.body)
      assert.deepStrictEqual(body.message, { text_message: { text: "Hello" } })
      assert.match(body.correlation_id, /^[0-9a-f-]{36}$/)
    }).pipe(Effect.provide(clientLayer(fake)))
  })

  it.effect("path and query values are URL-encoded; empty ids are rejected before any request", () => {
    const fake = fakeWith(() => FakeSinch.json(200, message))
    return Effect.gen(function* () {
      const client = yield* sinch
      yield* client.messages.get({ message_id: "a/b?c#d", messages_source: "DISPATCH_SOURCE" })
      const [req] = fake.apiRequests()
      assert.strictEqual(req!.url.pathname, "/v1/projects/project-1/messages/a%2Fb%3Fc%23d")
      assert.strictEqual(req!.url.searchParams.get("messages_source"), "DISPATCH_SOURCE")
      const error = yield* Effect.flip(client.messages.get({ message_id: "" }))
      assert.strictEqual(error._tag, "InvalidRequest")
      assert.strictEqual(fake.apiRequests().length, 1)
    }).pipe(Effect.provide(clientLayer(fake)))
  })

  it.effect("a 401 invalidates the token and retries the request once", () => {
    const fake = fakeWith((_, n) =>
      n === 1 ? FakeSinch.sinchError(401, "UNAUTHENTICATED", "expired") : sentResponse()
    )
    return Effect.gen(function* () {
      const client = yield* sinch
      yield* client.messages.send(sendRequest)
      const reqs = fake.apiRequests()
      assert.strictEqual(reqs.length, 2)
      assert.notStrictEqual(reqs[0]!.headers["authorization"], reqs[1]!.headers["authorization"])
      assert.strictEqual(reqs[0]!.body, reqs[1]!.body)
      assert.strictEqual(fake.tokenRequests(), 2)
    }).pipe(Effect.provide(clientLayer(fake)))
  })

  it.effect("a second 401 is Unauthorized, without secrets in the message", () => {
    const fake = fakeWith(() => FakeSinch.sinchError(401, "UNAUTHENTICATED", "Request had invalid credentials."))
    return Effect.gen(function* () {
      const client = yield* sinch
      const error = yield* Effect.flip(client.apps.get({ app_id: appId }))
      assert.strictEqual(error._tag, "Unauthorized")
      assert.strictEqual(fake.apiRequests().length, 2)
      assert.include(error.message, "401 Unauthorized UNAUTHENTICATED - Request had invalid credentials.")
      assert.notInclude(error.message, "super-secret-value")
      assert.notInclude(error.message, "token-")
      assert.notInclude(JSON.stringify(error), "super-secret-value")
    }).pipe(Effect.provide(clientLayer(fake)))
  })

  it.effect("messages.send: a 500 is SendOutcomeUnknown with the correlation_id, sentResponse() once", () => {
    const fake = fakeWith(() => FakeSinch.sinchError(500, "INTERNAL", "boom"))
    return Effect.gen(function* () {
      const client = yield* sinch
      const error = yield* Effect.flip(
        client.messages.send({ ...(sendRequest as object), correlation_id: "corr-1" } as never)
      )
      assert.strictEqual(error._tag, "SendOutcomeUnknown")
      if (error._tag === "SendOutcomeUnknown") {
        assert.strictEqual(error.correlationId, "corr-1")
        assert.strictEqual(error.attempts, 1)
        assert.include(error.message, "corr-1")
      }
      assert.strictEqual(fake.apiRequests().length, 1)
    }).pipe(Effect.provide(clientLayer(fake)))
  })

  it.effect("messages.send: a dropped connection is SendOutcomeUnknown, a refused one is retried", () => {
    const dropped = fakeWith(() => "reset")
    const refusedOnce = fakeWith((_, n) => (n === 1 ? "refuse" : sentResponse()))
    return Effect.gen(function* () {
      const e = yield* Effect.flip(
        Effect.flatMap(sinch, (c) => c.messages.send(sendRequest)).pipe(Effect.provide(clientLayer(dropped)))
      )
      assert.strictEqual(e._tag, "SendOutcomeUnknown")
      assert.strictEqual(dropped.apiRequests().length, 1)
      const fiber = yield* Effect.fork(
        Effect.flatMap(sinch, (c) => c.messages.send(sendRequest)).pipe(Effect.provide(clientLayer(refusedOnce)))
      )
      yield* TestClock.adjust(Duration.seconds(1))
      const ok = yield* Fiber.join(fiber)
      assert.strictEqual(ok.message_id, "01MSG")
      const reqs = refusedOnce.apiRequests()
      assert.strictEqual(reqs.length, 2)
      assert.strictEqual(JSON.parse(reqs[0]!.body).correlation_id, JSON.parse(reqs[1]!.body).correlation_id)
    })
  })

  it.effect("messages.send: a 429 is retried after Retry-After", () => {
    const fake = fakeWith((_, n) =>
      n === 1 ? FakeSinch.sinchError(429, "RESOURCE_EXHAUSTED", "slow down", { "retry-after": "3" }) : sentResponse()
    )
    return Effect.gen(function* () {
      const client = yield* sinch
      const fiber = yield* Effect.fork(client.messages.send(sendRequest))
      yield* TestClock.adjust(Duration.millis(2900))
      assert.strictEqual(fake.apiRequests().length, 1)
      yield* TestClock.adjust(Duration.millis(200))
      yield* Fiber.join(fiber)
      assert.strictEqual(fake.apiRequests().length, 2)
    }).pipe(Effect.provide(clientLayer(fake)))
  })

  it.effect("at-least-once is an explicit opt-in and reuses the correlation_id", () => {
    const fake = fakeWith((_, n) => (n === 1 ? FakeSinch.sinchError(503, "UNAVAILABLE", "try later") : sentResponse()))
    return Effect.gen(function* () {
      const client = yield* sinch
      const fiber = yield* Effect.fork(
        Retry.withPolicy(client.messages.send(sendRequest), Retry.policy({ atLeastOnce: true }))
      )
      yield* TestClock.adjust(Duration.seconds(1))
      yield* Fiber.join(fiber)
      const reqs = fake.apiRequests()
      assert.strictEqual(reqs.length, 2)
      assert.strictEqual(JSON.parse(reqs[0]!.body).correlation_id, JSON.parse(reqs[1]!.body).correlation_id)
    }).pipe(Effect.provide(clientLayer(fake)))
  })

  it.effect("a custom non-idempotent schedule cannot retry an ambiguous failure", () => {
    const fake = fakeWith(() => FakeSinch.sinchError(503, "UNAVAILABLE", "try later"))
    return Effect.gen(function* () {
      const client = yield* sinch
      const error = yield* Effect.flip(
        Retry.withPolicy(
          client.messages.send(sendRequest),
          Retry.policy({ nonIdempotent: Retry.backoff(() => true, { attempts: 5 }) })
        )
      )
      assert.strictEqual(error._tag, "SendOutcomeUnknown")
      assert.strictEqual(fake.apiRequests().length, 1)
    }).pipe(Effect.provide(clientLayer(fake)))
  })

  it.effect("idempotent reads are retried on 5xx bursts", () => {
    const fake = fakeWith((_, n) =>
      n < 3 ? FakeSinch.sinchError(503, "UNAVAILABLE", "busy") : FakeSinch.json(200, message)
    )
    return Effect.gen(function* () {
      const client = yield* sinch
      const fiber = yield* Effect.fork(client.messages.get({ message_id: "01MSG" }))
      yield* TestClock.adjust(Duration.seconds(2))
      const msg = yield* Fiber.join(fiber)
      assert.strictEqual(msg.id, "01MSG")
      assert.strictEqual(fake.apiRequests().length, 3)
    }).pipe(Effect.provide(clientLayer(fake)))
  })

  it.effect("an HTML error page is a ServerError with a readable snippet", () => {
    const fake = fakeWith(
      () =>
        new Response("<html><body><h1>502 Bad Gateway</h1></body></html>", {
          status: 502,
          headers: { "content-type": "text/html" }
        })
    )
    return Effect.gen(function* () {
      const client = yield* sinch
      const error = yield* Effect.flip(Retry.withPolicy(client.apps.list(), Retry.policy({ idempotent: Retry.never })))
      assert.strictEqual(error._tag, "ServerError")
      assert.include(error.message, "502 Server Error")
      assert.include(error.message, "502 Bad Gateway")
    }).pipe(Effect.provide(clientLayer(fake)))
  })

  it.effect("the Sinch error body is decoded on 4xx", () => {
    const fake = fakeWith(() => FakeSinch.sinchError(404, "NOT_FOUND", "App not found"))
    return Effect.gen(function* () {
      const client = yield* sinch
      const error = yield* client.apps.get({ app_id: "missing" }).pipe(
        Effect.flatMap(() => Effect.dieMessage("expected NotFound")),
        Effect.catchTag("NotFound", (e) => Effect.succeed(e))
      )
      assert.strictEqual(error.status, 404)
      assert.strictEqual(error.error?.status, "NOT_FOUND")
      assert.strictEqual(error.error?.message, "App not found")
    }).pipe(Effect.provide(clientLayer(fake)))
  })

  it.effect("truncated JSON and schema mismatches are ResponseDecodeErrors saying where", () => {
    const fake = fakeWith((_, n) =>
      n === 1 ? FakeSinch.json(200, '{"message_id": "01M') : FakeSinch.json(200, { message_id: 42 })
    )
    return Effect.gen(function* () {
      const client = yield* sinch
      const truncated = yield* Effect.flip(client.messages.send(sendRequest))
      assert.strictEqual(truncated._tag, "ResponseDecodeError")
      assert.include(truncated.message, "not valid JSON")
      const mismatch = yield* Effect.flip(client.messages.send(sendRequest))
      assert.strictEqual(mismatch._tag, "ResponseDecodeError")
      assert.include(mismatch.message, "message_id")
      assert.strictEqual(fake.apiRequests().length, 2)
    }).pipe(Effect.provide(clientLayer(fake)))
  })

  it.effect("a slow attempt times out: reads retry, sends report SendOutcomeUnknown", () => {
    const fake = fakeWith((req, n) =>
      req.method === "GET" && n > 1
        ? FakeSinch.json(200, message)
        : Effect.as(Effect.sleep(Duration.seconds(10)), sentResponse())
    )
    return Effect.gen(function* () {
      const client = yield* sinch
      const read = yield* Effect.fork(client.messages.get({ message_id: "01MSG" }))
      yield* TestClock.adjust(Duration.seconds(3))
      assert.strictEqual((yield* Fiber.join(read)).id, "01MSG")
      const send = yield* Effect.fork(Effect.flip(client.messages.send(sendRequest)))
      yield* TestClock.adjust(Duration.seconds(3))
      const error = yield* Fiber.join(send)
      assert.strictEqual(error._tag, "SendOutcomeUnknown")
      assert.include(error.message, "timed out")
    }).pipe(Effect.provide(clientLayer(fake, { timeout: Duration.seconds(2) })))
  })

  it.effect("a span per operation and per attempt, without secrets; no trace headers", () => {
    const fake = fakeWith((_, n) =>
      n === 1 ? FakeSinch.sinchError(503, "UNAVAILABLE", "busy") : FakeSinch.json(200, message)
    )
    return Effect.gen(function* () {
      const client = yield* sinch
      const fiber = yield* Effect.fork(recordingSpans(client.messages.get({ message_id: "01MSG" })))
      yield* TestClock.adjust(Duration.seconds(1))
      const [, spans] = yield* Fiber.join(fiber)
      // the operation span, and one child span per attempt (the token fetch has its own span)
      const ops = spans.filter((s) => s.name.startsWith("Sinch.messages"))
      assert.deepStrictEqual(
        ops.map((s) => s.name),
        ["Sinch.messages.get", "Sinch.messages.get.attempt", "Sinch.messages.get.attempt"]
      )
      const [op, first, second] = ops as [Tracer.Span, Tracer.Span, Tracer.Span]
      for (const span of ops) {
        assert.strictEqual(span.attributes.get("url.template"), "/v1/projects/{project_id}/messages/{message_id}")
        assert.strictEqual(span.attributes.get("sinch.project_id"), "project-1")
        assert.strictEqual(span.attributes.get("http.request.method"), "GET")
        assert.strictEqual(span.status._tag, "Ended")
      }
      assert.strictEqual(first.attributes.get("sinch.attempt"), 1)
      assert.strictEqual(first.attributes.get("http.response.status_code"), 503)
      assert.strictEqual(second.attributes.get("sinch.attempt"), 2)
      assert.strictEqual(second.attributes.get("http.response.status_code"), 200)
      for (const attempt of [first, second]) {
        assert.strictEqual(Option.getOrThrow(attempt.parent).spanId, op.spanId)
      }
      // the operation span: the last attempt's number and status; the failed attempt as an event
      assert.strictEqual(op.attributes.get("sinch.attempt"), 2)
      assert.strictEqual(op.attributes.get("http.response.status_code"), 200)
      const events = (op as unknown as { events: Array<[string, bigint, Record<string, unknown>]> }).events
      assert.deepStrictEqual(
        events.map(([name, , attributes]) => [name, attributes]),
        [["sinch.attempt.failed", { "sinch.attempt": 1, "error.type": "ServerError" }]]
      )
      for (const span of spans) {
        for (const value of span.attributes.values()) {
          assert.notInclude(String(value), "super-secret-value")
          assert.notMatch(String(value), /Bearer token-/)
        }
      }
      for (const req of fake.apiRequests()) assert.isUndefined(req.headers["traceparent"])
    }).pipe(Effect.provide(clientLayer(fake)))
  })

  it.effect("trace propagation can be turned on", () => {
    const fake = fakeWith(() => FakeSinch.json(200, message))
    return Effect.gen(function* () {
      const client = yield* sinch
      yield* client.messages.get({ message_id: "01MSG" })
      assert.isDefined(fake.apiRequests()[0]!.headers["traceparent"])
    }).pipe(Effect.provide(clientLayer(fake, { tracePropagation: true })))
  })
})
