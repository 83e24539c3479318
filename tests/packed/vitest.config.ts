import { defineProject } from "vitest/config"

/**
 * The packed-consumer suite: the packages as users install them (tarballs from `pnpm pack`, installed with npm outside
 * the workspace, no source condition). Needs `pnpm build` first; `pnpm test:all` builds before it runs.
 */
export default defineProject({
  test: {
    name: "packed",
    include: ["**/*.test.ts"],
    // packing and installing from the registry, then tsc, on a loaded machine
    hookTimeout: 300_000,
    testTimeout: 180_000
  }
})
