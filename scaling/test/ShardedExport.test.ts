/**
 * An export of an app's messages sharded across worker processes, its checkpoints on one real Redis
 * (`--checkpoint-store redis://...`): four `sinch-conversation export messages --shards 4 --shard I` processes, each
 * exporting the conversations of its shard, one of them killed with SIGKILL in the middle of a conversation, the shard
 * resumed by another process from the checkpoints on Redis, then a last run that appends the conversations in the
 * walk's order into the same file, byte for byte, as a sequential export.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import { assert, describe, it } from "@effect/vitest"
import { Export, SinchClient } from "@sinch-effect/client"
import { Emulator, Fault } from "@sinch-effect/emulator"
import { Ids } from "@sinch-effect/schema"
import { spawn } from "node:child_process"
import * as fs from "node:fs"
import * as os from "node:os"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import { Redis as RedisClient } from "ioredis"
import * as Redis from "../redis.js"

const MESSAGES = 1_000
const SHARDS = 4
const bin = fileURLToPath(new URL("../../packages/cli/src/bin.ts", import.meta.url))
const tsx = fileURLToPath(new URL("../../node_modules/tsx/dist/esm/index.mjs", import.meta.url))

interface Worker {
  /** Resolves with the exit code (or signal) and the output once the process ends. */
  readonly exited: Promise<{ readonly code: number | null; readonly signal: string | null; readonly stderr: string }>
  readonly kill: () => void
}

/** Starts `sinch-conversation` in a process of its own, in its own working directory. */
const cli = (args: ReadonlyArray<string>, env: Record<string, string>, cwd: string): Worker => {
  const child = spawn(process.execPath, ["--conditions=@sinch-effect/source", "--import", tsx, bin, ...args], {
    cwd,
    env: { PATH: process.env["PATH"] ?? "", ...env },
    stdio: ["ignore", "ignore", "pipe"]
  })
  let stderr = ""
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()))
  return {
    exited: new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal, stderr }))),
    kill: () => void child.kill("SIGKILL")
  }
}

const wait = <A>(promise: Promise<A>) => Effect.promise(() => promise)

describe("an export sharded across worker processes, checkpoints on Redis", () => {
  it.scopedLive(
    "a worker killed in a conversation is resumed by another; the conversations append into the sequential export's file",
    () =>
      Effect.gen(function* () {
        const server = yield* Redis.start
        const emu = yield* Emulator.serve({ port: 0 })
        const seeded = yield* emu.seed({ contacts: 7, messages: MESSAGES })
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sinch-shards-"))
        yield* Effect.addFinalizer(() => Effect.sync(() => fs.rmSync(dir, { recursive: true, force: true })))
        const client = SinchClient.layerWith({ ...emu.clientOptions, authMode: "basic", rateLimit: false }).pipe(
          Layer.provide(FetchHttpClient.layer),
          Layer.orDie,
          Layer.merge(NodeFileSystem.layer)
        )

        // the reference: a sequential export of the app, conversation by conversation, in this process
        const appId = Ids.AppId.make(seeded.appId)
        const conversations = Chunk.toReadonlyArray(
          yield* Stream.runCollect(
            Stream.unwrap(
              Effect.map(SinchClient.SinchClient, (sinch) =>
                sinch.conversations.list({ app_id: appId, only_active: false })
              )
            )
          ).pipe(Effect.provide(client))
        ).map((c) => c.id!)
        const source = Export.projectMessages({ app_id: appId, page_size: 20 })
        const sequential = path.join(dir, "sequential.ndjson")
        assert.strictEqual(
          (yield* Export.toFile(source, { path: sequential }).pipe(Effect.provide(client))).items,
          MESSAGES
        )
        const expected = fs.readFileSync(sequential)
        const shardOfLine = (line: string) =>
          Export.shardOf((JSON.parse(line) as { conversation_id: string }).conversation_id, SHARDS)

        // the workers share the output directory and the checkpoints on Redis; each runs in a directory of its own
        const output = path.join(dir, "shared", "messages.ndjson")
        fs.mkdirSync(path.dirname(output))
        const env = { ...emu.env, SINCH_CHECKPOINT_STORE: server.url }
        const args = (shard: number | undefined) => [
          "export",
          "messages",
          "--app-id",
          seeded.appId,
          "--page-size",
          "20",
          "--shards",
          String(SHARDS),
          ...(shard === undefined ? [] : ["--shard", String(shard)]),
          "--checkpoint-every",
          "1",
          "--progress",
          "always",
          "--resume",
          "-o",
          output
        ]
        const workerDir = (name: string) => {
          const cwd = path.join(dir, name)
          fs.mkdirSync(cwd)
          return cwd
        }
        // slow pages, so that a conversation takes seconds and can be killed in its middle
        const slow = yield* emu.addFault(Fault.rule("messages.list", Fault.latency(150)))
        const redis = new RedisClient({ host: server.host, port: server.port, maxRetriesPerRequest: 1 })
        redis.on("error", () => {})
        yield* Effect.addFinalizer(() => Effect.promise(() => redis.quit().catch(() => "closed")))
        const partCheckpoint = (conversationId: string) =>
          Effect.promise(async () => {
            const text = await redis.get(
              `sinch-checkpoints:${Export.defaultCheckpointPath(Export.conversationPath(output, conversationId))}`
            )
            return text === null ? undefined : (JSON.parse(text) as Export.Checkpoint)
          })

        const workers = [0, 1, 2, 3].map((i) => cli(args(i), env, workerDir(`worker-${i}`)))
        // the readiness signal: a conversation of the shard of the first conversation has checkpointed 3 pages on
        // Redis (of about 8)
        const victim = Export.shardOf(conversations[0]!, SHARDS)
        const ofVictim = conversations.filter((id) => Export.shardOf(id, SHARDS) === victim)
        let killedIn: string | undefined
        for (;;) {
          for (const id of ofVictim) {
            const checkpoint = yield* partCheckpoint(id)
            if (checkpoint !== undefined && !checkpoint.done && checkpoint.pages >= 3) killedIn = id
          }
          if (killedIn !== undefined) break
          yield* Effect.sleep("20 millis")
        }
        workers[victim]!.kill()
        const killed = yield* wait(workers[victim]!.exited)
        assert.strictEqual(killed.signal, "SIGKILL")
        const atKill = (yield* partCheckpoint(killedIn))!
        assert.isFalse(atKill.done, "the conversation was killed before it ended")
        assert.isAbove(atKill.items, 0)

        // another worker, in another directory, takes the shard over from the checkpoints on Redis
        const successor = cli(args(victim), env, workerDir("worker-successor"))
        yield* emu.removeFault(slow)
        const results = yield* wait(
          Promise.all([...workers.filter((_, i) => i !== victim), successor].map((w) => w.exited))
        )
        for (const result of results) assert.strictEqual(result.code, 0, result.stderr)
        const successorErr = results.at(-1)!.stderr
        assert.match(successorErr, /resumed after [\d,]+/)
        // it fetched only what the killed worker had not checkpointed
        const shardTotal = expected
          .toString()
          .split("\n")
          .filter((line) => line !== "" && shardOfLine(line) === victim).length
        const written = /exported (\d+) messages/.exec(successorErr)
        assert.isNotNull(written, successorErr)
        assert.isAtMost(Number(written![1]), shardTotal - atKill.items)
        for (const id of conversations) assert.isTrue((yield* partCheckpoint(id))?.done, `conversation ${id} done`)
        assert.isFalse(fs.existsSync(Export.defaultCheckpointPath(output)), "no checkpoint file: they are on Redis")

        // a last run appends the conversations: the sequential export's file, byte for byte
        const combined = yield* wait(cli(args(undefined), env, workerDir("combiner")).exited)
        assert.strictEqual(combined.code, 0, combined.stderr)
        assert.isTrue(fs.readFileSync(output).equals(expected), "the same bytes as the sequential export")
        const whole = yield* Effect.promise(() =>
          redis.get(`sinch-checkpoints:${Export.defaultCheckpointPath(output)}`)
        )
        assert.include(JSON.parse(whole!) as Export.Checkpoint, { done: true, items: MESSAGES, bytes: expected.length })
        for (const id of conversations) {
          assert.isUndefined(yield* partCheckpoint(id), `conversation ${id}'s checkpoint removed`)
          assert.isFalse(fs.existsSync(Export.conversationPath(output, id)), `conversation ${id}'s file removed`)
        }
        // a worker that comes late finds the export complete
        const late = yield* wait(cli(args(2), env, workerDir("late")).exited)
        assert.strictEqual(late.code, 0, late.stderr)
        assert.include(late.stderr, "already complete")
        assert.deepStrictEqual(
          fs.readdirSync(path.dirname(output)).filter((name) => name.includes(".conversation-")),
          []
        )
      })
  )
})
