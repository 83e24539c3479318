import { HttpApp, HttpRouter } from "@effect/platform"
import { assert, describe, it } from "@effect/vitest"
import { EventQueue, Node, NonceStore, Platform, Signature, Web, Webhooks } from "@sinch-effect/webhooks"
import { Chunk, Effect, Fiber, Redacted, Schema, Stream } from "effect"
import type { Scope } from "effect"
import express from "express"
import { post, serveApp, serveNode } from "./servers.js"

const SECRET = Redacted.make("adapter-secret")

const TestEvent = Schema.Struct({ app_id: Schema.String, n: Schema.Number })
type TestEvent = typeof TestEvent.Type

const webhook = Webhooks.makeWith(TestEvent, { secrets: [SECRET], nonceStore: NonceStore.memory() })

const signed = (body: string, secret: Signature.Secret = SECRET, timestamp?: number) => ({
  "content-type": "application/json",
  ...Signature.sign(body, secret, { timestamp })
})

type Serve = (
  handler: Webhooks.Handler<TestEvent, unknown, never>,
  options?: { readonly maxBodyBytes?: number }
) => Effect.Effect<string, never, Scope.Scope>

const adapters: ReadonlyArray<readonly [string, Serve]> = [
  [
    "Platform.httpApp (HttpRouter over @effect/platform-node)",
    (handler, options) =>
      serveApp(HttpRouter.empty.pipe(HttpRouter.post("/sinch", Platform.httpApp(webhook, handler, options)))).pipe(
        Effect.map((url) => `${url}/sinch`)
      )
  ],
  [
    "Web.handler (Fetch Request/Response)",
    (handler, options) => serveApp(HttpApp.fromWebHandler(Web.handler(webhook, handler, options)))
  ],
  ["Node.handler (node:http)", (handler, options) => serveNode(Node.handler(webhook, handler, options))],
  [
    "Node.handler (Express, no body parser)",
    (handler, options) => {
      const app = express()
      app.post("/sinch", Node.handler(webhook, handler, options))
      return serveNode(app).pipe(Effect.map((url) => `${url}/sinch`))
    }
  ],
  [
    "Node.handler (Express with express.raw())",
    (handler, options) => {
      const app = express()
      app.post("/sinch", express.raw({ type: "*/*" }), Node.handler(webhook, handler, options))
      return serveNode(app).pipe(Effect.map((url) => `${url}/sinch`))
    }
  ]
]

const recorder = () => {
  const events: Array<TestEvent> = []
  const handler: Webhooks.Handler<TestEvent, never, never> = (event) => Effect.sync(() => events.push(event))
  return { events, handler }
}

for (const [name, serve] of adapters) {
  describe(name, () => {
    it.scopedLive("200 once the handler succeeded, with the decoded event", () =>
      Effect.gen(function* () {
        const { events, handler } = recorder()
        const url = yield* serve(handler)
        const body = '{"app_id":"caf\\u00e9 ☕","n":0.0}'
        const answer = yield* post(url, body, signed(body))
        assert.strictEqual(answer.status, 200)
        assert.deepStrictEqual(events, [{ app_id: "café ☕", n: 0 }])
        // bytes identical to a string body
        const bytes = new TextEncoder().encode('{"app_id":"日本","n":1}')
        const answer2 = yield* post(url, bytes, signed('{"app_id":"日本","n":1}'))
        assert.strictEqual(answer2.status, 200)
        assert.deepStrictEqual(events[1], { app_id: "日本", n: 1 })
      })
    )

    it.scopedLive("401 on a bad or stale signature; the handler is not called", () =>
      Effect.gen(function* () {
        const { events, handler } = recorder()
        const url = yield* serve(handler)
        const body = '{"app_id":"A","n":1}'
        const wrong = yield* post(url, body, signed(body, "other-secret"))
        assert.strictEqual(wrong.status, 401)
        assert.deepStrictEqual(wrong.json, { error: "invalid signature" })
        const stale = yield* post(url, body, signed(body, SECRET, Math.floor(Date.now() / 1000) - 3600))
        assert.strictEqual(stale.status, 401)
        const tampered = yield* post(url, body.replace("1", "2"), signed(body))
        assert.strictEqual(tampered.status, 401)
        const unsigned = yield* post(url, body, { "content-type": "application/json" })
        assert.strictEqual(unsigned.status, 401)
        assert.strictEqual(events.length, 0)
      })
    )

    it.scopedLive("401 on a replay: of 20 concurrent copies of a signed request one is accepted, once", () =>
      Effect.gen(function* () {
        const { events, handler } = recorder()
        const url = yield* serve(handler)
        const body = '{"app_id":"replayed","n":7}'
        const headers = signed(body)
        const answers = yield* Effect.all(
          Array.from({ length: 20 }, () => post(url, body, headers)),
          { concurrency: "unbounded" }
        )
        const statuses = answers.map((answer) => answer.status).sort()
        assert.deepStrictEqual(statuses, [200, ...Array.from({ length: 19 }, () => 401)])
        // and later, once more
        assert.strictEqual((yield* post(url, body, headers)).status, 401)
        assert.deepStrictEqual(events, [{ app_id: "replayed", n: 7 }])
      })
    )

    it.scopedLive("400 on a signed but undecodable body, with the reason and path", () =>
      Effect.gen(function* () {
        const { events, handler } = recorder()
        const url = yield* serve(handler)
        const notJson = "{not json"
        const a = yield* post(url, notJson, signed(notJson))
        assert.strictEqual(a.status, 400)
        assert.deepInclude(a.json as object, { reason: "NotJson" })
        const wrongShape = '{"app_id":"A","n":"one"}'
        const b = yield* post(url, wrongShape, signed(wrongShape))
        assert.strictEqual(b.status, 400)
        assert.deepInclude(b.json as object, { reason: "SchemaMismatch", path: "n" })
        assert.strictEqual(events.length, 0)
      })
    )

    it.scopedLive("500 when the handler fails or dies, 503 with Retry-After when it is overloaded", () =>
      Effect.gen(function* () {
        const body = '{"app_id":"A","n":1}'
        const failing = yield* serve(() => Effect.fail("database down"))
        assert.strictEqual((yield* post(failing, body, signed(body))).status, 500)
        const dying = yield* serve(() => Effect.die(new Error("bug")))
        assert.strictEqual((yield* post(dying, body, signed(body))).status, 500)
        const busy = yield* serve(() => new Webhooks.Overloaded({ retryAfterSeconds: 7 }))
        const answer = yield* post(busy, body, signed(body))
        assert.strictEqual(answer.status, 503)
        assert.strictEqual(answer.headers.get("retry-after"), "7")
      })
    )

    it.scopedLive("413 above the body limit", () =>
      Effect.gen(function* () {
        const { events, handler } = recorder()
        const url = yield* serve(handler, { maxBodyBytes: 64 })
        const body = JSON.stringify({ app_id: "x".repeat(100), n: 1 })
        const answer = yield* post(url, body, signed(body))
        // Express's raw() parser has its own limit (100kb); ours applies to what it hands over
        assert.strictEqual(answer.status, 413)
        assert.strictEqual(events.length, 0)
      })
    )
  })
}

const postChunked = (url: string, chunks: ReadonlyArray<string>, headers: Record<string, string>) =>
  Effect.promise(async () => {
    const encoder = new TextEncoder()
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(encoder.encode(chunk))
        controller.close()
      }
    })
    const response = await fetch(url, { method: "POST", body, headers, duplex: "half" } as RequestInit)
    return { status: response.status, text: await response.text() }
  })

describe("chunked bodies (no content-length)", () => {
  const servers: ReadonlyArray<readonly [string, Serve]> = adapters.filter(([name]) => !name.includes("express.raw"))
  for (const [name, serve] of servers) {
    it.scopedLive(`${name}: assembles chunks, and answers 413 past the limit`, () =>
      Effect.gen(function* () {
        const { events, handler } = recorder()
        const url = yield* serve(handler, { maxBodyBytes: 256 })
        const body = JSON.stringify({ app_id: "chunked", n: 7 })
        const ok = yield* postChunked(url, [body.slice(0, 5), body.slice(5, 12), body.slice(12)], signed(body))
        assert.strictEqual(ok.status, 200)
        assert.deepStrictEqual(events, [{ app_id: "chunked", n: 7 }])
        const big = JSON.stringify({ app_id: "y".repeat(400), n: 1 })
        const tooBig = yield* postChunked(url, [big.slice(0, 200), big.slice(200)], signed(big))
        assert.strictEqual(tooBig.status, 413)
        assert.strictEqual(events.length, 1)
      })
    )
  }
})

describe("Platform.httpApp", () => {
  it.scopedLive("405 for other methods than POST", () =>
    Effect.gen(function* () {
      const url = yield* serveApp(Platform.httpApp(webhook, () => Effect.void))
      const answer = yield* post(url, "", {}, "GET")
      assert.strictEqual(answer.status, 405)
      assert.strictEqual(answer.headers.get("allow"), "POST")
    })
  )
})

describe("Web.handler", () => {
  const body = '{"app_id":"A","n":1}'

  it.effect("takes Promise handlers; a rejection is a 500, a rejected Overloaded a 503", () =>
    Effect.promise(async () => {
      const seen: Array<number> = []
      const ok = Web.handler(webhook, async (event) => {
        seen.push(event.n)
      })
      const request = () => new Request("http://localhost/sinch", { method: "POST", body, headers: signed(body) })
      assert.strictEqual((await ok(request())).status, 200)
      assert.deepStrictEqual(seen, [1])
      const rejecting = Web.handler(webhook, () => Promise.reject(new Error("nope")))
      assert.strictEqual((await rejecting(request())).status, 500)
      const throwing = Web.handler(webhook, () => {
        throw new Webhooks.Overloaded({})
      })
      const busy = await throwing(request())
      assert.strictEqual(busy.status, 503)
      assert.strictEqual(busy.headers.get("retry-after"), "5")
      assert.strictEqual((await ok(new Request("http://localhost/sinch"))).status, 405)
    })
  )

  it.effect("explains itself when the body was already read", () =>
    Effect.promise(async () => {
      const handle = Web.handler(webhook, () => undefined)
      const request = new Request("http://localhost/sinch", { method: "POST", body, headers: signed(body) })
      await request.json()
      const response = await handle(request)
      assert.strictEqual(response.status, 500)
      assert.include(((await response.json()) as { description: string }).description, "already read")
    })
  )
})

describe("Node.handler with Express body parsers", () => {
  const body = '{"app_id":"A","n":1}'

  it.scopedLive("explains itself when express.json() consumed the body", () =>
    Effect.gen(function* () {
      const { events, handler } = recorder()
      const app = express()
      app.use(express.json())
      app.post("/sinch", Node.handler(webhook, handler))
      const url = yield* serveNode(app)
      const answer = yield* post(`${url}/sinch`, body, signed(body))
      assert.strictEqual(answer.status, 500)
      const description = (answer.json as { description: string }).description
      assert.include(description, "body parser")
      assert.include(description, "express.raw")
      assert.strictEqual(events.length, 0)
    })
  )

  it.scopedLive(
    "works when express.json() is mounted but skipped the route's content type, and with express.text()",
    () =>
      Effect.gen(function* () {
        const { events, handler } = recorder()
        const app = express()
        app.use(express.json({ type: "application/vnd.other+json" }))
        app.post("/raw", Node.handler(webhook, handler))
        app.post("/text", express.text({ type: "*/*" }), Node.handler(webhook, handler))
        const url = yield* serveNode(app)
        assert.strictEqual((yield* post(`${url}/raw`, body, signed(body))).status, 200)
        assert.strictEqual((yield* post(`${url}/text`, body, signed(body))).status, 200)
        assert.strictEqual(events.length, 2)
      })
  )

  it.scopedLive("405 for GET, Promise handlers", () =>
    Effect.gen(function* () {
      const seen: Array<string> = []
      const url = yield* serveNode(
        Node.handler(webhook, async (event, verified) => {
          seen.push(`${event.app_id}:${verified.secretIndex}`)
        })
      )
      assert.strictEqual((yield* post(url, "", {}, "GET")).status, 405)
      assert.strictEqual((yield* post(url, body, signed(body))).status, 200)
      assert.deepStrictEqual(seen, ["A:0"])
    })
  )
})

describe("EventQueue", () => {
  it.scopedLive("acknowledges only queued events and answers 503 when the consumer lags", () =>
    Effect.gen(function* () {
      const events = yield* EventQueue.make<TestEvent>({ capacity: 2, retryAfter: "3 seconds" })
      const url = yield* serveApp(Platform.httpApp(webhook, events.handler))
      const send = (n: number) => {
        const body = JSON.stringify({ app_id: "A", n })
        return Effect.map(post(url, body, signed(body)), (a) => a)
      }
      assert.strictEqual((yield* send(1)).status, 200)
      assert.strictEqual((yield* send(2)).status, 200)
      const refused = yield* send(3)
      assert.strictEqual(refused.status, 503)
      assert.strictEqual(refused.headers.get("retry-after"), "3")
      assert.strictEqual(yield* events.size, 2)
      const first = yield* events.stream.pipe(Stream.take(1), Stream.runCollect)
      assert.deepStrictEqual(
        Chunk.toReadonlyArray(first).map((r) => r.event.n),
        [1]
      )
      // room again: the retried delivery is accepted
      assert.strictEqual((yield* send(3)).status, 200)
      const rest = yield* events.stream.pipe(Stream.take(2), Stream.runCollect)
      assert.deepStrictEqual(
        Chunk.toReadonlyArray(rest).map((r) => r.event.n),
        [2, 3]
      )
    })
  )

  it.scopedLive("a running consumer sees events in order through any adapter", () =>
    Effect.gen(function* () {
      const events = yield* EventQueue.make<TestEvent>({ capacity: 16 })
      const url = yield* serveNode(Node.handler(webhook, events.handler))
      const consumer = yield* events.stream.pipe(Stream.take(5), Stream.runCollect, Effect.fork)
      for (let n = 0; n < 5; n++) {
        const body = JSON.stringify({ app_id: "A", n })
        assert.strictEqual((yield* post(url, body, signed(body))).status, 200)
      }
      const received = yield* Fiber.join(consumer)
      assert.deepStrictEqual(
        Chunk.toReadonlyArray(received).map((r) => r.event.n),
        [0, 1, 2, 3, 4]
      )
    })
  )
})
