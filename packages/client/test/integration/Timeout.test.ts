/**
 * The per-attempt timeout over real sockets, against a server that stalls in chosen ways, on the transports
 * users pick (fetch, undici, NodeTransport). The timeout aborts the request (its signal, or the socket): these tests
 * check that the server sees the connection closed, that completed requests keep their connection alive, and that
 * an interrupted caller aborts its request too.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import type * as HttpClient from "@effect/platform/HttpClient"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { assert, describe, it } from "@effect/vitest"
import * as Context from "effect/Context"
import * as Deferred from "effect/Deferred"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as http from "node:http"
import type { AddressInfo } from "node:net"
import * as NodeTransport from "../../src/NodeTransport.js"
import * as SinchClient from "../../src/SinchClient.js"

const token = JSON.stringify({ access_token: "t", expires_in: 3600, token_type: "bearer" })
const message = JSON.stringify({ id: "01MSG", direction: "TO_CONTACT", app_message: { text_message: { text: "hi" } } })

type Behaviour = "answer" | "no-headers" | "stall-body"

interface Server {
  readonly url: string
  /** Connections accepted so far. */
  readonly connections: () => number
  /** Resolves when the server saw a request's connection close before it answered in full. */
  readonly aborted: Deferred.Deferred<void>
  /** Resolves when a message read reached the server (a readiness signal, so no test guesses with a sleep). */
  readonly received: Deferred.Deferred<void>
}

/** A server answering the token endpoint, and message reads after the behaviour named by the message id. */
const serve = Effect.acquireRelease(
  Effect.async<{ server: http.Server; state: Server }>((resume) => {
    const aborted = Deferred.unsafeMake<void>(undefined as never)
    const received = Deferred.unsafeMake<void>(undefined as never)
    let connections = 0
    const server = http.createServer((req, res) => {
      if (req.url === "/oauth2/token") {
        res.writeHead(200, { "content-type": "application/json" }).end(token)
        return
      }
      const behaviour = decodeURIComponent(req.url!.split("/").pop()!) as Behaviour
      Deferred.unsafeDone(received, Effect.void)
      res.on("close", () => {
        if (!res.writableFinished) Deferred.unsafeDone(aborted, Effect.void)
      })
      switch (behaviour) {
        case "answer":
          res.writeHead(200, { "content-type": "application/json" }).end(message)
          return
        case "no-headers":
          return
        case "stall-body":
          res.writeHead(200, { "content-type": "application/json" })
          res.write(message.slice(0, 10))
          return
      }
    })
    server.on("connection", () => connections++)
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo
      resume(
        Effect.succeed({
          server,
          state: { url: `http://127.0.0.1:${port}`, connections: () => connections, aborted, received }
        })
      )
    })
  }),
  ({ server }) =>
    Effect.async<void>((resume) => {
      server.closeAllConnections()
      server.close(() => resume(Effect.void))
    })
)

const transports: ReadonlyArray<readonly [string, Layer.Layer<HttpClient.HttpClient>]> = [
  ["fetch", FetchHttpClient.layer],
  ["undici", NodeHttpClient.layerUndici],
  ["NodeTransport", NodeTransport.layer]
]

describe.each(transports)("the timeout over %s", (_, transport) => {
  const withServer = <A, E>(f: (server: Server, sinch: SinchClient.Service) => Effect.Effect<A, E>) =>
    Effect.gen(function* () {
      const { state } = yield* serve
      // built into the test's scope: undici's dispatcher lives as long as the layer
      const context = yield* Layer.build(
        SinchClient.layerWith({
          projectId: "p",
          keyId: "k",
          keySecret: "s",
          conversationUrl: state.url,
          authUrl: state.url,
          timeout: Duration.millis(300)
        }).pipe(Layer.provide(transport))
      )
      return yield* f(state, Context.get(context, SinchClient.SinchClient))
    })

  it.scopedLive("no response headers in time: Timeout after each attempt, and the request is aborted", () =>
    withServer((server, sinch) =>
      Effect.gen(function* () {
        const [elapsed, error] = yield* Effect.timed(Effect.flip(sinch.messages.get({ message_id: "no-headers" })))
        assert.strictEqual(error._tag, "Timeout")
        assert.include(error.message, "messages.get timed out after 300ms")
        // three attempts of 300 ms, with backoff between them
        assert.isAtLeast(Duration.toMillis(elapsed), 900)
        yield* Deferred.await(server.aborted)
      })
    )
  )

  it.scopedLive("a body that stops midway: Timeout, and the request is aborted", () =>
    withServer((server, sinch) =>
      Effect.gen(function* () {
        const error = yield* Effect.flip(sinch.messages.get({ message_id: "stall-body" }))
        assert.strictEqual(error._tag, "Timeout")
        yield* Deferred.await(server.aborted)
      })
    )
  )

  it.scopedLive("completed requests keep their connection for the next ones", () =>
    withServer((server, sinch) =>
      Effect.gen(function* () {
        assert.strictEqual((yield* sinch.messages.get({ message_id: "answer" })).id, "01MSG")
        const before = server.connections()
        for (let i = 0; i < 20; i++) {
          assert.strictEqual((yield* sinch.messages.get({ message_id: "answer" })).id, "01MSG")
        }
        // 20 reads one after the other reuse a kept-alive connection
        assert.strictEqual(server.connections(), before)
        assert.isFalse(yield* Deferred.isDone(server.aborted))
      })
    )
  )

  it.scopedLive("a caller interrupted while waiting aborts its request", () =>
    withServer((server, sinch) =>
      Effect.gen(function* () {
        const fiber = yield* Effect.fork(sinch.messages.get({ message_id: "no-headers" }))
        // interrupt once the request is on the server, then the server must see it aborted (the test's own timeout
        // bounds the wait, so a loaded machine is slower, not failing)
        yield* Deferred.await(server.received)
        yield* Fiber.interrupt(fiber)
        yield* Deferred.await(server.aborted)
      })
    )
  )
})
