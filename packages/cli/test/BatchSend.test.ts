/**
 * `sinch-conversation batch send` against the emulator: recipients from CSV and NDJSON files, one line per batch on
 * stdout and a summary on stderr, bad input refused before anything is sent, a campaign stopped by the API (401) or
 * killed (SIGKILL, a real process) and resumed: every recipient is sent the message exactly once, as the emulator's
 * stored messages show.
 */
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as FileSystem from "@effect/platform/FileSystem"
import { assert, describe, layer } from "@effect/vitest"
import { SinchClient } from "@sinch-effect/client"
import { Emulator, Fault } from "@sinch-effect/emulator"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import { writeFileSync } from "node:fs"
import { clientFor, dispatchApp } from "../../client/test/integration/emulator.js"
import { envOf, runCli, spawnEntry } from "./helpers.js"

const lines = (text: string): Array<any> =>
  text
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l))

const phone = (i: number) => `+46${String(i).padStart(9, "0")}`

/** The texts the emulator stored for an app, by phone number. */
const storedTexts = (emu: Emulator.Running, appId: string) =>
  Effect.gen(function* () {
    const sinch = yield* SinchClient.SinchClient
    const texts = new Map<string, Array<string>>()
    yield* sinch.messages.list({ app_id: appId, messages_source: "DISPATCH_SOURCE", page_size: 20 } as never).pipe(
      Stream.runForEach((m) =>
        Effect.sync(() => {
          const identity = m.channel_identity?.identity ?? ""
          texts.set(identity, [...(texts.get(identity) ?? []), m.app_message?.text_message?.text ?? ""])
        })
      )
    )
    return texts
  }).pipe(Effect.provide(clientFor(emu)), Effect.orDie)

const assertEveryoneOnce = (texts: ReadonlyMap<string, ReadonlyArray<string>>, size: number) => {
  assert.strictEqual(texts.size, size)
  for (let i = 0; i < size; i++) assert.deepStrictEqual(texts.get(phone(i)), [`Hello ${i}`], phone(i))
}

/** Each test's start: the emulator, a temporary directory, a DISPATCH app, and a way to write a file in the directory. */
const campaign = Effect.gen(function* () {
  const emu = yield* Emulator.Emulator
  const fs = yield* FileSystem.FileSystem
  const dir = yield* fs.makeTempDirectoryScoped()
  const appId = yield* dispatchApp.pipe(Effect.provide(clientFor(emu)), Effect.orDie)
  /** Writes `content` to `name` in the directory and answers its path. */
  const write = (name: string, content: string) =>
    Effect.as(fs.writeFileString(`${dir}/${name}`, content), `${dir}/${name}`)
  return { emu, fs, dir, appId, write }
})

const csv = (size: number) => ["identity,n", ...Array.from({ length: size }, (_, i) => `${phone(i)},${i}`)].join("\n")
const message = JSON.stringify({ text_message: { text: "Hello ${n}" } })

/**
 * A campaign of `r.csv` (10 recipients, batches of 4) stopped by a 401 before any batch went out: the checkpoint records
 * the file.
 */
const stoppedCampaign = Effect.gen(function* () {
  const started = yield* campaign
  const file = yield* started.write("r.csv", csv(10))
  const args = ["batch", "send", "--app-id", started.appId, "-r", file, "--message", message, "--batch-size", "4"]
  const stopped = yield* runCli(args, { ...envOf(started.emu), SINCH_KEY_SECRET: "not-the-secret" })
  assert.strictEqual(stopped.code, 3, stopped.stderr)
  return { ...started, file, args, checkpoint: `${file}.batch-checkpoint.json` }
})

describe("batch send", () => {
  layer(Layer.merge(Emulator.layer({ port: 0 }), NodeContext.layer), { excludeTestServices: true })((it) => {
    it.scoped("a CSV file: quoted fields, one line per batch on stdout, the summary on stderr, everyone once", () =>
      Effect.gen(function* () {
        const { appId, emu, write } = yield* campaign
        const file = yield* write(
          "customers.csv",
          "\uFEFFidentity,channel,name,code\r\n" +
            `${phone(0)},sms,"Ann, B",1\r\n` +
            `${phone(1)},,"Bo ""the"" one",2\r\n` +
            `${phone(2)},SMS,"two\nlines",3\r\n` +
            "\r\n" +
            `${phone(3)},,Dee,4`
        )
        const hi = JSON.stringify({ text_message: { text: "Hi ${name}, code ${code}" } })
        const args = ["batch", "send", "--app-id", appId, "-r", file, "--message", hi, "--batch-size", "3"]
        const result = yield* runCli(args, envOf(emu))
        assert.strictEqual(result.code, 0, result.stderr)
        const out = lines(result.stdout)
        assert.deepStrictEqual(
          out.map((l) => [l.outcome, l.batch, l.recipients]),
          [
            ["accepted", 0, 3],
            ["accepted", 1, 1]
          ]
        )
        assert.include(result.stderr, "2 batches (4 recipients) accepted, 0 batches (0 recipients) rejected")
        const texts = yield* storedTexts(emu, appId)
        assert.deepStrictEqual(Object.fromEntries(texts), {
          [phone(0)]: ["Hi Ann, B, code 1"],
          [phone(1)]: ['Hi Bo "the" one, code 2'],
          [phone(2)]: ["Hi two\nlines, code 3"],
          [phone(3)]: ["Hi Dee, code 4"]
        })
        // the checkpoint says the campaign is done: the same command again is refused, --resume sends nothing
        const again = yield* runCli(["batch", "send", "--app-id", appId, "-r", file, "--message", message], envOf(emu))
        assert.strictEqual(again.code, 2)
        assert.include(again.stderr, "batch-checkpoint.json exists: a campaign to")
        assert.include(again.stderr, "Add --resume")
        const resumed = yield* runCli([...args, "--resume"], envOf(emu))
        assert.strictEqual(resumed.code, 0, resumed.stderr)
        assert.strictEqual(resumed.stdout, "")
        assert.include(resumed.stderr, "2 batches (4 recipients) settled by an earlier run")
        assert.strictEqual((yield* storedTexts(emu, appId)).size, 4)
      })
    )

    it.scoped("an NDJSON file: the short form and the API's form, contact IDs and identities, a message file", () =>
      Effect.gen(function* () {
        const { appId, emu, write } = yield* campaign
        const file = yield* write(
          "recipients.ndjson",
          [
            JSON.stringify({ identity: phone(0), parameters: { n: "0" } }),
            "",
            JSON.stringify({
              identity: phone(1),
              channel: "SMS",
              parameters: { n: "1" },
              message_metadata: { k: "v" }
            }),
            JSON.stringify({
              recipient: { identified_by: { channel_identities: [{ channel: "SMS", identity: phone(2) }] } },
              parameters: { n: "2" }
            })
          ].join("\n") + "\n"
        )
        const messageFile = yield* write("message.json", message)
        const result = yield* runCli(
          ["batch", "send", "--app-id", appId, "-r", file, "--message-file", messageFile],
          envOf(emu)
        )
        assert.strictEqual(result.code, 0, result.stderr)
        assert.deepStrictEqual(
          lines(result.stdout).map((l) => [l.outcome, l.recipients]),
          [["accepted", 3]]
        )
        assertEveryoneOnce(yield* storedTexts(emu, appId), 3)
      })
    )

    it.scoped("bad input is refused before anything is sent, with the file and line and exit code 2", () =>
      Effect.gen(function* () {
        const { appId, dir, emu, write } = yield* campaign
        const before = (yield* emu.stats()).messages
        const send = (name: string, content: string, extra: ReadonlyArray<string> = ["--message", message]) =>
          Effect.flatMap(write(name, content), (file) =>
            runCli(["batch", "send", "--app-id", appId, "-r", file, ...extra], envOf(emu))
          )
        const cases: ReadonlyArray<readonly [string, string, string, ReadonlyArray<string>?]> = [
          [
            "a.ndjson",
            `{"identity":"${phone(0)}","parameters":{"n":"0"}}\nnot json\n`,
            "a.ndjson:2: not a JSON object"
          ],
          ["b.ndjson", `{"identity":"${phone(0)}","paramters":{"n":"0"}}\n`, 'b.ndjson:1: unknown field "paramters"'],
          ["c.ndjson", `{"identity":"${phone(0)}"}\n`, "c.ndjson:1: no value for ${n}, used in the message"],
          ["d.ndjson", `{"parameters":{"n":"0"}}\n`, "d.ndjson:1: give exactly one of contact_id or identity"],
          ["e.csv", `identity,n\n${phone(0)},0\n${phone(1)}\n`, "e.csv:3: 1 fields, but the header has 2"],
          ["f.csv", `identity,n\n"${phone(0)},0\n`, "e.csv:2: a quoted field is not closed".replace("e.csv", "f.csv")],
          ["g.csv", `phone,n\n${phone(0)},0\n`, "g.csv:1: the header has neither a contact_id nor an identity column"],
          ["h.csv", `identity,n\n${phone(0)},1\n`, "--message is not JSON", ["--message", "{"]],
          ["i.csv", `identity,n\n${phone(0)},1\n`, "--message has no message kind", ["--message", "{}"]],
          [
            "l.csv",
            `identity,n\n${phone(0)},1\n`,
            "--message is not an app message: text_message.txet",
            ["--message", '{"text_message":{"text":"${n}","txet":"x"}}']
          ],
          ["j.csv", `identity,n\n`, "j.csv has no recipients"],
          [
            "k.csv",
            `identity,n\n${phone(0)},1\n`,
            "--batch-size must be 1 to 1000",
            ["--message", message, "--batch-size", "1001"]
          ]
        ]
        for (const [name, content, expected, extra] of cases) {
          const result = yield* send(name, content, extra)
          assert.strictEqual(result.code, 2, `${name}: ${result.stderr}`)
          assert.include(result.stderr, expected, name)
          assert.strictEqual(result.stdout, "", name)
        }
        const missing = yield* runCli(
          ["batch", "send", "--app-id", appId, "-r", `${dir}/none.csv`, "--message", message],
          envOf(emu)
        )
        assert.strictEqual(missing.code, 5, missing.stderr)
        assert.strictEqual((yield* emu.stats()).messages, before)
      })
    )

    it.scoped("a rejected batch: its recipients on stdout, the others sent, exit code 4", () =>
      Effect.gen(function* () {
        const { appId, emu, write } = yield* campaign
        const file = yield* write("r.csv", csv(6))
        const fault = yield* emu.addFault(Fault.rule("batch.send", Fault.status(400), { count: 1 }))
        const result = yield* runCli(
          [
            "batch",
            "send",
            "--app-id",
            appId,
            "-r",
            file,
            "--message",
            message,
            "--batch-size",
            "3",
            "--concurrency",
            "1"
          ],
          envOf(emu)
        )
        yield* emu.removeFault(fault)
        assert.strictEqual(result.code, 4, result.stderr)
        const [first, second] = lines(result.stdout)
        assert.deepStrictEqual([first.outcome, second.outcome], ["rejected", "accepted"])
        assert.deepStrictEqual(
          first.recipient_and_params.map((r: any) => r.recipient.identified_by.channel_identities[0].identity),
          [phone(0), phone(1), phone(2)]
        )
        assert.include(result.stderr, "1 batch (3 recipients) rejected")
        const texts = yield* storedTexts(emu, appId)
        assert.deepStrictEqual([...texts.keys()].sort(), [phone(3), phone(4), phone(5)])
      })
    )

    it.scoped(
      "stopped by a 401 (wrong secret): exit code 3, nothing settled; resumed with the right key: everyone once",
      () =>
        Effect.gen(function* () {
          const { appId, emu, fs, write } = yield* campaign
          const file = yield* write("r.csv", csv(10))
          const args = ["batch", "send", "--app-id", appId, "-r", file, "--message", message, "--batch-size", "4"]
          const wrong = yield* runCli(args, { ...envOf(emu), SINCH_KEY_SECRET: "not-the-secret" })
          assert.strictEqual(wrong.code, 3, wrong.stderr)
          assert.include(wrong.stderr, "authentication failed (401)")
          assert.notInclude(wrong.stderr, "not-the-secret")
          const checkpoint = JSON.parse(yield* fs.readFileString(`${file}.batch-checkpoint.json`))
          assert.deepStrictEqual([checkpoint.next, checkpoint.settled], [0, []])
          const resumed = yield* runCli([...args, "--resume"], envOf(emu))
          assert.strictEqual(resumed.code, 0, resumed.stderr)
          assertEveryoneOnce(yield* storedTexts(emu, appId), 10)
        })
    )

    it.scoped(
      "a resume with another recipients file is refused before anything is sent (exit 2); the same file resumes",
      () =>
        Effect.gen(function* () {
          const { appId, args, checkpoint, emu, file, fs, write } = yield* stoppedCampaign
          const recorded = JSON.parse(yield* fs.readFileString(checkpoint)).source
          assert.match(recorded, /^\d+ bytes, sha256 [0-9a-f]{64}$/)
          // the file changed in place (one recipient more), resumed by a process of its own
          yield* write("r.csv", csv(11))
          const changed = yield* Effect.promise(() => spawnEntry("bin.ts", [...args, "--resume"], envOf(emu)).exited)
          assert.strictEqual(changed.code, 2, changed.stderr)
          assert.include(changed.stderr, `${file} is not the file this campaign was started with: ${checkpoint}`)
          assert.include(changed.stderr, `records ${recorded}`)
          assert.strictEqual(changed.stdout, "")
          // another file given the campaign's checkpoint
          const other = yield* write("other.csv", csv(10).replace(phone(9), phone(99)))
          const elsewhere = yield* runCli(
            args.map((arg) => (arg === file ? other : arg)).concat(["--checkpoint", checkpoint, "--resume"]),
            envOf(emu)
          )
          assert.strictEqual(elsewhere.code, 2, elsewhere.stderr)
          assert.include(elsewhere.stderr, `${other} is not the file this campaign was started with`)
          assert.strictEqual((yield* storedTexts(emu, appId)).size, 0, "nothing was sent")
          // the file as it was: the campaign resumes, everyone once
          yield* write("r.csv", csv(10))
          const resumed = yield* runCli([...args, "--resume"], envOf(emu))
          assert.strictEqual(resumed.code, 0, resumed.stderr)
          assertEveryoneOnce(yield* storedTexts(emu, appId), 10)
        })
    )

    it.scoped("a checkpoint that records no fingerprint of the file: --resume refuses it and says how to go on", () =>
      Effect.gen(function* () {
        const { appId, args, checkpoint, emu, fs } = yield* stoppedCampaign
        // the checkpoint as a version that did not record the file's fingerprint wrote it
        const { source, ...older } = JSON.parse(yield* fs.readFileString(checkpoint))
        yield* fs.writeFileString(checkpoint, JSON.stringify(older))
        const refused = yield* runCli([...args, "--resume"], envOf(emu))
        assert.strictEqual(refused.code, 2, refused.stderr)
        assert.include(refused.stderr, `${checkpoint} records no fingerprint of its recipients file`)
        assert.include(refused.stderr, `add "source": "${source}" to ${checkpoint}`)
        assert.strictEqual((yield* storedTexts(emu, appId)).size, 0, "nothing was sent")
        // done as the message says: the campaign resumes, everyone once
        yield* fs.writeFileString(checkpoint, JSON.stringify({ ...older, source }))
        const resumed = yield* runCli([...args, "--resume"], envOf(emu))
        assert.strictEqual(resumed.code, 0, resumed.stderr)
        assertEveryoneOnce(yield* storedTexts(emu, appId), 10)
      })
    )

    it.scoped("the file changed while the campaign sends it: it stops before anything of the new content is sent", () =>
      Effect.gen(function* () {
        const { appId, emu, write } = yield* campaign
        // 400 recipients of about 1 KB each: the file is read in many parts while the batches go out
        const pad = "x".repeat(1000)
        const content = (first: number) =>
          ["identity,n,pad", ...Array.from({ length: 400 }, (_, i) => `${phone(first + i)},${i},${pad}`)].join("\n")
        const file = yield* write("r.csv", content(0))
        const args = ["batch", "send", "--app-id", appId, "-r", file, "--message", message, "--batch-size", "10"]
        // once the first batch is out, the file is rewritten in place: as long, other phone numbers
        let rewritten = false
        const result = yield* runCli([...args, "--concurrency", "1"], envOf(emu), {
          onStdout: () => {
            if (!rewritten) writeFileSync(file, content(1000))
            rewritten = true
          }
        })
        assert.isTrue(rewritten)
        assert.strictEqual(result.code, 5, result.stderr)
        assert.include(result.stderr, `${file}: it changed since the campaign started with it`)
        const texts = yield* storedTexts(emu, appId)
        assert.isAbove(texts.size, 0)
        assert.isBelow(texts.size, 400)
        for (const identity of texts.keys()) assert.isTrue(identity < phone(1000), `${identity}: of the new content`)
      })
    )

    it.scoped(
      "killed midway (SIGKILL) with batches in flight and resumed: every recipient exactly once",
      () =>
        Effect.gen(function* () {
          const { appId, emu, fs, write } = yield* campaign
          const size = 5000
          const file = yield* write("r.csv", csv(size))
          const args = ["batch", "send", "--app-id", appId, "-r", file, "--message", message, "--batch-size", "250"]
          // a slow API, so that the process dies with batches in flight
          const slow = yield* emu.addFault(Fault.rule("batch.send", Fault.latency(80)))
          const first = spawnEntry("bin.ts", args, envOf(emu))
          // the readiness signal: the lines of 5 settled batches on stdout
          let out = ""
          yield* Effect.async<void>((resume) => {
            const onData = (d: Buffer) => {
              out += d.toString()
              if (out.split("\n").length > 5) {
                first.child.stdout.off("data", onData)
                resume(Effect.void)
              }
            }
            first.child.stdout.on("data", onData)
          })
          first.child.kill("SIGKILL")
          const killed = yield* Effect.promise(() => first.exited)
          assert.notStrictEqual(killed.code, 0)
          yield* emu.removeFault(slow)
          const atKill = JSON.parse(yield* fs.readFileString(`${file}.batch-checkpoint.json`))
          assert.isBelow(atKill.next, 20)
          assert.isAbove(atKill.next + atKill.settled.length, 0)

          const second = spawnEntry("bin.ts", [...args, "--resume"], envOf(emu))
          const resumed = yield* Effect.promise(() => second.exited)
          assert.strictEqual(resumed.code, 0, resumed.stderr)
          assert.include(resumed.stderr, "settled by an earlier run")
          assertEveryoneOnce(yield* storedTexts(emu, appId), size)
        }),
      { timeout: 180_000 }
    )
  })
})
