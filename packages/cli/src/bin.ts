#!/usr/bin/env node
/**
 * `sinch-conversation`: see {@link Cli}.
 *
 * @since 0.1.0
 */
import * as Cli from "./Cli.js"
import { runMain } from "./internal/main.js"

runMain(Cli.run(process.argv))
