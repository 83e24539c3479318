import { defineProject } from "vitest/config"

/** Per-package vitest project: workspace packages resolve to their TypeScript sources. */
export const project = (name: string, options: { readonly testTimeout?: number } = {}) =>
  defineProject({
    resolve: { conditions: ["@sinch-effect/source"] },
    ssr: { resolve: { conditions: ["@sinch-effect/source"] } },
    test: {
      name,
      include: ["test/**/*.test.ts"],
      testTimeout: options.testTimeout ?? 20_000
    }
  })
