import { defineProject } from "vitest/config"

/**
 * Per-package vitest project: workspace packages resolve to their TypeScript sources. The timeouts are generous on
 * purpose: tests wait on readiness signals (a process printing its variables, a server listening), and on a loaded
 * 2-core machine starting a tsx process alone can take tens of seconds; a timeout only decides how late a hang fails.
 */
export const project = (name: string, options: { readonly testTimeout?: number } = {}) =>
  defineProject({
    resolve: { conditions: ["@sinch-effect/source"] },
    ssr: { resolve: { conditions: ["@sinch-effect/source"] } },
    test: {
      name,
      include: ["test/**/*.test.ts"],
      testTimeout: options.testTimeout ?? 120_000,
      hookTimeout: 120_000
    }
  })
