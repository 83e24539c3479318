/**
 * Lossless export of messages.
 *
 * Messages are streamed as the JSON values the API returned (nothing decoded, unknown fields kept) and written as
 * NDJSON, one message per line. The file export keeps a checkpoint next to the file (the token of the next page and
 * the file length after the last complete page): an interrupted export resumes from it with no gap and no duplicate,
 * because a partially written page is cut off and fetched again.
 *
 * Values are re-serialized with `JSON.stringify`: the content is the API's, but insignificant whitespace and the
 * spelling of numbers (`1.0` becomes `1`) may differ from the response bytes.
 *
 * @since 0.1.0
 */
import * as FileSystem from "@effect/platform/FileSystem"
import type * as PlatformError from "@effect/platform/Error"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import type * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import type * as Messages from "./Messages.js"
import type * as Pagination from "./Pagination.js"
import { SinchClient } from "./SinchClient.js"
import type * as SinchError from "./SinchError.js"

/**
 * Where an export stands: resume with `pageToken` (absent: from the start) unless `done`.
 *
 * @since 0.1.0
 * @category models
 */
export interface Checkpoint {
  readonly pageToken: string | undefined
  readonly done: boolean
}

/**
 * One page of an NDJSON export: its lines (each ending with a newline) and the checkpoint to store once they are
 * written.
 *
 * @since 0.1.0
 * @category models
 */
export interface NdjsonChunk {
  readonly ndjson: string
  readonly count: number
  readonly checkpoint: Checkpoint
}

/**
 * Messages as the JSON values the API returned, unknown fields included.
 *
 * @since 0.1.0
 * @category streams
 */
export const messagesRaw = (
  params?: Messages.ListParams,
  options?: Pagination.Options
): Stream.Stream<unknown, SinchError.SinchError | SinchError.PaginationError, SinchClient> =>
  Stream.unwrap(
    Effect.map(SinchClient, (client) =>
      Stream.mapConcat(client.messages.listRawPages(params, options), (page) => page.items)
    )
  )

/**
 * Messages as NDJSON, one chunk per page with its checkpoint. Pass a stored checkpoint's `pageToken` as
 * `options.pageToken` to resume.
 *
 * @since 0.1.0
 * @category streams
 */
export const messagesNdjson = (
  params?: Messages.ListParams,
  options?: Pagination.Options
): Stream.Stream<NdjsonChunk, SinchError.SinchError | SinchError.PaginationError, SinchClient> =>
  Stream.unwrap(
    Effect.map(SinchClient, (client) =>
      Stream.map(client.messages.listRawPages(params, options), (page) => {
        let ndjson = ""
        for (const item of page.items) ndjson += JSON.stringify(item) + "\n"
        return {
          ndjson,
          count: page.items.length,
          checkpoint: { pageToken: page.nextPageToken, done: page.nextPageToken === undefined }
        }
      })
    )
  )

/**
 * The checkpoint file of a file export.
 *
 * @since 0.1.0
 * @category schemas
 */
export const CheckpointFile = Schema.parseJson(
  Schema.Struct({
    page_token: Schema.NullOr(Schema.String),
    bytes: Schema.NonNegativeInt,
    messages: Schema.NonNegativeInt,
    done: Schema.Boolean
  })
)

/**
 * @since 0.1.0
 * @category models
 */
export interface FileExportOptions {
  /** The NDJSON file. */
  readonly path: string
  /** The checkpoint file; defaults to `${path}.checkpoint.json`. */
  readonly checkpointPath?: string | undefined
  readonly params?: Messages.ListParams | undefined
  /** Pages requested ahead; default 1. */
  readonly prefetch?: number | undefined
  /** `fsync` the file before each checkpoint (default true). */
  readonly sync?: boolean | undefined
}

/**
 * @since 0.1.0
 * @category models
 */
export interface FileExportSummary {
  /** Messages in the file after this run. */
  readonly messages: number
  /** Messages written by this run. */
  readonly written: number
  /** Pages fetched by this run. */
  readonly pages: number
  /** Whether this run resumed an interrupted export. */
  readonly resumed: boolean
  readonly done: boolean
}

const encoder = new TextEncoder()

/**
 * Exports messages to an NDJSON file, resuming from the checkpoint file when one exists (a finished export is left
 * as is).
 *
 * @since 0.1.0
 * @category exports
 */
export const messagesToFile = (
  options: FileExportOptions
): Effect.Effect<
  FileExportSummary,
  SinchError.SinchError | SinchError.PaginationError | PlatformError.PlatformError | ParseResult.ParseError,
  SinchClient | FileSystem.FileSystem
> =>
  Effect.scoped(
    Effect.gen(function* () {
      const fs = yield* FileSystem.FileSystem
      const checkpointPath = options.checkpointPath ?? `${options.path}.checkpoint.json`
      const previous = (yield* fs.exists(checkpointPath))
        ? Option.some(yield* Schema.decode(CheckpointFile)(yield* fs.readFileString(checkpointPath)))
        : Option.none()
      if (Option.isSome(previous) && previous.value.done) {
        return { messages: previous.value.messages, written: 0, pages: 0, resumed: true, done: true }
      }
      const start = Option.getOrElse(previous, () => ({ page_token: null, bytes: 0, messages: 0, done: false }))
      // cut off whatever was written after the last checkpoint, then append
      if (yield* fs.exists(options.path)) yield* fs.truncate(options.path, start.bytes)
      else yield* fs.writeFileString(options.path, "")
      const file = yield* fs.open(options.path, { flag: "a" })
      let bytes = start.bytes
      let messages = start.messages
      let written = 0
      let pages = 0
      let done = false
      const saveCheckpoint = (pageToken: string | undefined, finished: boolean) =>
        Effect.gen(function* () {
          const json = yield* Schema.encode(CheckpointFile)({
            page_token: pageToken ?? null,
            bytes,
            messages,
            done: finished
          })
          const tmp = `${checkpointPath}.tmp`
          yield* fs.writeFileString(tmp, json)
          yield* fs.rename(tmp, checkpointPath)
        })
      yield* messagesNdjson(options.params, {
        pageToken: start.page_token ?? undefined,
        prefetch: options.prefetch
      }).pipe(
        Stream.runForEach((chunk) =>
          Effect.gen(function* () {
            const data = encoder.encode(chunk.ndjson)
            yield* file.writeAll(data)
            if (options.sync !== false) yield* file.sync
            bytes += data.length
            messages += chunk.count
            written += chunk.count
            pages++
            done = chunk.checkpoint.done
            yield* saveCheckpoint(chunk.checkpoint.pageToken, chunk.checkpoint.done)
          })
        )
      )
      return { messages, written, pages, resumed: Option.isSome(previous), done }
    })
  )
