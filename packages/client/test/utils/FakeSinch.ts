/**
 * An in-process `HttpClient` answering like Sinch (token endpoint + API routes given by the test). Requests go
 * through the real client stack (auth, retries, encoding, decoding); only the socket is replaced.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"

export interface Recorded {
  readonly method: string
  readonly url: URL
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

export type Reply = Response | "refuse" | "reset"

export type Handler = (request: Recorded) => Reply | Effect.Effect<Reply>

export interface Fake {
  readonly requests: Array<Recorded>
  readonly tokenRequests: () => number
  readonly apiRequests: () => Array<Recorded>
  readonly layer: Layer.Layer<HttpClient.HttpClient>
}

export const json = (status: number, body: unknown, headers?: Record<string, string>): Response =>
  new Response(typeof body === "string" ? body : JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers }
  })

export const sinchError = (status: number, statusName: string, message: string, headers?: Record<string, string>) =>
  json(status, { error: { code: status, message, status: statusName } }, headers)

let tokenCounter = 0
export const token = (expiresIn = 3600) =>
  json(200, { access_token: `token-${++tokenCounter}`, expires_in: expiresIn, token_type: "bearer", scope: "" })

const decoder = new TextDecoder()

export const make = (handler: Handler): Fake => {
  const requests: Array<Recorded> = []
  const client = HttpClient.make((request, url) =>
    Effect.gen(function* () {
      const body =
        request.body._tag === "Uint8Array"
          ? decoder.decode(request.body.body)
          : request.body._tag === "Raw"
            ? String(request.body.body)
            : ""
      const recorded: Recorded = { method: request.method, url, headers: { ...request.headers }, body }
      requests.push(recorded)
      const out = handler(recorded)
      const reply = Effect.isEffect(out) ? yield* out : out
      if (reply === "refuse" || reply === "reset") {
        const code = reply === "refuse" ? "ECONNREFUSED" : "ECONNRESET"
        const cause = new TypeError("fetch failed", { cause: Object.assign(new Error(code), { code }) })
        return yield* Effect.fail(new HttpClientError.RequestError({ request, reason: "Transport", cause }))
      }
      return HttpClientResponse.fromWeb(request, reply)
    })
  )
  return {
    requests,
    tokenRequests: () => requests.filter((r) => r.url.pathname === "/oauth2/token").length,
    apiRequests: () => requests.filter((r) => r.url.pathname !== "/oauth2/token"),
    layer: Layer.succeed(HttpClient.HttpClient, client)
  }
}

export const testConfig = {
  projectId: "project-1",
  keyId: "key-id",
  keySecret: "super-secret-value",
  conversationUrl: "http://sinch.test",
  authUrl: "http://auth.test"
} as const
