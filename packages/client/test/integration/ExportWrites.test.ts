/**
 * What a file export hands the file system: its pages' NDJSON, encoded into one buffer that every append reuses, in
 * appends of about 64 KB (at most twice that while the pages are smaller). Encoding each batch into a new buffer (and
 * keeping the pages' text as strings until the append) allocated outside the heap for every append and kept the text
 * alive across the next pages' awaits.
 */
import * as FileSystem from "@effect/platform/FileSystem"
import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import { assert, describe, layer } from "@effect/vitest"
import { Ids } from "@sinch-effect/schema"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import * as Export from "../../src/Export.js"
import * as Emu from "./emulator.js"

/** The appends made through the file system: each one's size and the memory it was given in. */
const appends: Array<{ readonly bytes: number; readonly memory: ArrayBufferLike }> = []

/** `NodeFileSystem`, with every `writeAll` of an opened file recorded in `appends`. */
const recordingFileSystem = Layer.effect(
  FileSystem.FileSystem,
  Effect.map(FileSystem.FileSystem, (fileSystem) =>
    FileSystem.make({
      ...fileSystem,
      open: (file, options) =>
        Effect.map(
          fileSystem.open(file, options),
          (opened) =>
            new Proxy(opened, {
              get: (target, key) => {
                if (key === "writeAll") {
                  return (buffer: Uint8Array) => {
                    appends.push({ bytes: buffer.byteLength, memory: buffer.buffer })
                    return target.writeAll(buffer)
                  }
                }
                const value: unknown = Reflect.get(target, key, target)
                return typeof value === "function" ? value.bind(target) : value
              }
            })
        )
    })
  )
).pipe(Layer.provide(NodeFileSystem.layer))

describe("Export.toFile's appends", () => {
  layer(Layer.merge(Emu.layer({ rateLimit: false }), recordingFileSystem), { excludeTestServices: true })((it) => {
    it.scoped("reuse one buffer, in appends of about 64 KB, and write the pages' NDJSON", () =>
      Effect.gen(function* () {
        const { emu, sinch } = yield* Emu.services
        const dir = yield* Effect.acquireRelease(
          Effect.sync(() => fs.mkdtempSync(path.join(os.tmpdir(), "sinch-appends-"))),
          (d) => Effect.sync(() => fs.rmSync(d, { recursive: true, force: true }))
        )
        const seeded = yield* emu.seed({ contacts: 1, messages: 1200 })
        const conversation = (yield* Stream.runCollect(
          sinch.conversations.list({ app_id: Ids.AppId.make(seeded.appId), only_active: false, page_size: 20 })
        )).pipe(Chunk.unsafeHead)
        const source = Export.messages({ conversation_id: conversation.id!, page_size: 20 })
        const expected = (yield* Stream.runCollect(
          Stream.mapConcat(sinch.messages.listRawPages({ conversation_id: conversation.id!, page_size: 20 }), (p) =>
            p.items.map((m) => JSON.stringify(m) + "\n")
          )
        )).pipe(Chunk.join(""))
        const file = path.join(dir, "messages.ndjson")
        appends.length = 0
        // (checkpoints only at the end: every append is one of the batch's)
        const summary = yield* Export.toFile(source, { path: file, checkpointPages: 1000, checkpointMillis: 60_000 })
        assert.include(summary, { items: 1200, done: true })
        assert.strictEqual(fs.readFileSync(file, "utf8"), expected)
        const total = Buffer.byteLength(expected)
        assert.strictEqual(
          appends.reduce((n, a) => n + a.bytes, 0),
          total
        )
        assert.isAtLeast(appends.length, Math.floor(total / (64 * 1024)))
        for (const a of appends) assert.isAtMost(a.bytes, 128 * 1024)
        // one buffer for every append of the export
        assert.strictEqual(new Set(appends.map((a) => a.memory)).size, 1)
      })
    )
  })
})
