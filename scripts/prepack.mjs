// `prepack` of every package: refuses to pack with npm or yarn, which would leave `workspace:` ranges in the tarball's
// package.json (only pnpm rewrites them), and refuses to pack an unbuilt package.
import { existsSync, readFileSync } from "node:fs"

const pkg = JSON.parse(readFileSync("package.json", "utf8"))
const agent = process.env.npm_config_user_agent ?? ""
if (!agent.startsWith("pnpm/")) {
  console.error(
    `${pkg.name}: pack and publish with pnpm (\`pnpm pack\`, \`pnpm publish\`), which replaces the workspace: ranges ` +
      `of its dependencies with versions; ${agent.split(" ")[0] || "this tool"} would leave them in the tarball`
  )
  process.exit(1)
}
const missing = [pkg.exports["."].import.default, pkg.exports["."].require.types].filter((file) => !existsSync(file))
if (missing.length > 0) {
  console.error(`${pkg.name}: ${missing.join(", ")} missing: run \`pnpm build\` first`)
  process.exit(1)
}
