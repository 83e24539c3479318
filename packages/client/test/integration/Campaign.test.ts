/**
 * Campaigns on the Batch API: the client's `batch` group against the emulator over a real socket. Recipients come as
 * a `Stream`, go out in batches, resume from a checkpoint without sending anyone twice or skipping anyone, and
 * ambiguous batches report exactly their recipients. The 100k campaign and the kill/resume run in a child process
 * (campaign-main.ts) so that its memory and its death are its own.
 */
import { spawn } from "node:child_process"
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import { assert, describe, layer } from "@effect/vitest"
import { Emulator, Fault } from "@sinch-effect/emulator"
import { Callbacks } from "@sinch-effect/schema"
import * as Chunk from "effect/Chunk"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import * as Campaign from "../../src/Campaign.js"
import * as CheckpointStore from "../../src/CheckpointStore.js"
import * as Emu from "./emulator.js"
import { phone, recipient } from "./campaign-recipients.js"

const root = fileURLToPath(new URL("../../../..", import.meta.url))

/** The phone numbers of the app's stored messages, with how many messages each got. */
const deliveredTo = (appId: string) =>
  Effect.gen(function* () {
    const { sinch } = yield* Emu.services
    const counts = new Map<string, number>()
    yield* sinch.messages.list({ app_id: appId, messages_source: "DISPATCH_SOURCE", page_size: 20 } as never).pipe(
      Stream.runForEach((m) =>
        Effect.sync(() => {
          const identity = m.channel_identity?.identity ?? ""
          counts.set(identity, (counts.get(identity) ?? 0) + 1)
        })
      )
    )
    return counts
  })

const assertExactlyOnce = (counts: ReadonlyMap<string, number>, size: number) => {
  assert.strictEqual(counts.size, size)
  for (let i = 0; i < size; i++) assert.strictEqual(counts.get(phone(i)), 1, phone(i))
}

const recipients = (size: number) => Stream.range(0, size - 1).pipe(Stream.map(recipient))
const message = { text_message: { text: "Hello number ${n}" } }

describe("Campaign", () => {
  layer(Emu.layer(), { excludeTestServices: true })((it) => {
    it.effect(
      "2500 recipients from a Stream: chunks of 1000, 1000 and 500, one message each, parameters substituted",
      () =>
        Effect.gen(function* () {
          const { sinch } = yield* Emu.services
          const appId = yield* Emu.dispatchApp
          const outcomes = yield* sinch.batch
            .sendAll(recipients(2500), { campaign: "c1", app_id: appId, message, concurrency: 2 })
            .pipe(Stream.runCollect, Effect.map(Chunk.toReadonlyArray))
          assert.deepStrictEqual(
            outcomes.map((o) => [o._tag, o.chunk, o._tag === "Accepted" ? o.size : 0]),
            [
              ["Accepted", 0, 1000],
              ["Accepted", 1, 1000],
              ["Accepted", 2, 500]
            ]
          )
          assertExactlyOnce(yield* deliveredTo(appId), 2500)
          const one = yield* sinch.messages
            .list({ app_id: appId, messages_source: "DISPATCH_SOURCE", page_size: 1 } as never)
            .pipe(Stream.take(1), Stream.runCollect)
          const text = Chunk.unsafeHead(one).app_message?.text_message?.text ?? ""
          assert.match(text, /^Hello number \d+$/)
          // each batch is named by the campaign and its chunk: status by metadata finds it
          const found = yield* sinch.batch.list({ metadataKey: "sinch_effect_chunk", metadataValue: "c1/2" })
          assert.strictEqual(found.length, 1)
          assert.strictEqual(found[0]!.status, "PROCESSED")
        })
    )

    it.effect("never more than `concurrency` batches in flight", () =>
      Effect.gen(function* () {
        const { emu, sinch } = yield* Emu.services
        const appId = yield* Emu.dispatchApp
        const fault = yield* emu.addFault(Fault.rule("batch.send", Fault.latency(40)))
        const before = (yield* emu.stats()).messages
        let inFlight = 0
        let peak = 0
        const counting = {
          ...sinch.batch,
          send: (body: Parameters<typeof sinch.batch.send>[0]) =>
            Effect.sync(() => (peak = Math.max(peak, ++inFlight))).pipe(
              Effect.zipRight(sinch.batch.send(body)),
              Effect.ensuring(Effect.sync(() => inFlight--))
            )
        }
        const outcomes = yield* Stream.runCollect(
          Campaign.sendAll(counting, recipients(1000), {
            campaign: "c2",
            app_id: appId,
            message,
            chunkSize: 100,
            concurrency: 3
          })
        )
        yield* emu.removeFault(fault)
        assert.strictEqual(outcomes.length, 10)
        assert.strictEqual(peak, 3)
        assert.strictEqual((yield* emu.stats()).messages - before, 1000)
      })
    )

    it.effect(
      "an ambiguous batch: found by its metadata it is accepted (sent once); not found, exactly its recipients are at risk",
      () =>
        Effect.gen(function* () {
          const { emu, sinch } = yield* Emu.services
          const appId = yield* Emu.dispatchApp
          // chunk 0: processed, then the connection drops before the answer
          yield* emu.addFault(Fault.rule("batch.send", Fault.dropAfterProcessing, { count: 1 }))
          const first = yield* Stream.runCollect(
            sinch.batch.sendAll(recipients(20), {
              campaign: "c3",
              app_id: appId,
              message,
              chunkSize: 10,
              concurrency: 1
            })
          ).pipe(Effect.map(Chunk.toReadonlyArray))
          assert.deepStrictEqual(
            first.map((o) => o._tag),
            ["Accepted", "Accepted"]
          )
          assertExactlyOnce(yield* deliveredTo(appId), 20)

          // chunk 0 again on another app: the connection drops before it is processed, and the lookup fails too
          const other = yield* Emu.dispatchApp
          yield* emu.addFault(Fault.rule("batch.send", Fault.dropBeforeProcessing, { count: 1 }))
          yield* emu.addFault(Fault.rule("batch.list", Fault.status(500), { count: 10 }))
          const second = yield* Stream.runCollect(
            sinch.batch.sendAll(recipients(20), {
              campaign: "c4",
              app_id: other,
              message,
              chunkSize: 10,
              concurrency: 1
            })
          ).pipe(Effect.map(Chunk.toReadonlyArray))
          yield* emu.clearFaults
          assert.deepStrictEqual(
            second.map((o) => o._tag),
            ["AtRisk", "Accepted"]
          )
          const atRisk = second[0] as Campaign.AtRisk
          assert.deepStrictEqual(
            atRisk.recipients.map((r) => r.parameters?.["n"]),
            ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"]
          )
          assert.strictEqual(atRisk.error._tag, "SendOutcomeUnknown")
          const counts = yield* deliveredTo(other)
          assert.strictEqual(counts.size, 10)
          for (let i = 10; i < 20; i++) assert.strictEqual(counts.get(phone(i)), 1)
        })
    )

    it.effect("a rejected chunk (a missing parameter) is reported with its recipients, the others are sent", () =>
      Effect.gen(function* () {
        const { sinch } = yield* Emu.services
        const appId = yield* Emu.dispatchApp
        const stream = recipients(30).pipe(
          Stream.map((r, i = Number(r.parameters!["n"])) => (i === 15 ? { recipient: r.recipient } : r))
        )
        const outcomes = yield* Stream.runCollect(
          sinch.batch.sendAll(stream, { campaign: "c5", app_id: appId, message, chunkSize: 10 })
        ).pipe(Effect.map(Chunk.toReadonlyArray))
        assert.deepStrictEqual(
          outcomes.map((o) => o._tag),
          ["Accepted", "Rejected", "Accepted"]
        )
        const rejected = outcomes[1] as Campaign.Rejected
        assert.strictEqual(rejected.recipients.length, 10)
        assert.strictEqual(rejected.error._tag, "BadRequest")
        assert.strictEqual((yield* deliveredTo(appId)).size, 20)
      })
    )

    it.effect(
      "a failure that is not the chunk's (403) stops the campaign, the chunk left in flight; a resume sends it once",
      () =>
        Effect.gen(function* () {
          const { emu, sinch } = yield* Emu.services
          const appId = yield* Emu.dispatchApp
          const dir = mkdtempSync(join(tmpdir(), "campaign-"))
          const store = yield* CheckpointStore.makeFileSystem.pipe(Effect.provide(NodeFileSystem.layer))
          const checkpoint = { store, key: join(dir, "c7.json") }
          const options = { campaign: "c7", app_id: appId, message, chunkSize: 10, concurrency: 1, checkpoint }
          // the emulator refuses the third send with a 403 (nothing of it processed)
          let sends = 0
          const forbiddenThird = {
            ...sinch.batch,
            send: (body: Parameters<typeof sinch.batch.send>[0]) =>
              Effect.zipRight(
                ++sends === 3 ? emu.addFault(Fault.rule("batch.send", Fault.status(403), { count: 1 })) : Effect.void,
                sinch.batch.send(body)
              )
          }
          const failed = yield* Effect.flip(Stream.runDrain(Campaign.sendAll(forbiddenThird, recipients(50), options)))
          assert.strictEqual(failed._tag, "Forbidden")
          const saved = JSON.parse(readFileSync(checkpoint.key, "utf8"))
          assert.deepStrictEqual([saved.next, saved.in_flight], [2, [2]])
          assert.strictEqual((yield* deliveredTo(appId)).size, 20)
          const resumed = yield* Stream.runCollect(sinch.batch.sendAll(recipients(50), options)).pipe(
            Effect.map(Chunk.toReadonlyArray)
          )
          assert.deepStrictEqual(
            resumed.map((o) => [o._tag, o.chunk]),
            [
              ["Accepted", 2],
              ["Accepted", 3],
              ["Accepted", 4]
            ]
          )
          assertExactlyOnce(yield* deliveredTo(appId), 50)
          rmSync(dir, { recursive: true, force: true })
        })
    )

    it.effect(
      "a resume is refused (CheckpointError, nothing sent) unless its recipients' source is the checkpoint's",
      () =>
        Effect.gen(function* () {
          const { sinch } = yield* Emu.services
          const appId = yield* Emu.dispatchApp
          const dir = mkdtempSync(join(tmpdir(), "campaign-"))
          const store = yield* CheckpointStore.makeFileSystem.pipe(Effect.provide(NodeFileSystem.layer))
          const options = (key: string, source?: string) => ({
            campaign: key,
            app_id: appId,
            message,
            chunkSize: 10,
            concurrency: 1,
            checkpoint: { store, key: join(dir, `${key}.json`) },
            ...(source === undefined ? {} : { source })
          })
          const refusal = (key: string, source?: string) =>
            Effect.flip(Stream.runDrain(sinch.batch.sendAll(recipients(30), options(key, source))))
          // a campaign started with source A: one chunk sent
          yield* Stream.runDrain(sinch.batch.sendAll(recipients(30), options("s1", "A")).pipe(Stream.take(1)))
          const other = yield* refusal("s1", "B")
          assert.strictEqual(other._tag, "CheckpointError")
          assert.strictEqual(
            other.message,
            `campaign checkpoint ${join(dir, "s1.json")}: its campaign was started with other recipients (A, not B)`
          )
          assert.include(
            (yield* refusal("s1")).message,
            "its campaign was started with recipients A: resume it with that"
          )
          // a checkpoint that records no source (written without one) cannot be checked against one
          yield* Stream.runDrain(sinch.batch.sendAll(recipients(30), options("s2")).pipe(Stream.take(1)))
          const unchecked = yield* refusal("s2", "A")
          assert.strictEqual(unchecked._tag, "CheckpointError")
          assert.include(unchecked.message, "it records no source of its recipients (it was written without one)")
          const sent = [...(yield* deliveredTo(appId)).values()].reduce((a, b) => a + b, 0)
          assert.strictEqual(sent, 20, "one chunk of each campaign, nothing more")
          // the same source, or knowingly none, resumes: everyone once
          yield* Stream.runDrain(sinch.batch.sendAll(recipients(30), options("s1", "A")))
          yield* Stream.runDrain(sinch.batch.sendAll(recipients(30), options("s2")))
          const counts = yield* deliveredTo(appId)
          assert.strictEqual(counts.size, 30)
          for (let i = 0; i < 30; i++) assert.strictEqual(counts.get(phone(i)), 2, phone(i))
          rmSync(dir, { recursive: true, force: true })
        })
    )

    it.effect("interrupted and resumed from its checkpoint in the same process: every recipient once", () =>
      Effect.gen(function* () {
        const { sinch } = yield* Emu.services
        const appId = yield* Emu.dispatchApp
        const dir = mkdtempSync(join(tmpdir(), "campaign-"))
        const store = yield* CheckpointStore.makeFileSystem.pipe(Effect.provide(NodeFileSystem.layer))
        const checkpoint = { store, key: join(dir, "c6.json") }
        const options = { campaign: "c6", app_id: appId, message, chunkSize: 100, concurrency: 2, checkpoint }
        const firstRun = yield* Stream.runCollect(sinch.batch.sendAll(recipients(1000), options).pipe(Stream.take(3)))
        assert.strictEqual(firstRun.length, 3)
        const saved = JSON.parse(readFileSync(checkpoint.key, "utf8"))
        assert.isAtLeast(saved.next, 3)
        const secondRun = yield* Stream.runCollect(sinch.batch.sendAll(recipients(1000), options))
        assert.strictEqual(firstRun.length + secondRun.length, 10 - (saved.next - 3) - saved.settled.length)
        assertExactlyOnce(yield* deliveredTo(appId), 1000)
        // another campaign on the same checkpoint is refused
        const mismatch = yield* Effect.flip(
          Stream.runDrain(sinch.batch.sendAll(recipients(10), { ...options, campaign: "other" }))
        )
        assert.strictEqual(mismatch._tag, "CheckpointError")
        rmSync(dir, { recursive: true, force: true })
      })
    )

    it.effect(
      "watch follows a scheduled batch to completion from the status endpoint; watchCallbacks from callbacks",
      () =>
        Effect.gen(function* () {
          const { sinch } = yield* Emu.services
          const appId = yield* Emu.dispatchApp
          const sendAfter = DateTime.unsafeMake(Date.now() + 1500)
          const sent = yield* sinch.batch.send({
            app_id: appId,
            message,
            recipient_and_params: [recipient(0)],
            send_after: sendAfter
          } as never)
          const statuses = yield* sinch.batch.watch(sent.batch_id, { interval: "100 millis" }).pipe(
            Stream.map((b) => b.status),
            Stream.runCollect,
            Effect.map(Chunk.toReadonlyArray)
          )
          assert.deepStrictEqual(statuses, ["SCHEDULED", "PROCESSED"])
          const callbacks = [
            { batch_id: "other", batch_status: "BATCH_STATUS_PROCESSED" },
            { batch_id: sent.batch_id, batch_status: "BATCH_STATUS_SCHEDULED" },
            { batch_id: sent.batch_id, batch_status: "BATCH_STATUS_PROCESSED" },
            { batch_id: sent.batch_id, batch_status: "BATCH_STATUS_CANCELLED" }
          ].map((n) =>
            Schema.decodeUnknownSync(Callbacks.Callback)({ project_id: "p", batch_status_update_notification: n })
          )
          const followed = yield* Stream.fromIterable(callbacks).pipe(
            sinch.batch.watchCallbacks(sent.batch_id),
            Stream.map((n) => n.batch_status),
            Stream.runCollect,
            Effect.map(Chunk.toReadonlyArray)
          )
          assert.deepStrictEqual(followed, ["BATCH_STATUS_SCHEDULED", "BATCH_STATUS_PROCESSED"])
        })
    )

    it.effect("bulk contacts and consents from a Stream, chunked", () =>
      Effect.gen(function* () {
        const { emu, sinch } = yield* Emu.services
        const appId = yield* Emu.dispatchApp
        const before = (yield* emu.stats()).contacts
        const created = yield* sinch.batch
          .createContactsAll(
            Stream.range(0, 2499).pipe(
              Stream.map((i) => ({
                channel_identities: [{ channel: "SMS", identity: `+4799${String(i).padStart(7, "0")}` }],
                language: "EN_US"
              }))
            ),
            { chunkSize: 1000 }
          )
          .pipe(Stream.runCollect, Effect.map(Chunk.toReadonlyArray))
        assert.deepStrictEqual(
          created.map((r) => [r.first, r.count]),
          [
            [0, 1000],
            [1000, 1000],
            [2000, 500]
          ]
        )
        assert.strictEqual((yield* emu.stats()).contacts - before, 2500)
        const consents = yield* sinch.batch
          .insertConsentsAll(
            appId,
            Stream.range(0, 1499).pipe(Stream.map((i) => ({ identification: `+4798${String(i).padStart(7, "0")}` })))
          )
          .pipe(Stream.runCollect)
        assert.strictEqual(consents.length, 2)
        const listed = yield* sinch.consents
          .listIdentities({ app_id: appId, list_type: "OPT_OUT_ALL", page_size: 20 } as never)
          .pipe(Stream.runCount)
        assert.strictEqual(listed, 1500)
      })
    )
  })

  layer(Layer.provideMerge(Emulator.layer({ port: 0 }), NodeFileSystem.layer), { excludeTestServices: true })((it) => {
    const spawnCampaign = (emu: Emulator.Running, env: Record<string, string>) => {
      const child = spawn(
        process.execPath,
        [
          "--expose-gc",
          "--import",
          "tsx",
          "--conditions=@sinch-effect/source",
          "packages/client/test/integration/campaign-main.ts"
        ],
        {
          cwd: root,
          env: { PATH: process.env["PATH"] ?? "", HOME: process.env["HOME"] ?? "", ...emu.env, ...env }
        }
      )
      const lines: Array<any> = []
      let buffer = ""
      let stderr = ""
      const listeners: Array<() => void> = []
      child.stdout.on("data", (d: Buffer) => {
        buffer += d.toString()
        let nl: number
        while ((nl = buffer.indexOf("\n")) >= 0) {
          lines.push(JSON.parse(buffer.slice(0, nl)))
          buffer = buffer.slice(nl + 1)
          for (const l of listeners) l()
        }
      })
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()))
      const exited = new Promise<number>((resolve) => child.on("exit", (code) => resolve(code ?? 128)))
      /** Resolves once `count` outcome lines were printed. */
      const outcomes = (count: number) =>
        new Promise<void>((resolve) => {
          const check = () => lines.filter((l) => l.chunk !== undefined).length >= count && resolve()
          listeners.push(check)
          check()
        })
      return { child, lines, exited, outcomes, stderr: () => stderr }
    }

    it.scoped(
      "a campaign killed midway (SIGKILL) and resumed from its file checkpoint delivers to every recipient exactly once",
      () =>
        Effect.gen(function* () {
          const emu = yield* Emulator.Emulator
          const appId = yield* Effect.provide(Emu.dispatchApp, Emu.clientFor(emu))
          const dir = mkdtempSync(join(tmpdir(), "campaign-kill-"))
          const env = {
            CAMPAIGN_APP_ID: appId,
            CAMPAIGN_SIZE: "20000",
            CAMPAIGN_CHECKPOINT: join(dir, "checkpoint.json"),
            CAMPAIGN_CONCURRENCY: "4"
          }
          // a slow API, so that the process dies with batches in flight
          const slow = yield* emu.addFault(Fault.rule("batch.send", Fault.latency(60)))
          const first = spawnCampaign(emu, env)
          yield* Effect.promise(() => first.outcomes(5))
          first.child.kill("SIGKILL")
          assert.notStrictEqual(yield* Effect.promise(() => first.exited), 0)
          yield* emu.removeFault(slow)
          const atKill = JSON.parse(readFileSync(env.CAMPAIGN_CHECKPOINT, "utf8"))
          assert.isBelow(atKill.next, 20)

          const second = spawnCampaign(emu, env)
          assert.strictEqual(yield* Effect.promise(() => second.exited), 0, second.stderr())
          const counts = yield* Effect.provide(deliveredTo(appId), Emu.clientFor(emu))
          assertExactlyOnce(counts, 20000)
          rmSync(dir, { recursive: true, force: true })
        }),
      { timeout: 180_000 }
    )

    it.scoped(
      "100k recipients from a Stream in constant memory (the sender's heap does not grow with the recipients sent)",
      () =>
        Effect.gen(function* () {
          const emu = yield* Emulator.Emulator
          const appId = yield* Effect.provide(Emu.dispatchApp, Emu.clientFor(emu))
          const dir = mkdtempSync(join(tmpdir(), "campaign-100k-"))
          const before = (yield* emu.stats()).messages
          const run = spawnCampaign(emu, {
            CAMPAIGN_APP_ID: appId,
            CAMPAIGN_SIZE: "100000",
            CAMPAIGN_CHECKPOINT: join(dir, "checkpoint.json")
          })
          assert.strictEqual(yield* Effect.promise(() => run.exited), 0, run.stderr())
          const done = run.lines.find((l) => l.done === true)
          assert.strictEqual(done.sent, 100_000)
          assert.strictEqual((yield* emu.stats()).messages - before, 100_000)
          // after the first 20 batches the heap stays flat: what grows with the recipients is the emulator's store
          const heap = run.lines.filter((l) => l.chunk !== undefined).map((l) => l.heapUsed as number)
          const early = Math.max(...heap.slice(10, 20))
          const late = Math.max(...heap.slice(80))
          assert.isBelow(late - early, 32 * 1024 * 1024, `heap ${early} then ${late}`)
          process.stdout.write(
            `campaign 100k: ${Math.round(100_000 / done.seconds)} recipients/s, peak RSS ${Math.round(done.peakRss / 1048576)} MiB\n`
          )
          rmSync(dir, { recursive: true, force: true })
        }),
      { timeout: 300_000 }
    )
  })
})
