import { readdirSync, readFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

/** ../shared/conformance next to the repository root (CI clones main with shared/ beside it). */
export const conformanceDir = join(dirname(fileURLToPath(import.meta.url)), "../../../../shared/conformance")

/** Every JSON file of a conformance folder: its name and parsed content. */
export const readFixtures = (folder: "responses" | "webhooks") =>
  readdirSync(join(conformanceDir, folder))
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => ({ name, json: JSON.parse(readFileSync(join(conformanceDir, folder, name), "utf8")) as unknown }))

const isTimestamp = (s: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(s)

/**
 * Compares what encoding gave back with the original wire JSON, under the documented normalisations: timestamps are
 * written as ISO-8601 with milliseconds (so compared as instants, to the millisecond), and properties the schema does
 * not know are dropped (returned, so a test can say which). Any other difference is returned as a mismatch.
 */
export const compareWire = (encoded: unknown, original: unknown, path = "$") => {
  const dropped: Array<string> = []
  const mismatches: Array<string> = []
  const go = (e: unknown, o: unknown, at: string) => {
    if (typeof e === "string" && typeof o === "string" && isTimestamp(e) && isTimestamp(o)) {
      if (Math.floor(Date.parse(e)) !== Math.floor(Date.parse(o))) mismatches.push(`${at}: ${e} != ${o}`)
      return
    }
    if (Array.isArray(e) && Array.isArray(o)) {
      if (e.length !== o.length) mismatches.push(`${at}: length ${e.length} != ${o.length}`)
      e.forEach((item, i) => go(item, o[i], `${at}[${i}]`))
      return
    }
    if (e !== null && o !== null && typeof e === "object" && typeof o === "object") {
      const eo = e as Record<string, unknown>
      const oo = o as Record<string, unknown>
      for (const key of Object.keys(oo)) {
        if (!(key in eo)) dropped.push(`${at}.${key}`)
        else go(eo[key], oo[key], `${at}.${key}`)
      }
      for (const key of Object.keys(eo)) if (!(key in oo)) mismatches.push(`${at}.${key}: added`)
      return
    }
    if (!Object.is(e, o)) mismatches.push(`${at}: ${JSON.stringify(e)} != ${JSON.stringify(o)}`)
  }
  go(encoded, original, path)
  return { dropped, mismatches }
}
