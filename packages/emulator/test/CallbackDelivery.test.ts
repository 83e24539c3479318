/**
 * How the emulator delivers callbacks under load, over real sockets: at most `callbackConcurrency` in flight to one
 * target, over keep-alive connections, started in the order they were emitted; a target that does not answer times
 * out (and is retried) without holding up another target.
 */
import * as Http from "node:http"
import type { AddressInfo } from "node:net"
import { assert, describe, it } from "@effect/vitest"
import { Emulator } from "@sinch-effect/emulator"
import * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"
import { basic, client, createApp, createWebhook, receiver, request, verifySignature } from "./helpers.js"

interface Gate {
  readonly url: string
  /** the contact ID of each callback, in the order the requests arrived */
  readonly arrived: Array<string>
  /** the most requests open at the same time */
  readonly maxOpen: () => number
  /** TCP connections the emulator opened */
  readonly connections: () => number
  /** whether a wave had to be released by the safety timer (fewer requests in flight than expected) */
  readonly stalled: () => boolean
}

/**
 * A webhook server that holds every request until `wave` requests are open at once (or `total` arrived), then
 * answers them all: so the emulator's requests in flight are counted exactly, with no timing involved. A safety timer
 * releases a wave that never fills (and says so) rather than hang the test.
 */
const gate = (wave: number, total: number): Effect.Effect<Gate, never, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.async<{ server: Http.Server; gate: Gate }>((resume) => {
      const arrived: Array<string> = []
      let open: Array<Http.ServerResponse> = []
      let maxOpen = 0
      let connections = 0
      let stalled = false
      let safety: ReturnType<typeof setTimeout> | undefined
      const release = () => {
        clearTimeout(safety)
        for (const res of open) res.writeHead(200).end()
        open = []
      }
      const server = Http.createServer((req, res) => {
        const chunks: Array<Buffer> = []
        req.on("data", (c: Buffer) => chunks.push(c))
        req.on("end", () => {
          const body = JSON.parse(Buffer.concat(chunks).toString("utf8"))
          arrived.push(body.contact_create_notification.contact.id)
          open.push(res)
          maxOpen = Math.max(maxOpen, open.length)
          if (open.length >= wave || arrived.length >= total) release()
          else {
            clearTimeout(safety)
            safety = setTimeout(() => {
              stalled = true
              release()
            }, 10_000)
          }
        })
      })
      server.on("connection", () => connections++)
      server.listen(0, "127.0.0.1", () =>
        resume(
          Effect.succeed({
            server,
            gate: {
              url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/callbacks`,
              arrived,
              maxOpen: () => maxOpen,
              connections: () => connections,
              stalled: () => stalled
            }
          })
        )
      )
    }),
    ({ server }) =>
      Effect.async<void>((resume) => {
        server.close(() => resume(Effect.void))
        server.closeAllConnections()
      })
  ).pipe(Effect.map(({ gate }) => gate))

/** Creates `n` contacts in one call of the Batch API: `n` CONTACT_CREATE callbacks, emitted in order. */
const createContacts = (emu: Emulator.Running, n: number) =>
  request(`${emu.batchUrl}/v1/projects/${emu.projectId}/contacts`, {
    method: "POST",
    headers: { authorization: basic(emu.keyId, emu.env["SINCH_KEY_SECRET"]!), "content-type": "application/json" },
    body: JSON.stringify({
      contacts: Array.from({ length: n }, (_, i) => ({
        channel_identities: [{ channel: "SMS", identity: `+4670${String(i).padStart(7, "0")}` }],
        language: "EN"
      }))
    })
  })

/** The contact IDs of the CONTACT_CREATE callbacks in the order the emulator emitted them. */
const emitted = (emu: Emulator.Running) =>
  Effect.map(emu.deliveries, (log) =>
    log
      .filter((d) => d.trigger === "CONTACT_CREATE")
      .sort((a, b) => a.id - b.id)
      .map((d) => JSON.parse(d.body).contact_create_notification.contact.id as string)
  )

describe("callback delivery", () => {
  it.scoped(
    "at most callbackConcurrency callbacks in flight to a target, over as many keep-alive connections, in order",
    () =>
      Effect.gen(function* () {
        const emu = yield* Emulator.serve({ callbackConcurrency: 4 })
        const api = client(emu)
        const app = yield* createApp(api)
        const hook = yield* gate(4, 40)
        yield* createWebhook(api, app.id, hook.url, ["CONTACT_CREATE"], "gate-secret")
        assert.strictEqual((yield* createContacts(emu, 40)).status, 200)
        yield* emu.awaitCallbacks
        assert.isFalse(hook.stalled(), "fewer than 4 callbacks were in flight at some point")
        assert.strictEqual(hook.arrived.length, 40)
        assert.strictEqual(hook.maxOpen(), 4)
        assert.isAtMost(hook.connections(), 4)
        // started in the order they were emitted: each wave of 4 holds the next 4 callbacks
        const order = yield* emitted(emu)
        assert.strictEqual(order.length, 40)
        for (let w = 0; w < 10; w++) {
          assert.deepStrictEqual(
            [...hook.arrived.slice(w * 4, w * 4 + 4)].sort(),
            [...order.slice(w * 4, w * 4 + 4)].sort(),
            `wave ${w}`
          )
        }
        assert.isTrue((yield* emu.deliveries).every((d) => d.outcome === "delivered"))
      })
  )

  it.scoped("callbackConcurrency 1: one at a time, over one connection, in the order emitted, each signed", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve({ callbackConcurrency: 1 })
      const api = client(emu)
      const app = yield* createApp(api)
      const hook = yield* gate(1, 25)
      yield* createWebhook(api, app.id, hook.url, ["CONTACT_CREATE"], "gate-secret")
      const signed = yield* receiver()
      yield* createWebhook(api, app.id, signed.url, ["CONTACT_CREATE"], "gate-secret")
      assert.strictEqual((yield* createContacts(emu, 25)).status, 200)
      yield* emu.awaitCallbacks
      assert.strictEqual(hook.maxOpen(), 1)
      assert.strictEqual(hook.connections(), 1)
      const order = yield* emitted(emu)
      // the log holds both webhooks' callbacks: each contact twice, in the same order
      assert.deepStrictEqual(hook.arrived, [...new Set(order)])
      assert.strictEqual(signed.received.length, 25)
      for (const r of signed.received) assert.isTrue(verifySignature(r, "gate-secret"))
    })
  )

  it.scoped("a target that never answers times out and is retried; another target is not held up meanwhile", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve({
        callbackConcurrency: 3,
        callbackRetry: { timeoutMillis: 1000, initialDelayMillis: 10, maxRetries: 1 }
      })
      const api = client(emu)
      const app = yield* createApp(api)
      const hanging = yield* Effect.acquireRelease(
        Effect.async<Http.Server>((resume) => {
          const server = Http.createServer(() => {})
          server.listen(0, "127.0.0.1", () => resume(Effect.succeed(server)))
        }),
        (server) =>
          Effect.async<void>((resume) => {
            server.close(() => resume(Effect.void))
            server.closeAllConnections()
          })
      )
      const hangingUrl = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/hangs`
      const healthy = yield* receiver()
      yield* createWebhook(api, app.id, hangingUrl, ["CONTACT_CREATE"])
      yield* createWebhook(api, app.id, healthy.url, ["CONTACT_CREATE"])
      assert.strictEqual((yield* createContacts(emu, 3)).status, 200)
      yield* emu.awaitCallbacks
      const hung = (yield* emu.deliveries).filter((d) => d.target === hangingUrl)
      assert.strictEqual(hung.length, 3)
      for (const d of hung) {
        assert.strictEqual(d.outcome, "gave_up")
        assert.deepStrictEqual(
          d.attempts.map((a) => a.status),
          ["error", "error"]
        )
        for (const a of d.attempts) assert.isAtLeast(a.millis, 990)
      }
      // the healthy target had every callback before the first attempt to the hanging one ended
      assert.strictEqual(healthy.received.length, 3)
      const firstTimeout = Math.min(...hung.map((d) => d.attempts[0]!.atMs))
      assert.isBelow(Math.max(...healthy.received.map((r) => r.at)), firstTimeout)
    })
  )
})
