import * as NodeContext from "@effect/platform-node/NodeContext"
import * as FileSystem from "@effect/platform/FileSystem"
import { assert, describe, layer } from "@effect/vitest"
import { Emulator } from "@sinch-effect/emulator"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import { envOf, runCli } from "./helpers.js"

const SECRET_MARKER = "s3cr3t-value-that-must-not-leak"

describe("bad input: clear messages and exit codes", () => {
  layer(Layer.merge(Emulator.layer({ port: 0 }), NodeContext.layer), { excludeTestServices: true })((it) => {
    it.effect("missing credentials name every variable and flag (exit 2)", () =>
      Effect.gen(function* () {
        const result = yield* runCli(["export", "messages"], { SINCH_KEY_SECRET: SECRET_MARKER })
        assert.strictEqual(result.code, 2)
        assert.include(result.stderr, "missing credentials: SINCH_PROJECT_ID (--project-id), SINCH_KEY_ID (--key-id)")
        assert.include(result.stderr, "--emulator")
        assert.notInclude(result.stderr, "SINCH_KEY_SECRET (--key-secret)")
        assert.notInclude(result.stderr + result.stdout, SECRET_MARKER)
      })
    )

    it.scoped(
      "sharding and checkpoint store flags: usage errors (exit 2); Redis out of reach: exit 5, no password",
      () =>
        Effect.gen(function* () {
          const emu = yield* Emulator.Emulator
          const fs = yield* FileSystem.FileSystem
          const dir = yield* fs.makeTempDirectoryScoped()
          const out = ["-o", `${dir}/out.ndjson`]
          const cases: ReadonlyArray<readonly [ReadonlyArray<string>, string]> = [
            [
              ["messages", ...out, "--checkpoint-store", "ftp://host"],
              "--checkpoint-store: ftp is not a supported store"
            ],
            [["messages", ...out, "--checkpoint-store", "redis://host/x"], '"x" is not a database number'],
            [["messages", "--checkpoint-store", "redis://host"], "--checkpoint-store needs --output FILE"],
            [["messages", ...out, "--shards", "2", "--shard", "2"], "--shard must be between 0 and 1"],
            [["messages", ...out, "--shards", "0"], "--shards must be at least 1"],
            [
              ["messages", ...out, "--contact-id", "c", "--shards", "2"],
              "a sharded export needs the conversations of a project or a list with start_time and end_time"
            ],
            [
              ["contacts", ...out, "--shards", "2"],
              "a sharded export needs the conversations of a project or a list with start_time and end_time"
            ],
            [
              ["messages", ...out, "--only-recipient-originated"],
              "--only-recipient-originated needs --messages-source"
            ],
            [["messages", ...out, "--messages-source", "DISPATCH_SOURCE"], "DISPATCH_SOURCE needs --app-id"]
          ]
          for (const [args, message] of cases) {
            const result = yield* runCli(["export", ...args], envOf(emu))
            assert.strictEqual(result.code, 2, `${args.join(" ")}: ${result.stderr}`)
            assert.include(result.stderr, message)
          }
          // nothing listens on port 1: the checkpoint cannot be read, a checkpoint error; the URL's password stays out
          const unreachable = yield* runCli(["export", "messages", ...out, "--resume"], {
            ...envOf(emu),
            SINCH_CHECKPOINT_STORE: `redis://user:${SECRET_MARKER}@127.0.0.1:1`
          })
          assert.strictEqual(unreachable.code, 5, unreachable.stderr)
          assert.include(unreachable.stderr, "cannot resume from Redis checkpoint sinch-checkpoints:")
          assert.include(unreachable.stderr, "at 127.0.0.1:1: it cannot be read")
          assert.notInclude(unreachable.stderr + unreachable.stdout, SECRET_MARKER)
        })
    )

    it.effect("unknown region, from the environment or a flag (exit 2)", () =>
      Effect.gen(function* () {
        const env = { SINCH_PROJECT_ID: "p", SINCH_KEY_ID: "k", SINCH_KEY_SECRET: SECRET_MARKER }
        const fromEnv = yield* runCli(["export", "messages"], { ...env, SINCH_REGION: "mars" })
        assert.strictEqual(fromEnv.code, 2)
        assert.include(fromEnv.stderr, 'SINCH_REGION must be one of us, eu, br; got "mars"')
        const fromFlag = yield* runCli(["export", "messages", "--region", "mars"], env)
        assert.strictEqual(fromFlag.code, 2)
        assert.include(fromFlag.stderr, "us, eu, br")
        assert.notInclude(fromEnv.stderr + fromFlag.stderr, SECRET_MARKER)
      })
    )

    it.effect(
      "a wrong key secret: 401 names the key id and where the secret came from, never the secret (exit 3)",
      () =>
        Effect.gen(function* () {
          const emu = yield* Emulator.Emulator
          const result = yield* runCli(["export", "messages"], { ...envOf(emu), SINCH_KEY_SECRET: SECRET_MARKER })
          assert.strictEqual(result.code, 3, result.stderr)
          assert.include(result.stderr, "authentication failed (401)")
          assert.include(result.stderr, `key id ${emu.keyId} (from SINCH_KEY_ID)`)
          assert.include(result.stderr, "secret (from SINCH_KEY_SECRET)")
          assert.notInclude(result.stderr, SECRET_MARKER)
          const viaFlag = yield* runCli(["export", "messages", "--key-secret", SECRET_MARKER], envOf(emu))
          assert.strictEqual(viaFlag.code, 3)
          assert.include(viaFlag.stderr, "secret (from --key-secret)")
          assert.notInclude(viaFlag.stderr, SECRET_MARKER)
        })
    )

    it.effect("a key of another project: 403 names the project (exit 3)", () =>
      Effect.gen(function* () {
        const emu = yield* Emulator.Emulator
        const other = yield* emu.createProject
        const result = yield* runCli(["export", "contacts"], {
          ...envOf(emu),
          SINCH_KEY_ID: other.keyId,
          SINCH_KEY_SECRET: Redacted.value(other.keySecret)
        })
        assert.strictEqual(result.code, 3, result.stderr)
        assert.include(result.stderr, "access denied (403)")
        assert.include(result.stderr, `no access to project ${emu.projectId} (from SINCH_PROJECT_ID)`)
        assert.notInclude(result.stderr, Redacted.value(other.keySecret))
      })
    )

    it.scoped("an unreadable checkpoint (exit 5)", () =>
      Effect.gen(function* () {
        const emu = yield* Emulator.Emulator
        const fs = yield* FileSystem.FileSystem
        const dir = yield* fs.makeTempDirectoryScoped()
        yield* fs.writeFileString(`${dir}/out.ndjson`, "")
        yield* fs.writeFileString(`${dir}/out.ndjson.checkpoint.json`, "{ not json")
        const garbage = yield* runCli(["export", "messages", "-o", `${dir}/out.ndjson`, "--resume"], envOf(emu))
        assert.strictEqual(garbage.code, 5)
        assert.include(garbage.stderr, `cannot resume from checkpoint ${dir}/out.ndjson.checkpoint.json`)
        assert.include(garbage.stderr, "not a checkpoint of sinch-conversation export")

        yield* fs.makeDirectory(`${dir}/dir.checkpoint.json`)
        const unreadable = yield* runCli(
          ["export", "messages", "-o", `${dir}/out.ndjson`, "--resume", "--checkpoint", `${dir}/dir.checkpoint.json`],
          envOf(emu)
        )
        assert.strictEqual(unreadable.code, 5)
        assert.include(unreadable.stderr, "it cannot be read")

        // a checkpoint of another export kind
        assert.strictEqual((yield* runCli(["export", "contacts", "-o", `${dir}/c.ndjson`], envOf(emu))).code, 0)
        const otherKind = yield* runCli(["export", "messages", "-o", `${dir}/c.ndjson`, "--resume"], envOf(emu))
        assert.strictEqual(otherKind.code, 5)
        assert.include(otherKind.stderr, "it belongs to `export contacts`")

        // the output file was cut after the checkpoint was written
        yield* fs.writeFileString(
          `${dir}/c.ndjson.checkpoint.json`,
          (yield* fs.readFileString(`${dir}/c.ndjson.checkpoint.json`))
            .replace('"done": true', '"done": false')
            .replace(/"bytes": \d+/, '"bytes": 999999')
        )
        const shorter = yield* runCli(["export", "contacts", "-o", `${dir}/c.ndjson`, "--resume"], envOf(emu))
        assert.strictEqual(shorter.code, 5)
        assert.include(shorter.stderr, "is shorter")
      })
    )

    it.scoped("a checkpoint of another project or URL is refused: no silent switch between emulator and Sinch", () =>
      Effect.gen(function* () {
        const emu = yield* Emulator.Emulator
        const fs = yield* FileSystem.FileSystem
        const dir = yield* fs.makeTempDirectoryScoped()
        const file = `${dir}/m.ndjson`
        const first = yield* runCli(["export", "messages", "-o", file], envOf(emu))
        assert.strictEqual(first.code, 0, first.stderr)
        const other = yield* emu.createProject
        const result = yield* runCli(["export", "messages", "-o", file, "--resume"], {
          ...envOf(emu),
          SINCH_PROJECT_ID: other.projectId,
          SINCH_KEY_ID: other.keyId,
          SINCH_KEY_SECRET: Redacted.value(other.keySecret)
        })
        assert.strictEqual(result.code, 5)
        assert.include(result.stderr, `it belongs to project ${emu.projectId} at ${emu.url}`)
      })
    )

    it.effect("the target is announced; half-emulator, half-Sinch settings are refused (exit 2)", () =>
      Effect.gen(function* () {
        const emu = yield* Emulator.Emulator
        const ok = yield* runCli(["export", "contacts"], envOf(emu))
        assert.strictEqual(ok.code, 0)
        assert.include(ok.stderr, `note: using ${emu.url} (from SINCH_CONVERSATION_URL; not a Sinch endpoint)`)
        const { SINCH_AUTH_URL: _, ...withoutAuth } = envOf(emu)
        const mixed = yield* runCli(["export", "contacts"], withoutAuth)
        assert.strictEqual(mixed.code, 2)
        assert.include(mixed.stderr, "point at different systems")
        const emulatorAndProject = yield* runCli(["export", "contacts", "--emulator", "--project-id", "p"], {})
        assert.strictEqual(emulatorAndProject.code, 2)
        assert.include(emulatorAndProject.stderr, "--emulator runs against a fresh local emulator")
        const seedWithoutEmulator = yield* runCli(["export", "contacts", "--seed", "10"], envOf(emu))
        assert.strictEqual(seedWithoutEmulator.code, 2)
        assert.include(seedWithoutEmulator.stderr, "--seed only applies to --emulator")
        const embedded = yield* runCli(["export", "messages", "--emulator", "--seed", "25"], envOf(emu))
        assert.strictEqual(embedded.code, 0, embedded.stderr)
        assert.include(embedded.stderr, "note: using a fresh embedded emulator at http://127.0.0.1:")
        assert.strictEqual(embedded.stdout.split("\n").filter((l) => l !== "").length, 25)
      })
    )

    it.scoped("flag mistakes (exit 2)", () =>
      Effect.gen(function* () {
        const emu = yield* Emulator.Emulator
        const fs = yield* FileSystem.FileSystem
        const dir = yield* fs.makeTempDirectoryScoped()
        const cases: ReadonlyArray<readonly [ReadonlyArray<string>, string]> = [
          [["export", "messages", "--resume"], "--resume needs --output FILE"],
          [["export", "messages", "-o", `${dir}/x`, "--resume", "--overwrite"], "exclude each other"],
          [["export", "messages", "--start-time", "yesterday"], "is not a date-time"],
          [["export", "messages", "--channel", "S M S"], "is not a channel name"],
          [["export", "messages", "--page-size", "0"], "--page-size must be at least 1"],
          [["export", "conversations"], "needs --app-id or --contact-id"],
          [
            ["export", "messages", "--resume", "--emulator", "-o", `${dir}/y`],
            "--resume cannot be used with --emulator"
          ],
          [["export", "messages", "--no-such-flag"], "no-such-flag"],
          [["send", "text", "hi"], "exactly one of --contact-id or --to"],
          [["send", "text", "--to", "+1", "hi"], "--app-id is required"]
        ]
        for (const [args, expected] of cases) {
          const result = yield* runCli(args, envOf(emu))
          assert.strictEqual(result.code, 2, `${args.join(" ")}: ${result.stderr}`)
          assert.include(result.stderr, expected, args.join(" "))
          assert.strictEqual(result.stdout, "", args.join(" "))
        }
        yield* fs.writeFileString(`${dir}/exists.ndjson`, "{}\n")
        const exists = yield* runCli(["export", "messages", "-o", `${dir}/exists.ndjson`], envOf(emu))
        assert.strictEqual(exists.code, 2)
        assert.include(exists.stderr, "exists. Add --overwrite to replace it")
        assert.strictEqual(yield* fs.readFileString(`${dir}/exists.ndjson`), "{}\n")
        const noCheckpoint = yield* runCli(["export", "messages", "-o", `${dir}/exists.ndjson`, "--resume"], envOf(emu))
        assert.strictEqual(noCheckpoint.code, 5)
        assert.include(noCheckpoint.stderr, "there is no checkpoint")
      })
    )
  })
})

describe("send text", () => {
  layer(Layer.merge(Emulator.layer({ port: 0 }), NodeContext.layer), { excludeTestServices: true })((it) => {
    it.effect("sends through the API and prints the message id as JSON; --emulator creates an app", () =>
      Effect.gen(function* () {
        const emu = yield* Emulator.Emulator
        const app = yield* Effect.promise(() =>
          fetch(`${emu.url}/oauth2/token`, {
            method: "POST",
            headers: {
              "content-type": "application/x-www-form-urlencoded",
              authorization: `Basic ${Buffer.from(`${emu.keyId}:${Redacted.value(emu.keySecret)}`).toString("base64")}`
            },
            body: "grant_type=client_credentials"
          })
            .then((r) => r.json() as Promise<{ access_token: string }>)
            .then((t) =>
              fetch(`${emu.url}/v1/projects/${emu.projectId}/apps`, {
                method: "POST",
                headers: { authorization: `Bearer ${t.access_token}`, "content-type": "application/json" },
                body: JSON.stringify({
                  display_name: "cli test",
                  channel_credentials: [{ channel: "SMS", static_bearer: { claimed_identity: "x", token: "y" } }]
                })
              })
            )
            .then((r) => r.json() as Promise<{ id: string }>)
        )
        const sent = yield* runCli(
          ["send", "text", "--app-id", app.id, "--to", "+46700000001", "Hello there"],
          envOf(emu)
        )
        assert.strictEqual(sent.code, 0, sent.stderr)
        const out = JSON.parse(sent.stdout) as { message_id: string; accepted_time: string }
        assert.isString(out.message_id)
        const exported = yield* runCli(["export", "messages"], envOf(emu))
        const message = JSON.parse(exported.stdout.trim()) as { id: string; app_message: unknown }
        assert.strictEqual(message.id, out.message_id)
        assert.deepStrictEqual(message.app_message, { text_message: { text: "Hello there" } })

        const embedded = yield* runCli(["send", "text", "--emulator", "--to", "+46700000002", "Hi"], {})
        assert.strictEqual(embedded.code, 0, embedded.stderr)
        assert.include(embedded.stderr, "note: created app")
        assert.isString((JSON.parse(embedded.stdout) as { message_id: string }).message_id)

        const unknownApp = yield* runCli(["send", "text", "--app-id", "01NOSUCHAPP", "--to", "+1", "x"], envOf(emu))
        assert.strictEqual(unknownApp.code, 4)
        assert.include(unknownApp.stderr, "messages.send failed")
      })
    )

    it.effect("basic auth works against the emulator, with or without a token URL (no token endpoint is used)", () =>
      Effect.gen(function* () {
        const emu = yield* Emulator.Emulator
        const { appId } = yield* emu.seed({ contacts: 1, messages: 1 })
        const { SINCH_AUTH_URL: _, ...withoutAuthUrl } = envOf(emu)
        for (const env of [envOf(emu), withoutAuthUrl]) {
          const sent = yield* runCli(["send", "text", "--app-id", appId, "--to", "+46700000009", "over basic auth"], {
            ...env,
            SINCH_AUTH_MODE: "basic"
          })
          assert.strictEqual(sent.code, 0, sent.stderr)
          assert.isString(JSON.parse(sent.stdout).message_id)
        }
      })
    )

    it.effect("usage errors carry the prefix and suggest the nearest flag (exit 2)", () =>
      Effect.gen(function* () {
        const typo = yield* runCli(["export", "messages", "--outpt", "x.ndjson"], {})
        assert.strictEqual(typo.code, 2)
        assert.match(typo.stderr, /^sinch-conversation: .*--outpt.*did you mean --output\?\n$/)
        const unknown = yield* runCli(["send", "text", "--bogus", "hi"], {})
        assert.strictEqual(unknown.code, 2)
        assert.match(unknown.stderr, /^sinch-conversation: .*Unknown flag --bogus; each command lists its flags/)
        const subcommand = yield* runCli(["export", "mesages"], {})
        assert.strictEqual(subcommand.code, 2)
        assert.match(subcommand.stderr, /^sinch-conversation: .*Unknown command mesages: did you mean messages\?/)
      })
    )

    it.effect("help on a pipe: plain text, lines of at most 100 columns, a description of its own for every flag", () =>
      Effect.gen(function* () {
        for (const command of [[], ["export", "messages"], ["export", "contacts"], ["send", "text"], ["emulator"]]) {
          const help = yield* runCli([...command, "--help"], {})
          assert.strictEqual(help.code, 0)
          assert.notInclude(help.stdout, "\x1b[", `${command.join(" ")}: no ANSI codes`)
          for (const line of help.stdout.split("\n")) assert.isAtMost(line.length, 100, line)
          assert.notInclude(help.stdout, "A true or false value")
          assert.notInclude(help.stdout, "A user-defined piece of text")
          // every flag heading of the OPTIONS section is followed by a description
          const options = help.stdout.slice(help.stdout.indexOf("OPTIONS")).split("\n")
          options.forEach((line, i) => {
            if (line.startsWith("--") || line.startsWith("(-")) assert.match(options[i + 2] ?? "", /^  \S/, line)
          })
        }
      })
    )
  })
})
