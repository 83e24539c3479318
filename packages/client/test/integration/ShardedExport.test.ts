/**
 * The sharded export against the emulator over a real socket: the conversations of a walk exported concurrently give
 * the same file as a sequential export, line for line, resumable after an interruption, and faster when pages are
 * slow; a list of one conversation is sharded by time.
 */
import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import { assert, describe, layer } from "@effect/vitest"
import { Fault } from "@sinch-effect/emulator"
import { Ids } from "@sinch-effect/schema"
import * as Chunk from "effect/Chunk"
import * as DateTime from "effect/DateTime"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import * as Export from "../../src/Export.js"
import * as Emu from "./emulator.js"

const MESSAGES = 500

const setup = Effect.gen(function* () {
  const { emu, sinch } = yield* Emu.services
  yield* emu.clearFaults
  const seeded = yield* emu.seed({ contacts: 7, messages: MESSAGES })
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sinch-sharded-"))
  yield* Effect.addFinalizer(() => Effect.sync(() => fs.rmSync(dir, { recursive: true, force: true })))
  // the whole app, conversation by conversation
  const source = Export.projectMessages({ app_id: Ids.AppId.make(seeded.appId), page_size: 20 })
  const sequential = path.join(dir, "sequential.ndjson")
  const summary = yield* Export.toFile(source, { path: sequential })
  assert.strictEqual(summary.items, MESSAGES)
  const conversations = Chunk.toReadonlyArray(
    yield* Stream.runCollect(sinch.conversations.list({ app_id: Ids.AppId.make(seeded.appId), only_active: false }))
  ).map((c) => c.id!)
  return { emu, sinch, dir, source, conversations, expected: fs.readFileSync(sequential) }
})

/** The files a sharded export to `file` keeps for its conversations. */
const partsOf = (file: string) =>
  fs.readdirSync(path.dirname(file)).filter((name) => name.startsWith(`${path.basename(file)}.conversation-`))

describe("sharded export", () => {
  layer(Layer.merge(Emu.layer({ rateLimit: false }), NodeFileSystem.layer), { excludeTestServices: true })((it) => {
    it.scoped("writes the same file as a sequential export, for any number of shards", () =>
      Effect.gen(function* () {
        const { dir, expected, source } = yield* setup
        for (const shards of [2, 3, 4, 7]) {
          const file = path.join(dir, `sharded-${shards}.ndjson`)
          const reports: Array<Export.Progress> = []
          const summary = yield* Export.toFile(source, {
            path: file,
            shards,
            onProgress: (p) => Effect.sync(() => void reports.push(p))
          })
          assert.isTrue(fs.readFileSync(file).equals(expected), `${shards} shards`)
          assert.include(summary, { items: MESSAGES, written: MESSAGES, done: true })
          assert.include(reports.at(-1), { items: MESSAGES, done: true })
          // the conversations' files are gone, the checkpoint records a finished export
          assert.deepStrictEqual(partsOf(file), [])
          const checkpoint = yield* Export.readCheckpoint(Export.defaultCheckpointPath(file))
          assert.include(checkpoint, { done: true, items: MESSAGES, bytes: expected.length })
          assert.deepStrictEqual(checkpoint?.filters, source.filters)
          // and it is complete for a sequential resume too
          const again = yield* Export.toFile(source, { path: file })
          assert.isTrue(again.alreadyComplete)
        }
      })
    )

    it.scoped("an interrupted sharded export resumes to the same file", () =>
      Effect.gen(function* () {
        const { dir, emu, expected, source } = yield* setup
        const file = path.join(dir, "interrupted.ndjson")
        const fault = yield* emu.addFault(Fault.rule("messages.list", Fault.latency(20)))
        const fiber = yield* Effect.fork(Export.toFile(source, { path: file, shards: 4, checkpointPages: 1 }))
        // interrupted once some parts have checkpointed pages
        for (let i = 0; i < 1000; i++) {
          const parts = partsOf(file).filter((name) => name.endsWith(".checkpoint.json"))
          const pages = parts.reduce(
            (n, p) => n + (JSON.parse(fs.readFileSync(path.join(dir, p), "utf8")) as { pages: number }).pages,
            0
          )
          if (pages >= 6) break
          yield* Effect.sleep("10 millis")
        }
        yield* Fiber.interrupt(fiber)
        yield* emu.removeFault(fault)
        assert.isFalse(fs.readFileSync(file).equals(expected))
        // a new export refuses to replace it; resuming finishes it
        const refused = yield* Effect.flip(Export.toFile(source, { path: file, shards: 4, mode: "new" }))
        assert.include(refused, { reason: "CheckpointExists" })
        const resumed = yield* Export.toFile(source, { path: file, shards: 4 })
        assert.isTrue(resumed.resumed && resumed.done)
        assert.isAbove(resumed.resumedAt, 0)
        assert.isBelow(resumed.written, MESSAGES)
        assert.isTrue(fs.readFileSync(file).equals(expected))
      })
    )

    it.scoped("is faster than a sequential export when pages are slow", () =>
      Effect.gen(function* () {
        const { dir, emu, expected, source } = yield* setup
        yield* emu.addFault(Fault.rule("messages.list", Fault.latency(40)))
        const timed = (file: string, shards: number) =>
          Effect.map(Effect.timed(Export.toFile(source, { path: path.join(dir, file), shards })), ([d]) => d)
        const sequential = yield* timed("slow-1.ndjson", 1)
        const sharded = yield* timed("slow-4.ndjson", 4)
        yield* emu.clearFaults
        assert.isTrue(fs.readFileSync(path.join(dir, "slow-4.ndjson")).equals(expected))
        // about 30 pages at 40 ms at least 1.2 s sequentially; 4 conversations at a time
        assert.isTrue(
          Duration.lessThan(sharded, sequential),
          `${Duration.format(sharded)} vs ${Duration.format(sequential)}`
        )
      })
    )

    it.scoped("a list of one conversation is sharded by time: the same file", () =>
      Effect.gen(function* () {
        const { conversations, dir, sinch } = yield* setup
        const conversation_id = Ids.ConversationId.make(conversations[0]!)
        const times = Chunk.toReadonlyArray(
          yield* Stream.runCollect(sinch.messages.list({ conversation_id, page_size: 20 }))
        ).map((m) => m.accept_time!)
        const source = Export.messages({
          conversation_id,
          page_size: 20,
          // (a DateTime holds milliseconds, the emulator microseconds)
          start_time: DateTime.subtract(times.at(-1)!, { millis: 1 }),
          end_time: DateTime.add(times[0]!, { millis: 1 })
        })
        const sequential = path.join(dir, "one.ndjson")
        assert.strictEqual((yield* Export.toFile(source, { path: sequential })).items, times.length)
        const sharded = path.join(dir, "one-sharded.ndjson")
        assert.include(yield* Export.toFile(source, { path: sharded, shards: 3 }), { items: times.length, done: true })
        assert.isTrue(fs.readFileSync(sharded).equals(fs.readFileSync(sequential)))
      })
    )

    it.effect("refuses shards of a list without conversations or a time range", () =>
      Effect.gen(function* () {
        const one = Export.messages({ conversation_id: Ids.ConversationId.make("c") })
        const error = yield* Effect.flip(Export.toFile(one, { path: "unused.ndjson", shards: 4 }))
        assert.strictEqual(error._tag, "ExportError")
        assert.include(error, { reason: "NotShardable" })
        const contacts = yield* Effect.flip(Export.toFile(Export.contacts(), { path: "unused.ndjson", shards: 2 }))
        assert.include(contacts, { reason: "NotShardable" })
      })
    )
  })
})
