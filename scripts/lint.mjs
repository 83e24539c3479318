// Project checks that a formatter cannot make: no `any` in library sources, no console output in libraries, no
// `process.env` read by library code (configuration goes through Effect's Config), no focused or skipped tests.
import { readdirSync, readFileSync, statSync } from "node:fs"
import { join } from "node:path"

const walk = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (name === "node_modules" || name === "dist") return []
    return statSync(path).isDirectory() ? walk(path) : path.endsWith(".ts") ? [path] : []
  })

const problems = []
for (const pkg of readdirSync("packages")) {
  for (const [dir, rules] of [
    [join("packages", pkg, "src"), ["any", "env", ...(pkg === "cli" || pkg === "emulator" ? [] : ["console"])]],
    [join("packages", pkg, "test"), ["focus"]]
  ]) {
    let files = []
    try {
      files = walk(dir)
    } catch {
      continue
    }
    for (const file of files) {
      readFileSync(file, "utf8")
        .split("\n")
        .forEach((line, i) => {
          const at = `${file}:${i + 1}`
          if (rules.includes("any") && /\bas any\b|:\s*any\b|<any>/.test(line))
            problems.push(`${at}: 'any' in library source`)
          if (rules.includes("env") && /process\.env\b/.test(line) && !/^\s*\*/.test(line))
            problems.push(`${at}: process.env in library source (use Effect's Config)`)
          if (rules.includes("console") && /console\.(log|error|warn|info|debug)/.test(line))
            problems.push(`${at}: console output in library source (use Effect's logger)`)
          if (
            rules.includes("focus") &&
            /\b(it|describe|test)(\.effect|\.scoped|\.live)?\.(only|skip|todo)\(/.test(line)
          )
            problems.push(`${at}: focused or skipped test`)
        })
    }
  }
}
if (problems.length > 0) {
  console.error(problems.join("\n"))
  process.exit(1)
}
console.log("lint: ok")
