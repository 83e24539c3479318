/**
 * CPU cost of the client's request path, without a network: `messages.get` through the client vs the same request
 * through the bare `HttpClient` (execute + text + JSON.parse), both over an in-process transport answering at once.
 * The difference is what the client adds per request (auth, timeout, retry setup, spans, decoding).
 *
 * Run with `npx tsx bench/overhead.bench.ts` after `pnpm build` (`BENCH_REQUESTS`, default 20000).
 */
import * as Headers from "@effect/platform/Headers"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { SinchClient } from "@sinch-effect/client"

const message = JSON.stringify({
  id: "01HZX0000000000000000000AB",
  direction: "TO_CONTACT",
  app_message: { text_message: { text: "Hello from the benchmark" } },
  channel_identity: { channel: "SMS", identity: "+15551234567", app_id: "01HZX0000000000000000APP1" },
  conversation_id: "01HZX0000000000000000CONV1",
  contact_id: "01HZX0000000000000000CONT1",
  metadata: "",
  accept_time: "2026-11-23T08:00:00.123Z",
  sender_id: "",
  processing_mode: "CONVERSATION",
  injected: false
})
const token = JSON.stringify({ access_token: "bench-token", expires_in: 3600, token_type: "bearer" })

/**
 * A response already in memory: only `status`, `headers` and `text` are read by the client and the bare side. (A web
 * `Response` would cost more than everything measured here.)
 */
const answer = (request: HttpClientRequest.HttpClientRequest, body: string): HttpClientResponse.HttpClientResponse =>
  ({
    [HttpClientResponse.TypeId]: HttpClientResponse.TypeId,
    request,
    status: 200,
    headers: Headers.fromInput({ "content-type": "application/json", "content-length": String(body.length) }),
    text: Effect.succeed(body)
  }) as unknown as HttpClientResponse.HttpClientResponse

const transport = Layer.succeed(
  HttpClient.HttpClient,
  // answers on the next turn of the event loop, so that requests are in flight together as over a socket
  HttpClient.make((request) =>
    Effect.async<HttpClientResponse.HttpClientResponse>((resume) => {
      const timer = setImmediate(() =>
        resume(Effect.succeed(answer(request, request.url.endsWith("/oauth2/token") ? token : message)))
      )
      return Effect.sync(() => clearImmediate(timer))
    })
  )
)

const client = SinchClient.layerWith({
  projectId: "bench-project",
  keyId: "key",
  keySecret: "secret",
  conversationUrl: "http://sinch.test",
  authUrl: "http://auth.test",
  // measure the client, not the pacing to Sinch's 800 requests/s
  rateLimit: false
}).pipe(Layer.provide(transport))

const total = Number(process.env.BENCH_REQUESTS ?? 20_000)
const concurrency = 50
const ids = Array.from({ length: total }, (_, i) => `01HZX${String(i).padStart(21, "0")}`)

const viaClient = Effect.gen(function* () {
  const sinch = yield* SinchClient.SinchClient
  const start = performance.now()
  yield* Effect.forEach(ids, (id) => sinch.messages.get({ message_id: id }), { concurrency, discard: true })
  return performance.now() - start
}).pipe(Effect.provide(client))

const viaTransport = Effect.gen(function* () {
  const http = (yield* HttpClient.HttpClient).pipe(HttpClient.withTracerDisabledWhen(() => true))
  const start = performance.now()
  yield* Effect.forEach(
    ids,
    (id) =>
      Effect.flatMap(
        http.execute(
          HttpClientRequest.get(`http://sinch.test/v1/projects/bench-project/messages/${encodeURIComponent(id)}`, {
            acceptJson: true,
            headers: { authorization: "Bearer bench-token" }
          })
        ),
        (response) => Effect.map(response.text, (text) => JSON.parse(text) as unknown)
      ),
    { concurrency, discard: true }
  )
  return performance.now() - start
}).pipe(Effect.provide(transport))

const main = async () => {
  const rounds = Number(process.env.BENCH_ROUNDS ?? 5)
  const c: Array<number> = []
  const t: Array<number> = []
  for (let i = 0; i < rounds + 1; i++) {
    t.push(await Effect.runPromise(viaTransport))
    c.push(await Effect.runPromise(Effect.orDie(viaClient)))
  }
  const best = (xs: Array<number>) => Math.min(...xs.slice(1))
  const perRequest = (ms: number) => (ms * 1000) / total
  console.log(
    `${total} requests at concurrency ${concurrency}, no network: bare HttpClient ${perRequest(best(t)).toFixed(1)} µs/request, client ${perRequest(best(c)).toFixed(1)} µs/request, client overhead ${(perRequest(best(c)) - perRequest(best(t))).toFixed(1)} µs/request`
  )
}

void main()
