/**
 * Export checkpoints on a real Redis (`--checkpoint-store redis://...`): a checkpoint error names the Redis key and the
 * server the checkpoint was looked for on, not a file, and never the password of the URL.
 */
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as FileSystem from "@effect/platform/FileSystem"
import { assert, describe, layer } from "@effect/vitest"
import { Emulator } from "@sinch-effect/emulator"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { Redis as IORedis } from "ioredis"
import * as Redis from "../../../scaling/redis.js"
import { envOf, type Result, runCli } from "./helpers.js"

const PASSWORD = "s3cr3t-redis-password-that-must-not-leak"

describe("export checkpoints on Redis", () => {
  layer(Layer.merge(Emulator.layer({ port: 0 }), NodeContext.layer), { excludeTestServices: true })((it) => {
    it.scoped("a checkpoint error names the Redis key and server, never the password (exit 5)", () =>
      Effect.gen(function* () {
        const emu = yield* Emulator.Emulator
        const fs = yield* FileSystem.FileSystem
        const dir = yield* fs.makeTempDirectoryScoped()
        const server = yield* Redis.start
        const admin = yield* Effect.acquireRelease(
          Effect.sync(() => new IORedis({ host: server.host, port: server.port })),
          (redis) => Effect.sync(() => redis.disconnect())
        )
        // the default user needs the password; `reader` may not delete
        yield* Effect.promise(() => admin.call("ACL", "SETUSER", "reader", "on", `>${PASSWORD}`, "~*", "+@all", "-del"))
        yield* Effect.promise(() => admin.config("SET", "requirepass", PASSWORD))
        const url = (user: string, password: string) => `redis://${user}:${password}@127.0.0.1:${server.port}`
        const output = `${dir}/contacts.ndjson`
        const key = `sinch-checkpoints:${output}.checkpoint.json`
        const named = `Redis checkpoint ${key} at 127.0.0.1:${server.port}`
        const env = { ...envOf(emu), SINCH_CHECKPOINT_STORE: url("", PASSWORD) }
        const assertExit5 = (what: string, result: Result, text: string) => {
          assert.strictEqual(result.code, 5, `${what}: ${result.stderr}`)
          assert.include(result.stderr, text, what)
          assert.notInclude(result.stderr + result.stdout, PASSWORD, what)
        }

        // an export that completes leaves its checkpoint on Redis, not in a file
        const done = yield* runCli(["export", "contacts", "-o", output], env)
        assert.strictEqual(done.code, 0, done.stderr)
        assert.include(JSON.parse((yield* Effect.promise(() => admin.get(key)))!), { list: "contacts", done: true })
        assert.isFalse(yield* fs.exists(`${output}.checkpoint.json`))

        // the checkpoint on Redis belongs to another export
        const other = yield* runCli(["export", "messages", "-o", output, "--resume"], env)
        assertExit5("another export", other, `cannot resume from ${named}: it belongs to \`export contacts\``)

        // what is stored under the key is not a checkpoint
        yield* Effect.promise(() => admin.set(key, '"not a checkpoint"'))
        const invalid = yield* runCli(["export", "contacts", "-o", output, "--resume"], env)
        assertExit5("not a checkpoint", invalid, `cannot resume from ${named}: it is not a checkpoint`)

        // a wrong password: the checkpoint cannot be read
        const refused = yield* runCli(["export", "contacts", "-o", output, "--resume"], {
          ...env,
          SINCH_CHECKPOINT_STORE: url("", `not-${PASSWORD}`)
        })
        assertExit5("a wrong password", refused, `cannot resume from ${named}: it cannot be read (`)

        // --overwrite as a user who may not delete: the checkpoint cannot be removed, which is not about resuming
        const overwrite = yield* runCli(["export", "contacts", "-o", output, "--overwrite"], {
          ...env,
          SINCH_CHECKPOINT_STORE: url("reader", PASSWORD)
        })
        assertExit5("a store that refuses a DEL", overwrite, `${named}: the checkpoint cannot be removed (`)
        assert.notInclude(overwrite.stderr, "cannot resume")
      })
    )
  })
})
