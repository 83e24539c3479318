/**
 * Calls made with a fresh token at hand, on every transport the docs name. Over `NodeTransport.layer` such a call's
 * first attempt takes the fast path (one exchange in the transport's callback, parsed and decoded there); whatever it
 * cannot finish there (a 401, an error status, a body that is not JSON, a failed exchange, an interruption) must end
 * as on the general path. Each case first makes one call, so that the token is fetched and fresh.
 */
import { assert, describe, it } from "@effect/vitest"
import { Ids } from "@sinch-effect/schema"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Deferred from "effect/Deferred"
import type { IncomingMessage, ServerResponse } from "node:http"
import { clientOf, json, serve, token, transports } from "./server.js"

const message = { id: "M", direction: "TO_APP_CHANNEL", channel_identity: { channel: "SMS", identity: "1" } }

const send = {
  app_id: Ids.AppId.make("app"),
  recipient: { contact_id: Ids.ContactId.make("contact") },
  message: { text_message: { text: "hi" } }
}

/** A server whose `n`-th API request (from 1) is answered by `answer`, every other one with `message`. */
const answering = (
  answer: (n: number, req: IncomingMessage, res: ServerResponse) => boolean,
  tokens: { count: number } = { count: 0 }
) => {
  let n = 0
  return serve((req, res) => {
    if (req.url === "/oauth2/token") return token(res, `token-${++tokens.count}`)
    if (!answer(++n, req, res)) json(res, 200, req.url?.includes(":send") ? { message_id: "S" } : message)
  })
}

describe.each(transports)("warm calls over %s", (_, transport) => {
  it.scopedLive("a 401 with a fresh token: the token is fetched again and the call answered", () =>
    Effect.gen(function* () {
      const server = yield* answering(
        (n, _req, res) =>
          n === 2 && (json(res, 401, { error: { code: 401, message: "expired", status: "UNAUTHENTICATED" } }), true)
      )
      const client = yield* clientOf(server, transport)
      yield* client.messages.get({ message_id: "m" })
      const got = yield* client.messages.get({ message_id: "m" })
      assert.strictEqual(got.id, "M")
      assert.strictEqual(server.tokenRequests(), 2)
      assert.strictEqual(server.apiRequests(), 3)
      assert.strictEqual(server.requests.at(-1)!.headers.authorization, "Bearer token-2")
    })
  )

  it.scopedLive("a 503 on a read is retried, and the retry answers", () =>
    Effect.gen(function* () {
      const server = yield* answering(
        (n, _req, res) =>
          n === 2 && (json(res, 503, { error: { code: 503, message: "busy", status: "UNAVAILABLE" } }), true)
      )
      const client = yield* clientOf(server, transport)
      yield* client.messages.get({ message_id: "m" })
      const got = yield* client.messages.get({ message_id: "m" })
      assert.strictEqual(got.id, "M")
      assert.strictEqual(server.apiRequests(), 3)
      assert.strictEqual(server.tokenRequests(), 1)
    })
  )

  it.scopedLive("a 500 on a send is SendOutcomeUnknown with its correlation id, sent once", () =>
    Effect.gen(function* () {
      const server = yield* answering(
        (n, _req, res) =>
          n === 2 && (json(res, 500, { error: { code: 500, message: "down", status: "INTERNAL" } }), true)
      )
      const client = yield* clientOf(server, transport)
      yield* client.messages.send(send)
      const error = yield* Effect.flip(client.messages.send({ ...send, correlation_id: "corr-1" }))
      assert.strictEqual(error._tag, "SendOutcomeUnknown")
      if (error._tag === "SendOutcomeUnknown") {
        assert.strictEqual(error.correlationId, "corr-1")
        assert.strictEqual(error.attempts, 1)
      }
      assert.strictEqual(server.apiRequests(), 2)
    })
  )

  it.scopedLive("a 404 is NotFound, not retried", () =>
    Effect.gen(function* () {
      const server = yield* answering(
        (n, _req, res) =>
          n === 2 && (json(res, 404, { error: { code: 404, message: "no such message", status: "NOT_FOUND" } }), true)
      )
      const client = yield* clientOf(server, transport)
      yield* client.messages.get({ message_id: "m" })
      const error = yield* Effect.flip(client.messages.get({ message_id: "m" }))
      assert.strictEqual(error._tag, "NotFound")
      assert.include(error.message, "no such message")
      assert.strictEqual(server.apiRequests(), 2)
    })
  )

  it.scopedLive("a 200 whose body is not JSON, or not a message, is a ResponseDecodeError", () =>
    Effect.gen(function* () {
      const server = yield* answering((n, _req, res) => {
        if (n === 2) {
          res.writeHead(200, { "content-type": "application/json" })
          res.end("{not json")
          return true
        }
        if (n === 3) return (json(res, 200, { id: 42 }), true)
        return false
      })
      const client = yield* clientOf(server, transport)
      yield* client.messages.get({ message_id: "m" })
      const notJson = yield* Effect.flip(client.messages.get({ message_id: "m" }))
      assert.strictEqual(notJson._tag, "ResponseDecodeError")
      assert.include(notJson.message, "not valid JSON")
      const notMessage = yield* Effect.flip(client.messages.get({ message_id: "m" }))
      assert.strictEqual(notMessage._tag, "ResponseDecodeError")
      if (notMessage._tag === "ResponseDecodeError") assert.include(notMessage.where, "id")
      // neither is retried: a server that answers 200 did the work
      assert.strictEqual(server.apiRequests(), 3)
    })
  )

  it.scopedLive("a connection dropped before the answer is retried on a read", () =>
    Effect.gen(function* () {
      const server = yield* answering((n, req) => n === 2 && (req.socket.destroy(), true))
      const client = yield* clientOf(server, transport)
      yield* client.messages.get({ message_id: "m" })
      const got = yield* client.messages.get({ message_id: "m" })
      assert.strictEqual(got.id, "M")
      assert.strictEqual(server.apiRequests(), 3)
    })
  )

  it.scopedLive("an interrupted call aborts its request: the server sees the connection close", () =>
    Effect.gen(function* () {
      const arrived = yield* Deferred.make<void>()
      const closed = yield* Deferred.make<void>()
      const server = yield* answering((n, _req, res) => {
        if (n !== 2) return false
        res.on("close", () => Deferred.unsafeDone(closed, Effect.void))
        Deferred.unsafeDone(arrived, Effect.void)
        return true
      })
      const client = yield* clientOf(server, transport, { timeout: "1 minute", deadline: "5 minutes" })
      yield* client.messages.get({ message_id: "m" })
      const fiber = yield* Effect.fork(client.messages.get({ message_id: "m" }))
      yield* Deferred.await(arrived)
      yield* Fiber.interrupt(fiber)
      yield* Deferred.await(closed)
      assert.strictEqual(server.apiRequests(), 2)
    })
  )
})
