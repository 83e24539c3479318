/**
 * An export as the CLI runs it: the client's `Export` (lossless NDJSON, batched checkpoints, resume with no gap and no
 * duplicate) to a file or to stdout, with the progress line on stderr, a hint to `--resume` when
 * interrupted, and the client's refusals turned into CLI errors that name the flags to use.
 *
 * @since 0.1.0
 */
import type * as FileSystem from "@effect/platform/FileSystem"
import * as PersistenceRedis from "@effect/experimental/Persistence/Redis"
import { CheckpointStore, Export, type SinchClient } from "@sinch-effect/client"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Scope from "effect/Scope"
import type { RedisOptions } from "ioredis"
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
      /** Where checkpoints are kept: files when absent, or a `redis://` URL. */
      readonly checkpointStore?: string | undefined
      /** Parts of the time range (`Export.toFile`'s `shards`). */
      readonly shards?: number | undefined
      /** Only this part (`Export.toFile`'s `shard`). */
      readonly shard?: number | undefined
    }

/**
 * The lists the `export` command offers (its subcommands).
 *
 * @since 0.1.0
 * @category constants
 */
export const commands: ReadonlyArray<Export.List> = ["messages", "contacts", "conversations"]

/**
 * What the items of a list are called in messages: `messages` for the messages of a conversation, a contact or the
 * whole project alike.
 *
 * @since 0.2.0
 * @category constants
 */
export const itemsOf = (list: Export.List): string => (list === "projectMessages" ? "messages" : list)

const describeList = (list: Export.List) =>
  list === "projectMessages"
    ? "`export messages` (of the whole project or app)"
    : commands.includes(list)
      ? `\`export ${list}\``
      : `an export of ${list}`

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
  const checkpointError = (reason: string) =>
    new CliError.CheckpointError({ path: error.path, checkpointName: error.checkpointName, reason })
  switch (error.reason) {
    case "CheckpointExists":
      return new CliError.UsageError({
        message:
          `${error.checkpointName ?? output.checkpointPath} exists: an export to ${output.path} was started before. ` +
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
    case "CheckpointStore":
      return new CliError.FileError({ path: error.checkpointName ?? error.path, reason: error.detail })
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
      const scope = yield* Effect.scope
      let last: Export.Progress | undefined
      let progress: Progress.Progress | undefined
      const onReport = (report: Export.Progress) =>
        Effect.gen(function* () {
          last = report
          if (report.alreadyComplete && output._tag === "File") {
            if (io.stderrIsTTY || options.progress === "always") {
              yield* io.stderr(
                `${output.path}${output.shard === undefined ? "" : ` (shard ${output.shard})`} is already complete ` +
                  `(${Progress.formatCount(report.items)} ${itemsOf(source.list)})\n`
              )
            }
            return
          }
          if (progress === undefined) {
            progress = yield* Progress.make({
              label: itemsOf(source.list),
              mode: options.progress,
              resumedAt: report.resumedAt
            })
          }
          if (report.pages > 0) yield* progress.page(report.pageItems)
        }).pipe(Effect.provideService(Stdio, io), Scope.extend(scope))
      const exported: Effect.Effect<
        void,
        Export.ListError | CliError.CheckpointError | CliError.FileError | CliError.UsageError,
        SinchClient.SinchClient | FileSystem.FileSystem
      > =
        output._tag === "Stdout"
          ? Stream.runForEach(Export.streamToSink(source, { write: io.stdout }), onReport)
          : Effect.scoped(
              Effect.gen(function* () {
                const store = yield* checkpointStore(output.checkpointStore)
                const toCliError = (e: Export.ListError | Export.ExportError) =>
                  e._tag === "ExportError" ? fromExportError(source, output, e) : e
                const sharded = (output.shards ?? 1) > 1 || output.shard !== undefined
                const run = sharded
                  ? Effect.asVoid(Export.toFile(source, { ...output, onProgress: onReport }))
                  : Stream.runForEach(Export.streamToFile(source, output), onReport)
                return yield* run.pipe(
                  Effect.mapError(toCliError),
                  store === undefined ? (e) => e : Effect.provideService(CheckpointStore.CheckpointStore, store)
                )
              })
            )
      yield* exported.pipe(
        Effect.onInterrupt(() =>
          Effect.gen(function* () {
            if (progress !== undefined) yield* progress.finish
            if (output._tag === "File" && last !== undefined) {
              yield* io.stderr(
                `interrupted: ${Progress.formatCount(last.items)} ${itemsOf(source.list)} are in ${output.path}; ` +
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

/**
 * The checkpoint store of a `--checkpoint-store` URL: `undefined` (files) when absent, Redis for `redis://` (the
 * connection lives in the current scope). Messages name a checkpoint by its Redis key and server
 * (`Redis checkpoint sinch-checkpoints:<key> at 127.0.0.1:6379`); the password of the URL is never shown.
 *
 * @since 0.1.0
 * @category checkpoints
 */
export const checkpointStore = (
  url: string | undefined
): Effect.Effect<CheckpointStore.CheckpointStore.Service | undefined, CliError.UsageError, Scope.Scope> =>
  Effect.gen(function* () {
    if (url === undefined || url === "" || url === "files") return undefined
    const options = yield* redisOptions(url)
    const server = `${options.host}:${options.port}${options.db === undefined ? "" : ` db ${options.db}`}`
    const context = yield* Layer.build(
      CheckpointStore.layerPersistence({
        nameOf: (key, storeId) => `Redis checkpoint ${storeId}:${key} at ${server}`
      }).pipe(Layer.provide(PersistenceRedis.layer(options)))
    )
    return Context.get(context, CheckpointStore.CheckpointStore)
  })

/** How long a command sent to the Redis of `--checkpoint-store` may go unanswered (a checkpoint is one `GET` or `SET`). */
const redisSocketTimeoutMillis = 5_000

/**
 * The ioredis options of a `redis://[user:password@]host[:port][/db]` URL (`rediss://` for TLS). A Redis that cannot
 * be reached, or that accepts the connection but does not answer a command within 5 seconds,
 * fails the commands (after 2 retries, each on a new connection), which the export reports as a checkpoint error.
 *
 * @since 0.1.0
 * @category checkpoints
 */
export const redisOptions = (url: string): Effect.Effect<RedisOptions, CliError.UsageError> => {
  const invalid = (why: string) =>
    new CliError.UsageError({
      message: `--checkpoint-store: ${why}; use files or redis://[user:password@]host[:port][/db]`
    })
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return Effect.fail(invalid("not a URL"))
  }
  if (parsed.protocol !== "redis:" && parsed.protocol !== "rediss:") {
    return Effect.fail(invalid(`${parsed.protocol.replace(/:$/, "")} is not a supported store`))
  }
  const db = parsed.pathname.replace(/^\//, "")
  if (db !== "" && !/^\d+$/.test(db)) return Effect.fail(invalid(`"${db}" is not a database number`))
  return Effect.succeed({
    host: parsed.hostname === "" ? "127.0.0.1" : parsed.hostname.replace(/^\[|\]$/g, ""),
    port: parsed.port === "" ? 6379 : Number(parsed.port),
    ...(parsed.username === "" ? {} : { username: decodeURIComponent(parsed.username) }),
    ...(parsed.password === "" ? {} : { password: decodeURIComponent(parsed.password) }),
    ...(db === "" ? {} : { db: Number(db) }),
    ...(parsed.protocol === "rediss:" ? { tls: {} } : {}),
    maxRetriesPerRequest: 2,
    // without it a server that accepts and never answers holds every command, and the connection's `QUIT` on the way
    // out, forever
    socketTimeout: redisSocketTimeoutMillis
  })
}
