import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { runCli, spawnEntry } from "./helpers.js"

describe("demo", () => {
  it.live("runs in-process, every check holds, and the summary is printed", () =>
    Effect.gen(function* () {
      const result = yield* runCli(["demo"])
      assert.strictEqual(result.code, 0, result.stderr + result.stdout)
      assert.include(result.stdout, "Summary")
      assert.match(result.stdout, /messages sent\s+118 \(card 3, choice 3, list 3, location 3, media 3, text 103\)/)
      assert.match(
        result.stdout,
        /callbacks verified\s+\d+ \(CONTACT_CREATE 3, CONVERSATION_START 3, EVENT_INBOUND 3, MESSAGE_DELIVERY 236, MESSAGE_INBOUND 6, MESSAGE_SUBMIT 118\)/
      )
      assert.match(result.stdout, /messages exported\s+124 -> /)
      assert.match(result.stdout, /elapsed\s+\d+\.\d s/)
      assert.match(result.stdout, /All 7 checks held\./)
      assert.notInclude(result.stdout, "✗")
    })
  )

  it.live("runs as a process (the root `demo` script) and exits 0", () =>
    Effect.gen(function* () {
      const { exited } = spawnEntry("demo-main.ts", [], {})
      const result = yield* Effect.promise(() => exited)
      assert.strictEqual(result.code, 0, result.stderr)
      assert.match(result.stdout, /All 7 checks held\./)
    })
  )

  it.live("prints the inspector's URL; --keep leaves the emulator running for a look", () =>
    Effect.gen(function* () {
      const { child, exited } = spawnEntry("demo-main.ts", ["--keep"], {})
      const stdout = yield* Effect.promise(
        () =>
          new Promise<string>((resolve, reject) => {
            let out = ""
            child.stdout.on("data", (d: Buffer) => {
              out += d.toString()
              if (out.includes("Ctrl-C stops them.")) resolve(out)
            })
            void exited.then((r) => reject(new Error(`the demo exited with ${r.code}: ${r.stderr}`)))
          })
      )
      assert.match(stdout, /All 7 checks held\./)
      const url = /watch it in a browser: (\S+)/.exec(stdout)?.[1]
      assert.match(url ?? "", /^http:\/\/127\.0\.0\.1:\d+\/inspector\/$/)
      // after the summary, the page and the emulator's data are still there
      const page = yield* Effect.promise(() => fetch(url!).then((r) => r.text()))
      assert.include(page, "<title>Sinch emulator inspector</title>")
      const projects = yield* Effect.promise(() =>
        fetch(new URL("/emulator/inspector/projects", url!)).then(
          (r) => r.json() as Promise<{ projects: Array<{ stats: { messages: number } }> }>
        )
      )
      assert.strictEqual(projects.projects[0]!.stats.messages, 124)
      child.kill("SIGTERM")
      const result = yield* Effect.promise(() => exited)
      assert.notStrictEqual(result.code, 1, result.stderr)
    })
  )
})
