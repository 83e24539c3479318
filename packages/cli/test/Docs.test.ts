/**
 * The code samples of docs/getting-started.md and docs/cli.md: the example program runs, and every
 * `sinch-conversation` line of a `sh` block runs against a seeded emulator and exits 0.
 */
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as FileSystem from "@effect/platform/FileSystem"
import { assert, describe, it, layer } from "@effect/vitest"
import { Emulator } from "@sinch-effect/emulator"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { helloOnTheEmulator } from "../../../docs/examples/getting-started.js"
import * as Cli from "../src/Cli.js"
import * as Stdio from "../src/Stdio.js"
import { envOf, rawGetAll, runCli } from "./helpers.js"

const docs = (name: string) => readFileSync(fileURLToPath(new URL(`../../../docs/${name}`, import.meta.url)), "utf8")

/** The lines of the fenced blocks of a language. */
const blocks = (markdown: string, lang: string): ReadonlyArray<string> =>
  [...markdown.matchAll(new RegExp("```" + lang + "\\n([\\s\\S]*?)```", "g"))].map((m) => m[1]!)

/** Splits a command line like a shell (double quotes, `$VAR`), up to a pipe or redirection. */
const words = (line: string, vars: Readonly<Record<string, string>>): ReadonlyArray<string> => {
  const out: Array<string> = []
  for (const match of line.matchAll(/"([^"]*)"|(\S+)/g)) {
    const word = match[1] ?? match[2]!
    if (match[1] === undefined && ["|", "||", "&&", ">", "2>", ";"].includes(word)) break
    out.push(word.replace(/\$([A-Z_]+)/g, (_, name: string) => vars[name] ?? `$${name}`))
  }
  return out
}

/** The text block of a page that begins with `first`. */
const blockAfter = (markdown: string, first: string): string =>
  blocks(markdown, "text").find((b) => b.startsWith(first)) ?? ""

/** The message of docs/cli.md's batch send, and its NDJSON recipients without the contact (which the seed lacks). */
const campaignMessage = JSON.stringify({ text_message: { text: "Hello ${name}, your code is ${code}" } })
const customersNdjson = blockAfter(docs("cli.md"), '{"identity"')
  .split("\n")
  .filter((l) => !l.includes('"contact_id"'))
  .join("\n")

describe("docs/getting-started.md", () => {
  it.live("the first program sends a message to the emulator and reads it back", () =>
    Effect.gen(function* () {
      const result = yield* helloOnTheEmulator
      assert.strictEqual(result.text, "Hello from Effect!")
      assert.isString(result.messageId)
    })
  )

  it("shows docs/examples/getting-started.ts verbatim", () => {
    const file = docs("examples/getting-started.ts")
    assert.include(blocks(docs("getting-started.md"), "ts"), file)
  })
})

const seeded = Layer.effectDiscard(
  Effect.flatMap(Emulator.Emulator, (emu) => emu.seed({ contacts: 20, messages: 200 }))
).pipe(Layer.provideMerge(Emulator.layer({ port: 0 })), Layer.orDie)

describe("docs/cli.md", () => {
  layer(Layer.merge(seeded, NodeContext.layer), { excludeTestServices: true })((it) => {
    it.scoped("every sinch-conversation command of the sh blocks exits 0 against the emulator", () =>
      Effect.gen(function* () {
        const emu = yield* Emulator.Emulator
        const fs = yield* FileSystem.FileSystem
        const [contacts, apps] = yield* rawGetAll(emu, ["/contacts?page_size=1", "/apps"])
        const vars = {
          APP_ID: (JSON.parse(apps!) as { apps: Array<{ id: string }> }).apps[0]!.id,
          CONTACT_ID: (JSON.parse(contacts!) as { contacts: Array<{ id: string }> }).contacts[0]!.id
        }
        const commands = blocks(docs("cli.md"), "sh")
          .flatMap((block) => block.split("\n"))
          .filter((line) => line.startsWith("sinch-conversation "))
        assert.isAtLeast(commands.length, 10)
        for (const line of commands) {
          const dir = yield* fs.makeTempDirectoryScoped()
          // the input files of batch send, as the page shows them
          yield* fs.writeFileString(`${dir}/message.json`, campaignMessage)
          yield* fs.writeFileString(`${dir}/customers.csv`, blockAfter(docs("cli.md"), "identity,channel,name,code"))
          yield* fs.writeFileString(`${dir}/customers.ndjson`, customersNdjson)
          const args = words(line, vars)
            .slice(1)
            .map((w) => (/\.(ndjson|csv|json)$/.test(w) ? `${dir}/${w}` : w))
          const result = yield* runCli(args, envOf(emu))
          assert.strictEqual(result.code, 0, `${line}\n${result.stderr}`)
        }
      })
    )
  })

  it.live("`emulator` prints the SINCH_* variables and serves until interrupted", () =>
    Effect.gen(function* () {
      const [io, captured] = yield* Stdio.makeCapture()
      const fiber = yield* Effect.fork(
        Cli.run(["node", "sinch-conversation", "emulator", "--seed", "30"]).pipe(
          Effect.provideService(Stdio.Stdio, io),
          Effect.provide(NodeContext.layer),
          Effect.withConfigProvider(ConfigProvider.fromMap(new Map()))
        )
      )
      let out = ""
      for (let i = 0; i < 200 && !out.includes("SINCH_APP_ID="); i++) {
        yield* Effect.sleep("10 millis")
        out = yield* captured.stdout
      }
      const env = Object.fromEntries(
        out
          .trim()
          .split("\n")
          .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)])
      )
      assert.deepStrictEqual(Object.keys(env).sort(), [
        "SINCH_APP_ID",
        "SINCH_AUTH_URL",
        "SINCH_BATCH_URL",
        "SINCH_CONVERSATION_URL",
        "SINCH_KEY_ID",
        "SINCH_KEY_SECRET",
        "SINCH_PROJECT_ID",
        "SINCH_TEMPLATES_URL"
      ])
      const { SINCH_APP_ID: _, ...clientEnv } = env
      const exported = yield* runCli(["export", "messages"], clientEnv as Record<string, string>)
      assert.strictEqual(exported.code, 0, exported.stderr)
      assert.strictEqual(exported.stdout.trim().split("\n").length, 30)
      yield* Fiber.interrupt(fiber)
    })
  )
})
