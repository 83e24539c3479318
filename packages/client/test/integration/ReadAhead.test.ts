/**
 * Read-ahead over a real socket: the next page's request reaches the server while the consumer is still working on
 * the current page. The server runs in a worker thread and counts the requests it receives in shared memory; the
 * consumer works on each page synchronously (the event loop blocked, as CPU-bound work blocks it) until the server has
 * received the next page's request. Without read-ahead, or with a request that waits for the consumer's work to end
 * (node:http writes a request out on `process.nextTick`), that request never arrives during the work and the wait runs
 * out.
 */
import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import { assert, describe, it } from "@effect/vitest"
import { Ids } from "@sinch-effect/schema"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import * as Supervisor from "effect/Supervisor"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { Worker } from "node:worker_threads"
import * as CheckpointStore from "../../src/CheckpointStore.js"
import * as Export from "../../src/Export.js"
import * as NodeTransport from "../../src/NodeTransport.js"
import * as SinchClient from "../../src/SinchClient.js"

/** A server of 2 conversations of 3 pages of messages each, counting API requests in `counter[0]`. */
const serverSource = `
const { parentPort, workerData } = require("node:worker_threads")
const http = require("node:http")
const counter = new Int32Array(workerData.counter)
const json = (res, body) => {
  const text = JSON.stringify(body)
  res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(text) })
  res.end(text)
}
const server = http.createServer((req, res) => {
  const url = new URL(req.url, "http://localhost")
  if (url.pathname === "/oauth2/token") return json(res, { access_token: "t", expires_in: 3600, token_type: "bearer" })
  Atomics.add(counter, 0, 1)
  Atomics.notify(counter, 0)
  if (url.pathname.endsWith("/conversations")) return json(res, { conversations: [{ id: "c1" }, { id: "c2" }] })
  const conversation = url.searchParams.get("conversation_id")
  const page = Number(url.searchParams.get("page_token") ?? "0")
  const messages = [0, 1].map((i) => ({ id: conversation + "-" + page + "-" + i }))
  json(res, { messages, next_page_token: page < 2 ? String(page + 1) : "" })
})
server.listen(0, "127.0.0.1", () => parentPort.postMessage(server.address().port))
parentPort.on("message", () => server.close(() => process.exit(0)))
`

/** Starts the server thread; its URL and the shared request counter, for the scope. */
const threadServer = Effect.acquireRelease(
  Effect.async<{ readonly worker: Worker; readonly url: string; readonly counter: Int32Array }>((resume) => {
    const shared = new SharedArrayBuffer(4)
    const worker = new Worker(serverSource, { eval: true, workerData: { counter: shared } })
    worker.once("message", (port: number) =>
      resume(Effect.succeed({ worker, url: `http://127.0.0.1:${port}`, counter: new Int32Array(shared) }))
    )
  }),
  ({ worker }) => Effect.promise(() => worker.terminate())
)

/**
 * Blocks the thread (as synchronous work does) until the server has received `count` API requests, at most 10 s;
 * whether it did.
 */
const blockUntilReceived = (counter: Int32Array, count: number): boolean => {
  const deadline = Date.now() + 10_000
  for (;;) {
    const seen = Atomics.load(counter, 0)
    if (seen >= count) return true
    const left = deadline - Date.now()
    if (left <= 0) return false
    Atomics.wait(counter, 0, seen, left)
  }
}

/** `Atomics.waitAsync` (Node 16+; not in the TypeScript lib this project targets). */
const waitAsync = (
  Atomics as unknown as {
    readonly waitAsync: (
      array: Int32Array,
      index: number,
      value: number,
      timeout: number
    ) => { readonly value: string | Promise<string> }
  }
).waitAsync

/** Waits, without blocking the thread, until the server has received `count` API requests, at most 10 s; whether it did. */
const untilReceived = async (counter: Int32Array, count: number): Promise<boolean> => {
  const deadline = Date.now() + 10_000
  for (;;) {
    const seen = Atomics.load(counter, 0)
    if (seen >= count) return true
    const left = deadline - Date.now()
    if (left <= 0) return false
    await waitAsync(counter, 0, seen, left).value
  }
}

const clientOf = (url: string) =>
  SinchClient.layerWith({
    projectId: "p",
    keyId: "key",
    keySecret: "secret",
    conversationUrl: url,
    authUrl: url,
    rateLimit: false
  }).pipe(Layer.provide(NodeTransport.layer), Layer.orDie)

/**
 * An overwrite export of the app's messages (2 conversations of 3 pages: 12 items) to a new file in a temporary
 * folder, its checkpoints in `store`; answers the export's summary.
 */
const exportTo = (url: string, store: CheckpointStore.CheckpointStore["Type"]) =>
  Effect.acquireUseRelease(
    Effect.sync(() => fs.mkdtempSync(path.join(os.tmpdir(), "sinch-read-ahead-"))),
    (dir) =>
      Export.toFile(Export.projectMessages({ app_id: Ids.AppId.make("app") }), {
        path: path.join(dir, "messages.ndjson"),
        mode: "overwrite"
      }).pipe(
        Effect.provideService(CheckpointStore.CheckpointStore, store),
        Effect.provide(Layer.merge(clientOf(url), NodeFileSystem.layer))
      ),
    (dir) => Effect.sync(() => fs.rmSync(dir, { recursive: true, force: true }))
  )

/** Counts the fibers started under it. */
class StartedFibers extends Supervisor.AbstractSupervisor<number> {
  started = 0
  get value() {
    return Effect.sync(() => this.started)
  }
  override onStart() {
    this.started++
  }
}

describe("read-ahead", () => {
  // (on the live clock: under the test clock each request's timeout is a fiber of its own)
  it.scopedLive("a list is read ahead by one fiber that sends each next request itself, not by a fiber per page", () =>
    Effect.gen(function* () {
      const server = yield* threadServer
      // the fibers started to list c1 from `pageToken` (each run with a client of its own: the same token request)
      const fibersFor = (pageToken: string | undefined) =>
        Effect.gen(function* () {
          const started = new StartedFibers()
          const pages = yield* Effect.flatMap(SinchClient.SinchClient, (sinch) =>
            Stream.runCount(
              sinch.messages.listRawPages(
                { conversation_id: Ids.ConversationId.make("c1") },
                { prefetch: 1, pageToken }
              )
            )
          ).pipe(Effect.supervised(started), Effect.provide(clientOf(server.url)))
          return { pages, fibers: started.started }
        })
      const two = yield* fibersFor("1")
      const three = yield* fibersFor(undefined)
      assert.deepStrictEqual([two.pages, three.pages], [2, 3])
      // a fiber forked per page would start one more for the third page
      assert.strictEqual(three.fibers, two.fibers)
    })
  )

  it.scoped("a list's next page is requested before the consumer works on the current one", () =>
    Effect.gen(function* () {
      const server = yield* threadServer
      const received: Array<boolean> = []
      yield* Effect.flatMap(SinchClient.SinchClient, (sinch) =>
        Stream.runForEach(
          sinch.messages.listRawPages({ conversation_id: Ids.ConversationId.make("c1") }, { prefetch: 1 }),
          (page) =>
            Effect.sync(() => {
              // page n was request n + 1; the next page's request is n + 2
              if (page.nextPageToken !== undefined) received.push(blockUntilReceived(server.counter, page.index + 2))
            })
        )
      ).pipe(Effect.provide(clientOf(server.url)))
      assert.deepStrictEqual(received, [true, true])
    })
  )

  it.scoped("a file export sends its first request while it prepares the file, before its first checkpoint", () =>
    Effect.gen(function* () {
      const server = yield* threadServer
      // the first checkpoint (written before any page) waits until the server has the first API request
      const firstSave: Array<boolean> = []
      const store = CheckpointStore.CheckpointStore.of({
        nameOf: (key) => `checkpoint ${key}`,
        get: () => Effect.succeed(Option.none()),
        remove: () => Effect.void,
        set: () =>
          firstSave.length > 0
            ? Effect.void
            : Effect.map(
                Effect.promise(() => untilReceived(server.counter, 1)),
                (received) => void firstSave.push(received)
              )
      })
      const summary = yield* exportTo(server.url, store)
      assert.include(summary, { items: 12, done: true })
      assert.deepStrictEqual(firstSave, [true])
    })
  )

  it.scoped("an export that starts over sends its first request before it removes the old checkpoint", () =>
    Effect.gen(function* () {
      const server = yield* threadServer
      // the removal of the old checkpoint waits until the server has the first API request
      const removed: Array<boolean> = []
      const store = CheckpointStore.CheckpointStore.of({
        nameOf: (key) => `checkpoint ${key}`,
        get: () => Effect.succeed(Option.none()),
        remove: () =>
          Effect.map(
            Effect.promise(() => untilReceived(server.counter, 1)),
            (received) => void removed.push(received)
          ),
        set: () => Effect.void
      })
      const summary = yield* exportTo(server.url, store)
      assert.include(summary, { items: 12, done: true })
      assert.deepStrictEqual(removed, [true])
    })
  )

  it.scoped(
    "an export of a walk requests the next page, in the next conversation too, before writing the current",
    () =>
      Effect.gen(function* () {
        const server = yield* threadServer
        const received: Array<boolean> = []
        let pages = 0
        // request 1 lists the conversations; page n of the walk is request n + 2
        const sink: Export.Sink<never, never> = {
          write: () =>
            Effect.sync(() => {
              pages++
              if (pages < 6) received.push(blockUntilReceived(server.counter, pages + 2))
            })
        }
        const summary = yield* Export.toSink(Export.projectMessages({ app_id: Ids.AppId.make("app") }), sink).pipe(
          Effect.provide(clientOf(server.url))
        )
        assert.include(summary, { items: 12, done: true })
        // the third wait is at the last page of the first conversation: the next is the second's first page
        assert.deepStrictEqual(received, [true, true, true, true, true])
      })
  )
})
