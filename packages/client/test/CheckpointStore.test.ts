/**
 * The keyed checkpoint store: files by default (atomic, the format the export always wrote), Persistence of
 * @effect/experimental in memory and on a real Redis; a file export keeps its checkpoints in whichever is provided.
 */
import * as Persistence from "@effect/experimental/Persistence"
import * as PersistenceRedis from "@effect/experimental/Persistence/Redis"
import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import { assert, describe, layer } from "@effect/vitest"
import { Ids } from "@sinch-effect/schema"
import * as Chunk from "effect/Chunk"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import * as Redis from "../../../scaling/redis.js"
import * as CheckpointStore from "../src/CheckpointStore.js"
import * as Export from "../src/Export.js"
import * as Emu from "./integration/emulator.js"

const MESSAGES = 200

const tmpDir = Effect.acquireRelease(
  Effect.sync(() => fs.mkdtempSync(path.join(os.tmpdir(), "sinch-checkpoints-"))),
  (dir) => Effect.sync(() => fs.rmSync(dir, { recursive: true, force: true }))
)

/** Seeded messages (in one conversation per contact), the whole app's as a source, and its conversations. */
const seeded = Effect.gen(function* () {
  const { emu, sinch } = yield* Emu.services
  const { appId } = yield* emu.seed({ contacts: 3, messages: MESSAGES })
  const conversations = Chunk.toReadonlyArray(
    yield* Stream.runCollect(sinch.conversations.list({ app_id: Ids.AppId.make(appId), only_active: false }))
  ).map((c) => c.id!)
  return { source: Export.projectMessages({ app_id: Ids.AppId.make(appId), page_size: 20 }), conversations }
})

describe("CheckpointStore", () => {
  layer(Layer.merge(Emu.layer({ rateLimit: false }), NodeFileSystem.layer), { excludeTestServices: true })((it) => {
    it.scoped("files: JSON replaced atomically under the path; not JSON is invalid, a missing file is none", () =>
      Effect.gen(function* () {
        const dir = yield* tmpDir
        const store = yield* CheckpointStore.makeFileSystem
        const key = path.join(dir, "job.checkpoint.json")
        assert.isTrue(Option.isNone(yield* store.get(key)))
        yield* store.set(key, { page_token: "abc", done: false })
        assert.strictEqual(fs.readFileSync(key, "utf8"), '{\n  "page_token": "abc",\n  "done": false\n}\n')
        assert.deepStrictEqual(fs.readdirSync(dir), ["job.checkpoint.json"])
        assert.deepStrictEqual(yield* store.get(key), Option.some({ page_token: "abc", done: false }))
        fs.writeFileSync(key, '{"page_tok')
        const error = yield* Effect.flip(store.get(key))
        assert.include(error, { _tag: "CheckpointStoreError", operation: "get", invalid: true, key })
        yield* store.remove(key)
        yield* store.remove(key)
        assert.isFalse(fs.existsSync(key))
      })
    )

    it.scoped("an export keeps its checkpoints in the store provided: parts run one by one, then combined", () =>
      Effect.gen(function* () {
        const dir = yield* tmpDir
        const { conversations, source } = yield* seeded
        const expectedPath = path.join(dir, "sequential.ndjson")
        yield* Export.toFile(source, { path: expectedPath })
        const expected = fs.readFileSync(expectedPath)
        const file = path.join(dir, "sharded.ndjson")
        // one context for every run: the memory persistence is shared as a Redis would be
        const context = yield* Layer.build(
          CheckpointStore.layerPersistence().pipe(Layer.provide(Persistence.layerMemory))
        )
        const run = (shard: number | undefined) =>
          Export.toFile(source, { path: file, shards: 3, shard }).pipe(Effect.provide(context))
        // the shard of the first conversation, then another one
        const firstShard = Export.shardOf(conversations[0]!, 3)
        const first = yield* run(firstShard)
        assert.include(first, { done: true, resumed: false })
        assert.isAbove(first.items, 0)
        const partKey = Export.defaultCheckpointPath(Export.conversationPath(file, conversations[0]!))
        const stored = yield* Effect.flatMap(CheckpointStore.CheckpointStore, (store) => store.get(partKey)).pipe(
          Effect.provide(context)
        )
        assert.include(Option.getOrThrow(stored), { done: true })
        assert.isFalse(fs.existsSync(partKey), "not a file")
        const other = (firstShard + 1) % 3
        yield* run(other)
        // the last run exports the conversations of the shard left, finds the others done, and appends them in order
        const whole = yield* run(undefined)
        assert.include(whole, { done: true, items: MESSAGES })
        assert.isTrue(fs.readFileSync(file).equals(expected))
        for (const id of conversations) assert.isFalse(fs.existsSync(Export.conversationPath(file, id)))
        const again = yield* run((firstShard + 2) % 3)
        assert.isTrue(again.alreadyComplete)
        assert.include(yield* Effect.flip(run(3)), { reason: "NotShardable" })
        // the same export against another store (files) knows nothing of it
        assert.isUndefined(yield* Export.readCheckpoint(Export.defaultCheckpointPath(file)))
        assert.include(yield* Export.readCheckpoint(Export.defaultCheckpointPath(file)).pipe(Effect.provide(context)), {
          done: true
        })
      })
    )

    it.scoped("on Redis: a checkpoint written by one connection is read by another; Redis gone is a typed error", () =>
      Effect.gen(function* () {
        const server = yield* Redis.start
        const printed = yield* Redis.recordConsoleErrors
        const storeOn = Effect.map(
          Layer.build(
            CheckpointStore.layerPersistence().pipe(
              Layer.provide(PersistenceRedis.layer({ host: server.host, port: server.port, maxRetriesPerRequest: 0 }))
            )
          ),
          Context.get(CheckpointStore.CheckpointStore)
        )
        const [a, b] = yield* Effect.all([storeOn, storeOn])
        yield* a!.set("exports/messages.ndjson.checkpoint.json", { pages: 3 })
        assert.deepStrictEqual(yield* b!.get("exports/messages.ndjson.checkpoint.json"), Option.some({ pages: 3 }))
        yield* b!.remove("exports/messages.ndjson.checkpoint.json")
        assert.isTrue(Option.isNone(yield* a!.get("exports/messages.ndjson.checkpoint.json")))
        yield* server.stop
        yield* Redis.awaitRefusedReconnects(server)
        const error = yield* Effect.flip(a!.set("exports/messages.ndjson.checkpoint.json", { pages: 4 }))
        assert.include(error, { _tag: "CheckpointStoreError", operation: "set", invalid: false })
        // a typed error, not an "[ioredis] Unhandled error event" printed per reconnection
        assert.deepStrictEqual(
          printed().filter((line) => line.includes("[ioredis]")),
          []
        )
      })
    )
  })
})
