/**
 * `Export.projectMessages` against the emulator over a real socket: the walk over apps, conversations and each
 * conversation's messages gives what a plain HTTP client gets from the same lists, with the filters on every list;
 * resuming in the middle of a conversation that was deleted meanwhile goes on with the next one; a token the walk
 * never returned is a typed error.
 */
import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import { assert, describe, layer } from "@effect/vitest"
import { Ids } from "@sinch-effect/schema"
import * as Chunk from "effect/Chunk"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import * as Export from "../../src/Export.js"
import * as Emu from "./emulator.js"

const tmpDir = Effect.acquireRelease(
  Effect.sync(() => fs.mkdtempSync(path.join(os.tmpdir(), "sinch-walk-"))),
  (dir) => Effect.sync(() => fs.rmSync(dir, { recursive: true, force: true }))
)

/** The raw messages of every conversation of every app, in the order of the lists, as NDJSON lines. */
const perConversation = Effect.gen(function* () {
  const { sinch } = yield* Emu.services
  const apps = ((yield* sinch.apps.list()).apps ?? []).map((app) => app.id!)
  const out: Array<{ readonly id: string; readonly lines: ReadonlyArray<string> }> = []
  for (const app_id of apps) {
    const conversations = yield* Stream.runCollect(
      sinch.conversations.list({ app_id, only_active: false, page_size: 20 })
    )
    for (const conversation of conversations) {
      const items = yield* Stream.runCollect(
        sinch.messages
          .listRawPages({ conversation_id: conversation.id!, page_size: 20 })
          .pipe(Stream.mapConcat((page) => page.items))
      )
      out.push({ id: conversation.id!, lines: Chunk.toReadonlyArray(items).map((m) => JSON.stringify(m) + "\n") })
    }
  }
  return out
})

describe("Export.projectMessages", () => {
  layer(Layer.merge(Emu.layer({ rateLimit: false }), NodeFileSystem.layer), { excludeTestServices: true })((it) => {
    it.scoped("walks every app and conversation: the lists' JSON, conversation by conversation; filters on each", () =>
      Effect.gen(function* () {
        const { emu } = yield* Emu.services
        const dir = yield* tmpDir
        // two apps (a seed creates one), 5 + 3 conversations
        yield* emu.seed({ contacts: 5, messages: 120 })
        yield* emu.seed({ contacts: 3, messages: 45 })
        const expected = yield* perConversation
        assert.strictEqual(expected.length, 8)
        const file = path.join(dir, "all.ndjson")
        const summary = yield* Export.toFile(Export.projectMessages({ page_size: 20 }), { path: file })
        assert.include(summary, { items: 165, done: true })
        assert.strictEqual(fs.readFileSync(file, "utf8"), expected.flatMap((c) => c.lines).join(""))

        // a time filter reaches every conversation's list
        const times = expected.flatMap((c) =>
          c.lines.map((l) => (JSON.parse(l) as { accept_time: string }).accept_time)
        )
        const middle = [...times].sort()[Math.floor(times.length / 2)]!
        const recent = path.join(dir, "recent.ndjson")
        yield* Export.toFile(Export.projectMessages({ page_size: 20, start_time: DateTime.unsafeMake(middle) }), {
          path: recent
        })
        const kept = expected
          .flatMap((c) => c.lines)
          .filter((l) => Date.parse((JSON.parse(l) as { accept_time: string }).accept_time) >= Date.parse(middle))
        assert.isAbove(kept.length, 0)
        assert.isBelow(kept.length, 165)
        assert.strictEqual(fs.readFileSync(recent, "utf8"), kept.join(""))
      })
    )

    it.scoped("resumes after the conversation it stopped in was deleted: on with the next one", () =>
      Effect.gen(function* () {
        const { emu, sinch } = yield* Emu.services
        const dir = yield* tmpDir
        const seeded = yield* emu.seed({ contacts: 4, messages: 200 })
        const source = Export.projectMessages({ app_id: Ids.AppId.make(seeded.appId), page_size: 20 })
        const before = (yield* perConversation).filter((c) => c.lines.length > 0).slice(-4)
        const file = path.join(dir, "m.ndjson")
        // 4 conversations of 50 messages: stopped after 4 pages, in the middle of the second (20 + 20 + 10 + 20)
        yield* Export.streamToFile(source, { path: file, checkpointPages: 1 }).pipe(Stream.take(5), Stream.runDrain)
        const checkpoint = (yield* Export.readCheckpoint(Export.defaultCheckpointPath(file)))!
        const position = JSON.parse(checkpoint.page_token!) as { conversation_id: string; finished: boolean }
        assert.deepStrictEqual(
          [checkpoint.items, position.conversation_id, position.finished],
          [70, before[1]!.id, false]
        )
        yield* sinch.conversations.delete({ conversation_id: Ids.ConversationId.make(before[1]!.id) })
        const resumed = yield* Export.toFile(source, { path: file })
        assert.include(resumed, { resumed: true, done: true, items: 170 })
        assert.strictEqual(
          fs.readFileSync(file, "utf8"),
          [...before[0]!.lines, ...before[1]!.lines.slice(0, 20), ...before[2]!.lines, ...before[3]!.lines].join("")
        )
      })
    )

    it.effect("a page token the walk never returned is a PaginationError", () =>
      Effect.gen(function* () {
        const error = yield* Effect.flip(
          Export.toSink(Export.projectMessages(), { write: () => Effect.void }, { pageToken: "not-a-position" })
        )
        assert.include(error, { _tag: "PaginationError", reason: "InvalidToken" })
      })
    )
  })
})
