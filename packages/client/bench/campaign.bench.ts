/**
 * Campaign benchmark: recipients per second and peak RSS of a campaign from a `Stream` (the sender:
 * `test/integration/campaign-main.ts`, chunks of 1000, 4 in flight, a file checkpoint) and of the emulator that
 * receives it, each in its own process. Run after `pnpm build` (the emulator runs from its dist):
 *
 *   npx tsx packages/client/bench/campaign.bench.ts            (100k, then 1M recipients)
 *   BENCH_SIZES=20000 npx tsx packages/client/bench/campaign.bench.ts
 *
 * The emulator's peak RSS is its VmHWM (Linux), read when the campaign is done; the sender's is the largest RSS it saw
 * at each settled batch. The load average is printed beside each run: the numbers say little on a busy machine.
 */
import { spawn } from "node:child_process"
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { loadavg, tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"

const root = fileURLToPath(new URL("../../..", import.meta.url))
const sizes = (process.env["BENCH_SIZES"] ?? "100000,1000000").split(",").map(Number)
const MiB = (bytes: number) => `${Math.round(bytes / 1048576)} MiB`

/** Lines of a child's stdout, as they come. */
const linesOf = (child: ReturnType<typeof spawn>, onLine: (line: string) => void) => {
  let buffer = ""
  child.stdout!.on("data", (d: Buffer) => {
    buffer += d.toString()
    let nl: number
    while ((nl = buffer.indexOf("\n")) >= 0) {
      onLine(buffer.slice(0, nl))
      buffer = buffer.slice(nl + 1)
    }
  })
}

const startEmulator = () =>
  new Promise<{ env: Record<string, string>; pid: number; stop: () => void }>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(root, "packages/emulator/dist/bin.js"), "--port", "0", "--no-inspector"],
      {
        stdio: ["ignore", "pipe", "inherit"]
      }
    )
    const env: Record<string, string> = {}
    linesOf(child, (line) => {
      const eq = line.indexOf("=")
      if (eq > 0) env[line.slice(0, eq)] = line.slice(eq + 1)
      if (env["SINCH_AUTH_URL"] !== undefined && env["SINCH_BATCH_URL"] !== undefined) {
        resolve({ env, pid: child.pid!, stop: () => child.kill("SIGTERM") })
      }
    })
    child.on("exit", (code) => reject(new Error(`the emulator exited with ${code}`)))
  })

const peakRssOf = (pid: number): number => {
  const status = readFileSync(`/proc/${pid}/status`, "utf8")
  const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1]
  return kb === undefined ? NaN : Number(kb) * 1024
}

const run = async (size: number) => {
  const emu = await startEmulator()
  try {
    const env = emu.env
    const auth = `Basic ${Buffer.from(`${env["SINCH_KEY_ID"]}:${env["SINCH_KEY_SECRET"]}`).toString("base64")}`
    const res = await fetch(`${env["SINCH_CONVERSATION_URL"]}/v1/projects/${env["SINCH_PROJECT_ID"]}/apps`, {
      method: "POST",
      headers: { authorization: auth, "content-type": "application/json" },
      body: JSON.stringify({
        display_name: "bench",
        processing_mode: "DISPATCH",
        channel_credentials: [{ channel: "SMS", static_bearer: { claimed_identity: "bench", token: "token" } }]
      })
    })
    const app = (await res.json()) as { id: string }
    const dir = mkdtempSync(join(tmpdir(), "campaign-bench-"))
    const load = loadavg()[0]!.toFixed(1)
    const sender = spawn(
      process.execPath,
      ["--import", "tsx", "--conditions=@sinch-effect/source", "packages/client/test/integration/campaign-main.ts"],
      {
        cwd: root,
        stdio: ["ignore", "pipe", "inherit"],
        env: {
          PATH: process.env["PATH"] ?? "",
          HOME: process.env["HOME"] ?? "",
          ...env,
          CAMPAIGN_APP_ID: app.id,
          CAMPAIGN_SIZE: String(size),
          CAMPAIGN_CHECKPOINT: join(dir, "checkpoint.json")
        }
      }
    )
    let done: { sent: number; seconds: number; peakRss: number } | undefined
    linesOf(sender, (line) => {
      const parsed = JSON.parse(line) as { done?: boolean; sent: number; seconds: number; peakRss: number }
      if (parsed.done === true) done = parsed
    })
    const code = await new Promise<number | null>((resolve) => sender.on("exit", resolve))
    rmSync(dir, { recursive: true, force: true })
    if (code !== 0 || done === undefined) throw new Error(`the campaign exited with ${code}`)
    console.log(
      `${size} recipients: ${done.seconds.toFixed(1)} s, ${Math.round(done.sent / done.seconds)} recipients/s, ` +
        `sender peak RSS ${MiB(done.peakRss)}, emulator peak RSS ${MiB(peakRssOf(emu.pid))} ` +
        `(load average ${load} at the start, ${loadavg()[0]!.toFixed(1)} at the end)`
    )
  } finally {
    emu.stop()
  }
}

for (const size of sizes) await run(size)
