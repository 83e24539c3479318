/**
 * Export throughput against the emulator over a real socket. Run: `pnpm bench` at the root builds every package, then measures the built code (what users run).
 * Prints messages/s and pages/s for an export to a file (fsync + checkpoint per page) and to stdout (discarded).
 */
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as FileSystem from "@effect/platform/FileSystem"
import { Emulator } from "@sinch-effect/emulator"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import { Cli, Stdio } from "@sinch-effect/cli"

const MESSAGES = Number(process.env["BENCH_MESSAGES"] ?? 20_000)

const program = Effect.gen(function* () {
  const emu = yield* Emulator.serve({ port: 0 })
  yield* emu.seed({ contacts: 100, messages: MESSAGES })
  const fs = yield* FileSystem.FileSystem
  const dir = yield* fs.makeTempDirectoryScoped()
  const run = (args: ReadonlyArray<string>) =>
    Effect.gen(function* () {
      const [io] = yield* Stdio.makeCapture()
      const discard: Stdio.Service = { ...io, stdout: () => Effect.void }
      const start = performance.now()
      const code = yield* Cli.run(["node", "sinch-conversation", ...args]).pipe(
        Effect.provideService(Stdio.Stdio, discard),
        Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(emu.env))))
      )
      const seconds = (performance.now() - start) / 1000
      if (code !== 0) throw new Error(`exit ${code}`)
      return seconds
    })
  const pages = Math.ceil(MESSAGES / 20)
  for (const [label, args] of [
    ["file (fsync + checkpoint per page)", ["export", "messages", "-o", `${dir}/m.ndjson`, "--overwrite"]],
    ["stdout", ["export", "messages"]]
  ] as const) {
    const seconds = yield* run(args)
    const rss = process.memoryUsage().rss / 1024 / 1024
    console.log(
      `export messages to ${label}: ${MESSAGES} messages, ${pages} pages of 20 in ${seconds.toFixed(2)} s = ` +
        `${Math.round(MESSAGES / seconds)} messages/s, ${Math.round(pages / seconds)} pages/s (rss ${rss.toFixed(0)} MiB)`
    )
  }
})

Effect.runPromise(program.pipe(Effect.scoped, Effect.provide(NodeContext.layer))).then(
  () => process.exit(0),
  (e) => {
    console.error(e)
    process.exit(1)
  }
)
