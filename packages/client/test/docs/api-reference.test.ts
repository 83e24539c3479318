/**
 * docs/api-reference.md is generated from the sources by scripts/api-reference.mjs: it must be current, and the
 * script must refuse exports without JSDoc or whose JSDoc has no description.
 */
import { assert, describe, it } from "@effect/vitest"
import { spawnSync } from "node:child_process"
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"

const script = fileURLToPath(new URL("../../../../scripts/api-reference.mjs", import.meta.url))
const run = (...args: Array<string>) => {
  const result = spawnSync(process.execPath, [script, ...args], { encoding: "utf8" })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

describe("docs/api-reference.md", () => {
  it("is what scripts/api-reference.mjs generates from the sources, and every export has a JSDoc description", () => {
    const result = run("--check")
    assert.strictEqual(
      result.code,
      0,
      `${result.stderr}\nRegenerate it with: node scripts/api-reference.mjs (and document what it lists)`
    )
    const reference = readFileSync(fileURLToPath(new URL("../../../../docs/api-reference.md", import.meta.url)), "utf8")
    for (const expected of ["## @sinch-effect/client", "`SinchError.SendOutcomeUnknown`", "`Emulator.serve`"]) {
      assert.include(reference, expected)
    }
  })

  it("fails on exports without JSDoc or description; leaves @internal out; detects a stale reference", () => {
    const root = mkdtempSync(join(tmpdir(), "api-reference-"))
    try {
      mkdirSync(join(root, "packages", "demo", "src"), { recursive: true })
      mkdirSync(join(root, "docs"))
      writeFileSync(
        join(root, "packages", "demo", "package.json"),
        JSON.stringify({ name: "@example/demo", description: "A demo package" })
      )
      writeFileSync(
        join(root, "packages", "demo", "src", "index.ts"),
        '/**\n * Things.\n *\n * @since 0.1.0\n */\nexport * as Thing from "./Thing.js"\n'
      )
      writeFileSync(
        join(root, "packages", "demo", "src", "Thing.ts"),
        [
          "/**",
          " * Makes things.",
          " *",
          " * More about things, not in the reference.",
          " *",
          " * @since 0.1.0",
          " * @category constructors",
          " */",
          "export const make = (n: number) => n",
          "export const undocumented = 1",
          "/**",
          " * @since 0.1.0",
          " * @category constants",
          " */",
          "export const bare = 3",
          "/** @internal */",
          "export const hidden = 2",
          "/**",
          " * A thing; see {@link make}.",
          " *",
          " * @since 0.1.0",
          " */",
          "export interface Thing { readonly n: number }",
          ""
        ].join("\n")
      )
      const generated = run("--stdout", "--root", root)
      assert.strictEqual(generated.code, 1)
      assert.include(generated.stderr, "1 export(s) without JSDoc")
      assert.include(generated.stderr, "packages/demo/src/Thing.ts:10: const undocumented")
      assert.include(generated.stderr, "1 export(s) with tags but no description")
      assert.include(generated.stderr, "@example/demo Thing.bare")
      assert.include(generated.stdout, "| `Thing.make`  | const     | constructors | Makes things.")
      assert.include(generated.stdout, "A thing; see `make`.")
      assert.notInclude(generated.stdout, "More about things")
      assert.notInclude(generated.stdout, "hidden")

      writeFileSync(join(root, "docs", "api-reference.md"), "# stale\n")
      const stale = run("--check", "--root", root)
      assert.strictEqual(stale.code, 1)
      assert.include(stale.stderr, "docs/api-reference.md is out of date")

      // tags without a description fail on their own, with a JSDoc on every export and a current reference
      const thing = join(root, "packages", "demo", "src", "Thing.ts")
      writeFileSync(thing, readFileSync(thing, "utf8").replace("export const undocumented = 1\n", ""))
      writeFileSync(join(root, "docs", "api-reference.md"), run("--stdout", "--root", root).stdout)
      const undescribed = run("--check", "--root", root)
      assert.strictEqual(undescribed.code, 1)
      assert.notInclude(undescribed.stderr, "without JSDoc")
      assert.notInclude(undescribed.stderr, "out of date")
      assert.include(undescribed.stderr, "1 export(s) with tags but no description:\n  @example/demo Thing.bare")
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  })
})
