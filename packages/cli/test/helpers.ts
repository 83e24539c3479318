import * as NodeContext from "@effect/platform-node/NodeContext"
import { Emulator } from "@sinch-effect/emulator"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import { spawn } from "node:child_process"
import { fileURLToPath } from "node:url"
import * as Cli from "../src/Cli.js"
import * as Stdio from "../src/Stdio.js"

export interface Result {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/**
 * Runs the CLI in-process with the given environment (nothing else from process.env) and captured stdio; `onStdout`
 * runs after each write to stdout, while the CLI waits for the write.
 */
export const runCli = (
  args: ReadonlyArray<string>,
  env: Readonly<Record<string, string>> = {},
  options?: { readonly stderrIsTTY?: boolean; readonly onStdout?: () => void }
): Effect.Effect<Result> =>
  Effect.gen(function* () {
    const [captureIo, captured] = yield* Stdio.makeCapture(options)
    const onStdout = options?.onStdout
    const io: Stdio.Service =
      onStdout === undefined
        ? captureIo
        : { ...captureIo, stdout: (chunk) => Effect.zipRight(captureIo.stdout(chunk), Effect.sync(onStdout)) }
    const code = yield* Cli.run(["node", "sinch-conversation", ...args]).pipe(
      Effect.provideService(Stdio.Stdio, io),
      Effect.provide(NodeContext.layer),
      Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env))))
    )
    return { code, stdout: yield* captured.stdout, stderr: yield* captured.stderr }
  })

/** The emulator's SINCH_* variables. */
export const envOf = (emu: Emulator.Running): Record<string, string> => ({ ...emu.env })

/** A fresh token of the emulator's project, fetched as any OAuth2 client would. */
const tokenOf = (emu: Emulator.Running): Promise<string> =>
  fetch(`${emu.authUrl}/oauth2/token`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization: `Basic ${Buffer.from(`${emu.keyId}:${emu.env["SINCH_KEY_SECRET"]}`).toString("base64")}`
    },
    body: "grant_type=client_credentials"
  })
    .then((r) => r.json() as Promise<{ access_token: string }>)
    .then((token) => token.access_token)

/** A raw GET of a path of the emulator's project with `token`: the exact bytes it answers. */
const get = (emu: Emulator.Running, token: string, path: string) =>
  fetch(`${emu.url}/v1/projects/${emu.projectId}${path}`, { headers: { authorization: `Bearer ${token}` } })

/** A raw GET against the emulator with a fresh token: the exact bytes it answers. */
export const rawGet = (emu: Emulator.Running, path: string) =>
  Effect.promise(async () => {
    const res = await get(emu, await tokenOf(emu), path)
    return { status: res.status, text: await res.text() }
  })

/** GETs many paths with one token, a few at a time; returns the bodies in order. */
export const rawGetAll = (emu: Emulator.Running, paths: ReadonlyArray<string>) =>
  Effect.promise(async () => {
    const token = await tokenOf(emu)
    const out: Array<string> = new Array(paths.length)
    let next = 0
    const worker = async () => {
      while (next < paths.length) {
        const i = next++
        out[i] = await (await get(emu, token, paths[i]!)).text()
      }
    }
    await Promise.all(Array.from({ length: 8 }, worker))
    return out
  })

const root = fileURLToPath(new URL("../../..", import.meta.url))

/** A child process running a TypeScript entry of this package with tsx (as `pnpm demo` does). */
export const spawnEntry = (entry: string, args: ReadonlyArray<string>, env: Readonly<Record<string, string>>) => {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--conditions=@sinch-effect/source", `packages/cli/src/${entry}`, ...args],
    { cwd: root, env: { PATH: process.env["PATH"] ?? "", HOME: process.env["HOME"] ?? "", ...env } }
  )
  let stdout = ""
  let stderr = ""
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()))
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()))
  const exited = new Promise<Result>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code: code ?? (signal === null ? -1 : 128), stdout, stderr }))
  )
  return { child, exited }
}
