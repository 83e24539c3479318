/**
 * Helpers for the tests of the guides in docs/: every `ts` block of a guide is one of the files of its examples
 * folder, verbatim, and every file of that folder is shown in the guide.
 */
import { assert } from "@effect/vitest"
import { readdirSync, readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"

const docsDir = fileURLToPath(new URL("../../../../docs/", import.meta.url))

/** The text of a file under docs/. */
export const docs = (path: string): string => readFileSync(docsDir + path, "utf8")

/** The contents of the fenced blocks of a language. */
export const blocks = (markdown: string, lang: string): ReadonlyArray<string> =>
  [...markdown.matchAll(new RegExp("```" + lang + "\\n([\\s\\S]*?)```", "g"))].map((m) => m[1]!)

/** Asserts that docs/<guide>.md shows exactly the files of docs/examples/<guide>/, verbatim. */
export const assertShowsExamples = (guide: string): void => {
  const shown = blocks(docs(`${guide}.md`), "ts")
  const files = readdirSync(docsDir + `examples/${guide}`).filter((f) => f.endsWith(".ts"))
  assert.isAbove(files.length, 0)
  for (const file of files) {
    assert.include(shown, docs(`examples/${guide}/${file}`), `${guide}.md does not show examples/${guide}/${file}`)
  }
  const contents = new Set(files.map((f) => docs(`examples/${guide}/${f}`)))
  for (const block of shown) {
    assert.isTrue(contents.has(block), `a ts block of ${guide}.md is not an example file:\n${block.slice(0, 200)}`)
  }
}
