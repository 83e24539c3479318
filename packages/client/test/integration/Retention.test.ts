/**
 * What an export's pages leave behind. V8 may pretenure an allocation site (allocate its objects straight in the old
 * generation) once it saw them survive, and an old object keeps what it points to alive through every scavenge until
 * the next mark-compact, dead or not: anything that still points to a page after the page was handed over can get the
 * page promoted. Over a 100k export that made the old generation grow by about 2.5 MB per scavenge (a read-ahead that
 * forked a fiber per page left each page in the fiber's exit, and the transport's array of body chunks was
 * pretenured). These tests keep the objects that outlive a page (the read-ahead's fibers, the transport's responses)
 * reachable on purpose, collect garbage, and check that the pages and response buffers are gone.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import type * as Fiber from "effect/Fiber"
import * as Supervisor from "effect/Supervisor"
import * as diagnostics from "node:diagnostics_channel"
import type { IncomingMessage } from "node:http"
import { setFlagsFromString } from "node:v8"
import { runInNewContext } from "node:vm"
import { ahead, type Pull } from "../../src/internal/readAhead.js"
import * as NodeTransport from "../../src/NodeTransport.js"
import { clientOf, serve, token } from "../hostile/server.js"

setFlagsFromString("--expose-gc")
const gc = runInNewContext("gc") as () => void

/** Collects garbage on a later turn (a `WeakRef` keeps its target alive until the end of the turn that made it). */
const collect = Effect.promise(() => new Promise<void>((resolve) => setImmediate(resolve))).pipe(
  Effect.zipRight(Effect.sync(gc))
)

/** A supervisor that keeps every fiber started under it (and so whatever a fiber still points to). */
class KeepFibers extends Supervisor.AbstractSupervisor<void> {
  readonly fibers: Array<Fiber.RuntimeFiber<unknown, unknown>> = []
  override get value() {
    return Effect.void
  }
  override onStart<A, E, R>(
    _context: unknown,
    _effect: Effect.Effect<A, E, R>,
    _parent: unknown,
    fiber: Fiber.RuntimeFiber<A, E>
  ): void {
    this.fibers.push(fiber)
  }
}

describe("pages are not kept by what outlives them", () => {
  it.scopedLive("the read-ahead's fibers do not hold the pages they pulled", () =>
    Effect.gen(function* () {
      const keep = new KeepFibers()
      const pages: Array<WeakRef<object>> = []
      let n = 0
      const pull: Pull<{ readonly items: ReadonlyArray<number> }, never> = Effect.sync(() => {
        if (n === 20) return undefined
        const first = 1000 * n++
        const page = { items: Array.from({ length: 1000 }, (_, i) => first + i) }
        pages.push(new WeakRef(page))
        return page
      })
      const taken = yield* Effect.supervised(
        Effect.gen(function* () {
          const next = yield* ahead(pull, 2)
          let count = 0
          for (;;) {
            const page = yield* next
            if (page === undefined) return count
            count++
          }
        }),
        keep
      )
      assert.strictEqual(taken, 20)
      assert.isAtLeast(keep.fibers.length, 1)
      yield* collect
      const alive = pages.filter((p) => p.deref() !== undefined).length
      assert.strictEqual(alive, 0, `${alive} of 20 pages are still reachable from the read-ahead's fibers`)
      // (the fibers stay reachable until here)
      assert.isAtLeast(keep.fibers.length, 1)
    })
  )

  it.scopedLive("a response that outlives its call does not hold the body's buffers", () =>
    Effect.gen(function* () {
      // a body of several chunks, written apart
      const body = JSON.stringify({ id: "01MSG", direction: "TO_CONTACT", metadata: "x".repeat(200_000) })
      const server = yield* serve((req, res) => {
        if (req.url === "/oauth2/token") return token(res)
        res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) })
        const step = 50_000
        const write = (at: number): void => {
          if (at >= body.length) return void res.end()
          res.write(body.slice(at, at + step), () => setImmediate(() => write(at + step)))
        }
        write(0)
      })
      const client = yield* clientOf(server, NodeTransport.layer)
      // every response the client receives, kept, and its body's buffers, watched
      const responses: Array<IncomingMessage> = []
      const buffers: Array<WeakRef<Buffer>> = []
      const onResponse = (message: unknown) => {
        const response = (message as { readonly response: IncomingMessage }).response
        responses.push(response)
        response.on("data", (chunk: Buffer) => void buffers.push(new WeakRef(chunk)))
      }
      diagnostics.subscribe("http.client.response.finish", onResponse)
      yield* Effect.addFinalizer(() =>
        Effect.sync(() => diagnostics.unsubscribe("http.client.response.finish", onResponse))
      )
      for (let i = 0; i < 3; i++) {
        const got = yield* client.messages.get({ message_id: "01MSG" })
        assert.strictEqual(got.id, "01MSG")
      }
      assert.isAtLeast(responses.length, 3)
      assert.isAtLeast(buffers.length, 6)
      yield* collect
      const alive = buffers.filter((b) => b.deref() !== undefined).length
      assert.strictEqual(alive, 0, `${alive} of ${buffers.length} body buffers are still reachable from the responses`)
      assert.isAtLeast(responses.length, 3)
    })
  )
})
