/**
 * The sharded export against the emulator over a real socket: the same file as a sequential export, line for line,
 * resumable after an interruption, and faster when pages are slow.
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
  // the time range of the seeded messages (1 s apart)
  const times = Chunk.toReadonlyArray(
    yield* Stream.runCollect(sinch.messages.list({ app_id: Ids.AppId.make(seeded.appId), page_size: 20 }))
  ).map((m) => m.accept_time!)
  assert.strictEqual(times.length, MESSAGES)
  const source = Export.messages({
    app_id: Ids.AppId.make(seeded.appId),
    page_size: 20,
    // (a DateTime holds milliseconds, the emulator microseconds)
    start_time: DateTime.subtract(times.at(-1)!, { millis: 1 }),
    end_time: DateTime.add(times[0]!, { millis: 1 })
  })
  const sequential = path.join(dir, "sequential.ndjson")
  const summary = yield* Export.toFile(source, { path: sequential })
  assert.strictEqual(summary.items, MESSAGES)
  return { emu, dir, source, expected: fs.readFileSync(sequential) }
})

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
          // the parts are gone, the checkpoint records a finished export of the whole range
          assert.deepStrictEqual(
            fs.readdirSync(dir).filter((name) => name.startsWith(`sharded-${shards}.ndjson.shard`)),
            []
          )
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
          const parts = [0, 1, 2, 3].map((j) => `${file}.shard-${j}.checkpoint.json`).filter((p) => fs.existsSync(p))
          const pages = parts.reduce(
            (n, p) => n + (JSON.parse(fs.readFileSync(p, "utf8")) as { pages: number }).pages,
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
        // 25 pages at 40 ms at least 1 s sequentially; 4 shards of about 7 pages each
        assert.isTrue(
          Duration.lessThan(sharded, sequential),
          `${Duration.format(sharded)} vs ${Duration.format(sequential)}`
        )
      })
    )

    it.effect("refuses shards without a time range", () =>
      Effect.gen(function* () {
        const error = yield* Effect.flip(Export.toFile(Export.messages(), { path: "unused.ndjson", shards: 4 }))
        assert.strictEqual(error._tag, "ExportError")
        assert.include(error, { reason: "NotShardable" })
        const contacts = yield* Effect.flip(Export.toFile(Export.contacts(), { path: "unused.ndjson", shards: 2 }))
        assert.include(contacts, { reason: "NotShardable" })
      })
    )
  })
})
