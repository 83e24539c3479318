#!/usr/bin/env node
/**
 * Entry point of `pnpm demo`: the end-to-end demo on an embedded emulator (`sinch-conversation demo`).
 *
 * @since 0.1.0
 */
import * as Cli from "./Cli.js"
import { runMain } from "./internal/main.js"

runMain(Cli.run([process.argv[0] ?? "node", process.argv[1] ?? "demo", "demo", ...process.argv.slice(2)]))
