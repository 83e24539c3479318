/**
 * No header value, token or secret in any span, event or exit, ours or the platform's, under a recording tracer: every
 * failure kind of the token request and of an API request is provoked over a real socket, on every transport, with
 * OAuth2 and Basic auth, with and without trace propagation (issue 11, row 2).
 */
import { assert, describe, it } from "@effect/vitest"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Tracer from "effect/Tracer"
import type { IncomingMessage, ServerResponse } from "node:http"
import { inspect } from "node:util"
import { clientOf, json, keySecret, serve, token, transports } from "./server.js"

const accessToken = "hostile-token-value"
const secrets = [keySecret, accessToken, btoa(`hostile-key-id:${keySecret}`)]

type Reply = (req: IncomingMessage, res: ServerResponse) => void

const destroy: Reply = (req) => req.socket.destroy()
const hang: Reply = () => {}
const huge: Reply = (_req, res) => {
  res.writeHead(200, { "content-length": String(1024 ** 3) })
  res.write("{")
}
const failures: ReadonlyArray<readonly [string, Reply]> = [
  ["500", (_req, res) => json(res, 500, { error: { code: 500, message: "down", status: "INTERNAL" } })],
  ["401", (_req, res) => json(res, 401, { error: { code: 401, message: "no", status: "UNAUTHENTICATED" } })],
  ["a dropped connection", destroy],
  ["no answer", hang],
  ["a redirect", (_req, res) => json(res, 302, {}, { location: "http://127.0.0.1:1/x" })],
  ["a body over the limit", huge],
  ["an echo of the header", (req, res) => json(res, 400, { error: { message: String(req.headers.authorization) } })]
]

/** Everything a tracer could export of a span: name, attributes, events, links, and the exit, inspected and as JSON. */
const dump = (span: Tracer.Span): string => {
  const parts = [span.name, JSON.stringify([...span.attributes.entries()])]
  const events = (span as unknown as { events?: unknown }).events
  parts.push(inspect(events, { depth: Infinity }))
  if (span.status._tag === "Ended") {
    const exit = span.status.exit
    parts.push(inspect(exit, { depth: Infinity }))
    if (Exit.isFailure(exit)) {
      parts.push(JSON.stringify(Cause.squash(exit.cause)))
      parts.push(inspect(Cause.squash(exit.cause), { depth: Infinity }))
      parts.push(Cause.pretty(exit.cause))
    }
  }
  return parts.join("\n")
}

describe.each(transports)("no secret in any span over %s", (_, transport) => {
  for (const authMode of ["oauth2", "basic"] as const) {
    for (const tracePropagation of [false, true]) {
      for (const [where, endpoint] of [
        ["the token request", "token"],
        ["an API request", "api"]
      ] as const) {
        if (authMode === "basic" && endpoint === "token") continue
        it.scopedLive(`${authMode}, propagation ${tracePropagation}: every failure of ${where}`, () =>
          Effect.gen(function* () {
            let reply: Reply = hang
            const server = yield* serve((req, res) => {
              const isToken = req.url === "/oauth2/token"
              if ((endpoint === "token") === isToken) return reply(req, res)
              return isToken ? token(res, accessToken) : json(res, 200, {})
            })
            const client = yield* clientOf(server, transport, {
              authMode,
              tracePropagation,
              timeout: "300 millis",
              maxResponseBytes: 1024
            })
            for (const [name, failure] of failures) {
              reply = failure
              const spans: Array<Tracer.Span> = []
              const exit = yield* Effect.tracerWith((base) =>
                Effect.exit(
                  client.messages.send({
                    app_id: "a",
                    recipient: { contact_id: "c" },
                    message: { text_message: { text: "t" } }
                  } as never)
                ).pipe(
                  Effect.withTracer(
                    Tracer.make({
                      span: (...args) => {
                        const span = base.span(...args)
                        spans.push(span)
                        return span
                      },
                      context: base.context
                    })
                  )
                )
              )
              assert.isTrue(Exit.isFailure(exit), name)
              assert.isAbove(spans.length, 0)
              // no platform span: the token request's and the API's HTTP spans would hold the request in their exit
              for (const span of spans) assert.match(span.name, /^Sinch\./, `${name}: ${span.name}`)
              const text = spans.map(dump).join("\n") + inspect(exit, { depth: Infinity }) + String(exit)
              for (const secret of secrets) assert.notInclude(text, secret, `${name} (${where})`)
            }
          })
        )
      }
    }
  }
})
