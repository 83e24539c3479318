// What users install is what we test: every package packed with `pnpm pack`, the tarballs installed with npm into a
// fresh project outside the workspace (no workspace links, no source condition), then the docs examples and user
// programs typechecked with `tsc --strict` (node16 ESM and CommonJS, bundler) and run against the emulator started
// from the installed bin.
import { assert, describe, it } from "@effect/vitest"
import { type ChildProcess, execFile, spawn } from "node:child_process"
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from "node:fs"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import { afterAll, beforeAll } from "vitest"

const root = resolve(fileURLToPath(new URL("../..", import.meta.url)))
const packages = ["schema", "client", "webhooks", "emulator", "cli"] as const

interface Run {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** Runs a command to its end; never rejects (the exit code and the output are the result). */
const run = (command: string, args: ReadonlyArray<string>, cwd: string, env: Record<string, string> = {}) =>
  new Promise<Run>((done) => {
    execFile(
      command,
      args,
      { cwd, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : 1
        done({ code, stdout, stderr: stderr || (error?.message ?? "") })
      }
    )
  })

const ok = (result: Run, what: string): string => {
  assert.strictEqual(result.code, 0, `${what} failed:\n${result.stdout}\n${result.stderr}`)
  return result.stdout
}

const writeJson = (path: string, value: unknown) => writeFileSync(path, JSON.stringify(value, null, 2) + "\n")

let dir = ""
let app = ""
let emulator: ChildProcess | undefined
const emulatorEnv: Record<string, string> = {}

const tsc = (project: string) => run(process.execPath, ["node_modules/typescript/bin/tsc", "-p", project], app)
const node = (args: ReadonlyArray<string>, env: Record<string, string> = {}) => run(process.execPath, args, app, env)

/** Starts the installed `sinch-emulator` bin; ready once it printed its variables (the seeded app's id comes last). */
const startEmulator = () =>
  new Promise<void>((ready, fail) => {
    const child = spawn(process.execPath, ["node_modules/.bin/sinch-emulator", "--seed", "contacts=1,messages=1"], {
      cwd: app,
      stdio: ["ignore", "pipe", "pipe"]
    })
    emulator = child
    let out = ""
    let err = ""
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString()
      if (!/^SINCH_APP_ID=.*\n/m.test(out)) return
      for (const line of out.trim().split("\n")) {
        const at = line.indexOf("=")
        emulatorEnv[line.slice(0, at)] = line.slice(at + 1)
      }
      ready()
    })
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()))
    child.on("exit", (code) => fail(new Error(`sinch-emulator exited (${code}) before it was ready: ${err}`)))
  })

/**
 * The exports a package's source marks `@internal` (a group module's `make(api)`, used by `SinchClient`): exported at
 * runtime between modules, deliberately left out of the declarations. Keyed `Namespace.name`.
 */
const internalExports = (name: string): ReadonlySet<string> => {
  const src = join(root, "packages", name, "src")
  const index = readFileSync(join(src, "index.ts"), "utf8")
  const hidden = new Set<string>()
  for (const [, namespace, file] of index.matchAll(/export \* as (\w+) from "\.\/(\w+)\.js"/g)) {
    const text = readFileSync(join(src, `${file}.ts`), "utf8")
    for (const [, exported] of text.matchAll(/@internal\s*\*\/\s*export (?:const|function|class) (\w+)/g)) {
      hidden.add(`${namespace}.${exported}`)
    }
  }
  return hidden
}

/**
 * A module that reads every runtime export of every package as a value (`schema.Ids.AppId`, ...): it compiles only if
 * the declarations declare each one, in the same namespace (the `@internal` ones excepted).
 */
const exportsProgram = (runtime: Record<string, Record<string, ReadonlyArray<string>>>) =>
  packages
    .map((name) => `import * as ${name} from "@sinch-effect/${name}"`)
    .concat(
      "export const values: ReadonlyArray<unknown> = [",
      ...packages.flatMap((name) => {
        const hidden = internalExports(name)
        return Object.entries(runtime[name]!).flatMap(([namespace, keys]) => [
          `  ${name}.${namespace},`,
          ...keys
            .filter((key) => !hidden.has(`${namespace}.${key}`))
            .map((key) => `  ${name}.${namespace}[${JSON.stringify(key)}],`)
        ])
      }),
      "]",
      ""
    )
    .join("\n")

const compilerOptions = {
  strict: true,
  target: "es2022",
  // our declarations are checked too (a missing or broken one is an error, not an `any`)
  skipLibCheck: false,
  types: ["node"]
}

beforeAll(async () => {
  for (const name of packages) {
    if (!existsSync(join(root, "packages", name, "dist"))) {
      throw new Error(`packages/${name}/dist is missing: run pnpm build first`)
    }
  }
  dir = mkdtempSync(join(tmpdir(), "sinch-effect-packed-"))
  app = join(dir, "app")
  const tarballs = join(dir, "tarballs")
  mkdirSync(app)
  await Promise.all(
    packages.map(async (name) => {
      const cwd = join(root, "packages", name)
      ok(await run("npx", ["-y", "pnpm@10", "pack", "--pack-destination", tarballs], cwd), `pnpm pack ${name}`)
    })
  )
  const files = readdirSync(tarballs)
  const tarball = (name: string) => `file:../tarballs/${files.find((file) => file.startsWith(`sinch-effect-${name}-`))}`
  const pinned: Record<string, string> = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).devDependencies
  const fromRoot = [
    "effect",
    "@effect/platform",
    "@effect/experimental",
    "@effect/platform-node",
    "@effect/vitest",
    "vitest",
    "typescript"
  ]
  writeJson(join(app, "package.json"), {
    name: "sinch-effect-consumer",
    private: true,
    type: "module",
    dependencies: {
      ...Object.fromEntries(packages.map((name) => [`@sinch-effect/${name}`, tarball(name)])),
      ...Object.fromEntries([...fromRoot, "@types/node"].map((name) => [name, pinned[name]])),
      express: "5.3.0",
      "@types/express": "5.0.4"
    }
  })
  ok(await run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], app), "npm install")

  // the programs: the docs examples as they are, the user program as ESM and as CommonJS, the exports check
  cpSync(join(root, "docs/examples"), join(app, "examples"), { recursive: true })
  mkdirSync(join(app, "programs"))
  const user = readFileSync(join(root, "tests/packed/programs/user.ts"), "utf8")
  writeFileSync(join(app, "programs/user.mts"), user)
  writeFileSync(join(app, "programs/user.cts"), user)
  const listExports = `const names = ${JSON.stringify(packages)}
const out = {}
for (const name of names) {
  const m = await import("@sinch-effect/" + name)
  out[name] = Object.fromEntries(Object.keys(m).map((k) => [k, typeof m[k] === "object" ? Object.keys(m[k]) : []]))
}
console.log(JSON.stringify(out))`
  writeFileSync(join(app, "list-exports.mjs"), listExports)
  const runtime = JSON.parse(ok(await node(["list-exports.mjs"]), "listing the runtime exports"))
  writeFileSync(join(app, "programs/exports.mts"), exportsProgram(runtime))
  writeFileSync(join(app, "programs/exports.cts"), exportsProgram(runtime))

  // node16: .ts and .mts files are ESM (the project is "type": "module"), .cts files CommonJS; the examples that are
  // vitest suites are checked under bundler only, since vitest's own CommonJS declarations fail node16 checking
  writeJson(join(app, "tsconfig.node16.json"), {
    compilerOptions: { ...compilerOptions, module: "node16", moduleResolution: "node16", outDir: "out" },
    include: ["examples", "programs"],
    exclude: ["examples/**/*.test.ts"]
  })
  writeJson(join(app, "tsconfig.bundler.json"), {
    // skipLibCheck here halves the time; node16 above already checks every declaration file
    compilerOptions: {
      ...compilerOptions,
      module: "esnext",
      moduleResolution: "bundler",
      noEmit: true,
      skipLibCheck: true
    },
    include: ["examples", "programs/user.mts", "programs/exports.mts"]
  })
}, 300_000)

afterAll(() => {
  emulator?.kill()
  // SINCH_PACKED_KEEP=1 keeps the consumer project to look into
  if (process.env["SINCH_PACKED_KEEP"] === "1") console.log(`packed consumer kept in ${app}`)
  else if (dir !== "") rmSync(dir, { recursive: true, force: true })
})

describe("the packed packages", () => {
  it("carry no workspace: ranges, a LICENSE and a README each", () => {
    for (const name of packages) {
      const installed = join(app, "node_modules/@sinch-effect", name)
      const manifest = readFileSync(join(installed, "package.json"), "utf8")
      assert.notInclude(manifest, "workspace:", `@sinch-effect/${name}'s packed package.json`)
      assert.isTrue(existsSync(join(installed, "LICENSE")), `@sinch-effect/${name} ships a LICENSE`)
      assert.isTrue(existsSync(join(installed, "README.md")), `@sinch-effect/${name} ships a README.md`)
    }
  })

  it("typecheck under node16, ESM and CommonJS: docs examples, user programs, every runtime export", async () => {
    ok(await tsc("tsconfig.node16.json"), "tsc (node16)")
  })

  it("typecheck under bundler resolution: docs examples (vitest suites included), user programs", async () => {
    ok(await tsc("tsconfig.bundler.json"), "tsc (bundler)")
  })

  it("compile no parser when imported (decoders and encoders are built on first use)", async () => {
    // Effect memoises every compiled parser in two global WeakMaps (its `GlobalValue` store): the probe puts counting
    // ones there before effect loads and records each compilation whose stack passes through one of our packages
    // (@effect/cli and @effect/platform compile a few of their own at import: not ours to change)
    const probe = `
      Error.stackTraceLimit = 100
      const ours = []
      class Counting extends WeakMap {
        set(ast, parser) {
          const line = new Error().stack.split("\\n").find((line) => line.includes("/@sinch-effect/"))
          if (line !== undefined) ours.push(line.trim())
          return super.set(ast, parser)
        }
      }
      globalThis["effect/GlobalValue"] = new Map([
        [Symbol.for("effect/ParseResult/decodeMemoMap"), new Counting()],
        [Symbol.for("effect/ParseResult/encodeMemoMap"), new Counting()]
      ])
      for (const name of ["schema", "client", "webhooks", "emulator", "cli"]) await import("@sinch-effect/" + name)
      const atImport = [...ours]
      const { ChannelSpecific } = await import("@sinch-effect/schema")
      ChannelSpecific.payloadOf({ message_type: "FLOWS", message: {} })
      console.log(JSON.stringify({ atImport, afterDecode: ours.length }))`
    const { atImport, afterDecode } = JSON.parse(ok(await node(["--input-type=module", "-e", probe]), "import probe"))
    assert.deepStrictEqual(atImport, [], "parsers compiled while importing our packages")
    assert.isAbove(afterDecode, 0, "the probe sees a parser compiled by our code")
  })

  it("with Effect 4 installed: CommonJS and the bins stop with a sentence that says so", async () => {
    // a second project: effect 4 from the registry, our installed packages copied in beside it
    const effect4 = join(dir, "effect4")
    mkdirSync(join(effect4, "node_modules/@sinch-effect"), { recursive: true })
    writeJson(join(effect4, "package.json"), { name: "on-effect-4", private: true, dependencies: { effect: "4.1.0" } })
    ok(await run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], effect4), "npm install effect@4")
    for (const name of packages) {
      cpSync(join(app, "node_modules/@sinch-effect", name), join(effect4, "node_modules/@sinch-effect", name), {
        recursive: true,
        dereference: true
      })
    }
    const cjs = await run(process.execPath, ["-e", 'require("@sinch-effect/client")'], effect4)
    assert.notStrictEqual(cjs.code, 0)
    assert.include(cjs.stderr, "@sinch-effect/client needs effect 3 (^3.22.4), but effect 4.1.0 is installed")
    for (const bin of ["emulator/bin/sinch-emulator.js", "cli/bin/sinch-conversation.js"]) {
      const ran = await run(process.execPath, [`node_modules/@sinch-effect/${bin}`, "--help"], effect4)
      assert.strictEqual(ran.code, 1, ran.stderr)
      assert.include(ran.stderr, "needs effect 3 (^3.22.4), but effect 4.1.0 is installed")
      assert.notInclude(ran.stderr, "ERR_MODULE_NOT_FOUND")
    }
  })

  describe("against the emulator started from the installed bin", () => {
    beforeAll(startEmulator, 60_000)

    const expectResults = (stdout: string) => {
      // the last line is the program's JSON (log lines may come before it)
      const results = JSON.parse(stdout.trim().split("\n").at(-1)!)
      assert.strictEqual(results.client.text, "Hello from the packed packages")
      assert.deepStrictEqual(results.client.listed, ["Hello from the packed packages"])
      assert.strictEqual(results.client.missing, "NotFound")
      assert.deepStrictEqual(results.webhooks.seen, ["m-1:DELIVERED", "web:MESSAGE_DELIVERY", "node:MESSAGE_DELIVERY"])
      assert.deepStrictEqual(results.webhooks.web, [200, 401])
      assert.strictEqual(results.webhooks.node, 200)
      assert.strictEqual(results.webhooks.queued, "MESSAGE_DELIVERY")
      assert.isTrue(results.webhooks.undecodable)
      assert.strictEqual(results.emulator.unauthorized, 401)
      assert.isTrue(results.emulator.viaLayer.appId)
      assert.deepStrictEqual(results.cli, { name: "sinch-conversation", version: "0.1.0" })
    }

    it("the ESM program sends, reads back, lists and verifies", async () => {
      assert.isTrue(existsSync(join(app, "out/programs/user.mjs")), "compiled by the node16 typecheck")
      expectResults(ok(await node(["out/programs/user.mjs"], emulatorEnv), "node user.mjs"))
    })

    it("the CommonJS program does the same", async () => {
      assert.isTrue(existsSync(join(app, "out/programs/user.cjs")), "compiled by the node16 typecheck")
      expectResults(ok(await node(["out/programs/user.cjs"], emulatorEnv), "node user.cjs"))
    })

    it("the getting-started example runs as a script, also through a symlink in a folder with a space", async () => {
      const stdout = ok(await node(["out/examples/getting-started.js"]), "node getting-started.js")
      assert.match(stdout, /^sent \w+: Hello from Effect!$/m)
      mkdirSync(join(app, "my scripts"))
      symlinkSync(join(app, "out/examples/getting-started.js"), join(app, "my scripts/hello.js"))
      const linked = ok(await node(["my scripts/hello.js"]), "node 'my scripts/hello.js'")
      assert.match(linked, /^sent \w+: Hello from Effect!$/m)
    })

    it("the cli bin sends a text", async () => {
      const bin = "node_modules/.bin/sinch-conversation"
      const text = ["send", "text", "--app-id", emulatorEnv["SINCH_APP_ID"]!, "--to", "+46700000002", "Hi from the bin"]
      const sent = JSON.parse(ok(await node([bin, ...text], emulatorEnv), "sinch-conversation send text"))
      assert.isString(sent.message_id)
      const help = ok(await node([bin, "--help"]), "sinch-conversation --help")
      assert.include(help, "send")
    })
  })
})
