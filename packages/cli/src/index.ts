/**
 * @since 0.1.0
 */

/**
 * The `sinch-conversation` command line.
 *
 * @since 0.1.0
 */
export * as Cli from "./Cli.js"

/**
 * The CLI's errors and exit codes.
 *
 * @since 0.1.0
 */
export * as CliError from "./CliError.js"

/**
 * Resolving which API to talk to, with which credentials.
 *
 * @since 0.1.0
 */
export * as Connection from "./Connection.js"

/**
 * `batch send`: a campaign to the recipients of a CSV or NDJSON file, resumable.
 *
 * @since 0.2.0
 */
export * as BatchSend from "./BatchSend.js"

/**
 * The end-to-end demo.
 *
 * @since 0.1.0
 */
export * as Demo from "./Demo.js"

/**
 * Lossless NDJSON exports with checkpoints.
 *
 * @since 0.1.0
 */
export * as NdjsonExport from "./NdjsonExport.js"

/**
 * The progress line.
 *
 * @since 0.1.0
 */
export * as Progress from "./Progress.js"

/**
 * Stdout and stderr as a service.
 *
 * @since 0.1.0
 */
export * as Stdio from "./Stdio.js"
