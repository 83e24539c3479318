/**
 * An export as the CLI runs it: the client's `Export` (lossless NDJSON, checkpoint after every page, resume with no
 * gap and no duplicate) to a file or to stdout, with the progress line on stderr, a hint to `--resume` when
 * interrupted, and the client's refusals turned into CLI errors that name the flags to use.
 *
 * @since 0.1.0
 */
import type * as FileSystem from "@effect/platform/FileSystem"
import { Export, type SinchClient } from "@sinch-effect/client"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import * as CliError from "./CliError.js"
import * as Progress from "./Progress.js"
import { Stdio } from "./Stdio.js"

/**
 * Where to write. A file export starts `new` (refuses to replace an existing file), `overwrite`s, or `resume`s from
 * its checkpoint (starting fresh when there is neither a checkpoint nor a file yet).
 *
 * @since 0.1.0
 * @category models
 */
export type Output =
  | { readonly _tag: "Stdout" }
  | {
      readonly _tag: "File"
      readonly path: string
      readonly checkpointPath: string
      readonly mode: "new" | "overwrite" | "resume"
      /** Pages between two checkpoints at most. */
      readonly checkpointPages?: number | undefined
    }

/**
 * The lists the `export` command offers (its subcommands).
 *
 * @since 0.1.0
 * @category constants
 */
export const commands: ReadonlyArray<Export.List> = ["messages", "contacts", "conversations"]

const describeList = (list: Export.List) => (commands.includes(list) ? `\`export ${list}\`` : `an export of ${list}`)

/**
 * Turns a refusal of the client's file export into a CLI error: a usage error for an output in the way (exit 2), a
 * checkpoint error (exit 5) otherwise.
 *
 * @since 0.1.0
 * @category errors
 */
export const fromExportError = (
  source: Export.Source,
  output: { readonly path: string; readonly checkpointPath: string },
  error: Export.ExportError
): CliError.UsageError | CliError.CheckpointError | CliError.FileError => {
  const checkpointError = (reason: string) => new CliError.CheckpointError({ path: error.path, reason })
  switch (error.reason) {
    case "CheckpointExists":
      return new CliError.UsageError({
        message:
          `${output.checkpointPath} exists: an export to ${output.path} was started before. ` +
          "Add --resume to continue it, or --overwrite to start over."
      })
    case "OutputExists":
      return new CliError.UsageError({
        message: `${output.path} exists. Add --overwrite to replace it, or --resume to continue an interrupted export.`
      })
    case "CheckpointInvalid":
      return checkpointError(error.detail.replace("an export checkpoint", "a checkpoint of sinch-conversation export"))
    case "OtherList":
      return checkpointError(
        `it belongs to ${describeList(error.checkpoint?.list ?? source.list)}, not ${describeList(source.list)}`
      )
    case "OtherApi":
      return checkpointError(`${error.detail.replace("this export", "this run")}; resume with the same settings`)
    case "OtherFilters":
      return checkpointError(`${error.detail.replace("this export", "this run")}; pass the same filters to resume`)
    case "NoCheckpoint":
      return checkpointError(`${error.detail}. Add --overwrite to start over.`)
    case "NotShardable":
      return new CliError.UsageError({ message: error.detail })
    case "CheckpointUnreadable":
    case "OutputMissing":
    case "OutputShorter":
      return checkpointError(error.detail)
    case "FileSystem":
      return new CliError.FileError({ path: error.path, reason: error.detail })
  }
}

/**
 * Runs an export to a file or stdout, with the progress line. When a file export is interrupted, it says how many
 * items are in the file and how to resume.
 *
 * @since 0.1.0
 * @category exports
 */
export const run = (
  source: Export.Source,
  output: Output,
  options: { readonly progress: Progress.Mode }
): Effect.Effect<
  Export.Progress,
  Export.ListError | CliError.CheckpointError | CliError.FileError | CliError.UsageError,
  SinchClient.SinchClient | FileSystem.FileSystem | Stdio
> =>
  Effect.scoped(
    Effect.gen(function* () {
      const io = yield* Stdio
      const reports =
        output._tag === "Stdout"
          ? Export.streamToSink(source, { write: io.stdout })
          : Export.streamToFile(source, output).pipe(
              Stream.mapError((e) => (e._tag === "ExportError" ? fromExportError(source, output, e) : e))
            )
      let last: Export.Progress | undefined
      let progress: Progress.Progress | undefined
      yield* Stream.runForEach(reports, (report) =>
        Effect.gen(function* () {
          last = report
          if (report.alreadyComplete && output._tag === "File") {
            if (io.stderrIsTTY || options.progress === "always") {
              yield* io.stderr(
                `${output.path} is already complete (${Progress.formatCount(report.items)} ${source.list})\n`
              )
            }
            return
          }
          if (progress === undefined) {
            progress = yield* Progress.make({ label: source.list, mode: options.progress, resumedAt: report.resumedAt })
          }
          if (report.pages > 0) yield* progress.page(report.pageItems)
        })
      ).pipe(
        Effect.onInterrupt(() =>
          Effect.gen(function* () {
            if (progress !== undefined) yield* progress.finish
            if (output._tag === "File" && last !== undefined) {
              yield* io.stderr(
                `interrupted: ${Progress.formatCount(last.items)} ${source.list} are in ${output.path}; ` +
                  "run the same command with --resume to continue\n"
              )
            }
          })
        )
      )
      if (progress !== undefined) yield* progress.finish
      // a progress stream always reports at least once
      return last!
    })
  )
