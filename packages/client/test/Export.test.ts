import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import { assert, describe, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import * as Export from "../src/Export.js"
import * as Retry from "../src/Retry.js"
import * as FakeSinch from "./utils/FakeSinch.js"
import { clientLayer } from "./utils/client.js"

const pages = 5
const perPage = 3
/** Messages with fields the SDK does not know, numbers and nesting: the export must keep them all. */
const messageAt = (i: number) => ({
  id: `msg-${i}`,
  direction: "TO_APP",
  accept_time: "2024-02-22T07:40:46.123456Z",
  contact_message: { text_message: { text: `hello ${i} ✓ "quoted"` }, reply_to: null },
  future_field: { nested: [1, 2.5, { deep: true }], big: 12345678901234 },
  processing_mode: "CONVERSATION"
})

const pagingServer = (failAtPage?: { page: number; enabled: () => boolean }) =>
  FakeSinch.make((req) => {
    if (req.url.pathname === "/oauth2/token") return FakeSinch.token()
    const token = req.url.searchParams.get("page_token")
    const page = token === null ? 0 : Number(token.slice(1))
    if (failAtPage !== undefined && failAtPage.enabled() && page === failAtPage.page) {
      return FakeSinch.sinchError(400, "INVALID_ARGUMENT", "boom")
    }
    const messages = Array.from({ length: perPage }, (_, j) => messageAt(page * perPage + j))
    return FakeSinch.json(200, { messages, next_page_token: page + 1 < pages ? `p${page + 1}` : "" })
  })

const all = Array.from({ length: pages * perPage }, (_, i) => messageAt(i))

describe("Export", () => {
  it.effect("messagesRaw keeps every field the API returned", () => {
    const fake = pagingServer()
    return Effect.gen(function* () {
      const raw = yield* Stream.runCollect(Export.messagesRaw({ app_id: "app" } as never))
      assert.deepStrictEqual(Chunk.toReadonlyArray(raw), all)
      // every page asked with the same parameters
      for (const req of fake.apiRequests()) assert.strictEqual(req.url.searchParams.get("app_id"), "app")
    }).pipe(Effect.provide(clientLayer(fake)))
  })

  it.effect("messagesNdjson yields one line per message and a checkpoint per page", () => {
    const fake = pagingServer()
    return Effect.gen(function* () {
      const chunks = Chunk.toReadonlyArray(yield* Stream.runCollect(Export.messagesNdjson()))
      assert.strictEqual(chunks.length, pages)
      const lines = chunks.flatMap((c) => c.ndjson.split("\n").filter((l) => l !== ""))
      assert.deepStrictEqual(
        lines.map((l) => JSON.parse(l)),
        all
      )
      assert.deepStrictEqual(
        chunks.map((c) => c.checkpoint.pageToken),
        ["p1", "p2", "p3", "p4", undefined]
      )
      assert.isTrue(chunks[pages - 1]!.checkpoint.done)
    }).pipe(Effect.provide(clientLayer(fake)))
  })

  it.effect("the file export resumes after a failure and a torn write with no gap and no duplicate", () => {
    let failing = true
    const fake = pagingServer({ page: 3, enabled: () => failing })
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sinch-export-"))
    const file = path.join(dir, "messages.ndjson")
    return Effect.gen(function* () {
      const first = yield* Effect.flip(
        Retry.withPolicy(Export.messagesToFile({ path: file }), Retry.policy({ idempotent: Retry.never }))
      )
      assert.strictEqual(first._tag, "BadRequest")
      const checkpoint = JSON.parse(fs.readFileSync(`${file}.checkpoint.json`, "utf8"))
      assert.deepStrictEqual(checkpoint, {
        page_token: "p3",
        bytes: fs.statSync(file).size,
        messages: 3 * perPage,
        done: false
      })
      // a crash in the middle of writing the next page leaves a torn line behind
      fs.appendFileSync(file, '{"id":"msg-9","torn')
      failing = false
      const second = yield* Export.messagesToFile({ path: file })
      assert.deepStrictEqual(second, {
        messages: pages * perPage,
        written: 2 * perPage,
        pages: 2,
        resumed: true,
        done: true
      })
      const lines = fs.readFileSync(file, "utf8").split("\n")
      assert.strictEqual(lines.pop(), "")
      assert.deepStrictEqual(
        lines.map((l) => JSON.parse(l)),
        all
      )
      // a finished export is left as is
      const third = yield* Export.messagesToFile({ path: file })
      assert.isTrue(third.done)
      assert.strictEqual(third.written, 0)
    }).pipe(
      Effect.provide(Layer.merge(clientLayer(fake), NodeFileSystem.layer)),
      Effect.ensuring(Effect.sync(() => fs.rmSync(dir, { recursive: true, force: true })))
    )
  })
})
