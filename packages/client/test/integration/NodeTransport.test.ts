/**
 * `NodeTransport.layer` over real sockets: the client's API and token requests go over node:http in one step (no fetch
 * headers on the wire); a client derived from it is used as an ordinary `HttpClient` (over fetch); compressed bodies
 * are decoded and capped on what they decode to; concurrent calls share at most 256 connections.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import { assert, describe, it } from "@effect/vitest"
import { Ids } from "@sinch-effect/schema"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as diagnosticsChannel from "node:diagnostics_channel"
import { setFlagsFromString } from "node:v8"
import { runInNewContext } from "node:vm"
import { gzipSync } from "node:zlib"
import * as Exchange from "../../src/internal/exchange.js"
import * as NodeTransport from "../../src/NodeTransport.js"
import * as SinchError from "../../src/SinchError.js"
import { clientOf, json, serve, token } from "../hostile/server.js"

const message = { id: "01MSG", direction: "TO_CONTACT", app_message: { text_message: { text: "hi" } } }

/** Answers the token request, then `message` to everything else. */
const answering = serve((req, res) => (req.url === "/oauth2/token" ? token(res) : json(res, 200, message)))

describe("NodeTransport", () => {
  it.scopedLive("300 concurrent calls share at most 256 connections", () =>
    Effect.gen(function* () {
      // the API's answers are held until 256 requests wait at once: each of those has a connection of its own
      const sockets = new Set<unknown>()
      const held: Array<() => void> = []
      let released = false
      const server = yield* serve((req, res) => {
        if (req.url === "/oauth2/token") return token(res)
        sockets.add(req.socket)
        const answer = () => json(res, 200, message)
        if (released) return answer()
        held.push(answer)
        if (held.length === 256) {
          released = true
          for (const h of held.splice(0)) h()
        }
      })
      const client = yield* clientOf(server, NodeTransport.layer)
      yield* Effect.forEach(
        Array.from({ length: 300 }, (_, i) => `m${i}`),
        (id) => client.messages.get({ message_id: id }),
        { concurrency: "unbounded", discard: true }
      )
      assert.strictEqual(server.apiRequests(), 300)
      assert.strictEqual(sockets.size, 256)
    })
  )

  it.scopedLive("API and token requests go over node:http", () =>
    Effect.gen(function* () {
      const server = yield* answering
      const client = yield* clientOf(server, NodeTransport.layer)
      const got = yield* client.messages.get({ message_id: "01MSG" })
      assert.strictEqual(got.id, "01MSG")
      // the answer does not matter, only what went on the wire
      yield* Effect.either(
        client.messages.send({
          app_id: Ids.AppId.make("app"),
          recipient: { contact_id: Ids.ContactId.make("contact") },
          message: { text_message: { text: "hi" } }
        })
      )
      const [tokenRequest, get, send] = server.requests
      // fetch announces itself with Sec-Fetch-Mode; node:http sends only what it is given
      assert.isUndefined(tokenRequest?.headers["sec-fetch-mode"])
      assert.strictEqual(tokenRequest?.headers["content-type"], "application/x-www-form-urlencoded")
      assert.isUndefined(get?.headers["sec-fetch-mode"])
      assert.isUndefined(send?.headers["sec-fetch-mode"])
      assert.strictEqual(get?.headers.authorization, "Bearer hostile-token-value")
      assert.strictEqual(get?.headers.accept, "application/json")
      assert.isUndefined(get?.headers["content-type"])
      assert.strictEqual(send?.method, "POST")
      assert.strictEqual(send?.headers["content-type"], "application/json")
    })
  )

  it.scopedLive("a client derived from it is used as an HttpClient, with what it adds", () =>
    Effect.gen(function* () {
      const server = yield* answering
      const derived = Layer.effect(
        HttpClient.HttpClient,
        Effect.map(HttpClient.HttpClient, HttpClient.mapRequest(HttpClientRequest.setHeader("x-added", "yes")))
      ).pipe(Layer.provide(NodeTransport.layer))
      const client = yield* clientOf(server, derived)
      yield* client.messages.get({ message_id: "01MSG" })
      for (const request of server.requests) {
        assert.strictEqual(request.headers["x-added"], "yes")
        assert.strictEqual(request.headers["sec-fetch-mode"], "cors")
      }
      assert.strictEqual(server.requests.length, 2)
    })
  )

  it.scopedLive("an answered exchange's canceller keeps nothing of the request alive", () =>
    Effect.gen(function* () {
      // a fiber keeps the canceller of its `Effect.async` for a while after the answer: holding the request (and with
      // it the response, the socket's buffers and the caller's closures) made every send's objects survive the young
      // generation's collections
      setFlagsFromString("--expose-gc")
      const gc = runInNewContext("gc") as () => void
      const server = yield* answering
      const exchange = Exchange.exchangeOf(yield* NodeTransport.make)
      assert.isDefined(exchange)
      const requests: Array<WeakRef<object>> = []
      const onStart = (message: unknown) => requests.push(new WeakRef((message as { request: object }).request))
      diagnosticsChannel.subscribe("http.client.request.start", onStart)
      yield* Effect.addFinalizer(() =>
        Effect.sync(() => diagnosticsChannel.unsubscribe("http.client.request.start", onStart))
      )
      const site = { operation: "messages.get", method: "GET", path: "/v1/messages/01MSG" }
      const cancellers: Array<() => void> = []
      for (const timeoutMillis of [Infinity, 60_000]) {
        const answer = yield* Effect.async<Exchange.Exchanged, SinchError.SinchError>((resume) => {
          cancellers.push(
            exchange!(
              site,
              { method: "GET", url: `${server.url}/v1/messages/01MSG`, headers: {}, body: undefined },
              1024 * 1024,
              timeoutMillis,
              () => new SinchError.Timeout({ ...site, timeout: Duration.millis(timeoutMillis) }),
              (outcome) => resume(Either.isRight(outcome) ? Effect.succeed(outcome.right) : Effect.fail(outcome.left))
            )
          )
        })
        assert.strictEqual(answer.status, 200)
      }
      assert.strictEqual(requests.length, 2)
      // a WeakRef's target stays alive until the job that made or read it ends: collect on later turns of the loop
      yield* Effect.promise(() => new Promise((resolve) => setImmediate(resolve)))
      gc()
      yield* Effect.promise(() => new Promise((resolve) => setImmediate(resolve)))
      assert.deepStrictEqual(
        requests.map((request) => request.deref() === undefined),
        [true, true]
      )
      // the cancellers were held all along (as a fiber holds them); calling one after the answer is harmless
      for (const cancel of cancellers) cancel()
    })
  )

  it.scopedLive("an https URL is spoken to with TLS (a plain HTTP server cannot answer it)", () =>
    Effect.gen(function* () {
      const server = yield* answering
      const client = yield* clientOf({ ...server, url: server.url.replace("http:", "https:") }, NodeTransport.layer, {
        authMode: "basic"
      })
      const error = yield* Effect.flip(client.messages.get({ message_id: "01MSG" }))
      assert.strictEqual(error._tag, "TransportError")
      assert.strictEqual(server.apiRequests(), 0)
    })
  )
})

describe.each([
  ["FetchHttpClient", FetchHttpClient.layer],
  ["NodeTransport", NodeTransport.layer]
] as const)("compressed bodies over %s", (_, transport) => {
  it.scopedLive("a gzip body is decoded", () =>
    Effect.gen(function* () {
      const server = yield* serve((req, res) => {
        if (req.url === "/oauth2/token") return token(res)
        const body = gzipSync(JSON.stringify(message))
        res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" })
        res.end(body)
      })
      const client = yield* clientOf(server, transport)
      const got = yield* client.messages.get({ message_id: "01MSG" })
      assert.strictEqual(got.id, "01MSG")
    })
  )

  it.scopedLive("a gzip bomb is capped on what it decodes to", () =>
    Effect.gen(function* () {
      // 64 MiB of spaces, about 64 KiB on the wire, with a Content-Length that is within the limit
      const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20))
      const server = yield* serve((req, res) => {
        if (req.url === "/oauth2/token") return token(res)
        res.writeHead(200, {
          "content-type": "application/json",
          "content-encoding": "gzip",
          "content-length": String(bomb.length)
        })
        res.end(bomb)
      })
      const client = yield* clientOf(server, transport, { maxResponseBytes: 1024 * 1024 })
      const error = yield* Effect.flip(client.messages.get({ message_id: "01MSG" }))
      assert.strictEqual(error._tag, "ResponseTooLarge")
      assert.strictEqual(server.apiRequests(), 1)
    })
  )
})
