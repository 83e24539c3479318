import type { HttpApp, HttpServerRequest } from "@effect/platform"
import { NodeHttpServer } from "@effect/platform-node"
import { Effect } from "effect"
import type { Scope } from "effect"
import * as Http from "node:http"
import type { AddressInfo } from "node:net"

/** Serves an `HttpApp` on a free localhost port; returns its base URL. */
export const serveApp = <E, R>(app: HttpApp.Default<E, R | HttpServerRequest.HttpServerRequest>) =>
  Effect.gen(function* () {
    const server = yield* NodeHttpServer.make(() => Http.createServer(), { port: 0, host: "127.0.0.1" }).pipe(
      Effect.orDie
    )
    yield* server.serve(app)
    const address = server.address
    if (address._tag !== "TcpAddress") return yield* Effect.dieMessage("not a TCP address")
    return `http://127.0.0.1:${address.port}`
  })

/** Serves a Node request listener (node:http or an Express app) on a free localhost port; returns its base URL. */
export const serveNode = (listener: Http.RequestListener): Effect.Effect<string, never, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.async<Http.Server>((resume) => {
      const server = Http.createServer(listener)
      server.listen(0, "127.0.0.1", () => resume(Effect.succeed(server)))
    }),
    (server) =>
      Effect.async<void>((resume) => {
        server.closeAllConnections()
        server.close(() => resume(Effect.void))
      })
  ).pipe(Effect.map((server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`))

export interface Answer {
  readonly status: number
  readonly headers: Headers
  readonly json: unknown
}

/** POSTs over a real socket and reads the JSON answer. */
export const post = (
  url: string,
  body: string | Uint8Array,
  headers: Record<string, string>,
  method = "POST"
): Effect.Effect<Answer> =>
  Effect.promise(async () => {
    const response = await fetch(url, { method, headers, ...(method === "GET" ? {} : { body: body as BodyInit }) })
    const text = await response.text()
    return { status: response.status, headers: response.headers, json: text === "" ? undefined : JSON.parse(text) }
  })
