/**
 * Lossless NDJSON export of a paginated list, to stdout or to a file with a checkpoint.
 *
 * Each item is written as the JSON value the API returned (nothing decoded, unknown fields kept), one per line. A
 * file export keeps a checkpoint next to the file, rewritten atomically after every page: the token of the next page
 * and the file length after the last complete page. `--resume` cuts off whatever was written after the last
 * checkpoint (a page interrupted halfway) and continues from its token: no gap and no duplicate, and the file ends
 * up identical to an uninterrupted export. The checkpoint also records what was exported (list, filters, project,
 * API URL) and refuses to continue a different export.
 *
 * @since 0.1.0
 */
import * as FileSystem from "@effect/platform/FileSystem"
import type * as PlatformError from "@effect/platform/Error"
import type { Pagination } from "@sinch-effect/client"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Ref from "effect/Ref"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import * as CliError from "./CliError.js"
import * as Progress from "./Progress.js"
import { Stdio } from "./Stdio.js"

/**
 * The lists that can be exported.
 *
 * @since 0.1.0
 * @category models
 */
export type Kind = "messages" | "contacts" | "conversations"

/**
 * What to export: the list, its filters (as recorded in the checkpoint) and its raw pages from a page token.
 *
 * @since 0.1.0
 * @category models
 */
export interface Source<E, R> {
  readonly kind: Kind
  readonly filters: Readonly<Record<string, string>>
  readonly pages: (pageToken: string | undefined) => Stream.Stream<Pagination.Page<unknown>, E, R>
}

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
    }

/**
 * The API a checkpoint belongs to.
 *
 * @since 0.1.0
 * @category models
 */
export interface Identity {
  readonly projectId: string
  readonly apiUrl: string
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Summary {
  readonly kind: Kind
  /** Items in the output after this run. */
  readonly items: number
  /** Items written by this run. */
  readonly written: number
  /** Pages fetched by this run. */
  readonly pages: number
  /** Items that were already in the file when this run resumed. */
  readonly resumedAt: number
  readonly resumed: boolean
  /** The checkpoint said the export was already complete: nothing was fetched. */
  readonly alreadyComplete: boolean
  readonly millis: number
}

/**
 * The checkpoint file (JSON).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Checkpoint = Schema.Struct({
  format: Schema.Literal("sinch-conversation-export/1"),
  kind: Schema.Literal("messages", "contacts", "conversations"),
  project_id: Schema.String,
  api_url: Schema.String,
  filters: Schema.Record({ key: Schema.String, value: Schema.String }),
  /** Token of the next page; `null` on the first page. */
  page_token: Schema.NullOr(Schema.String),
  /** Length of the output file after the last complete page. */
  bytes: Schema.NonNegativeInt,
  items: Schema.NonNegativeInt,
  pages: Schema.NonNegativeInt,
  done: Schema.Boolean
})

/**
 * @since 0.1.0
 * @category models
 */
export type Checkpoint = typeof Checkpoint.Type

const CheckpointJson = Schema.parseJson(Checkpoint)
const decodeCheckpoint = Schema.decodeUnknownEither(CheckpointJson)
const encodeCheckpoint = Schema.encodeSync(Schema.parseJson(Checkpoint, { space: 2 }))

/**
 * The default checkpoint path of an output file.
 *
 * @since 0.1.0
 * @category constructors
 */
export const defaultCheckpointPath = (path: string): string => `${path}.checkpoint.json`

const encoder = new TextEncoder()

const fileError = (path: string) => (error: PlatformError.PlatformError) =>
  new CliError.FileError({
    path,
    reason: error._tag === "SystemError" ? `${error.reason} (${error.method})` : error.message
  })

const canonical = (filters: Readonly<Record<string, string>>): string =>
  JSON.stringify(
    Object.keys(filters)
      .sort()
      .map((k) => [k, filters[k]])
  )

const describeFilters = (filters: Readonly<Record<string, string>>): string => {
  const keys = Object.keys(filters).sort()
  return keys.length === 0 ? "no filters" : keys.map((k) => `${k}=${filters[k]}`).join(", ")
}

/** Reads and checks a checkpoint against the export about to run. */
const readCheckpoint = <E, R>(
  fs: FileSystem.FileSystem,
  path: string,
  source: Source<E, R>,
  identity: Identity
): Effect.Effect<Checkpoint, CliError.CheckpointError> =>
  Effect.gen(function* () {
    const text = yield* fs.readFileString(path).pipe(
      Effect.mapError(
        (e) =>
          new CliError.CheckpointError({
            path,
            reason: `it cannot be read (${e._tag === "SystemError" ? e.reason : e.message})`
          })
      )
    )
    const decoded = decodeCheckpoint(text)
    if (Either.isLeft(decoded)) {
      return yield* new CliError.CheckpointError({
        path,
        reason: `it is not a checkpoint of sinch-conversation export (${ParseResult.TreeFormatter.formatErrorSync(decoded.left).split("\n").slice(-1)[0]!.trim()})`
      })
    }
    const cp = decoded.right
    const mismatch = (what: string) => new CliError.CheckpointError({ path, reason: what })
    if (cp.kind !== source.kind) {
      return yield* mismatch(`it belongs to \`export ${cp.kind}\`, not \`export ${source.kind}\``)
    }
    if (cp.api_url !== identity.apiUrl || cp.project_id !== identity.projectId) {
      return yield* mismatch(
        `it belongs to project ${cp.project_id} at ${cp.api_url}, but this run talks to project ` +
          `${identity.projectId} at ${identity.apiUrl}; resume with the same settings`
      )
    }
    if (canonical(cp.filters) !== canonical(source.filters)) {
      return yield* mismatch(
        `it was started with ${describeFilters(cp.filters)}, but this run has ${describeFilters(source.filters)}; ` +
          "pass the same filters to resume"
      )
    }
    return cp
  })

/**
 * Runs an export. A file export rewrites the checkpoint after every page; when interrupted, it says how to resume.
 *
 * @since 0.1.0
 * @category exports
 */
export const run = <E, R>(
  source: Source<E, R>,
  output: Output,
  options: { readonly identity: Identity; readonly progress: Progress.Mode }
): Effect.Effect<
  Summary,
  E | CliError.CheckpointError | CliError.FileError | CliError.UsageError,
  R | FileSystem.FileSystem | Stdio
> =>
  Effect.scoped(
    Effect.gen(function* () {
      const io = yield* Stdio
      const fs = yield* FileSystem.FileSystem
      const started = yield* Clock.currentTimeMillis
      const finish = (s: Omit<Summary, "kind" | "millis">) =>
        Effect.map(Clock.currentTimeMillis, (now): Summary => ({ ...s, kind: source.kind, millis: now - started }))

      if (output._tag === "Stdout") {
        const progress = yield* Progress.make({ label: source.kind, mode: options.progress })
        let items = 0
        let pages = 0
        yield* Stream.runForEach(source.pages(undefined), (page) => {
          let text = ""
          for (const item of page.items) text += JSON.stringify(item) + "\n"
          items += page.items.length
          pages++
          return Effect.zipRight(io.stdout(text), progress.page(page.items.length))
        })
        yield* progress.finish
        return yield* finish({
          items,
          written: items,
          pages,
          resumedAt: 0,
          resumed: false,
          alreadyComplete: false
        })
      }

      const { checkpointPath, path } = output
      const exists = (p: string) => fs.exists(p).pipe(Effect.mapError(fileError(p)))
      const checkpointExists = yield* exists(checkpointPath)
      const fileExists = yield* exists(path)
      let start: Checkpoint | undefined
      switch (output.mode) {
        case "new": {
          if (checkpointExists) {
            return yield* new CliError.UsageError({
              message:
                `${checkpointPath} exists: an export to ${path} was started before. ` +
                "Add --resume to continue it, or --overwrite to start over."
            })
          }
          if (fileExists) {
            return yield* new CliError.UsageError({
              message: `${path} exists. Add --overwrite to replace it, or --resume to continue an interrupted export.`
            })
          }
          break
        }
        case "overwrite": {
          if (checkpointExists) yield* fs.remove(checkpointPath).pipe(Effect.mapError(fileError(checkpointPath)))
          break
        }
        case "resume": {
          if (checkpointExists) {
            start = yield* readCheckpoint(fs, checkpointPath, source, options.identity)
            const size = fileExists ? Number((yield* fs.stat(path).pipe(Effect.mapError(fileError(path)))).size) : -1
            if (size < start.bytes) {
              return yield* new CliError.CheckpointError({
                path: checkpointPath,
                reason:
                  size < 0
                    ? `the output file ${path} is missing`
                    : `the output file ${path} is shorter (${size} bytes) than the checkpoint records ` +
                      `(${start.bytes} bytes): it was changed after the checkpoint was written`
              })
            }
          } else if (fileExists && Number((yield* fs.stat(path).pipe(Effect.mapError(fileError(path)))).size) > 0) {
            return yield* new CliError.CheckpointError({
              path: checkpointPath,
              reason:
                `there is no checkpoint, but ${path} exists: where it stopped is unknown. ` +
                "Add --overwrite to start over."
            })
          }
          break
        }
      }

      if (start?.done === true) {
        if (io.stderrIsTTY || options.progress === "always") {
          yield* io.stderr(`${path} is already complete (${Progress.formatCount(start.items)} ${source.kind})\n`)
        }
        return yield* finish({
          items: start.items,
          written: 0,
          pages: 0,
          resumedAt: start.items,
          resumed: true,
          alreadyComplete: true
        })
      }

      const initial: Checkpoint = start ?? {
        format: "sinch-conversation-export/1",
        kind: source.kind,
        project_id: options.identity.projectId,
        api_url: options.identity.apiUrl,
        filters: { ...source.filters },
        page_token: null,
        bytes: 0,
        items: 0,
        pages: 0,
        done: false
      }
      // cut off a page written after the last checkpoint, then append
      if (fileExists) yield* fs.truncate(path, initial.bytes).pipe(Effect.mapError(fileError(path)))
      else yield* fs.writeFileString(path, "").pipe(Effect.mapError(fileError(path)))
      const file = yield* fs.open(path, { flag: "a" }).pipe(Effect.mapError(fileError(path)))
      const saveCheckpoint = (cp: Checkpoint) =>
        Effect.gen(function* () {
          const tmp = `${checkpointPath}.tmp`
          yield* fs.writeFileString(tmp, encodeCheckpoint(cp) + "\n")
          yield* fs.rename(tmp, checkpointPath)
        }).pipe(Effect.mapError(fileError(checkpointPath)))
      if (start === undefined) yield* saveCheckpoint(initial)

      const state = yield* Ref.make({ checkpoint: initial, written: 0, pages: 0 })
      const progress = yield* Progress.make({ label: source.kind, mode: options.progress, resumedAt: initial.items })
      yield* Stream.runForEach(source.pages(initial.page_token ?? undefined), (page) =>
        Effect.gen(function* () {
          let text = ""
          for (const item of page.items) text += JSON.stringify(item) + "\n"
          const data = encoder.encode(text)
          // (an empty page writes nothing: writeAll refuses zero bytes)
          if (data.length > 0) {
            yield* file.writeAll(data).pipe(Effect.zipRight(file.sync), Effect.mapError(fileError(path)))
          }
          const { checkpoint } = yield* Ref.get(state)
          const next: Checkpoint = {
            ...checkpoint,
            page_token: page.nextPageToken ?? null,
            bytes: checkpoint.bytes + data.length,
            items: checkpoint.items + page.items.length,
            pages: checkpoint.pages + 1,
            done: page.nextPageToken === undefined
          }
          yield* saveCheckpoint(next)
          yield* Ref.update(state, (s) => ({
            checkpoint: next,
            written: s.written + page.items.length,
            pages: s.pages + 1
          }))
          yield* progress.page(page.items.length)
        }).pipe(Effect.uninterruptible)
      ).pipe(
        Effect.onInterrupt(() =>
          Effect.gen(function* () {
            yield* progress.finish
            const { checkpoint } = yield* Ref.get(state)
            yield* io.stderr(
              `interrupted: ${Progress.formatCount(checkpoint.items)} ${source.kind} are in ${path}; ` +
                "run the same command with --resume to continue\n"
            )
          })
        )
      )
      yield* progress.finish
      const { checkpoint, pages, written } = yield* Ref.get(state)
      if (!checkpoint.done) {
        // an empty list: the stream ended without a page (cannot happen with the API, which always answers a page)
        yield* saveCheckpoint({ ...checkpoint, done: true })
      }
      return yield* finish({
        items: checkpoint.items,
        written,
        pages,
        resumedAt: initial.items,
        resumed: start !== undefined,
        alreadyComplete: false
      })
    })
  )

/**
 * Reads a checkpoint file (for scripts and tests).
 *
 * @since 0.1.0
 * @category checkpoints
 */
export const readCheckpointFile = (
  path: string
): Effect.Effect<Option.Option<Checkpoint>, CliError.CheckpointError, FileSystem.FileSystem> =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem
    const exists = yield* fs.exists(path).pipe(Effect.orElseSucceed(() => false))
    if (!exists) return Option.none()
    const text = yield* fs
      .readFileString(path)
      .pipe(Effect.mapError((e) => new CliError.CheckpointError({ path, reason: e.message })))
    const decoded = decodeCheckpoint(text)
    if (Either.isLeft(decoded)) {
      return yield* new CliError.CheckpointError({
        path,
        reason: "it is not a checkpoint of sinch-conversation export"
      })
    }
    return Option.some(decoded.right)
  })
