/**
 * Each operation's method and path are written in exactly one place in the sources: its route in the definitions
 * (`packages/schema/src/internal/operations/`), and the `/{version}/projects/{project_id}` prefix once, in
 * `Operations.prefix`. The check reads every string and template literal of `packages/<pkg>/src` (comments are
 * documentation and may quote a route).
 */
import { assert, describe, it } from "@effect/vitest"
import { readdirSync, readFileSync, statSync } from "node:fs"
import { join, relative } from "node:path"
import { fileURLToPath } from "node:url"
import ts from "typescript"
import { Operations } from "@sinch-effect/schema"

const root = fileURLToPath(new URL("../../..", import.meta.url))

const packages = readdirSync(join(root, "packages"))

const walk = (dir: string): Array<string> =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (name === "node_modules" || name === "dist") return []
    return statSync(path).isDirectory() ? walk(path) : /\.(ts|tsx|mts)$/.test(name) ? [path] : []
  })

interface Literal {
  readonly file: string
  readonly text: string
}

/** The text of every string literal and every literal part of a template in a file. */
const literalsOf = (file: string): Array<Literal> => {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true)
  const out: Array<Literal> = []
  const visit = (node: ts.Node) => {
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node)
    ) {
      out.push({ file: relative(root, file), text: node.text })
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return out
}

/**
 * The emulator's own routes (`/emulator/...` control and the inspector's page and its API), which serve the
 * emulator's views, not Sinch's API: the only sources allowed to write paths like `/contacts` by hand.
 */
const ownRoutes = [
  "packages/emulator/src/internal/routes/control.ts",
  "packages/emulator/src/internal/routes/inspector.ts",
  "packages/emulator/src/internal/inspector/"
]

const literals = packages
  .flatMap((pkg) => {
    try {
      return walk(join(root, "packages", pkg, "src")).flatMap(literalsOf)
    } catch {
      return []
    }
  })
  .filter((l) => !ownRoutes.some((own) => l.file.startsWith(own)))

/** Whether a literal writes `path` as a path of its own (not as part of a longer path or a package name). */
const writesPath = (text: string, path: string): boolean => {
  for (let at = text.indexOf(path); at >= 0; at = text.indexOf(path, at + 1)) {
    const before = text[at - 1]
    const after = text[at + path.length]
    const starts = before === undefined || !/[A-Za-z0-9_.@-]/.test(before)
    if (starts && (after === undefined || !/[A-Za-z0-9_{}/:.-]/.test(after))) return true
  }
  return false
}

describe("each operation's method and path in exactly one place", () => {
  it("reads the sources of the packages", () => {
    assert.isAbove(literals.length, 1000)
    assert.isTrue(packages.includes("client") && packages.includes("schema") && packages.includes("emulator"))
  })

  it("writes the project prefix once", () => {
    const prefixes = literals.filter((l) => l.text.includes("/projects/{project_id}"))
    assert.deepStrictEqual(
      prefixes.map((l) => l.file),
      ["packages/schema/src/Operations.ts"]
    )
  })

  it("writes every route once, in the definitions, and its path nowhere else", () => {
    const problems: Array<string> = []
    const routes = new Set(Operations.all.map((d) => `${d.method} ${d.path}`))
    for (const d of Operations.all) {
      const route = `${d.method} ${d.path}`
      // the same route of another API version (templates v1 and v2) is that version's own definition
      const versions = Operations.all.filter((o) => `${o.method} ${o.path}` === route).length
      const written = literals.filter((l) => l.text === route)
      if (
        written.length !== versions ||
        !written.every((l) => l.file.startsWith("packages/schema/src/internal/operations/"))
      ) {
        problems.push(`${d.name}: route "${route}" written ${written.length} times (${written.map((l) => l.file)})`)
      }
      for (const l of literals) {
        if (!routes.has(l.text) && writesPath(l.text, d.path))
          problems.push(`${d.name}: ${d.path} in ${l.file}: "${l.text}"`)
      }
    }
    assert.deepStrictEqual(problems, [])
  })
})
