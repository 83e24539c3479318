// Generates docs/api-reference.md from the sources: for every package, every module that its src/index.ts exports
// (`export * as Module from "./Module.js"`), and every export of that module with the first paragraph of its JSDoc.
//
//   node scripts/api-reference.mjs           writes docs/api-reference.md
//   node scripts/api-reference.mjs --check   fails when docs/api-reference.md is not what the sources give
//   node scripts/api-reference.mjs --stdout  prints the reference instead of writing it
//   --list-undescribed                       accepted for compatibility (they are always listed now)
//   --root DIR                               another repository layout (DIR/packages/*/src, DIR/docs), for tests
//
// Either way it fails (exit code 1) and lists them when an export of a package has no JSDoc at all, or a JSDoc with
// tags but no description. Exports marked `@internal` are left out of the reference. It uses the TypeScript parser and
// prettier of the workspace (no other dependency), so the file it writes passes `prettier --check`.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs"
import { dirname, join, relative, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import * as prettier from "prettier"
import ts from "typescript"

const argv = process.argv.slice(2)
const rootFlag = argv.indexOf("--root")
const root =
  rootFlag >= 0 && argv[rootFlag + 1] !== undefined
    ? resolve(argv[rootFlag + 1])
    : resolve(dirname(fileURLToPath(import.meta.url)), "..")
const output = join(root, "docs", "api-reference.md")
const prettierConfig = resolve(dirname(fileURLToPath(import.meta.url)), "..", ".prettierrc.json")

/** The JSDoc blocks attached to a node (the last one is the one that documents it). */
const jsDocsOf = (node) => (node.jsDoc ?? []).filter((doc) => ts.isJSDoc(doc))

/** The text of a JSDoc comment (its `comment`, which may be a list of parts with `{@link}`s). */
const commentText = (comment) => {
  if (comment === undefined) return ""
  if (typeof comment === "string") return comment
  return comment
    .map((part) => {
      if (ts.isJSDocLink(part) || ts.isJSDocLinkCode(part) || ts.isJSDocLinkPlain(part)) {
        const target = part.name === undefined ? "" : part.name.getText()
        const label = part.text.replace(/^\s*\|?\s*/, "").trim()
        return `\`${label !== "" ? label : target}\``
      }
      return part.text
    })
    .join("")
}

/** The first paragraph of a JSDoc: its text up to the first blank line (or a code block), on one line. */
const firstParagraph = (doc) => {
  const text = commentText(doc.comment).replace(/\r\n/g, "\n").trim()
  const paragraph = text.split(/\n\s*\n|\n\s*```/)[0] ?? ""
  return paragraph.replace(/\s*\n\s*/g, " ").trim()
}

const tagsOf = (doc) =>
  Object.fromEntries((doc.tags ?? []).map((tag) => [tag.tagName.text, commentText(tag.comment).trim()]))

const kindOf = (statement) => {
  if (ts.isVariableStatement(statement)) {
    return statement.declarationList.flags & ts.NodeFlags.Const ? "const" : "let"
  }
  if (ts.isFunctionDeclaration(statement)) return "function"
  if (ts.isClassDeclaration(statement)) return "class"
  if (ts.isInterfaceDeclaration(statement)) return "interface"
  if (ts.isTypeAliasDeclaration(statement)) return "type"
  if (ts.isEnumDeclaration(statement)) return "enum"
  if (ts.isModuleDeclaration(statement)) return "namespace"
  return undefined
}

const isExported = (statement) =>
  ts.canHaveModifiers(statement) &&
  (ts.getModifiers(statement) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword)

const namesOf = (statement) =>
  ts.isVariableStatement(statement)
    ? statement.declarationList.declarations.map((declaration) => declaration.name.getText())
    : statement.name === undefined
      ? []
      : [statement.name.getText()]

const parse = (path) =>
  ts.createSourceFile(path, readFileSync(path, "utf8"), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS)

/** The header of a module: the first JSDoc of the file when it stands alone (before the imports). */
const moduleDocOf = (source) => {
  const first = source.statements[0]
  if (first === undefined) return undefined
  const docs = jsDocsOf(first)
  // a file header is a JSDoc followed by another one (the statement's own) or by an import
  if (docs.length >= 2 || (docs.length === 1 && ts.isImportDeclaration(first))) return docs[0]
  return undefined
}

/** The exports of one module file, in source order; same-name values and types are one entry. */
const exportsOf = (path) => {
  const source = parse(path)
  const entries = new Map()
  const missing = []
  for (const statement of source.statements) {
    if (ts.isExportDeclaration(statement)) {
      // `export { a } from` / `export * from`: listed by name, documented where they are defined
      if (statement.exportClause !== undefined && ts.isNamedExports(statement.exportClause)) {
        for (const element of statement.exportClause.elements) {
          missing.push(`${relative(root, path)}: re-export ${element.name.getText()} (document it at its definition)`)
        }
      } else {
        missing.push(`${relative(root, path)}: export * (list the exports explicitly)`)
      }
      continue
    }
    if (!isExported(statement)) continue
    const kind = kindOf(statement)
    if (kind === undefined) continue
    const docs = jsDocsOf(statement)
    const doc = docs.at(-1)
    for (const name of namesOf(statement)) {
      const line = source.getLineAndCharacterOfPosition(statement.getStart()).line + 1
      if (doc === undefined) {
        missing.push(`${relative(root, path)}:${line}: ${kind} ${name}`)
        continue
      }
      const tags = tagsOf(doc)
      if ("internal" in tags) continue
      const description = firstParagraph(doc)
      const previous = entries.get(name)
      if (previous === undefined) {
        entries.set(name, {
          name,
          kinds: [kind],
          description,
          category: tags.category ?? "",
          since: tags.since ?? "",
          deprecated: "deprecated" in tags ? tags.deprecated || "deprecated" : undefined
        })
      } else {
        previous.kinds.push(kind)
        if (previous.description === "") previous.description = description
        if (previous.category === "") previous.category = tags.category ?? ""
      }
    }
  }
  const moduleDoc = moduleDocOf(source)
  return {
    description: moduleDoc === undefined ? "" : firstParagraph(moduleDoc),
    entries: [...entries.values()],
    missing
  }
}

/** The modules a package's index re-exports as namespaces, with the index's JSDoc of each. */
const modulesOf = (pkgDir) => {
  const indexPath = join(pkgDir, "src", "index.ts")
  const index = parse(indexPath)
  const modules = []
  const missing = []
  for (const statement of index.statements) {
    if (!ts.isExportDeclaration(statement) || statement.moduleSpecifier === undefined) continue
    const specifier = statement.moduleSpecifier.text
    const file = join(pkgDir, "src", specifier.replace(/\.js$/, ".ts"))
    const doc = jsDocsOf(statement).at(-1)
    if (statement.exportClause !== undefined && ts.isNamespaceExport(statement.exportClause)) {
      const name = statement.exportClause.name.getText()
      if (doc === undefined) missing.push(`${relative(root, indexPath)}: export * as ${name}`)
      modules.push({ name, file, description: doc === undefined ? "" : firstParagraph(doc) })
    } else {
      missing.push(`${relative(root, indexPath)}: ${statement.getText()} (export modules as namespaces)`)
    }
  }
  for (const statement of index.statements) {
    if (isExported(statement) && kindOf(statement) !== undefined) {
      missing.push(`${relative(root, indexPath)}: ${namesOf(statement).join(", ")} (index.ts re-exports modules only)`)
    }
  }
  return { modules, missing }
}

const escapeCell = (text) => text.replace(/\|/g, "\\|")

const anchor = (text) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9 -]/g, "")
    .replace(/ /g, "-")

/** The reference as markdown, and the exports without JSDoc. */
export const generate = async () => {
  const packages = readdirSync(join(root, "packages"))
    .filter((dir) => existsSync(join(root, "packages", dir, "src", "index.ts")))
    .sort()
  const missing = []
  const undescribed = []
  const sections = []
  const toc = []
  for (const dir of packages) {
    const pkgDir = join(root, "packages", dir)
    const pkg = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"))
    const { missing: indexMissing, modules } = modulesOf(pkgDir)
    missing.push(...indexMissing)
    const lines = [`## ${pkg.name}`, "", pkg.description ?? "", ""]
    toc.push(`- [${pkg.name}](#${anchor(pkg.name)}): ${modules.map((m) => m.name).join(", ")}`)
    lines.push(`\`\`\`ts\nimport { ${modules.map((m) => m.name).join(", ")} } from "${pkg.name}"\n\`\`\``, "")
    for (const module of modules) {
      const { description, entries, missing: moduleMissing } = exportsOf(module.file)
      missing.push(...moduleMissing)
      lines.push(`### ${module.name}`, "")
      lines.push(`\`${relative(root, module.file)}\`${module.description !== "" ? `: ${module.description}` : ""}`, "")
      if (description !== "" && description !== module.description) lines.push(description, "")
      if (entries.length === 0) {
        lines.push("No exports.", "")
        continue
      }
      lines.push("| export | kind | category | description |", "| --- | --- | --- | --- |")
      for (const entry of entries) {
        if (entry.description === "") undescribed.push(`${pkg.name} ${module.name}.${entry.name}`)
        const text = entry.deprecated === undefined ? entry.description : `**Deprecated** ${entry.description}`
        lines.push(
          `| \`${module.name}.${entry.name}\` | ${entry.kinds.join(", ")} | ${entry.category} | ${escapeCell(text)} |`
        )
      }
      lines.push("")
    }
    sections.push(lines.join("\n"))
  }
  const operations = await operationsTable()
  const markdown = [
    "# API reference",
    "",
    "Every export of every package, with the first paragraph of its JSDoc. Generated from the sources by",
    "`node scripts/api-reference.mjs`; do not edit by hand (a test fails when this file and the sources disagree).",
    "Exports marked `@internal` are left out. The guides explain how the pieces fit together.",
    "",
    ...toc,
    ...(operations === undefined
      ? []
      : ["- [Operation table](#operation-table): every API operation, from its definition"]),
    "",
    ...sections,
    ...(operations === undefined ? [] : ["", operations])
  ].join("\n")
  const options = (await prettier.resolveConfig(prettierConfig)) ?? {}
  return { markdown: await prettier.format(markdown, { ...options, filepath: output }), missing, undescribed }
}

/**
 * The table of every API operation, generated from the definitions in `@sinch-effect/schema`'s `Operations` (loaded
 * from the sources with tsx), or `undefined` in a layout without them.
 */
const operationsTable = async () => {
  const file = join(root, "packages", "schema", "src", "Operations.ts")
  if (!existsSync(file)) return undefined
  const { tsImport } = await import("tsx/esm/api")
  const Operations = await tsImport(file, import.meta.url)
  const lines = [
    "## Operation table",
    "",
    "Every operation of the APIs, from its one definition in `Operations` (`@sinch-effect/schema`): the client's",
    "operations and spans (`Sinch.<name>`), the emulator's routes and faults are generated from the same table. Paths",
    "are relative to the API's base URL; `idempotent` picks the retry schedule; a paginated operation names the field of",
    "its items and the largest page.",
    "",
    "| API | name | method | path | idempotent | paginated |",
    "| --- | --- | --- | --- | --- | --- |"
  ]
  for (const d of Operations.all) {
    const paging = d.pagination === undefined ? "" : `\`${d.pagination.items}\`, up to ${d.pagination.maxPageSize}`
    lines.push(
      `| ${d.api} | \`${d.name}\` | ${d.method} | \`${Operations.fullPath(d)}\` | ${d.idempotent ? "yes" : "no"} | ${paging} |`
    )
  }
  return lines.join("\n")
}

const main = async () => {
  const { markdown, missing, undescribed } = await generate()
  const mode = argv.find((arg) => arg === "--check" || arg === "--stdout")
  let failed = false
  if (undescribed.length > 0) {
    console.error(
      `api-reference: ${undescribed.length} export(s) with tags but no description:\n  ${undescribed.join("\n  ")}`
    )
    failed = true
  }
  if (missing.length > 0) {
    console.error(`api-reference: ${missing.length} export(s) without JSDoc:\n  ${missing.join("\n  ")}`)
    failed = true
  }
  if (mode === "--stdout") {
    process.stdout.write(markdown)
  } else if (mode === "--check") {
    const current = existsSync(output) ? readFileSync(output, "utf8") : ""
    if (current !== markdown) {
      console.error(`api-reference: ${relative(root, output)} is out of date; run node scripts/api-reference.mjs`)
      failed = true
    }
  } else {
    writeFileSync(output, markdown)
    console.error(`api-reference: wrote ${relative(root, output)}`)
  }
  process.exit(failed ? 1 : 0)
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main()
