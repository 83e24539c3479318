/**
 * The client's one generic path from a definition to a request, against a server that records what it receives: the
 * API picks the base URL (one OAuth2 token for all three), path values are percent-encoded and non-empty, query and
 * body go through the definition's schemas, list pages carry their token where the definition says.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import { assert, describe, it } from "@effect/vitest"
import { Operations } from "@sinch-effect/schema"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import * as Auth from "../../src/Auth.js"
import * as Api from "../../src/internal/api.js"
import * as Operation from "../../src/internal/operation.js"
import * as NodeTransport from "../../src/NodeTransport.js"
import * as SinchConfig from "../../src/SinchConfig.js"

interface Received {
  readonly method: string
  readonly url: string
  readonly authorization: string | undefined
  readonly body: unknown
}

/** A server that records every request and answers from `answer` (`/oauth2/token` gives one token). */
const recording = (answer: (r: Received) => unknown) =>
  Effect.acquireRelease(
    Effect.async<{ readonly server: Server; readonly url: string; readonly received: Array<Received> }>((resume) => {
      const received: Array<Received> = []
      const server = createServer((req, res) => {
        let text = ""
        req.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")))
        req.on("end", () => {
          const r: Received = {
            method: req.method ?? "",
            url: req.url ?? "",
            authorization: req.headers.authorization,
            body: text === "" || req.url === "/oauth2/token" ? undefined : JSON.parse(text)
          }
          const reply = r.url === "/oauth2/token" ? { access_token: "one-token", expires_in: 3600 } : answer(r)
          if (r.url !== "/oauth2/token") received.push(r)
          const out = JSON.stringify(reply)
          res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(out) })
          res.end(out)
        })
      })
      server.listen(0, "127.0.0.1", () =>
        resume(Effect.succeed({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received }))
      )
    }),
    ({ server }) =>
      Effect.async<void>((resume) => {
        server.closeAllConnections()
        server.close(() => resume(Effect.void))
      })
  )

const apiOf = (url: string) =>
  Effect.all([SinchConfig.SinchConfig, Auth.Auth, HttpClient.HttpClient]).pipe(
    Effect.flatMap(([config, auth, httpClient]) => Api.make(config, auth, httpClient)),
    Effect.provide(Auth.layer),
    Effect.provide(
      SinchConfig.layer({
        projectId: "proj 1",
        keyId: "k",
        keySecret: "s",
        conversationUrl: `${url}/conversation`,
        templatesUrl: `${url}/template`,
        batchUrl: `${url}/batch`,
        authUrl: url,
        rateLimit: false
      })
    ),
    Effect.provide(Layer.fresh(NodeTransport.layer) as Layer.Layer<HttpClient.HttpClient>)
  )

const templateGet = Operations.define("template", "v2")("templatesV2.get", "GET /templates/{template_id}", {
  params: Schema.Struct({ template_id: Schema.NonEmptyString }),
  query: Schema.Struct({ language_code: Schema.optional(Schema.String) }),
  response: Schema.Struct({ id: Schema.String })
})

const batchSend = Operations.define("batch", "v1")("batch.send", "POST /batches:send", {
  body: Schema.Struct({ n: Schema.Number, correlation_id: Schema.optional(Schema.String) }),
  response: Schema.Struct({ id: Schema.String })
})

const thingsList = Operations.define("conversation", "v1")("things.list", "POST /things:list", {
  body: Schema.Struct({
    filter: Schema.String,
    page_size: Schema.optional(Schema.Int),
    page_token: Schema.optional(Schema.String)
  }),
  response: Schema.Struct({ things: Schema.Array(Schema.String), next_page_token: Schema.optional(Schema.String) }),
  idempotent: true,
  pagination: { items: "things", maxPageSize: 10 }
})

describe("Operation: definitions to requests", () => {
  it.scoped("each API's base URL, one token for all, path values encoded, query and body encoded", () =>
    Effect.gen(function* () {
      const server = yield* recording((r) => (r.url.includes("things") ? { things: [] } : { id: "x", extra: 1 }))
      const api = yield* apiOf(server.url)
      const get = Operation.call(api, templateGet)
      const send = Operation.call(api, batchSend)
      const list = Operation.call(api, thingsList)

      assert.deepStrictEqual(yield* get({ template_id: "a/b c", language_code: "en US" }), { id: "x" })
      assert.deepStrictEqual(yield* send({ n: 1 }), { id: "x" })
      yield* list({ filter: "f" })
      assert.deepStrictEqual(
        server.received.map((r) => [r.method, r.url, r.authorization, r.body]),
        [
          [
            "GET",
            "/template/v2/projects/proj%201/templates/a%2Fb%20c?language_code=en+US",
            "Bearer one-token",
            undefined
          ],
          ["POST", "/batch/v1/projects/proj%201/batches:send", "Bearer one-token", { n: 1 }],
          ["POST", "/conversation/v1/projects/proj%201/things:list", "Bearer one-token", { filter: "f" }]
        ]
      )

      // bad input is a typed error naming what is wrong, and nothing is sent
      const empty = yield* Effect.flip(get({ template_id: "" }))
      assert.strictEqual(empty._tag, "InvalidRequest")
      assert.include(empty.message, "path parameter template_id must be a non-empty string")
      const badBody = yield* Effect.flip(send({ n: "one" } as unknown as { n: number }))
      assert.strictEqual(badBody._tag, "InvalidRequest")
      assert.include(badBody.message, "batch.send")
      const badQuery = yield* Effect.flip(get({ template_id: "t", language_code: 7 as unknown as string }))
      assert.strictEqual(badQuery._tag, "InvalidRequest")
      assert.strictEqual(server.received.length, 3)
    })
  )

  it.scoped("a POST list carries its page token in the body; raw pages keep the JSON as sent", () =>
    Effect.gen(function* () {
      const server = yield* recording((r) => {
        const token = (r.body as { page_token?: string }).page_token
        return token === "start"
          ? { things: ["a", "b"], next_page_token: "second" }
          : { things: [{ unknown: "kept" }], next_page_token: "" }
      })
      const api = yield* apiOf(server.url)
      const items = yield* Stream.runCollect(
        Operation.items(api, thingsList)({ filter: "f", page_size: 2, page_token: "start" })
      ).pipe(Effect.flip)
      // the second page's item is not a string: a decode error of the typed stream
      assert.strictEqual(items._tag, "ResponseDecodeError")
      const raw = yield* Stream.runCollect(Operation.rawPages(api, thingsList)({ filter: "f" }, { pageToken: "start" }))
      assert.deepStrictEqual(
        [...raw].map((page) => page.items),
        [["a", "b"], [{ unknown: "kept" }]]
      )
      assert.deepStrictEqual(
        server.received.map((r) => r.body),
        [
          { filter: "f", page_size: 2, page_token: "start" },
          { filter: "f", page_size: 2, page_token: "second" },
          { filter: "f", page_token: "start" },
          { filter: "f", page_token: "second" }
        ]
      )
    })
  )
})
