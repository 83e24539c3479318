import * as NodeContext from "@effect/platform-node/NodeContext"
import * as FileSystem from "@effect/platform/FileSystem"
import { assert, describe, layer } from "@effect/vitest"
import { Export } from "@sinch-effect/client"
import { Emulator, Fault } from "@sinch-effect/emulator"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import { envOf, rawGetAll, runCli, spawnEntry } from "./helpers.js"

const MESSAGES = 3000

const lines = (text: string) => text.split("\n").filter((l) => l !== "")

const seeded = Layer.effectDiscard(
  Effect.flatMap(Emulator.Emulator, (emu) => emu.seed({ contacts: 150, messages: MESSAGES }))
).pipe(Layer.provideMerge(Emulator.layer({ port: 0 })), Layer.orDie)

describe("export against the emulator", () => {
  layer(Layer.merge(seeded, NodeContext.layer), { excludeTestServices: true })((it) => {
    it.scoped(`export messages: ${MESSAGES} messages, each line byte for byte what the emulator holds`, () =>
      Effect.gen(function* () {
        const emu = yield* Emulator.Emulator
        const fs = yield* FileSystem.FileSystem
        const dir = yield* fs.makeTempDirectoryScoped()
        const file = `${dir}/messages.ndjson`
        const result = yield* runCli(["export", "messages", "-o", file], envOf(emu))
        assert.strictEqual(result.code, 0, result.stderr)
        assert.strictEqual(result.stdout, "")
        // stderr is not a terminal: no progress
        assert.strictEqual(result.stderr, "note: using " + result.stderr.slice("note: using ".length))
        assert.notInclude(result.stderr, "messages:")
        const exported = lines(yield* fs.readFileString(file))
        assert.strictEqual(exported.length, MESSAGES)
        assert.strictEqual((yield* emu.stats()).messages, MESSAGES)
        const ids = exported.map((l) => (JSON.parse(l) as { id: string }).id)
        assert.strictEqual(new Set(ids).size, MESSAGES)
        // every message as the emulator serves it on its own, byte for byte
        const stored = yield* rawGetAll(
          emu,
          ids.map((id) => `/messages/${id}`)
        )
        for (let i = 0; i < exported.length; i++) assert.strictEqual(exported[i], stored[i])
        const checkpoint = yield* Export.readCheckpoint(`${file}.checkpoint.json`)
        assert.isTrue(checkpoint !== undefined && checkpoint.done && checkpoint.items === MESSAGES)
        // the whole project, conversation by conversation
        assert.include(checkpoint, { list: "projectMessages", project_id: emu.projectId, api_url: emu.url })

        // the same export on stdout
        const toStdout = yield* runCli(["export", "messages"], envOf(emu))
        assert.strictEqual(toStdout.code, 0)
        assert.strictEqual(toStdout.stdout, yield* fs.readFileString(file))
      })
    )

    it.scoped("export killed midway (SIGKILL) and resumed yields the same file as an uninterrupted export", () =>
      Effect.gen(function* () {
        const emu = yield* Emulator.Emulator
        const fs = yield* FileSystem.FileSystem
        const dir = yield* fs.makeTempDirectoryScoped()
        const whole = `${dir}/whole.ndjson`
        const resumed = `${dir}/resumed.ndjson`
        assert.strictEqual((yield* runCli(["export", "messages", "-o", whole], envOf(emu))).code, 0)

        // a slow API, so that the process is killed in the middle
        const fault = yield* emu.addFault(Fault.rule("messages.list", Fault.latency(15)))
        const { child, exited } = spawnEntry("bin.ts", ["export", "messages", "-o", resumed], envOf(emu))
        const checkpointPath = `${resumed}.checkpoint.json`
        let pagesAtKill = 0
        for (let i = 0; i < 400; i++) {
          yield* Effect.sleep("25 millis")
          const cp = yield* Export.readCheckpoint(checkpointPath).pipe(Effect.orElseSucceed(() => undefined))
          if (cp !== undefined && cp.pages >= 20) {
            pagesAtKill = cp.pages
            break
          }
        }
        child.kill("SIGKILL")
        const killed = yield* Effect.promise(() => exited)
        assert.notStrictEqual(killed.code, 0)
        assert.isAtLeast(pagesAtKill, 20)
        yield* emu.removeFault(fault)
        const partial = yield* Export.readCheckpoint(checkpointPath)
        assert.isTrue(partial !== undefined && !partial.done && partial.items < MESSAGES)

        // without --resume the CLI refuses to touch the interrupted export
        const refused = yield* runCli(["export", "messages", "-o", resumed], envOf(emu))
        assert.strictEqual(refused.code, 2)
        assert.include(refused.stderr, "--resume")

        const result = yield* runCli(["export", "messages", "-o", resumed, "--resume"], envOf(emu))
        assert.strictEqual(result.code, 0, result.stderr)
        assert.strictEqual(yield* fs.readFileString(resumed), yield* fs.readFileString(whole))

        // resuming a finished export is a no-op
        const again = yield* runCli(["export", "messages", "-o", resumed, "--resume"], envOf(emu))
        assert.strictEqual(again.code, 0)
        assert.strictEqual(yield* fs.readFileString(resumed), yield* fs.readFileString(whole))
      })
    )

    it.scoped(
      "killed again and again at arbitrary instants, with batched checkpoints, resumes to the same file",
      () =>
        Effect.gen(function* () {
          const emu = yield* Emulator.Emulator
          const fs = yield* FileSystem.FileSystem
          const dir = yield* fs.makeTempDirectoryScoped()
          const whole = `${dir}/whole.ndjson`
          const resumed = `${dir}/resumed.ndjson`
          // 3 pages per conversation: kills land in the middle of conversations and between them
          const pageSize = ["--page-size", "7"]
          assert.strictEqual((yield* runCli(["export", "messages", "-o", whole, ...pageSize], envOf(emu))).code, 0)
          const wholeText = yield* fs.readFileString(whole)
          const checkpointPath = `${resumed}.checkpoint.json`
          // checkpoints every 2 pages: kills land before, during and after the writes of a batch
          const fault = yield* emu.addFault(Fault.rule("messages.list", Fault.latency(3)))
          let kills = 0
          let midConversation = 0
          for (let run = 0; run < 4; run++) {
            const { child, exited } = spawnEntry(
              "bin.ts",
              ["export", "messages", "-o", resumed, "--resume", "--checkpoint-every", "2", ...pageSize],
              envOf(emu)
            )
            // wait for this run's first progress on disk (a checkpoint further than the last one), then kill at a
            // pseudo-random instant after it
            const before = yield* Export.readCheckpoint(checkpointPath).pipe(Effect.orElseSucceed(() => undefined))
            for (let i = 0; i < 800; i++) {
              const cp = yield* Export.readCheckpoint(checkpointPath).pipe(Effect.orElseSucceed(() => undefined))
              if (cp !== undefined && (cp.done || cp.pages > (before?.pages ?? 0))) break
              yield* Effect.sleep("10 millis")
            }
            yield* Effect.sleep(`${(run * 37) % 60} millis`)
            child.kill("SIGKILL")
            const result = yield* Effect.promise(() => exited)
            if (result.code !== 0) kills++
            const cp = yield* Export.readCheckpoint(checkpointPath)
            if (cp?.done === true) break
            if (cp?.page_token != null && (JSON.parse(cp.page_token) as { messages: unknown }).messages !== null) {
              midConversation++
            }
            // the checkpoint never points past what is on disk, and what it covers is a prefix of the whole export
            const text = yield* fs.readFileString(resumed)
            assert.isAtLeast(Buffer.byteLength(text), cp!.bytes)
            assert.isTrue(
              Buffer.from(text).subarray(0, cp!.bytes).equals(Buffer.from(wholeText).subarray(0, cp!.bytes))
            )
          }
          assert.isAtLeast(kills, 2)
          assert.isAtLeast(midConversation, 1, "a kill left the walk in the middle of a conversation")
          yield* emu.removeFault(fault)
          const result = yield* runCli(["export", "messages", "-o", resumed, "--resume", ...pageSize], envOf(emu))
          assert.strictEqual(result.code, 0, result.stderr)
          assert.strictEqual(yield* fs.readFileString(resumed), wholeText)
        }),
      // each run is a fresh process
      120_000
    )

    it.scoped("Ctrl-C (SIGINT) stops an export with exit code 130 and says how to resume", () =>
      Effect.gen(function* () {
        const emu = yield* Emulator.Emulator
        const fs = yield* FileSystem.FileSystem
        const dir = yield* fs.makeTempDirectoryScoped()
        const file = `${dir}/m.ndjson`
        const fault = yield* emu.addFault(Fault.rule("messages.list", Fault.latency(15)))
        const { child, exited } = spawnEntry("bin.ts", ["export", "messages", "-o", file], envOf(emu))
        for (let i = 0; i < 400; i++) {
          yield* Effect.sleep("25 millis")
          const cp = yield* Export.readCheckpoint(`${file}.checkpoint.json`).pipe(Effect.orElseSucceed(() => undefined))
          if (cp !== undefined && cp.pages >= 3) break
        }
        child.kill("SIGINT")
        const result = yield* Effect.promise(() => exited)
        yield* emu.removeFault(fault)
        assert.strictEqual(result.code, 130, result.stderr)
        assert.match(result.stderr, /interrupted: [\d,]+ messages are in .*; run the same command with --resume/)
        const resumed = yield* runCli(["export", "messages", "-o", file, "--resume"], envOf(emu))
        assert.strictEqual(resumed.code, 0, resumed.stderr)
        assert.strictEqual(lines(yield* fs.readFileString(file)).length, MESSAGES)
      })
    )

    it.scoped(
      "an export interrupted in-process, with a page torn after the last checkpoint, resumes to the same file",
      () =>
        Effect.gen(function* () {
          const emu = yield* Emulator.Emulator
          const fs = yield* FileSystem.FileSystem
          const dir = yield* fs.makeTempDirectoryScoped()
          const whole = `${dir}/whole.ndjson`
          const torn = `${dir}/torn.ndjson`
          const [page] = yield* rawGetAll(emu, ["/contacts?page_size=1"])
          const contactId = (JSON.parse(page!) as { contacts: Array<{ id: string }> }).contacts[0]!.id
          const filters = ["--page-size", "2", "--contact-id", contactId, "--start-time", "1970-01-01T00:00:00Z"]
          // a checkpoint per page: the export is interrupted between two checkpoints, not only at the end
          assert.strictEqual((yield* runCli(["export", "messages", "-o", whole, ...filters], envOf(emu))).code, 0)
          const wholeText = yield* fs.readFileString(whole)
          assert.strictEqual(lines(wholeText).length, MESSAGES / 150)

          const fault = yield* emu.addFault(Fault.rule("messages.list", Fault.latency(50)))
          const fiber = yield* Effect.fork(
            runCli(["export", "messages", "-o", torn, "--checkpoint-every", "1", ...filters], envOf(emu))
          )
          const checkpointPath = `${torn}.checkpoint.json`
          for (let i = 0; i < 400; i++) {
            yield* Effect.sleep("10 millis")
            const cp = yield* Export.readCheckpoint(checkpointPath).pipe(Effect.orElseSucceed(() => undefined))
            if (cp !== undefined && cp.pages >= 4) break
          }
          yield* Fiber.interrupt(fiber)
          yield* emu.removeFault(fault)
          const cp = yield* Export.readCheckpoint(checkpointPath)
          assert.isTrue(cp !== undefined && cp.pages >= 4 && !cp.done)
          // a crash in the middle of the next page: half a line after the checkpointed bytes
          yield* fs.writeFileString(torn, wholeText.slice(0, cp!.bytes + 55))

          const result = yield* runCli(["export", "messages", "-o", torn, "--resume", ...filters], envOf(emu))
          assert.strictEqual(result.code, 0, result.stderr)
          assert.strictEqual(yield* fs.readFileString(torn), wholeText)
        })
    )

    it.scoped("export contacts and conversations: every item as the emulator serves it", () =>
      Effect.gen(function* () {
        const emu = yield* Emulator.Emulator
        const fs = yield* FileSystem.FileSystem
        const dir = yield* fs.makeTempDirectoryScoped()
        const stats = yield* emu.stats()
        const [apps] = yield* rawGetAll(emu, ["/apps"])
        const appId = (JSON.parse(apps!) as { apps: Array<{ id: string }> }).apps[0]!.id
        for (const [kind, count] of [
          ["contacts", stats.contacts],
          ["conversations", stats.conversations]
        ] as const) {
          const file = `${dir}/${kind}.ndjson`
          const result = yield* runCli(
            ["export", kind, "-o", file, ...(kind === "conversations" ? ["--app-id", appId] : [])],
            envOf(emu)
          )
          assert.strictEqual(result.code, 0, result.stderr)
          const exported = lines(yield* fs.readFileString(file))
          assert.strictEqual(exported.length, count)
          const stored = yield* rawGetAll(
            emu,
            exported.map((l) => `/${kind}/${(JSON.parse(l) as { id: string }).id}`)
          )
          for (let i = 0; i < exported.length; i++) assert.strictEqual(exported[i], stored[i])
        }
      })
    )

    it.scoped("filters reach the API and are recorded in the checkpoint; resuming with other filters is refused", () =>
      Effect.gen(function* () {
        const emu = yield* Emulator.Emulator
        const fs = yield* FileSystem.FileSystem
        const dir = yield* fs.makeTempDirectoryScoped()
        const all = lines((yield* runCli(["export", "messages"], envOf(emu))).stdout)
        const first = JSON.parse(all[0]!) as { contact_id: string; conversation_id: string }
        const file = `${dir}/one-contact.ndjson`
        const result = yield* runCli(["export", "messages", "-o", file, "--contact-id", first.contact_id], envOf(emu))
        assert.strictEqual(result.code, 0, result.stderr)
        const exported = lines(yield* fs.readFileString(file))
        assert.deepStrictEqual(
          exported,
          all.filter((l) => (JSON.parse(l) as { contact_id: string }).contact_id === first.contact_id)
        )
        const other = yield* runCli(
          ["export", "messages", "-o", file, "--resume", "--conversation-id", first.conversation_id],
          envOf(emu)
        )
        assert.strictEqual(other.code, 5)
        assert.include(other.stderr, `contact_id=${first.contact_id}`)
        assert.include(other.stderr, "pass the same filters to resume")
      })
    )

    it.scoped("progress: drawn on a terminal (items, pages, rate), quiet otherwise", () =>
      Effect.gen(function* () {
        const emu = yield* Emulator.Emulator
        const tty = yield* runCli(["export", "messages"], envOf(emu), { stderrIsTTY: true })
        assert.strictEqual(tty.code, 0)
        // a page per conversation (150 of 20 messages), and the empty page that ends the walk
        assert.match(tty.stderr, /messages: 3,000 · 151 pages · [\d,]+\/s/)
        assert.include(tty.stderr, `exported ${MESSAGES} messages in 151 pages to stdout`)
        const pipe = yield* runCli(["export", "messages", "--progress", "never"], envOf(emu), { stderrIsTTY: true })
        assert.notInclude(pipe.stderr, "messages:")
        const forced = yield* runCli(["export", "messages", "--progress", "always"], envOf(emu))
        assert.match(forced.stderr, /messages: 3,000 · 151 pages/)
      })
    )
  })
})
