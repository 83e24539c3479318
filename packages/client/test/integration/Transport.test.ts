/**
 * Failures before anything reached a server, over real transports: they are `TransportError`s that say the request
 * was not sent, so a send fails with them instead of `SendOutcomeUnknown` (it can be retried safely).
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import type * as HttpClient from "@effect/platform/HttpClient"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { assert, describe, it } from "@effect/vitest"
import { Ids } from "@sinch-effect/schema"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as net from "node:net"
import * as NodeTransport from "../../src/NodeTransport.js"
import * as SinchClient from "../../src/SinchClient.js"

/** A localhost port nothing listens on (bound, then released). */
const closedPort = Effect.async<number>((resume) => {
  const server = net.createServer()
  server.listen(0, "127.0.0.1", () => {
    const { port } = server.address() as net.AddressInfo
    server.close(() => resume(Effect.succeed(port)))
  })
})

const clientAt = (url: string, transport: Layer.Layer<HttpClient.HttpClient>) =>
  Effect.map(
    Layer.build(
      SinchClient.layerWith({
        projectId: "p",
        keyId: "k",
        keySecret: "s",
        authMode: "basic",
        conversationUrl: url
      }).pipe(Layer.provide(transport))
    ),
    (context) => Context.get(context, SinchClient.SinchClient)
  )

const send = (sinch: SinchClient.Service) =>
  Effect.flip(
    sinch.messages.send({
      app_id: Ids.AppId.make("01APP"),
      recipient: { contact_id: Ids.ContactId.make("01CONTACT") },
      message: { text_message: { text: "hi" } }
    })
  )

describe.each([
  ["fetch", FetchHttpClient.layer],
  ["undici", NodeHttpClient.layerUndici],
  ["NodeTransport", NodeTransport.layer]
] as const)("not sent over %s", (_, transport) => {
  it.scopedLive("a refused connection: ConnectionRefused, not SendOutcomeUnknown", () =>
    Effect.gen(function* () {
      const port = yield* closedPort
      const error = yield* send(yield* clientAt(`http://127.0.0.1:${port}`, transport))
      assert.strictEqual(error._tag, "TransportError")
      if (error._tag === "TransportError") {
        assert.strictEqual(error.reason, "ConnectionRefused")
        assert.isTrue(error.notSent)
      }
    })
  )
})

describe("not sent over fetch", () => {
  it.scopedLive("a port fetch refuses to use (the Fetch standard's bad ports): InvalidUrl, said plainly", () =>
    Effect.gen(function* () {
      const error = yield* send(yield* clientAt("http://127.0.0.1:6000", FetchHttpClient.layer))
      assert.strictEqual(error._tag, "TransportError")
      if (error._tag === "TransportError") {
        assert.strictEqual(error.reason, "InvalidUrl")
        assert.isTrue(error.notSent)
        assert.include(error.message, "fetch refuses to connect to this port")
      }
    })
  )
})
