import * as NodeContext from "@effect/platform-node/NodeContext"
import * as FileSystem from "@effect/platform/FileSystem"
import { assert, describe, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as net from "node:net"
import { type Result, spawnEntry } from "./helpers.js"

// the settings of the report: one attempt may take 1 second, a whole call 2
const settings = { SINCH_PROJECT_ID: "p", SINCH_KEY_ID: "k", SINCH_KEY_SECRET: "s", SINCH_TIMEOUT: "1 second" }
const DEADLINE = { SINCH_DEADLINE: "2 seconds" }

/**
 * How long a command may run after it announced its target: the deadline of 2 seconds is the bound that matters,
 * this one only tells a hang from a slow machine (without SINCH_DEADLINE a call may take 63 seconds).
 */
const BOUND_MS = 30_000

/** A port nothing listens on: listened on, then closed. */
const closedPort = Effect.promise(
  () =>
    new Promise<number>((resolve) => {
      const server = net.createServer()
      server.listen(0, "127.0.0.1", () => {
        const { port } = server.address() as net.AddressInfo
        server.close(() => resolve(port))
      })
    })
)

/** A server that accepts every connection, reads what it is sent and never answers; `sockets` are its connections. */
const silentServer = Effect.acquireRelease(
  Effect.promise(
    () =>
      new Promise<{ readonly port: number; readonly server: net.Server; readonly sockets: Set<net.Socket> }>(
        (resolve) => {
          const sockets = new Set<net.Socket>()
          const server = net.createServer((socket) => {
            sockets.add(socket)
            socket.on("error", () => {})
            socket.resume()
          })
          server.listen(0, "127.0.0.1", () =>
            resolve({ port: (server.address() as net.AddressInfo).port, server, sockets })
          )
        }
      )
  ),
  ({ server, sockets }) =>
    Effect.promise(() => {
      for (const socket of sockets) socket.destroy()
      return new Promise<void>((resolve) => server.close(() => resolve()))
    })
)

interface Run extends Result {
  /** Milliseconds from the notice the CLI prints before its first request (`note: using ...`) to its exit. */
  readonly ranMs: number
}

/**
 * Runs the CLI in a process of its own and waits for it to exit; one that runs `BOUND_MS` past its notice is killed
 * and reported as a hang.
 */
const runProcess = (args: ReadonlyArray<string>, env: Readonly<Record<string, string>>) =>
  Effect.promise(async (): Promise<Run> => {
    const { child, exited } = spawnEntry("bin.ts", args, env)
    let announced: number | undefined
    let timer: ReturnType<typeof setTimeout> | undefined
    child.stderr.on("data", () => {
      if (announced === undefined) {
        announced = Date.now()
        timer = setTimeout(() => child.kill("SIGKILL"), BOUND_MS)
      }
    })
    const result = await exited
    clearTimeout(timer)
    return { ...result, ranMs: announced === undefined ? 0 : Date.now() - announced }
  })

const assertEnded = (label: string, run: Run, message: string | RegExp, code = 4) => {
  const said = `${label}: exit ${run.code} after ${run.ranMs} ms: ${run.stderr}`
  assert.isBelow(run.ranMs, BOUND_MS, `hung: ${said}`)
  assert.strictEqual(run.code, code, said)
  if (typeof message === "string") assert.include(run.stderr, message, said)
  else assert.match(run.stderr, message, said)
  assert.match(run.stderr, /\nsinch-conversation: [^\n]+\n$/, said)
}

/**
 * `export contacts`, `export messages` (to a file in `dir`) and `send text` at once, against `url` as API and token
 * endpoint, with the report's timeout and deadline.
 */
const runCommands = (dir: string, url: string, authMode: "oauth2" | "basic") => {
  const env = { ...settings, ...DEADLINE, SINCH_CONVERSATION_URL: url, SINCH_AUTH_URL: url, SINCH_AUTH_MODE: authMode }
  return Effect.all(
    [
      runProcess(["export", "contacts"], env),
      runProcess(["export", "messages", "-o", `${dir}/messages-${authMode}.ndjson`], env),
      runProcess(["send", "text", "--app-id", "A", "--to", "+46700000001", "hi"], env)
    ],
    { concurrency: "unbounded" }
  )
}

describe("an API that cannot be reached: a typed error and a non-zero exit within the deadline", () => {
  layer(NodeContext.layer)((it) => {
    it.scoped("a closed port: export contacts, export messages and send text exit 4 with the refused connection", () =>
      Effect.gen(function* () {
        const fs = yield* FileSystem.FileSystem
        const dir = yield* fs.makeTempDirectoryScoped()
        const port = yield* closedPort
        const url = `http://127.0.0.1:${port}`
        for (const authMode of ["oauth2", "basic"] as const) {
          const [contacts, messages, send] = yield* runCommands(dir, url, authMode)
          const refused = `ECONNREFUSED 127.0.0.1:${port}`
          assertEnded(`${authMode} export contacts`, contacts, refused)
          assertEnded(`${authMode} export messages`, messages, refused)
          assertEnded(`${authMode} send text`, send, refused)
          if (authMode === "oauth2") {
            for (const run of [contacts, messages, send]) {
              assert.include(run.stderr, "could not get an access token, nothing was sent to the API")
            }
          } else {
            assert.include(contacts.stderr, "contacts.list failed: ConnectionRefused")
            // an export of messages may list the apps or conversations of the project first
            assert.match(messages.stderr, /\.list failed: ConnectionRefused/)
            assert.include(send.stderr, "messages.send failed: ConnectionRefused")
          }
        }
      })
    )

    it.scoped(
      "a server that accepts and never answers: each command exits 4 with a timeout (no token: nothing sent)",
      () =>
        Effect.gen(function* () {
          const fs = yield* FileSystem.FileSystem
          const dir = yield* fs.makeTempDirectoryScoped()
          const silent = yield* silentServer
          const url = `http://127.0.0.1:${silent.port}`
          for (const authMode of ["oauth2", "basic"] as const) {
            const before = silent.sockets.size
            const [contacts, messages, send] = yield* runCommands(dir, url, authMode)
            if (authMode === "oauth2") {
              // the token endpoint never answered: nothing reached the API, a send included, and each says so
              const noToken = "could not get an access token, nothing was sent to the API"
              assertEnded(`${authMode} export contacts`, contacts, noToken)
              assertEnded(`${authMode} export messages`, messages, noToken)
              assertEnded(`${authMode} send text`, send, noToken)
              assert.notInclude(send.stderr, "may or may not have been processed")
            } else {
              assertEnded(`${authMode} export contacts`, contacts, "contacts.list timed out")
              assertEnded(`${authMode} export messages`, messages, /\.list timed out/)
              assertEnded(`${authMode} send text`, send, "messages.send timed out")
              // a send that timed out on the API may have been processed: said so, with the correlation id to look for
              assert.include(send.stderr, "it may or may not have been processed")
            }
            assert.isAtLeast(silent.sockets.size - before, 3, "every command reached the server")
          }
        })
    )

    it.scoped("a checkpoint store that accepts and never answers: export exits 5 instead of waiting forever", () =>
      Effect.gen(function* () {
        const fs = yield* FileSystem.FileSystem
        const dir = yield* fs.makeTempDirectoryScoped()
        const silent = yield* silentServer
        const api = `http://127.0.0.1:${yield* closedPort}`
        const run = yield* runProcess(["export", "messages", "-o", `${dir}/messages.ndjson`, "--resume"], {
          ...settings,
          SINCH_CONVERSATION_URL: api,
          SINCH_AUTH_URL: api,
          SINCH_CHECKPOINT_STORE: `redis://127.0.0.1:${silent.port}`
        })
        assertEnded(
          "export messages",
          run,
          `cannot resume from Redis checkpoint sinch-checkpoints:${dir}/messages.ndjson.checkpoint.json at 127.0.0.1:${silent.port}`,
          5
        )
        assert.isAtLeast(silent.sockets.size, 1, "the export reached the store")
      })
    )
  })
})
