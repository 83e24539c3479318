import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import { assert, describe, it } from "@effect/vitest"
import { Ids } from "@sinch-effect/schema"
import * as Chunk from "effect/Chunk"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import * as CheckpointStore from "../src/CheckpointStore.js"
import * as Export from "../src/Export.js"
import * as Retry from "../src/Retry.js"
import * as FakeSinch from "./utils/FakeSinch.js"
import { clientLayer } from "./utils/client.js"

const pages = 5
const perPage = 3
/** Items with fields the SDK does not know, numbers and nesting: the export must keep them all. */
const itemAt = (i: number) => ({
  id: `item-${i}`,
  direction: "TO_APP",
  accept_time: "2024-02-22T07:40:46.123456Z",
  contact_message: { text_message: { text: `hello ${i} ✓ "quoted"` }, reply_to: null },
  future_field: { nested: [1, 2.5, { deep: true }], big: 12345678901234 },
  processing_mode: "CONVERSATION"
})

/**
 * Where each paginated list lives and the key of its items (templates come on one page: see Templates.test.ts; the
 * walk of projectMessages over several lists: see integration/ProjectMessages.test.ts).
 */
const routes: Record<
  Exclude<Export.List, "templates" | "projectMessages">,
  { readonly path: string; readonly key: string; readonly source: Export.Source }
> = {
  messages: {
    path: "/messages",
    key: "messages",
    source: Export.messages({ conversation_id: Ids.ConversationId.make("conversation") })
  },
  contacts: { path: "/contacts", key: "contacts", source: Export.contacts({ external_id: "x" }) },
  conversations: {
    path: "/conversations",
    key: "conversations",
    source: Export.conversations({ only_active: false, app_id: Ids.AppId.make("app") })
  },
  recentConversations: {
    path: "/conversations:recent",
    key: "conversations",
    source: Export.recentConversations({ app_id: Ids.AppId.make("app") })
  },
  events: { path: "/events", key: "events", source: Export.events({ contact_id: Ids.ContactId.make("c") }) },
  identityConflicts: { path: "/contacts:identityConflicts", key: "conflicts", source: Export.identityConflicts() },
  consentIdentities: {
    path: "/apps/app/consents/OPT_OUT_ALL",
    key: "identities",
    source: Export.consentIdentities({ app_id: "app", list_type: "OPT_OUT_ALL" })
  }
}

const pagingHandler =
  (failAtPage?: { page: number; enabled: () => boolean }): FakeSinch.Handler =>
  (req) => {
    if (req.url.pathname === "/oauth2/token") return FakeSinch.token()
    const route = Object.values(routes).find((r) => req.url.pathname === `/v1/projects/project-1${r.path}`)
    if (route === undefined) return FakeSinch.sinchError(404, "NOT_FOUND", req.url.pathname)
    const token = req.url.searchParams.get("page_token")
    const page = token === null ? 0 : Number(token.slice(1))
    if (failAtPage !== undefined && failAtPage.enabled() && page === failAtPage.page) {
      return FakeSinch.sinchError(400, "INVALID_ARGUMENT", "boom")
    }
    const items = Array.from({ length: perPage }, (_, j) => itemAt(page * perPage + j))
    return FakeSinch.json(200, { [route.key]: items, next_page_token: page + 1 < pages ? `p${page + 1}` : "" })
  }

const pagingServer = (failAtPage?: { page: number; enabled: () => boolean }) =>
  FakeSinch.make(pagingHandler(failAtPage))

const all = Array.from({ length: pages * perPage }, (_, i) => itemAt(i))

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), "sinch-export-"))

const lines = (file: string) => {
  const out = fs.readFileSync(file, "utf8").split("\n")
  assert.strictEqual(out.pop(), "")
  return out
}

describe("Export", () => {
  it.effect("every paginated list exports the JSON the API returned, with the same filters on every page", () => {
    const fake = pagingServer()
    return Effect.gen(function* () {
      for (const [list, route] of Object.entries(routes)) {
        const before = fake.apiRequests().length
        const chunks = Chunk.toReadonlyArray(yield* Stream.runCollect(Export.ndjson(route.source)))
        assert.strictEqual(route.source.list, list)
        assert.deepStrictEqual(
          chunks.map((c) => c.nextPageToken),
          ["p1", "p2", "p3", "p4", undefined]
        )
        const parsed = chunks.flatMap((c) =>
          c.ndjson
            .split("\n")
            .filter((l) => l !== "")
            .map((l) => JSON.parse(l))
        )
        assert.deepStrictEqual(parsed, all, list)
        const requests = fake.apiRequests().slice(before)
        assert.strictEqual(requests.length, pages)
        for (const req of requests) {
          assert.strictEqual(req.url.pathname, `/v1/projects/project-1${route.path}`)
          for (const [key, value] of Object.entries(route.source.filters)) {
            // (the consent list's app and list type are in its path)
            if (list !== "consentIdentities") assert.strictEqual(req.url.searchParams.get(key), value)
          }
        }
      }
    }).pipe(Effect.provide(clientLayer(fake)))
  })

  it("filters are the list parameters as strings, without the page token", () => {
    assert.deepStrictEqual(
      Export.messages({
        app_id: Ids.AppId.make("app"),
        messages_source: "DISPATCH_SOURCE",
        start_time: DateTime.unsafeMake("2024-05-01T00:00:00Z"),
        only_recipient_originated: true,
        page_size: 20,
        page_token: "somewhere"
      }).filters,
      {
        app_id: "app",
        messages_source: "DISPATCH_SOURCE",
        only_recipient_originated: "true",
        page_size: "20",
        start_time: "2024-05-01T00:00:00.000Z"
      }
    )
    assert.deepStrictEqual(Export.consentIdentities({ app_id: "a", list_type: "OPT_OUT_ALL" }).filters, {
      app_id: "a",
      list_type: "OPT_OUT_ALL"
    })
  })

  it.effect("toSink writes each page to the sink and reports progress at the start and after every page", () => {
    const fake = pagingServer()
    return Effect.gen(function* () {
      const written: Array<string> = []
      const reports: Array<Export.Progress> = []
      const summary = yield* Export.toSink(
        routes.messages.source,
        { write: (text) => Effect.sync(() => void written.push(text)) },
        { onProgress: (p) => Effect.sync(() => void reports.push(p)) }
      )
      assert.strictEqual(written.length, pages)
      assert.deepStrictEqual(
        written
          .join("")
          .split("\n")
          .slice(0, -1)
          .map((l) => JSON.parse(l)),
        all
      )
      assert.deepStrictEqual(
        reports.map((r) => [r.pages, r.items, r.pageItems, r.pageToken, r.done]),
        [
          [0, 0, 0, undefined, false],
          [1, 3, 3, "p1", false],
          [2, 6, 3, "p2", false],
          [3, 9, 3, "p3", false],
          [4, 12, 3, "p4", false],
          [5, 15, 3, undefined, true]
        ]
      )
      assert.deepStrictEqual(summary, reports[reports.length - 1])

      // resuming a sink export from a reported token continues right after that page
      const rest: Array<string> = []
      const resumed = yield* Export.toSink(
        routes.messages.source,
        { write: (text) => Effect.sync(() => void rest.push(text)) },
        { pageToken: "p3" }
      )
      assert.deepStrictEqual(
        rest
          .join("")
          .split("\n")
          .slice(0, -1)
          .map((l) => JSON.parse(l)),
        all.slice(3 * perPage)
      )
      assert.isTrue(resumed.resumed && resumed.done && resumed.written === 2 * perPage)
    }).pipe(Effect.provide(clientLayer(fake)))
  })

  it.effect("the file export resumes after a failure and a torn write with no gap and no duplicate", () => {
    let failing = true
    const fake = pagingServer({ page: 3, enabled: () => failing })
    const dir = tempDir()
    const file = path.join(dir, "messages.ndjson")
    const source = routes.messages.source
    return Effect.gen(function* () {
      const first = yield* Effect.flip(
        Retry.withPolicy(Export.toFile(source, { path: file }), Retry.policy({ idempotent: Retry.never }))
      )
      assert.strictEqual(first._tag, "BadRequest")
      const checkpoint = JSON.parse(fs.readFileSync(`${file}.checkpoint.json`, "utf8"))
      assert.deepStrictEqual(checkpoint, {
        format: "sinch-effect-export/1",
        list: "messages",
        project_id: "project-1",
        api_url: "http://sinch.test",
        filters: { conversation_id: "conversation" },
        page_token: "p3",
        bytes: fs.statSync(file).size,
        items: 3 * perPage,
        pages: 3,
        done: false
      })
      assert.deepStrictEqual(yield* Export.readCheckpoint(`${file}.checkpoint.json`), checkpoint)
      // a crash in the middle of writing the next page leaves a torn line behind
      fs.appendFileSync(file, '{"id":"item-9","torn')
      failing = false
      const reports: Array<Export.Progress> = []
      const second = yield* Export.toFile(source, {
        path: file,
        onProgress: (p) => Effect.sync(() => void reports.push(p))
      })
      assert.deepStrictEqual(
        reports.map((r) => [r.pages, r.items, r.written, r.resumedAt]),
        [
          [0, 9, 0, 9],
          [1, 12, 3, 9],
          [2, 15, 6, 9]
        ]
      )
      assert.include(second, { items: pages * perPage, written: 2 * perPage, pages: 2, resumed: true, done: true })
      assert.deepStrictEqual(
        lines(file).map((l) => JSON.parse(l)),
        all
      )
      // a finished export is left as is
      const third = yield* Export.toFile(source, { path: file })
      assert.include(third, { alreadyComplete: true, done: true, written: 0, items: pages * perPage })
    }).pipe(
      Effect.provide(Layer.merge(clientLayer(fake), NodeFileSystem.layer)),
      Effect.ensuring(Effect.sync(() => fs.rmSync(dir, { recursive: true, force: true })))
    )
  })

  it.effect("a file export checkpoints in batches, and a checkpoint never points past what is on disk", () => {
    const dir = tempDir()
    const file = path.join(dir, "messages.ndjson")
    const checkpointPath = `${file}.checkpoint.json`
    const wholeText = all.map((item) => JSON.stringify(item) + "\n").join("")
    const wholeBytes = Buffer.from(wholeText)
    const checkpointed: Array<number> = []
    // the checkpoints go through a store that looks at the disk as each is written: the bytes it records are there
    // and are the export's prefix, holding as many lines as it counts items
    const recording = Effect.map(CheckpointStore.makeFileSystem, (files) =>
      CheckpointStore.CheckpointStore.of({
        ...files,
        set: (key, value) =>
          Effect.suspend(() => {
            const checkpoint = value as Export.Checkpoint
            const onDisk = fs.readFileSync(file)
            assert.isAtLeast(onDisk.length, checkpoint.bytes)
            assert.isTrue(onDisk.subarray(0, checkpoint.bytes).equals(wholeBytes.subarray(0, checkpoint.bytes)))
            assert.strictEqual(
              wholeBytes.subarray(0, checkpoint.bytes).toString().split("\n").length - 1,
              checkpoint.items
            )
            checkpointed.push(checkpoint.pages)
            return files.set(key, value)
          })
      })
    )
    return Effect.gen(function* () {
      const store = yield* recording
      const summary = yield* Export.toFile(routes.messages.source, {
        path: file,
        checkpointPages: 2,
        checkpointMillis: 60_000
      }).pipe(Effect.provideService(CheckpointStore.CheckpointStore, store))
      assert.include(summary, { items: pages * perPage, pages, done: true })
      assert.strictEqual(fs.readFileSync(file, "utf8"), wholeText)
      const final = JSON.parse(fs.readFileSync(checkpointPath, "utf8"))
      assert.include(final, { pages, items: pages * perPage, done: true, bytes: Buffer.byteLength(wholeText) })
      // at the start, after pages 2 and 4 (a checkpoint still being synced when the next is due waits for a later
      // page), and at the end: not after every page, and in order
      assert.strictEqual(checkpointed[0], 0)
      assert.strictEqual(checkpointed.at(-1), pages)
      assert.deepStrictEqual(
        checkpointed,
        [...checkpointed].sort((a, b) => a - b)
      )
      assert.isTrue(
        checkpointed.slice(1, -1).every((n) => n % 2 === 0),
        `checkpoints: ${checkpointed.join(", ")}`
      )
      assert.include(checkpointed, 2)
    }).pipe(
      Effect.provide(Layer.merge(clientLayer(pagingServer()), NodeFileSystem.layer)),
      Effect.ensuring(Effect.sync(() => fs.rmSync(dir, { recursive: true, force: true })))
    )
  })

  it.effect("a checkpoint that cannot be saved fails the export, which resumes from the last one saved", () => {
    const dir = tempDir()
    const file = path.join(dir, "messages.ndjson")
    const wholeText = all.map((item) => JSON.stringify(item) + "\n").join("")
    let sets = 0
    // the store refuses its second write: the checkpoint after page 2 (the first is the start's), saved beside the
    // export while it fetches and appends the next pages; the export fails at its next checkpoint or at its end
    const failing = Effect.map(CheckpointStore.makeFileSystem, (files) =>
      CheckpointStore.CheckpointStore.of({
        ...files,
        set: (key, value) =>
          ++sets === 2
            ? Effect.fail(
                new CheckpointStore.CheckpointStoreError({
                  key,
                  operation: "set",
                  invalid: false,
                  detail: "store down"
                })
              )
            : files.set(key, value)
      })
    )
    return Effect.gen(function* () {
      const store = yield* failing
      const options = { path: file, checkpointPages: 2, checkpointMillis: 60_000 }
      const error = yield* Effect.flip(
        Export.toFile(routes.messages.source, options).pipe(
          Effect.provideService(CheckpointStore.CheckpointStore, store)
        )
      )
      assert.include(error, { _tag: "ExportError", reason: "CheckpointStore" })
      // the checkpoint on disk (the one the export saved on its way out) never points past what is on disk
      const checkpoint = (yield* Export.readCheckpoint(`${file}.checkpoint.json`))!
      assert.isTrue(
        fs.readFileSync(file).subarray(0, checkpoint.bytes).equals(Buffer.from(wholeText).subarray(0, checkpoint.bytes))
      )
      const resumed = yield* Export.toFile(routes.messages.source, options)
      assert.include(resumed, { resumed: true, done: true, items: pages * perPage, alreadyComplete: checkpoint.done })
      assert.strictEqual(fs.readFileSync(file, "utf8"), wholeText)
    }).pipe(
      Effect.provide(Layer.merge(clientLayer(pagingServer()), NodeFileSystem.layer)),
      Effect.ensuring(Effect.sync(() => fs.rmSync(dir, { recursive: true, force: true })))
    )
  })

  it.effect("a file export refuses what it cannot continue safely", () => {
    const fake = pagingServer()
    const dir = tempDir()
    const file = path.join(dir, "out.ndjson")
    const checkpointPath = `${file}.checkpoint.json`
    const reasonOf = <A, R>(effect: Effect.Effect<A, unknown, R>) =>
      Effect.map(Effect.flip(effect), (e) => (e as Export.ExportError).reason)
    return Effect.gen(function* () {
      yield* Export.toFile(routes.contacts.source, { path: file, mode: "new" })
      assert.strictEqual(lines(file).length, pages * perPage)
      assert.strictEqual(
        yield* reasonOf(Export.toFile(routes.contacts.source, { path: file, mode: "new" })),
        "CheckpointExists"
      )
      const otherList = yield* Effect.flip(Export.toFile(routes.messages.source, { path: file }))
      assert.strictEqual(otherList._tag, "ExportError")
      assert.include(otherList, { reason: "OtherList", path: checkpointPath })
      assert.strictEqual((otherList as Export.ExportError).checkpoint?.list, "contacts")
      assert.include(otherList.message, `cannot resume from checkpoint ${checkpointPath}`)
      assert.strictEqual(
        yield* reasonOf(Export.toFile(Export.contacts({ external_id: "y" }), { path: file })),
        "OtherFilters"
      )
      assert.strictEqual(
        yield* reasonOf(
          Export.toFile(routes.contacts.source, { path: file }).pipe(
            Effect.provide(clientLayer(fake, { projectId: "project-2" }))
          )
        ),
        "OtherApi"
      )
      // the output was cut after the checkpoint was written
      const saved = JSON.parse(fs.readFileSync(checkpointPath, "utf8"))
      fs.writeFileSync(checkpointPath, JSON.stringify({ ...saved, done: false, bytes: 999999 }))
      assert.strictEqual(yield* reasonOf(Export.toFile(routes.contacts.source, { path: file })), "OutputShorter")
      fs.writeFileSync(checkpointPath, "{ not json")
      assert.strictEqual(yield* reasonOf(Export.toFile(routes.contacts.source, { path: file })), "CheckpointInvalid")
      fs.rmSync(checkpointPath)
      assert.strictEqual(yield* reasonOf(Export.toFile(routes.contacts.source, { path: file })), "NoCheckpoint")
      assert.strictEqual(
        yield* reasonOf(Export.toFile(routes.contacts.source, { path: file, mode: "new" })),
        "OutputExists"
      )
      // overwrite starts over
      const again = yield* Export.toFile(routes.contacts.source, { path: file, mode: "overwrite" })
      assert.include(again, { items: pages * perPage, resumed: false, done: true })
      assert.strictEqual(lines(file).length, pages * perPage)
    }).pipe(
      Effect.provide(Layer.merge(clientLayer(fake), NodeFileSystem.layer)),
      Effect.ensuring(Effect.sync(() => fs.rmSync(dir, { recursive: true, force: true })))
    )
  })
})
