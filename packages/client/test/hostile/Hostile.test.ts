/**
 * The client against hostile servers over real sockets, on every transport the docs name: one case per hole found by
 * the hostile-server review (issue 11). Each case failed before the fix.
 */
import { assert, describe, it } from "@effect/vitest"
import { Ids } from "@sinch-effect/schema"
import * as RateLimiter from "@effect/experimental/RateLimiter"
import * as RateLimiterRedis from "@effect/experimental/RateLimiter/Redis"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schedule from "effect/Schedule"
import type { ServerResponse } from "node:http"
import type * as SinchError from "../../src/SinchError.js"
import * as Redis from "../../../../scaling/redis.js"
import * as Retry from "../../src/Retry.js"
import * as SinchConfig from "../../src/SinchConfig.js"
import { clientOf, json, serve, token, transports } from "./server.js"

const send = {
  app_id: Ids.AppId.make("app"),
  recipient: { contact_id: Ids.ContactId.make("contact") },
  message: { text_message: { text: "hi" } }
}

/** Writes chunks of 64 KiB (no Content-Length) until the client goes away; returns how many bytes went out. */
const flood = (res: ServerResponse, sent: { bytes: number; closed: boolean }) => {
  res.writeHead(200, { "content-type": "application/json" })
  const chunk = Buffer.alloc(64 * 1024, 0x20)
  res.on("close", () => (sent.closed = true))
  const pump = () => {
    while (!res.destroyed && sent.bytes < 2 ** 31) {
      sent.bytes += chunk.length
      if (!res.write(chunk)) return void res.once("drain", pump)
    }
  }
  pump()
}

describe.each(transports)("hostile servers over %s", (_, transport) => {
  describe("1. a cap on every read", () => {
    it.scopedLive("an endless body is cut at the limit: ResponseTooLarge, not retried, the connection closed", () =>
      Effect.gen(function* () {
        const sent = { bytes: 0, closed: false }
        const server = yield* serve((req, res) => (req.url === "/oauth2/token" ? token(res) : flood(res, sent)))
        const client = yield* clientOf(server, transport, { maxResponseBytes: 1024 * 1024 })
        const error = yield* Effect.flip(client.messages.get({ message_id: "m" }))
        assert.strictEqual(error._tag, "ResponseTooLarge")
        if (error._tag === "ResponseTooLarge") {
          assert.strictEqual(error.limit, 1024 * 1024)
          assert.strictEqual(error.status, 200)
        }
        assert.strictEqual(server.apiRequests(), 1)
        // reading stopped near the limit (socket buffers aside), far from the 2 GiB the server would send
        assert.isBelow(sent.bytes, 64 * 1024 * 1024)
      })
    )

    it.scopedLive("the default limit (16 MiB) holds too", () =>
      Effect.gen(function* () {
        const sent = { bytes: 0, closed: false }
        const server = yield* serve((req, res) => (req.url === "/oauth2/token" ? token(res) : flood(res, sent)))
        const client = yield* clientOf(server, transport)
        const error = yield* Effect.flip(client.messages.get({ message_id: "m" }))
        assert.strictEqual(error._tag, "ResponseTooLarge")
        if (error._tag === "ResponseTooLarge") assert.strictEqual(error.limit, SinchConfig.defaultMaxResponseBytes)
        assert.strictEqual(server.apiRequests(), 1)
      })
    )

    it.scopedLive("a 2 GB Content-Length with a slow body fails at once, without waiting for a timeout", () =>
      Effect.gen(function* () {
        const server = yield* serve((req, res) => {
          if (req.url === "/oauth2/token") return token(res)
          res.writeHead(200, { "content-type": "application/json", "content-length": String(2 * 1024 ** 3) })
          res.write("{")
        })
        const client = yield* clientOf(server, transport, { timeout: "5 seconds" })
        const [elapsed, error] = yield* Effect.timed(Effect.flip(client.messages.get({ message_id: "m" })))
        assert.strictEqual(error._tag, "ResponseTooLarge")
        if (error._tag === "ResponseTooLarge") assert.strictEqual(error.contentLength, 2 * 1024 ** 3)
        assert.strictEqual(server.apiRequests(), 1)
        assert.isBelow(Duration.toMillis(elapsed), 4000)
      })
    )

    it.scopedLive("a large error body is capped too, and a token response as well", () =>
      Effect.gen(function* () {
        const sent = { bytes: 0, closed: false }
        const server = yield* serve((_req, res) => flood(res, sent))
        const client = yield* clientOf(server, transport, { maxResponseBytes: 256 * 1024 })
        const error = yield* Effect.flip(client.messages.get({ message_id: "m" }))
        assert.strictEqual(error._tag, "TokenError")
        if (error._tag === "TokenError") {
          assert.strictEqual(error.reason, "InvalidResponse")
          assert.isFalse(error.transient)
        }
        assert.strictEqual(server.tokenRequests(), 1)
      })
    )
  })

  describe("3. redirects are never followed", () => {
    for (const status of [301, 302, 303, 307, 308]) {
      it.scopedLive(
        `a cross-origin ${status} answering messages.send is Redirected, and the other origin sees nothing`,
        () =>
          Effect.gen(function* () {
            const other = yield* serve((_req, res) => json(res, 200, { message_id: "FOREIGN", accepted_time: "x" }))
            const server = yield* serve((req, res) => {
              if (req.url === "/oauth2/token") return token(res)
              res.writeHead(status, {
                location: `${other.url}/v1/projects/p/messages:send?secret=1`,
                "content-length": "0"
              })
              res.end()
            })
            const client = yield* clientOf(server, transport)
            const error = yield* Effect.flip(client.messages.send(send))
            assert.strictEqual(error._tag, "Redirected")
            if (error._tag === "Redirected") {
              assert.strictEqual(error.status, status)
              assert.strictEqual(error.locationOrigin, other.url)
              assert.notInclude(error.message, "secret=1")
            }
            assert.strictEqual(other.requests.length, 0)
            assert.strictEqual(server.apiRequests(), 1)
          })
      )
    }

    it.scopedLive("a redirect on a read is not retried either", () =>
      Effect.gen(function* () {
        const server = yield* serve((req, res) => {
          if (req.url === "/oauth2/token") return token(res)
          res.writeHead(301, { location: "/elsewhere", "content-length": "0" })
          res.end()
        })
        const client = yield* clientOf(server, transport)
        const error = yield* Effect.flip(client.messages.get({ message_id: "m" }))
        assert.strictEqual(error._tag, "Redirected")
        assert.strictEqual(server.apiRequests(), 1)
      })
    )
  })

  describe("4. token failures", () => {
    it.scopedLive(
      "a token endpoint answering 500 fails a send with TokenError, retried safely: nothing reached the API",
      () =>
        Effect.gen(function* () {
          const server = yield* serve((req, res) =>
            req.url === "/oauth2/token"
              ? json(res, 500, { error: { code: 500, message: "down", status: "INTERNAL" } })
              : json(res, 200, { message_id: "M" })
          )
          const client = yield* clientOf(server, transport)
          const error = yield* Effect.flip(client.messages.send(send))
          assert.strictEqual(error._tag, "TokenError")
          if (error._tag === "TokenError") {
            assert.strictEqual(error.status, 500)
            assert.isTrue(error.transient)
          }
          // one retry budget: 3 attempts, one token request each
          assert.strictEqual(server.tokenRequests(), 3)
          assert.strictEqual(server.apiRequests(), 0)
        })
    )

    it.scopedLive("a send whose first token request fails succeeds on the retry", () =>
      Effect.gen(function* () {
        const server = yield* serve((req, res, seen) => {
          if (req.url !== "/oauth2/token") return json(res, 200, { message_id: "M" })
          return seen.filter((r) => r.path === "/oauth2/token").length === 1 ? json(res, 503, {}) : token(res)
        })
        const client = yield* clientOf(server, transport)
        const result = yield* client.messages.send(send)
        assert.strictEqual(result.message_id, "M")
        assert.strictEqual(server.apiRequests(), 1)
      })
    )

    it.scopedLive("a hanging token endpoint: 3 token requests (not 9), one Timeout each, and a TokenError", () =>
      Effect.gen(function* () {
        const server = yield* serve((req, res) => (req.url === "/oauth2/token" ? undefined : json(res, 200, {})))
        const client = yield* clientOf(server, transport, { timeout: "300 millis" })
        const [elapsed, error] = yield* Effect.timed(Effect.flip(client.messages.get({ message_id: "m" })))
        assert.strictEqual(error._tag, "TokenError")
        if (error._tag === "TokenError") assert.strictEqual(error.reason, "Timeout")
        assert.strictEqual(server.tokenRequests(), 3)
        assert.isBelow(Duration.toMillis(elapsed), 9 * 300)
      })
    )

    it.scopedLive("the deadline bounds a call whatever the attempts", () =>
      Effect.gen(function* () {
        const server = yield* serve((req, res) => (req.url === "/oauth2/token" ? token(res) : undefined))
        const client = yield* clientOf(server, transport, { timeout: "300 millis", deadline: "600 millis" })
        const [elapsed, error] = yield* Effect.timed(Effect.flip(client.messages.get({ message_id: "m" })))
        assert.strictEqual(error._tag, "Timeout")
        // three attempts of 300 ms would take 900 ms and more
        assert.isBelow(Duration.toMillis(elapsed), 850)
      })
    )

    it.scopedLive("a deadline that passes is named in the error, with the attempts made, not the time left", () =>
      Effect.gen(function* () {
        // a first call answered (the token is cached and the transport warm, so a loaded machine's cold start does
        // not eat the deadline), then a 503 at once and silence: the second attempt runs under a timer for what is
        // left of the deadline
        const server = yield* serve((req, res, seen) => {
          if (req.url === "/oauth2/token") return token(res)
          const calls = seen.filter((r) => r.path.startsWith("/v1/")).length
          if (calls === 1) json(res, 200, { id: "m" })
          if (calls === 2) json(res, 503, {})
        })
        const client = yield* clientOf(server, transport, { timeout: "2 seconds", deadline: "2 seconds" })
        yield* client.messages.get({ message_id: "m" })
        // a pause before the retry, so that what is left of the deadline is always shorter than the attempt timeout
        const retries = Schedule.addDelay(Schedule.recurs(2), () => "50 millis")
        const error = yield* Effect.flip(
          Retry.withPolicy(client.messages.get({ message_id: "m" }), Retry.policy({ idempotent: retries }))
        )
        assert.strictEqual(error._tag, "Timeout", error.message)
        if (error._tag === "Timeout") {
          assert.isTrue(error.deadline)
          assert.isTrue(Duration.equals(error.timeout, Duration.seconds(2)))
          assert.strictEqual(error.attempts, 2)
          assert.isFalse(error.notSent)
        }
        assert.strictEqual(
          error.message,
          "messages.get timed out: its deadline of 2s passed during attempt 2 (GET /v1/projects/{project_id}/messages/{message_id})"
        )
        assert.strictEqual(server.apiRequests(), 3)
      })
    )

    it.scopedLive(
      "a send whose deadline passes while the token endpoint is silent: nothing sent, not SendOutcomeUnknown",
      () =>
        Effect.gen(function* () {
          const server = yield* serve(() => undefined)
          const client = yield* clientOf(server, transport, { timeout: "300 millis", deadline: "600 millis" })
          const error = yield* Effect.flip(
            client.messages.send({
              app_id: Ids.AppId.make("app"),
              recipient: { contact_id: Ids.ContactId.make("contact") },
              message: { text_message: { text: "hi" } }
            })
          )
          assert.strictEqual(error._tag, "TokenError", error.message)
          if (error._tag === "TokenError") assert.strictEqual(error.reason, "Timeout")
          assert.include(error.message, "nothing was sent to the API")
          assert.strictEqual(server.apiRequests(), 0)
          assert.isAtLeast(server.tokenRequests(), 1)
        })
    )

    it.scopedLive("an empty access_token is refused: the API never sees `Bearer `", () =>
      Effect.gen(function* () {
        const server = yield* serve((req, res) => (req.url === "/oauth2/token" ? token(res, "") : json(res, 200, {})))
        const client = yield* clientOf(server, transport)
        const error = yield* Effect.flip(client.messages.get({ message_id: "m" }))
        assert.strictEqual(error._tag, "TokenError")
        assert.strictEqual(server.apiRequests(), 0)
      })
    )

    it.scopedLive("expires_in of 0 does not mean one token request per call", () =>
      Effect.gen(function* () {
        const message = { id: "M", direction: "TO_APP_CHANNEL", channel_identity: { channel: "SMS", identity: "1" } }
        const server = yield* serve((req, res) =>
          req.url === "/oauth2/token" ? token(res, "t0", 0) : json(res, 200, message)
        )
        const client = yield* clientOf(server, transport)
        for (let i = 0; i < 5; i++) yield* client.messages.get({ message_id: "m" })
        assert.strictEqual(server.tokenRequests(), 1)
        assert.strictEqual(server.apiRequests(), 5)
      })
    )
  })

  describe("5. prototype keys", () => {
    it.scopedLive("__proto__ and constructor stay plain keys of a response and of a request, nothing inherited", () =>
      Effect.gen(function* () {
        const conversation = '{"id":"c","metadata_json":{"__proto__":{"isAdmin":true},"constructor":{"x":1},"k":"v"}}'
        const sent: Array<string> = []
        const server = yield* serve((req, res) => {
          if (req.url === "/oauth2/token") return token(res)
          if (req.method === "GET") {
            res.writeHead(200, { "content-type": "application/json" })
            return res.end(conversation)
          }
          const chunks: Array<Buffer> = []
          req.on("data", (chunk: Buffer) => chunks.push(chunk))
          req.on("end", () => {
            sent.push(Buffer.concat(chunks).toString("utf8"))
            json(res, 200, { message_id: "m" })
          })
        })
        const client = yield* clientOf(server, transport)
        const got = yield* client.conversations.get({ conversation_id: "c" })
        const metadata = got.metadata_json as Record<string, unknown>
        assert.deepStrictEqual(Object.keys(metadata), ["__proto__", "constructor", "k"])
        assert.strictEqual(Object.getPrototypeOf(metadata), Object.prototype)
        assert.isUndefined((metadata as { isAdmin?: unknown }).isAdmin)
        // a map of the request goes out with every key
        const properties = JSON.parse('{"__proto__":"p","constructor":"c","WHATSAPP_HEADER":"h"}') as Record<
          string,
          string
        >
        const templateParameters = JSON.parse('{"__proto__":"a","name":"b"}') as Record<string, string>
        yield* client.messages.send({
          ...send,
          message: { template_message: { omni_template: { template_id: "t", parameters: templateParameters } } },
          channel_properties: properties
        })
        const body = JSON.parse(sent[0]!) as {
          channel_properties: object
          message: { template_message: { omni_template: { parameters: object } } }
        }
        assert.deepStrictEqual(Object.keys(body.channel_properties), ["__proto__", "constructor", "WHATSAPP_HEADER"])
        assert.deepStrictEqual(Object.keys(body.message.template_message.omni_template.parameters), [
          "__proto__",
          "name"
        ])
      })
    )
  })

  describe("6. smaller holes", () => {
    it.scopedLive("an empty 200 body on messages.get is a ResponseDecodeError", () =>
      Effect.gen(function* () {
        const server = yield* serve((req, res) => {
          if (req.url === "/oauth2/token") return token(res)
          res.writeHead(200, { "content-length": "0" })
          res.end()
        })
        const client = yield* clientOf(server, transport)
        const error = yield* Effect.flip(client.messages.get({ message_id: "m" }))
        assert.strictEqual(error._tag, "ResponseDecodeError")
        if (error._tag === "ResponseDecodeError") assert.include(error.where, "empty")
      })
    )

    it.scopedLive("a proxy echoing the Authorization header does not put the token into an error message", () =>
      Effect.gen(function* () {
        const server = yield* serve((req, res) => {
          if (req.url === "/oauth2/token") return token(res)
          const echoed = `invalid header Authorization: ${req.headers.authorization}`
          if (req.url?.includes("json")) {
            return json(res, 400, { error: { code: 400, message: echoed, status: "INVALID_ARGUMENT" } })
          }
          res.writeHead(502, { "content-type": "text/plain" })
          res.end(`<html>${echoed} {"access_token":"hostile-token-value"}</html>`)
        })
        const client = yield* clientOf(server, transport)
        for (const id of ["json", "html"]) {
          const error = yield* Effect.flip(client.messages.get({ message_id: id }))
          assert.notInclude(error.message, "hostile-token-value")
          assert.notInclude(JSON.stringify(error), "hostile-token-value")
          assert.include(error.message, "[redacted]")
        }
      })
    )
  })

  describe("a deadline that passes while a call waits for the client's own rate limiter", () => {
    /** Answers a token, then every send with a message id. */
    const accepting = serve((req, res) =>
      req.url === "/oauth2/token" ? token(res) : json(res, 200, { message_id: "M" })
    )

    /** A send that failed while it waited for a rate-limit slot: a Timeout that says nothing was sent. */
    const assertNotSent = (error: SinchError.SinchError, deadline: string, attempt: number) => {
      assert.strictEqual(error._tag, "Timeout", error.message)
      if (error._tag === "Timeout") {
        assert.isTrue(error.notSent)
        assert.isTrue(error.deadline)
        assert.strictEqual(error.attempts, attempt)
      }
      const sent = attempt === 1 ? "nothing was sent to the API" : `attempt ${attempt} sent nothing to the API`
      assert.strictEqual(
        error.message,
        `messages.send timed out: the client's rate limiter had no slot for it before its deadline of ${deadline}; ${sent} (POST /v1/projects/{project_id}/messages:send)`
      )
    }

    it.scopedLive("a send whose deadline passes while it waits for the project's slot: nothing sent, not unknown", () =>
      Effect.gen(function* () {
        const server = yield* accepting
        // a deadline under 4 timeouts: the attempt runs under a timer for the deadline
        const client = yield* clientOf(server, transport, {
          timeout: "400 millis",
          deadline: "800 millis",
          rateLimit: { requestsPerSecond: 0.2, burst: 1 }
        })
        yield* client.messages.send(send)
        // the next slot is 5 seconds away
        const error = yield* Effect.flip(client.messages.send(send))
        assertNotSent(error, "800ms", 1)
        assert.strictEqual(server.apiRequests(), 1)
      })
    )

    it.scopedLive("the deadline bounds the wait for the app's send slot too (no timer on the attempt)", () =>
      Effect.gen(function* () {
        const server = yield* accepting
        // a deadline of 4 timeouts or more: the first attempt has no timer (and takes the fast path on NodeTransport)
        const client = yield* clientOf(server, transport, {
          timeout: "200 millis",
          deadline: "1 second",
          rateLimit: { appSendsPerSecond: 0.2 }
        })
        yield* client.messages.send(send)
        const [elapsed, error] = yield* Effect.timed(Effect.flip(client.messages.send(send)))
        assertNotSent(error, "1s", 1)
        assert.strictEqual(server.apiRequests(), 1)
        // not sent 5 seconds later, when the slot came
        assert.isBelow(Duration.toMillis(elapsed), 4000)
      })
    )

    it.scopedLive("a send retried after a 429 whose retry waits for a slot past the deadline: nothing more sent", () =>
      Effect.gen(function* () {
        const server = yield* serve((req, res) =>
          req.url === "/oauth2/token" ? token(res) : json(res, 429, {}, { "retry-after": "0" })
        )
        const client = yield* clientOf(server, transport, {
          timeout: "500 millis",
          deadline: "1500 millis",
          rateLimit: { requestsPerSecond: 0.2, burst: 1 }
        })
        const error = yield* Effect.flip(client.messages.send(send))
        assertNotSent(error, "1s 500ms", 2)
        assert.strictEqual(server.apiRequests(), 1)
      })
    )

    it.scopedLive("a slot that comes after the deadline fails the call at once, not when the deadline passes", () =>
      Effect.gen(function* () {
        const server = yield* accepting
        const client = yield* clientOf(server, transport, {
          timeout: "1 second",
          deadline: "5 seconds",
          rateLimit: { requestsPerSecond: 0.1, burst: 1 }
        })
        yield* client.messages.send(send)
        // the next slot is 10 seconds away, past the deadline of 5
        const [elapsed, error] = yield* Effect.timed(Effect.flip(client.messages.send(send)))
        assertNotSent(error, "5s", 1)
        assert.isBelow(Duration.toMillis(elapsed), 2500)
        assert.strictEqual(server.apiRequests(), 1)
      })
    )

    it.scopedLive("the slots of calls that gave up are given back: the next call does not wait behind them", () =>
      Effect.gen(function* () {
        const server = yield* accepting
        // one limiter shared by a client with a short deadline and one with a long deadline
        const limiter = yield* Effect.provide(RateLimiter.make, RateLimiter.layerStoreMemory)
        const rateLimit = { requestsPerSecond: 1, burst: 1 }
        const impatient = yield* clientOf(
          server,
          transport,
          { timeout: "200 millis", deadline: "400 millis", rateLimit },
          limiter
        )
        const patient = yield* clientOf(
          server,
          transport,
          { timeout: "10 seconds", deadline: "1 minute", rateLimit },
          limiter
        )
        yield* impatient.messages.send(send)
        // 8 sends whose slots (1 to 8 seconds away) all come after their deadline
        const refused = yield* Effect.all(
          Array.from({ length: 8 }, () => Effect.flip(impatient.messages.send(send))),
          { concurrency: "unbounded" }
        )
        for (const error of refused) assertNotSent(error, "400ms", 1)
        // the next slot is at most a second away, not 9 seconds behind the 8 refused sends
        const [elapsed] = yield* Effect.timed(patient.messages.send(send))
        assert.isBelow(Duration.toMillis(elapsed), 4000)
        assert.strictEqual(server.apiRequests(), 2)
      })
    )

    it.scopedLive("a shared limiter whose store never answers (a frozen Redis) is bounded by the deadline", () =>
      Effect.gen(function* () {
        const server = yield* accepting
        const redis = yield* Redis.start
        const limiter = yield* Layer.build(
          RateLimiter.layer.pipe(Layer.provide(RateLimiterRedis.layerStore({ host: redis.host, port: redis.port })))
        ).pipe(Effect.map(Context.get(RateLimiter.RateLimiter)))
        // a deadline of 4 timeouts: the first attempt has no timer of its own
        const client = yield* clientOf(
          server,
          transport,
          { timeout: "250 millis", deadline: "1 second", rateLimit: { requestsPerSecond: 100 } },
          limiter
        )
        yield* client.messages.send(send)
        yield* redis.pause
        // resumed before the clients close (their Redis connection quits)
        yield* Effect.addFinalizer(() => redis.resume)
        const error = yield* Effect.flip(
          client.messages
            .send(send)
            .pipe(Effect.timeoutFail({ duration: "20 seconds", onTimeout: () => "hung" as const }))
        )
        assert.notStrictEqual(error, "hung")
        if (error !== "hung") assertNotSent(error, "1s", 1)
        assert.strictEqual(server.apiRequests(), 1)
      })
    )
  })
})
