/**
 * Raw clients over a socket: every adapter reads or drains the body (bounded) before it answers, so that a client
 * still sending gets 405 or 413, never a reset connection (issue 11, row 6).
 *
 * The client is the one that shows the difference: it asks for `Connection: close` and reads the answer only once it
 * has sent its whole body, as a simple synchronous HTTP client (or a proxy that forwards a body before relaying the
 * answer) does. An adapter that answers before reading the body makes Node close the socket while the body is still
 * coming, and this client gets EPIPE or ECONNRESET instead of the status. (A keep-alive client that reads while it
 * sends cannot tell: Node itself then reads and drops the rest of an unread body.)
 */
import { HttpApp } from "@effect/platform"
import { assert, describe, it } from "@effect/vitest"
import { Node, NonceStore, Platform, Web, Webhooks } from "@sinch-effect/webhooks"
import { Effect, Redacted, Schema } from "effect"
import type { Scope } from "effect"
import express from "express"
import * as Net from "node:net"
import { serveApp, serveNode } from "./servers.js"

const webhook = Webhooks.makeWith(Schema.Struct({ n: Schema.Number }), {
  secrets: [Redacted.make("raw-secret")],
  nonceStore: NonceStore.memory()
})
const maxBodyBytes = 64 * 1024
const handler = () => Effect.void

const adapters: ReadonlyArray<readonly [string, Effect.Effect<string, never, Scope.Scope>, ReadonlyArray<string>]> = [
  ["Platform.httpApp", serveApp(Platform.httpApp(webhook, handler, { maxBodyBytes })), ["PUT", "GET", "DELETE"]],
  // a Fetch Request cannot carry a GET body: the host (here @effect/platform's fromWebHandler) never hands it over
  ["Web.handler", serveApp(HttpApp.fromWebHandler(Web.handler(webhook, handler, { maxBodyBytes }))), ["PUT", "DELETE"]],
  ["Node.handler (node:http)", serveNode(Node.handler(webhook, handler, { maxBodyBytes })), ["PUT", "GET", "DELETE"]],
  [
    "Node.handler (Express, no body parser)",
    Effect.suspend(() => {
      const app = express()
      app.all("/", Node.handler(webhook, handler, { maxBodyBytes }))
      return serveNode(app)
    }),
    ["PUT", "GET", "DELETE"]
  ]
]

/**
 * Sends a `Connection: close` request whose body goes out in 16 KiB chunks, a little at a time, and only then reads
 * the answer: the status, or the socket error that came before it.
 */
const rawRequest = (url: string, method: string, bodyBytes: number, chunked: boolean) =>
  Effect.async<{ readonly status?: number; readonly error?: string }>((resume) => {
    const { hostname, port } = new URL(url)
    const socket = Net.connect(Number(port), hostname)
    let received = ""
    let finished = false
    const finish = (result: { readonly status?: number; readonly error?: string }) => {
      if (finished) return
      finished = true
      socket.destroy()
      resume(Effect.succeed(result))
    }
    socket.on("error", (error) => finish({ error: (error as NodeJS.ErrnoException).code ?? error.message }))
    socket.on("close", () => finish({ error: "closed before any answer" }))
    socket.on("connect", async () => {
      const framing = chunked ? "transfer-encoding: chunked" : `content-length: ${bodyBytes}`
      socket.write(
        `${method} / HTTP/1.1\r\nhost: ${hostname}\r\nconnection: close\r\ncontent-type: application/json\r\n` +
          `${framing}\r\n\r\n`
      )
      const chunk = Buffer.alloc(16 * 1024, 0x20)
      for (let sent = 0; sent < bodyBytes && !finished; sent += chunk.length) {
        socket.write(
          chunked ? Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from("\r\n")]) : chunk
        )
        await new Promise((resolve) => setTimeout(resolve, 2))
      }
      if (chunked && !finished) socket.write("0\r\n\r\n")
      // the whole body is out: now read the answer
      socket.on("data", (data) => {
        received += data.toString("latin1")
        const match = /^HTTP\/1\.1 (\d{3})/.exec(received)
        if (match !== null && received.includes("\r\n\r\n")) finish({ status: Number(match[1]) })
      })
    })
  })

describe.each(adapters)("raw clients against %s", (_, serve, methods) => {
  it.scopedLive("a wrong method with a body is answered 405 after the body was drained", () =>
    Effect.gen(function* () {
      const url = yield* serve
      for (const method of methods) {
        const result = yield* rawRequest(url, method, 4 * maxBodyBytes, false)
        assert.deepStrictEqual(result, { status: 405 }, method)
      }
    })
  )

  it.scopedLive("an oversized Content-Length is answered 413 after the body was drained", () =>
    Effect.gen(function* () {
      const url = yield* serve
      assert.deepStrictEqual(yield* rawRequest(url, "POST", 4 * maxBodyBytes, false), { status: 413 })
    })
  )

  it.scopedLive("an oversized chunked body is answered 413", () =>
    Effect.gen(function* () {
      const url = yield* serve
      assert.deepStrictEqual(yield* rawRequest(url, "POST", 4 * maxBodyBytes, true), { status: 413 })
    })
  )
})
