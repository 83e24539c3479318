// The emulator as a separate process: for a test runner's global setup, a docker-compose service, or a test suite in
// another language. Run by packages/emulator/test/docs/testing-with-the-emulator.test.ts.
import { spawn } from "node:child_process"

export interface EmulatorProcess {
  /** The NAME=value lines it printed: SINCH_PROJECT_ID, SINCH_KEY_ID, ..., SINCH_APP_ID with --seed. */
  readonly env: Readonly<Record<string, string>>
  readonly stop: () => void
}

/** Starts `sinch-emulator` and resolves once it has printed its variables (it prints them in one write). */
export const startEmulatorProcess = (
  command: ReadonlyArray<string> = ["npx", "sinch-emulator", "--seed", "contacts=10,messages=100"]
): Promise<EmulatorProcess> =>
  new Promise((resolve, reject) => {
    const [executable, ...args] = command
    const child = spawn(executable!, args, { stdio: ["ignore", "pipe", "inherit"] })
    let output = ""
    child.once("error", reject)
    child.once("exit", (code) => reject(new Error(`sinch-emulator exited with ${code} before it was ready`)))
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk
      if (!output.endsWith("\n")) return
      const env = Object.fromEntries(
        output
          .trim()
          .split("\n")
          .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)])
      )
      child.removeAllListeners("exit")
      resolve({ env, stop: () => child.kill("SIGTERM") })
    })
  })

// In vitest's globalSetup, for instance:
//   export default async ({ provide }) => {
//     const emulator = await startEmulatorProcess()
//     provide("sinchEnv", emulator.env)
//     return () => emulator.stop()
//   }
