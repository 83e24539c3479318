import { HttpApp, HttpServer } from "@effect/platform"
import { NodeHttpServer } from "@effect/platform-node"
import { assert, describe, it } from "@effect/vitest"
import { NonceStore, Signature, Webhooks } from "@sinch-effect/webhooks"
import { ConfigProvider, Context, Effect, Layer, Ref, Schedule } from "effect"
import express from "express"
import { readFileSync } from "node:fs"
import * as Http from "node:http"
import { Inbox, WebhookServer } from "../../../docs/examples/webhooks/effect-server.js"
import { sinchCallbacks } from "../../../docs/examples/webhooks/express.js"
import { consumeCallbacks } from "../../../docs/examples/webhooks/stream.js"
import { startServer } from "../../../docs/examples/webhooks/warm-up.js"
import { makeHandler } from "../../../docs/examples/webhooks/web.js"
import { webhookPayloads } from "./fixtures.js"
import { post, serveApp, serveNode } from "./servers.js"

const payload = (trigger: string) => webhookPayloads().find((p) => p.trigger === trigger)!.body
const signed = (body: string, secret: string) => ({
  "content-type": "application/json",
  ...Signature.sign(body, secret)
})

describe("docs/webhooks.md examples", () => {
  it.scopedLive("effect-server.ts: router + dispatch + rotation + replay protection", () =>
    Effect.gen(function* () {
      const lines = yield* Ref.make<ReadonlyArray<string>>([])
      const InboxTest = Layer.succeed(Inbox, {
        record: (line) => Ref.update(lines, (all) => [...all, line])
      })
      const context = yield* Layer.build(
        WebhookServer.pipe(
          Layer.provide(InboxTest),
          Layer.provideMerge(NodeHttpServer.layer(() => Http.createServer(), { port: 0, host: "127.0.0.1" })),
          Layer.provide(
            Layer.setConfigProvider(
              ConfigProvider.fromMap(
                new Map([
                  ["SINCH_WEBHOOK_SECRET", "new-secret"],
                  ["SINCH_WEBHOOK_SECRET_PREVIOUS", "old-secret"]
                ])
              )
            )
          )
        )
      ).pipe(Effect.orDie)
      const addr = Context.get(context, HttpServer.HttpServer).address
      if (addr._tag !== "TcpAddress") return assert.fail("not TCP")
      const url = `http://127.0.0.1:${addr.port}/sinch/callbacks`

      const inbound = payload("MESSAGE_INBOUND")
      const inboundHeaders = signed(inbound, "new-secret")
      assert.strictEqual((yield* post(url, inbound, inboundHeaders)).status, 200)
      // the same delivery again (same nonce): refused
      assert.strictEqual((yield* post(url, inbound, inboundHeaders)).status, 401)
      const delivery = payload("MESSAGE_DELIVERY")
      assert.strictEqual((yield* post(url, delivery, signed(delivery, "old-secret"))).status, 200)
      const optIn = payload("OPT_IN")
      assert.strictEqual((yield* post(url, optIn, signed(optIn, "new-secret"))).status, 200)
      assert.strictEqual((yield* post(url, optIn, signed(optIn, "unknown-secret"))).status, 401)
      assert.deepStrictEqual(yield* Ref.get(lines), [
        "MESSENGER: This is a text message.",
        "delivery message id: DELIVERED"
      ])
    })
  )

  it.scopedLive("express.ts: behind express.raw(), next to express.json()", () =>
    Effect.gen(function* () {
      const replies: Array<string> = []
      const app = express()
      app.post(
        "/sinch/callbacks",
        express.raw({ type: "*/*" }),
        sinchCallbacks("express-secret", async (text) => {
          replies.push(text)
        })
      )
      app.use(express.json())
      const url = yield* serveNode(app)
      const inbound = payload("MESSAGE_INBOUND")
      assert.strictEqual(
        (yield* post(`${url}/sinch/callbacks`, inbound, signed(inbound, "express-secret"))).status,
        200
      )
      const unsupported = payload("UNSUPPORTED")
      assert.strictEqual(
        (yield* post(`${url}/sinch/callbacks`, unsupported, signed(unsupported, "express-secret"))).status,
        200
      )
      assert.strictEqual((yield* post(`${url}/sinch/callbacks`, inbound, signed(inbound, "wrong"))).status, 401)
      assert.deepStrictEqual(replies, ["This is a text message."])
    })
  )

  it.scopedLive("web.ts: a Fetch handler over a socket", () =>
    Effect.gen(function* () {
      const seen: Array<string> = []
      const handler = makeHandler(["web-secret"], (id, status) => seen.push(`${id}=${status}`))
      const url = yield* serveApp(HttpApp.fromWebHandler(handler))
      const delivery = payload("MESSAGE_DELIVERY")
      assert.strictEqual((yield* post(url, delivery, signed(delivery, "web-secret"))).status, 200)
      assert.deepStrictEqual(seen, ["message id=DELIVERED"])
    })
  )

  it.effect("nextjs-route.ts: POST with the secret from the environment; unset secret refuses everything", () =>
    Effect.promise(async () => {
      const previous = process.env["SINCH_WEBHOOK_SECRET"]
      process.env["SINCH_WEBHOOK_SECRET"] = "next-secret"
      try {
        const route = await import("../../../docs/examples/webhooks/nextjs-route.js")
        const body = payload("CONTACT_CREATE")
        const request = (secret: string) =>
          new Request("http://localhost/api/sinch/callbacks", { method: "POST", body, headers: signed(body, secret) })
        assert.strictEqual((await route.POST(request("next-secret"))).status, 200)
        assert.strictEqual((await route.POST(request("other"))).status, 401)
        assert.deepStrictEqual(route.received, ["CONTACT_CREATE"])
        assert.strictEqual(route.runtime, "nodejs")
      } finally {
        if (previous === undefined) delete process.env["SINCH_WEBHOOK_SECRET"]
        else process.env["SINCH_WEBHOOK_SECRET"] = previous
      }
      // a webhook without a usable secret never accepts a request
      const unset = Webhooks.make({ secrets: "", nonceStore: NonceStore.memory() })
      const body = payload("CONTACT_CREATE")
      const reply = await Effect.runPromise(
        Webhooks.handle(unset, { body, headers: Signature.sign(body, "") }, () => Effect.void)
      )
      assert.strictEqual(reply.status, 500)
    })
  )

  it.scopedLive("warm-up.ts: warmed up before it listens, then answers callbacks; no warm-up nonce is remembered", () =>
    Effect.gen(function* () {
      const seen: Array<string> = []
      const { server, url } = yield* Effect.acquireRelease(
        Effect.promise(() => startServer("warm-secret", (event) => seen.push(event._tag), [payload("OPT_OUT")])),
        ({ server }) =>
          Effect.async<void>((resume) => {
            server.closeAllConnections()
            server.close(() => resume(Effect.void))
          })
      )
      assert.isTrue(server.listening)
      const inbound = payload("MESSAGE_INBOUND")
      // the nonces the warm-up used were never given to the store: a callback with one of them is accepted, once
      const headers = {
        "content-type": "application/json",
        ...Signature.sign(inbound, "warm-secret", { nonce: "warm-up-0" })
      }
      assert.strictEqual((yield* post(url, inbound, headers)).status, 200)
      assert.strictEqual((yield* post(url, inbound, headers)).status, 401)
      const delivery = payload("MESSAGE_DELIVERY")
      assert.strictEqual((yield* post(url, delivery, signed(delivery, "warm-secret"))).status, 200)
      assert.deepStrictEqual(seen, ["MESSAGE_INBOUND", "MESSAGE_DELIVERY"])
    })
  )

  it("the guide shows warm-up.ts verbatim", () => {
    const read = (path: string) => readFileSync(new URL(`../../../docs/${path}`, import.meta.url), "utf8")
    assert.include(read("webhooks.md"), "```ts\n" + read("examples/webhooks/warm-up.ts") + "```")
  })

  it.scopedLive("stream.ts: events flow to the consumer", () =>
    Effect.gen(function* () {
      const seen = yield* Ref.make<ReadonlyArray<string>>([])
      const server = yield* NodeHttpServer.make(() => Http.createServer(), { port: 0, host: "127.0.0.1" }).pipe(
        Effect.orDie
      )
      yield* consumeCallbacks("stream-secret", (event) => Ref.update(seen, (all) => [...all, event._tag])).pipe(
        Effect.provideService(HttpServer.HttpServer, server)
      )
      if (server.address._tag !== "TcpAddress") return assert.fail("not TCP")
      const url = `http://127.0.0.1:${server.address.port}`
      for (const trigger of ["MESSAGE_INBOUND", "EVENT_INBOUND", "CONVERSATION_START"]) {
        const body = payload(trigger)
        assert.strictEqual((yield* post(url, body, signed(body, "stream-secret"))).status, 200)
      }
      // wait until the consumer saw the three events
      yield* Ref.get(seen).pipe(
        Effect.repeat({ until: (all) => all.length === 3, schedule: Schedule.spaced("10 millis") }),
        Effect.timeout("5 seconds"),
        Effect.orDie
      )
      assert.deepStrictEqual(yield* Ref.get(seen), ["MESSAGE_INBOUND", "EVENT_INBOUND", "CONVERSATION_START"])
    })
  )
})
