// The lean runtime, as a bundler sees the built packages: bench/bundle-size.mjs bundles the minimal send program (ours
// and the official @sinch/sdk-core 1.4.0's) and a verifier-only program with esbuild; it fails when a bundle carries
// fast-check or pure-rand, or the verifier pulls in the client or the Effect HTTP platform.
import { assert, describe, it } from "@effect/vitest"
import { execFile } from "node:child_process"
import { fileURLToPath } from "node:url"

const root = fileURLToPath(new URL("../..", import.meta.url))

interface Bundle {
  readonly name: string
  readonly minifiedKB: number
  readonly gzipKB: number
}

describe("bundle size (bench/bundle-size.mjs)", () => {
  it("no test-only code, a tree-shaken verifier, and a send no bigger (gzip) than the official SDK's", async () => {
    const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((done) =>
      execFile(process.execPath, ["bench/bundle-size.mjs"], { cwd: root }, (error, stdout, stderr) =>
        done({ code: error === null ? 0 : 1, stdout, stderr })
      )
    )
    assert.strictEqual(code, 0, stderr)
    const { bundleSize } = JSON.parse(stdout.trim().split("\n").at(-1)!) as { bundleSize: ReadonlyArray<Bundle> }
    const [ours, official] = bundleSize
    assert.isAtMost(ours!.gzipKB, official!.gzipKB, stdout)
  })
})
