/**
 * A real `redis-server` for tests: started on a free port, ready once it answers PING, stopped with the scope.
 * Never a mock. Debian's `redis-server` package provides the binary (`scripts/system-deps.sh`, run by `pnpm test:all`,
 * installs it as root); where it is missing the error says what to install.
 */
import { spawn } from "node:child_process"
import * as Net from "node:net"
import * as Effect from "effect/Effect"
import { Redis as IORedis } from "ioredis"
import type * as Scope from "effect/Scope"

/** A running Redis server. */
export interface RedisServer {
  readonly host: string
  readonly port: number
  /** `redis://host:port` */
  readonly url: string
  /** Stops the server before the scope closes (to test what happens when Redis is gone). */
  readonly stop: Effect.Effect<void>
  /** Freezes the process (SIGSTOP): connections stay open and nothing is answered, until `resume` (SIGCONT). */
  readonly pause: Effect.Effect<void>
  readonly resume: Effect.Effect<void>
}

const MISSING =
  "redis-server is not installed. The tests start a real Redis: install Debian's package as root with " +
  "`apt-get update && apt-get install -y redis-server` (or run `bash scripts/system-deps.sh`), then run the tests again."

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = Net.createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as Net.AddressInfo).port
      server.close(() => resolve(port))
    })
  })

/** Answers whether a Redis server on `port` replies +PONG to PING. */
export const ping = (port: number, host = "127.0.0.1"): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = Net.connect({ port, host })
    let data = ""
    const done = (ok: boolean) => {
      socket.destroy()
      resolve(ok)
    }
    socket.setTimeout(2_000, () => done(false))
    socket.once("error", () => done(false))
    socket.once("connect", () => socket.write("PING\r\n"))
    socket.on("data", (chunk) => {
      data += chunk.toString("latin1")
      if (data.includes("\r\n")) done(data.startsWith("+PONG"))
    })
  })

const startOnce = (port: number) =>
  Effect.async<{ readonly stop: () => Promise<void>; readonly signal: (signal: NodeJS.Signals) => void }, Error>(
    (resume) => {
      const child = spawn(
        "redis-server",
        ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "no"],
        { stdio: ["ignore", "pipe", "pipe"] }
      )
      let output = ""
      let settled = false
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()))
      const signal = (name: NodeJS.Signals) => {
        if (child.exitCode === null && child.signalCode === null) child.kill(name)
      }
      const stop = async () => {
        signal("SIGTERM")
        // a paused server handles the SIGTERM once continued
        signal("SIGCONT")
        await exited
      }
      child.stdout.on("data", (chunk) => (output += chunk.toString()))
      child.stderr.on("data", (chunk) => (output += chunk.toString()))
      child.once("error", (error: NodeJS.ErrnoException) => {
        settled = true
        resume(
          Effect.fail(new Error(error.code === "ENOENT" ? MISSING : `redis-server failed to start: ${error.message}`))
        )
      })
      child.once("exit", (code) => {
        if (settled) return
        settled = true
        resume(
          Effect.fail(new Error(`redis-server exited (code ${code}) before it was ready:\n${output.slice(-2000)}`))
        )
      })
      // readiness: poll PING until the server answers (no fixed sleep)
      const poll = async () => {
        while (!settled) {
          if (await ping(port)) {
            if (!settled) {
              settled = true
              resume(Effect.succeed({ stop, signal }))
            }
            return
          }
          await new Promise((r) => setTimeout(r, 20))
        }
      }
      void poll()
      return Effect.promise(stop)
    }
  )

/**
 * Starts `redis-server` on a free localhost port and stops it when the scope closes. A port taken between choosing it
 * and binding it is retried with another.
 */
export const start: Effect.Effect<RedisServer, Error, Scope.Scope> = Effect.gen(function* () {
  let lastError: Error | undefined
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = yield* Effect.promise(freePort)
    const started = yield* Effect.either(startOnce(port))
    if (started._tag === "Right") {
      yield* Effect.addFinalizer(() => Effect.promise(started.right.stop))
      return {
        host: "127.0.0.1",
        port,
        url: `redis://127.0.0.1:${port}`,
        stop: Effect.promise(started.right.stop),
        pause: Effect.sync(() => started.right.signal("SIGSTOP")),
        resume: Effect.sync(() => started.right.signal("SIGCONT"))
      }
    }
    lastError = started.left
    if (lastError.message === MISSING) break
  }
  return yield* Effect.fail(lastError ?? new Error("redis-server did not start"))
})

/**
 * Waits, once `server` is stopped, until a client of its own has had `count` reconnections refused: by then every
 * client of that server has tried to reconnect and failed too (ioredis retries after 50, 100, 150 ms, ...).
 */
export const awaitRefusedReconnects = (server: RedisServer, count = 3): Effect.Effect<void> =>
  Effect.async<void>((resume) => {
    const probe = new IORedis({ host: server.host, port: server.port, maxRetriesPerRequest: 0, lazyConnect: false })
    let refused = 0
    probe.on("error", () => {
      if (++refused === count) {
        probe.disconnect()
        resume(Effect.void)
      }
    })
    return Effect.sync(() => probe.disconnect())
  })

/**
 * Records what is printed with `console.error` while the scope is open (and still prints it): the lines ioredis
 * prints for an error event nobody listens to start with `[ioredis]`.
 */
export const recordConsoleErrors: Effect.Effect<() => ReadonlyArray<string>, never, Scope.Scope> =
  Effect.acquireRelease(
    Effect.sync(() => {
      const original = console.error
      const lines: Array<string> = []
      console.error = (...args: Array<unknown>) => {
        lines.push(args.map(String).join(" "))
        original(...args)
      }
      return { original, lines }
    }),
    ({ original }) => Effect.sync(() => void (console.error = original))
  ).pipe(Effect.map(({ lines }) => () => [...lines]))
