#!/usr/bin/env node
/**
 * `sinch-emulator [--port N] [--host H] [--seed [messages|contacts=N,messages=M]] [--token-ttl S] [--rate-limit N]
 *   [--no-inspector]`
 *
 * Starts the emulator, prints one `NAME=value` line per environment variable that points a client at it (and
 * `SINCH_EMULATOR_INSPECTOR_URL`, the web page that shows and drives it, unless `--no-inspector`), then keeps
 * serving until SIGINT/SIGTERM. Send the lines to a file to use them (`sinch-emulator > .env &`, then once the file is
 * written `set -a; . ./.env; set +a`): `eval "$(sinch-emulator &)"` would wait forever for the output to end.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Emulator from "./Emulator.js"

const usage = `usage: sinch-emulator [--port N] [--host HOST] [--seed [N | contacts=N,messages=M]] [--token-ttl SECONDS]
                      [--project-id ID] [--key-id ID] [--key-secret SECRET] [--rate-limit REQUESTS_PER_SECOND]
                      [--no-inspector]`

const fail = (message: string): never => {
  console.error(`sinch-emulator: ${message}\n${usage}`)
  process.exit(2)
}

const int = (name: string, raw: string | undefined): number => {
  const n = Number(raw)
  if (raw === undefined || !Number.isInteger(n) || n < 0) return fail(`${name} expects a non-negative integer`)
  return n
}

const parseSeed = (raw: string | undefined): Emulator.SeedOptions => {
  if (raw === undefined || raw.startsWith("--")) return { contacts: 100, messages: 1000 }
  if (/^\d+$/.test(raw)) return { contacts: 100, messages: Number(raw) }
  const out: { contacts?: number; messages?: number } = {}
  for (const part of raw.split(",")) {
    const [k, v] = part.split("=")
    if (k === "contacts" || k === "messages") out[k] = int(`--seed ${k}`, v)
    else fail(`unknown --seed key '${k}'`)
  }
  return out
}

const args = process.argv.slice(2)
const options: {
  port?: number
  host?: string
  seed?: Emulator.SeedOptions
  tokenTtlSeconds?: number
  projectId?: string
  keyId?: string
  keySecret?: string
  rateLimitPerSecond?: number
  inspector: boolean
} = { inspector: true }
for (let i = 0; i < args.length; i++) {
  const arg = args[i]!
  const [flag, inline] =
    arg.includes("=") && arg.startsWith("--")
      ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)]
      : [arg, undefined]
  const value = () => inline ?? args[++i]
  switch (flag) {
    case "--port":
      options.port = int("--port", value())
      break
    case "--host":
      options.host = value() ?? fail("--host expects a value")
      break
    case "--seed": {
      const next = inline ?? args[i + 1]
      const takesValue = inline === undefined && next !== undefined && !next.startsWith("--")
      options.seed = parseSeed(inline ?? (takesValue ? next : undefined))
      if (takesValue) i++
      break
    }
    case "--token-ttl":
      options.tokenTtlSeconds = int("--token-ttl", value())
      break
    case "--project-id":
      options.projectId = value() ?? fail("--project-id expects a value")
      break
    case "--key-id":
      options.keyId = value() ?? fail("--key-id expects a value")
      break
    case "--key-secret":
      options.keySecret = value() ?? fail("--key-secret expects a value")
      break
    case "--rate-limit":
      options.rateLimitPerSecond = int("--rate-limit", value())
      break
    case "--no-inspector":
      options.inspector = false
      break
    case "--help":
    case "-h":
      console.log(usage)
      process.exit(0)
      break
    default:
      fail(`unknown option '${arg}'`)
  }
}

const program = Effect.scoped(
  Effect.gen(function* () {
    const { seed, ...serveOptions } = options
    const emu = yield* Emulator.serve(serveOptions)
    const lines = Object.entries(emu.env).map(([k, v]) => `${k}=${v}`)
    if (emu.inspectorUrl !== undefined) lines.push(`SINCH_EMULATOR_INSPECTOR_URL=${emu.inspectorUrl}`)
    if (seed !== undefined) {
      const result = yield* emu.seed(seed)
      lines.push(`SINCH_APP_ID=${result.appId}`)
      if (result.firstContactId !== undefined) lines.push(`SINCH_CONTACT_ID=${result.firstContactId}`)
    }
    process.stdout.write(lines.join("\n") + "\n")
    return yield* Effect.never
  })
)

const fiber = Effect.runFork(program)
const stop = () => {
  Effect.runFork(Fiber.interrupt(fiber))
}
process.once("SIGINT", stop)
process.once("SIGTERM", stop)
fiber.addObserver((exit) => {
  if (Exit.isFailure(exit) && !Exit.isInterrupted(exit)) {
    console.error(`sinch-emulator: ${String(exit.cause)}`)
    process.exit(1)
  }
  process.exit(0)
})
