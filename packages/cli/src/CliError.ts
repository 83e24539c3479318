/**
 * The errors of the CLI, each with the exit code a script can test.
 *
 * | code | meaning |
 * |---|---|
 * | 0 | success |
 * | 1 | unexpected failure (a bug, or a demo check that did not hold) |
 * | 2 | bad input: unknown flag or value, missing credentials, unknown region, conflicting options, a bad line of an input file |
 * | 3 | Sinch refused the credentials (401) or the project (403) |
 * | 4 | any other API failure (after retries): 4xx, 5xx, network, timeout, send outcome unknown; a campaign with batches rejected or at risk |
 * | 5 | a local file problem: unreadable or mismatching checkpoint, output not writable |
 * | 130 | interrupted (Ctrl-C); a file export can be continued with `--resume` |
 * | 141 | stdout was closed by its reader (`... | head`) |
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * The exit codes of the CLI by name (`Ok` 0, `Failure` 1, `Usage` 2, `Auth` 3, `Api` 4, `File` 5, `Interrupted` 130,
 * `StdoutClosed` 141); every error's `exitCode` is one of them.
 *
 * @since 0.1.0
 * @category constants
 */
export const ExitCode = {
  Ok: 0,
  Failure: 1,
  Usage: 2,
  Auth: 3,
  Api: 4,
  File: 5,
  Interrupted: 130,
  StdoutClosed: 141
} as const

/**
 * Bad flags or flag combinations.
 *
 * @since 0.1.0
 * @category errors
 */
export class UsageError extends Schema.TaggedError<UsageError>("@sinch-effect/cli/UsageError")("UsageError", {
  message: Schema.String
}) {
  /** @since 0.1.0 */
  get exitCode(): number {
    return ExitCode.Usage
  }
}

/**
 * Credentials that are neither in the environment nor in flags.
 *
 * @since 0.1.0
 * @category errors
 */
export class MissingCredentials extends Schema.TaggedError<MissingCredentials>("@sinch-effect/cli/MissingCredentials")(
  "MissingCredentials",
  {
    /** The missing settings, as `SINCH_X (--x)`. */
    missing: Schema.Array(Schema.String)
  }
) {
  /** @since 0.1.0 */
  override get message(): string {
    return (
      `missing credentials: ${this.missing.join(", ")} ${this.missing.length === 1 ? "is" : "are"} not set. ` +
      "Set the environment variables (or pass the flags) with an access key of your Sinch project, " +
      "or add --emulator to run against a local emulator instead."
    )
  }
  /** @since 0.1.0 */
  get exitCode(): number {
    return ExitCode.Usage
  }
}

/**
 * A setting with an invalid value (unknown region, malformed URL, ...).
 *
 * @since 0.1.0
 * @category errors
 */
export class InvalidSetting extends Schema.TaggedError<InvalidSetting>("@sinch-effect/cli/InvalidSetting")(
  "InvalidSetting",
  {
    setting: Schema.String,
    message: Schema.String
  }
) {
  /** @since 0.1.0 */
  get exitCode(): number {
    return ExitCode.Usage
  }
}

/**
 * Sinch answered 401 or 403: the message says which credential or project to check.
 *
 * @since 0.1.0
 * @category errors
 */
export class AuthFailed extends Schema.TaggedError<AuthFailed>("@sinch-effect/cli/AuthFailed")("AuthFailed", {
  status: Schema.Number,
  message: Schema.String
}) {
  /** @since 0.1.0 */
  get exitCode(): number {
    return ExitCode.Auth
  }
}

/**
 * Any other failure of the API (after the client's retries).
 *
 * @since 0.1.0
 * @category errors
 */
export class ApiFailed extends Schema.TaggedError<ApiFailed>("@sinch-effect/cli/ApiFailed")("ApiFailed", {
  /** The client error's tag (`ServerError`, `TransportError`, `SendOutcomeUnknown`, ...). */
  reason: Schema.String,
  message: Schema.String
}) {
  /** @since 0.1.0 */
  get exitCode(): number {
    return ExitCode.Api
  }
}

/**
 * A checkpoint that cannot be used to resume: unreadable, of another export, or not matching the output file.
 *
 * @since 0.1.0
 * @category errors
 */
export class CheckpointError extends Schema.TaggedError<CheckpointError>("@sinch-effect/cli/CheckpointError")(
  "CheckpointError",
  {
    /** The checkpoint's key: its path when it is a file. */
    path: Schema.String,
    /** The checkpoint as its store names it when it is not a file (`Redis checkpoint <key> at <host:port>`). */
    checkpointName: Schema.optional(Schema.String),
    reason: Schema.String
  }
) {
  /** @since 0.1.0 */
  override get message(): string {
    return `cannot resume from ${this.checkpointName ?? `checkpoint ${this.path}`}: ${this.reason}`
  }
  /** @since 0.1.0 */
  get exitCode(): number {
    return ExitCode.File
  }
}

/**
 * The output (or another local file, or a checkpoint in its store) could not be read or written.
 *
 * @since 0.1.0
 * @category errors
 */
export class FileError extends Schema.TaggedError<FileError>("@sinch-effect/cli/FileError")("FileError", {
  path: Schema.String,
  reason: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `${this.path}: ${this.reason}`
  }
  /** @since 0.1.0 */
  get exitCode(): number {
    return ExitCode.File
  }
}

/**
 * A line of an input file (the recipients of `batch send`) that cannot be used: not JSON, not CSV, no recipient, a
 * parameter the message needs and the line does not give. Nothing was sent.
 *
 * @since 0.2.0
 * @category errors
 */
export class InputError extends Schema.TaggedError<InputError>("@sinch-effect/cli/InputError")("InputError", {
  path: Schema.String,
  /** The line (from 1) where the record starts. */
  line: Schema.Number,
  reason: Schema.String
}) {
  /** @since 0.2.0 */
  override get message(): string {
    return `${this.path}:${this.line}: ${this.reason}`
  }
  /** @since 0.2.0 */
  get exitCode(): number {
    return ExitCode.Usage
  }
}

/**
 * A failure that is not the user's input nor the API: the emulator did not start, a demo check failed.
 *
 * @since 0.1.0
 * @category errors
 */
export class Failed extends Schema.TaggedError<Failed>("@sinch-effect/cli/Failed")("Failed", {
  message: Schema.String
}) {
  /** @since 0.1.0 */
  get exitCode(): number {
    return ExitCode.Failure
  }
}

/**
 * Every error a command can fail with; `Cli.report` prints its message and returns its `exitCode`.
 *
 * @since 0.1.0
 * @category models
 */
export type CliError =
  | UsageError
  | MissingCredentials
  | InvalidSetting
  | AuthFailed
  | ApiFailed
  | CheckpointError
  | FileError
  | InputError
  | Failed
