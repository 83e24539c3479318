/**
 * A hostile HTTP server for the client's tests: a real socket on localhost whose handler misbehaves on purpose, and
 * a record of what it received.
 */
import * as RateLimiter from "@effect/experimental/RateLimiter"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import type * as HttpClient from "@effect/platform/HttpClient"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as Scope from "effect/Scope"
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import * as NodeTransport from "../../src/NodeTransport.js"
import * as SinchClient from "../../src/SinchClient.js"
import type * as SinchConfig from "../../src/SinchConfig.js"

/** What the server saw of one request. */
export interface Seen {
  readonly method: string
  readonly path: string
  readonly headers: IncomingMessage["headers"]
}

/** A running hostile server. */
export interface Hostile {
  readonly url: string
  readonly requests: Array<Seen>
  readonly tokenRequests: () => number
  readonly apiRequests: () => number
}

export type Handler = (req: IncomingMessage, res: ServerResponse, seen: ReadonlyArray<Seen>) => void

/** Serves `handler` on a free port for the scope; every connection is destroyed when the scope closes. */
export const serve = (handler: Handler): Effect.Effect<Hostile, never, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.async<{ server: Server; hostile: Hostile }>((resume) => {
      const requests: Array<Seen> = []
      const server = createServer((req, res) => {
        requests.push({ method: req.method ?? "", path: req.url ?? "", headers: req.headers })
        res.on("error", () => {})
        req.on("error", () => {})
        handler(req, res, requests)
      })
      server.listen(0, "127.0.0.1", () => {
        const { port } = server.address() as AddressInfo
        resume(
          Effect.succeed({
            server,
            hostile: {
              url: `http://127.0.0.1:${port}`,
              requests,
              tokenRequests: () => requests.filter((r) => r.path === "/oauth2/token").length,
              apiRequests: () => requests.filter((r) => r.path.startsWith("/v1/")).length
            }
          })
        )
      })
    }),
    ({ server }) =>
      Effect.async<void>((resume) => {
        server.closeAllConnections()
        server.close(() => resume(Effect.void))
      })
  ).pipe(Effect.map(({ hostile }) => hostile))

/** Answers JSON with a `Content-Length`. */
export const json = (res: ServerResponse, status: number, body: unknown, headers?: Record<string, string>) => {
  const text = JSON.stringify(body)
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers })
  res.end(text)
}

/** A token answer. */
export const token = (res: ServerResponse, accessToken = "hostile-token-value", expiresIn = 3600) =>
  json(res, 200, { access_token: accessToken, expires_in: expiresIn, token_type: "bearer" })

/** The transports the docs name (`NodeTransport.layer` is the one the guides use). */
export const transports: ReadonlyArray<readonly [string, Layer.Layer<HttpClient.HttpClient>]> = [
  ["FetchHttpClient", FetchHttpClient.layer],
  ["NodeHttpClient.layer", NodeHttpClient.layer],
  ["NodeHttpClient.layerUndici", NodeHttpClient.layerUndici],
  ["NodeTransport.layer", NodeTransport.layer]
]

export const keySecret = "hostile-key-secret-value"

/**
 * A client of `server` over `transport` (OAuth2 against the same server unless told otherwise), built in the scope; with
 * `limiter`, its rate limiter is that one (shared with other clients).
 */
export const clientOf = (
  server: Hostile,
  transport: Layer.Layer<HttpClient.HttpClient>,
  options?: Partial<SinchConfig.Options>,
  limiter?: RateLimiter.RateLimiter
) =>
  Layer.build(
    SinchClient.layerWith({
      projectId: "p",
      keyId: "hostile-key-id",
      keySecret,
      conversationUrl: server.url,
      authUrl: server.url,
      timeout: "2 seconds",
      rateLimit: false,
      ...options
    }).pipe(
      Layer.provide(transport),
      Layer.provide(limiter === undefined ? Layer.empty : Layer.succeed(RateLimiter.RateLimiter, limiter)),
      Layer.orDie
    )
  ).pipe(Effect.map(Context.get(SinchClient.SinchClient)))
