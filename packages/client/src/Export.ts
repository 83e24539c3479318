/**
 * Lossless NDJSON exports of the paginated lists, with checkpoints.
 *
 * An export writes each item of a list as the JSON value the API returned (nothing decoded, unknown fields kept), one
 * per line, to a file or to any sink (stdout, a socket, ...). A file export keeps a checkpoint next to the file,
 * rewritten atomically after each batch of pages is synced: the token of the next page, the file length after the
 * last checkpointed page,
 * and what is exported (the list, its filters, the project and the API URL). Resuming cuts off whatever was written
 * after the last checkpoint (a page interrupted halfway) and continues from its token: no gap and no duplicate, and
 * the file ends up identical to an uninterrupted export. A checkpoint of another list, other filters, another project
 * or another API URL is refused.
 *
 * ```ts
 * const summary = yield* Export.toFile(Export.projectMessages({ app_id }), { path: "messages.ndjson" })
 * ```
 *
 * Values are re-serialized with `JSON.stringify`: the content is the API's, but insignificant whitespace and the
 * spelling of numbers (`1.0` becomes `1`) may differ from the response bytes.
 *
 * @since 0.1.0
 */
import type * as PlatformError from "@effect/platform/Error"
import * as FileSystem from "@effect/platform/FileSystem"
import type { Contacts, Conversations, Events, Ids, Messages } from "@sinch-effect/schema"
import * as Clock from "effect/Clock"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Fiber from "effect/Fiber"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Predicate from "effect/Predicate"
import * as Schema from "effect/Schema"
import * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import * as CheckpointStore from "./CheckpointStore.js"
import type * as ConsentsApi from "./Consents.js"
import type * as ContactsApi from "./Contacts.js"
import type * as MessagesApi from "./Messages.js"
import { ahead, type Pull, pullOf, toStream, withPull } from "./internal/readAhead.js"
import type * as Pagination from "./Pagination.js"
import { SinchClient } from "./SinchClient.js"
import type * as SinchClientModule from "./SinchClient.js"
import type * as SinchError from "./SinchError.js"
import { PaginationError } from "./SinchError.js"

/**
 * The lists that can be exported.
 *
 * @since 0.1.0
 * @category models
 */
export type List =
  | "messages"
  | "projectMessages"
  | "contacts"
  | "conversations"
  | "recentConversations"
  | "events"
  | "identityConflicts"
  | "consentIdentities"
  | "templates"

/**
 * Every `List` that can be exported; a checkpoint records one of them.
 *
 * @since 0.1.0
 * @category constants
 */
export const lists: ReadonlyArray<List> = [
  "messages",
  "projectMessages",
  "contacts",
  "conversations",
  "recentConversations",
  "events",
  "identityConflicts",
  "consentIdentities",
  "templates"
]

/**
 * The errors of reading a list.
 *
 * @since 0.1.0
 * @category models
 */
export type ListError = SinchError.SinchError | SinchError.PaginationError

/**
 * What to export: a list, its filters (the parameters of the list, recorded in the checkpoint) and its raw pages.
 * Build one with {@link messages}, {@link contacts}, {@link conversations}, ...
 *
 * @since 0.1.0
 * @category models
 */
export interface Source {
  readonly list: List
  /** The parameters of the list as strings (dates in ISO 8601), without page token. */
  readonly filters: Readonly<Record<string, string>>
  /** The raw pages of the list, from `options.pageToken` (the first page when absent). */
  readonly pages: (options: Pagination.Options) => Stream.Stream<Pagination.Page<unknown>, ListError, SinchClient>
  /** For a list filtered by a time range (`messages`): the range, and the same list over a part of it. */
  readonly byTime?: TimeRange | undefined
  /** For a walk over conversations (`projectMessages`): its conversations, which a sharded export exports apart. */
  readonly byConversation?: Walk | undefined
}

/**
 * The conversations of a walk ({@link projectMessages}), which a sharded export exports concurrently.
 *
 * @since 0.2.0
 * @category models
 */
export interface Walk {
  /** The conversations from a page token of the walk (from the start when `undefined`), in the walk's order. */
  readonly conversations: (pageToken: string | undefined) => Stream.Stream<WalkStep, ListError, SinchClient>
}

/**
 * One conversation of a walk.
 *
 * @since 0.2.0
 * @category models
 */
export interface WalkStep {
  readonly conversationId: string
  /** The messages of the conversation (`messages` with its `conversation_id`), from where the walk stands in it. */
  readonly messages: Source
  /** The page token of the walk after this conversation. */
  readonly after: string
}

/**
 * The time range of a source (`start_time`, `end_time`, bounds included), which a sharded export splits.
 *
 * @since 0.1.0
 * @category models
 */
export interface TimeRange {
  readonly start: DateTime.Utc | undefined
  readonly end: DateTime.Utc | undefined
  /** The same list from `start` to `end` (bounds included). */
  readonly between: (start: DateTime.Utc, end: DateTime.Utc) => Source
  /** The time of an item, in epoch milliseconds (`accept_time`); `undefined` when it has none. */
  readonly timeOf: (item: unknown) => number | undefined
}

const filtersOf = (params: object): Record<string, string> => {
  const out: Record<string, string> = {}
  const record = params as Readonly<Record<string, unknown>>
  for (const key of Object.keys(record).sort()) {
    const value = record[key]
    if (key === "page_token" || value === undefined || value === null) continue
    out[key] = DateTime.isDateTime(value)
      ? DateTime.formatIso(value)
      : Array.isArray(value)
        ? value.map(String).join(",")
        : String(value)
  }
  return out
}

const withoutPageToken = <P extends object>(params: P): P => {
  if (!("page_token" in params)) return params
  const { page_token: _, ...rest } = params as P & { readonly page_token?: unknown }
  return rest as P
}

const source = <P extends object>(
  list: List,
  params: P,
  pages: (
    client: SinchClientModule.Service,
    params: P,
    options: Pagination.Options
  ) => Stream.Stream<Pagination.Page<unknown>, ListError>
): Source => {
  const fromStart = withoutPageToken(params)
  return {
    list,
    filters: filtersOf(fromStart),
    pages: (options) => withPull(Effect.flatMap(SinchClient, (client) => pullOf(pages(client, fromStart, options))))
  }
}

/**
 * The parameters of {@link messages}, those of `messages.list`: the API needs a `conversation_id` or a `contact_id` for
 * the messages of conversations (`CONVERSATION_SOURCE`, the default), and an `app_id` for `DISPATCH_SOURCE`. The
 * messages of a whole project or app are {@link projectMessages}.
 *
 * @since 0.2.0
 * @category models
 */
export type MessagesParams = MessagesApi.ListParams

/**
 * `GET /messages`: the messages of a conversation or a contact, or of a dispatch-mode app.
 *
 * @since 0.1.0
 * @category sources
 */
export const messages = (params: MessagesParams): Source => ({
  ...source("messages", params, (client, p, options) => client.messages.listRawPages(p, options)),
  byTime: {
    start: params.start_time,
    end: params.end_time,
    between: (start_time, end_time) => messages({ ...params, start_time, end_time }),
    timeOf: acceptTime
  }
})

/**
 * The parameters of {@link projectMessages}: the filters of `GET /messages` applied to every conversation (`app_id`
 * also picks the app whose conversations are walked).
 *
 * @since 0.2.0
 * @category models
 */
export type ProjectMessagesParams = Omit<
  Messages.ListMessagesRequest,
  "conversation_id" | "contact_id" | "messages_source" | "only_recipient_originated" | "page_token"
>

/**
 * The messages of a whole project (or of one app with `app_id`), as a user of the API gets them: the API lists the
 * messages of conversations only per conversation or contact, so this walks the apps (`GET /apps`, or the one
 * `app_id`), the conversations of each (`GET /conversations`, paged, active or not), and exports the messages of each
 * conversation in turn (`GET /messages?conversation_id=...` with the other filters). The output is conversation by
 * conversation, each newest first.
 *
 * Its page tokens record where the walk stands: the app, the page of conversations and the conversation in it, and
 * the page of that conversation's messages, so a checkpoint resumes in the middle of a conversation. A resumed walk
 * finds its conversation by id on its page (by position when it was deleted). `shards` exports several conversations
 * concurrently (see {@link toFile}).
 *
 * @since 0.2.0
 * @category sources
 */
export const projectMessages = (params: ProjectMessagesParams = {}): Source => {
  const base = withoutPageToken(params)
  const conversationSource = (conversationId: string, pageToken: string | null): Source => {
    const inner = messages({ ...base, conversation_id: conversationId as Ids.ConversationId })
    return pageToken === null
      ? inner
      : { ...inner, pages: (options) => inner.pages({ ...options, pageToken: options.pageToken ?? pageToken }) }
  }
  /** The conversations of the walk from a page token of it, one step each (the apps are listed on the first pull). */
  const openSteps = (
    pageToken: string | undefined
  ): Effect.Effect<Pull<Step, ListError, SinchClient>, never, SinchClient | Scope.Scope> =>
    Effect.map(Effect.scope, (scope) => {
      // where the walk resumes, the apps it walks, the app it is in (and where it resumes in it), the pull of that
      // app's pages of conversations, and the steps of the last page
      let at: Step | undefined
      let apps: ReadonlyArray<string> | undefined
      let firstApp = 0
      let app = 0
      let inApp: Step | undefined
      let pages: Pull<Pagination.Page<unknown>, ListError, SinchClient> | undefined
      let steps: Array<Step> = []
      let taken = 0
      const start = Effect.gen(function* () {
        if (pageToken !== undefined && pageToken !== "") {
          const decoded = decodePosition(pageToken)
          if (Option.isNone(decoded)) {
            return yield* new PaginationError({ operation: "Export.projectMessages", reason: "InvalidToken", pages: 0 })
          }
          at = decoded.value
        }
        const client = yield* SinchClient
        const appIds =
          base.app_id !== undefined
            ? [base.app_id as string]
            : ((yield* client.apps.list()).apps ?? []).flatMap((each) => (each.id === undefined ? [] : [each.id]))
        firstApp = app = at === undefined ? 0 : locate(appIds, at.app_id, at.app)
        apps = appIds
      })
      const stepsOf = (page: Pagination.Page<unknown>, appId: string): Array<Step> => {
        const ids = page.items.map((item) =>
          Predicate.hasProperty(item, "id") && typeof item.id === "string" ? item.id : ""
        )
        const resumed = inApp !== undefined && page.index === 0
        const from = !resumed
          ? 0
          : ids.includes(inApp!.conversation_id)
            ? ids.indexOf(inApp!.conversation_id) + (inApp!.finished ? 1 : 0)
            : inApp!.conversation
        const out: Array<Step> = []
        for (let i = from; i < ids.length; i++) {
          out.push({
            app_id: appId,
            app,
            conversations: page.pageToken ?? null,
            conversation_id: ids[i]!,
            conversation: i,
            messages:
              resumed && i === from && !inApp!.finished && ids[i] === inApp!.conversation_id ? inApp!.messages : null,
            finished: false
          })
        }
        return out
      }
      const next: Pull<Step, ListError, SinchClient> = Effect.suspend(() => {
        if (taken < steps.length) return Effect.succeed(steps[taken++]!)
        if (apps === undefined) return Effect.zipRight(start, next)
        if (app >= apps.length) return Effect.succeed(undefined)
        const appId = apps[app]!
        if (pages === undefined) {
          // the position in the app's conversations, when resuming in this app
          inApp = at !== undefined && app === firstApp && appId === at.app_id ? at : undefined
          return Effect.flatMap(SinchClient, (client) => {
            const list = client.conversations.listRawPages(
              {
                app_id: appId as Ids.AppId,
                only_active: false,
                ...(base.page_size === undefined ? {} : { page_size: base.page_size })
              },
              { pageToken: inApp?.conversations ?? undefined }
            )
            return Effect.flatMap(Scope.extend(pullOf(list), scope), (pull) => {
              pages = pull
              return next
            })
          })
        }
        return Effect.flatMap(pages, (page) => {
          if (page === undefined) {
            pages = undefined
            app++
          } else {
            steps = stepsOf(page, appId)
            taken = 0
          }
          return next
        })
      })
      return next
    })
  const walk: Walk = {
    conversations: (pageToken) =>
      Stream.map(withPull(openSteps(pageToken)), (step) => ({
        conversationId: step.conversation_id,
        messages: conversationSource(step.conversation_id, step.messages),
        after: encodePosition({ ...step, messages: null, finished: true })
      }))
  }
  return {
    list: "projectMessages",
    filters: filtersOf(base),
    byConversation: walk,
    pages: (options) =>
      withPull(
        Effect.gen(function* () {
          const scope = yield* Effect.scope
          const conversations = yield* openSteps(options.pageToken)
          // the conversation being exported and the pull of its pages (each conversation's pages on demand: the walk as
          // a whole is read ahead, across conversations)
          let step: Step | undefined
          let messages: Pull<Pagination.Page<unknown>, ListError, SinchClient> | undefined
          let ended = false
          let index = 0
          const next: Pull<Pagination.Page<unknown>, ListError, SinchClient> = Effect.suspend(() => {
            if (messages === undefined) {
              if (ended) return Effect.succeed(undefined)
              return Effect.flatMap(conversations, (at) => {
                if (at === undefined) {
                  ended = true
                  // the walk ends with an empty last page, without a next token
                  return Effect.succeed({ items: [], pageToken: undefined, nextPageToken: undefined, index: index++ })
                }
                step = at
                const source = conversationSource(at.conversation_id, at.messages)
                const open = pullOf(source.pages({ ...options, pageToken: undefined, prefetch: 0 }))
                return Effect.flatMap(Scope.extend(open, scope), (pull) => {
                  messages = pull
                  return next
                })
              })
            }
            return Effect.flatMap(messages, (page): Pull<Pagination.Page<unknown>, ListError, SinchClient> => {
              if (page === undefined) {
                messages = undefined
                return next
              }
              const at = step!
              return Effect.succeed({
                items: page.items,
                pageToken: encodePosition({ ...at, messages: page.pageToken ?? null }),
                nextPageToken: encodePosition(
                  page.nextPageToken === undefined
                    ? { ...at, messages: null, finished: true }
                    : { ...at, messages: page.nextPageToken }
                ),
                index: index++
              })
            })
          })
          return yield* ahead(next, Math.max(0, Math.floor(options.prefetch ?? 1)))
        })
      )
  }
}

/** Where a walk of {@link projectMessages} stands: its page tokens are this, as JSON. */
const Position = Schema.Struct({
  app_id: Schema.String,
  /** the index of the app (where to go on when it was deleted) */
  app: Schema.NonNegativeInt,
  /** the token of the page of conversations (`null`: the first) */
  conversations: Schema.NullOr(Schema.String),
  conversation_id: Schema.String,
  /** the index of the conversation in its page */
  conversation: Schema.NonNegativeInt,
  /** the token of the conversation's next page of messages (`null`: its first) */
  messages: Schema.NullOr(Schema.String),
  /** the conversation is exported */
  finished: Schema.Boolean
})
type Step = typeof Position.Type

const PositionJson = Schema.parseJson(Position)
// the parsers below are compiled on first use, not at import (Effect memoises a compiled parser per schema)
const decodePosition = (u: unknown) => Schema.decodeUnknownOption(PositionJson)(u)
/** A position as a page token: `Position`'s JSON, its fields in their order (`Position`'s encoding is the identity). */
const encodePosition = (step: Step): string =>
  JSON.stringify({
    app_id: step.app_id,
    app: step.app,
    conversations: step.conversations,
    conversation_id: step.conversation_id,
    conversation: step.conversation,
    messages: step.messages,
    finished: step.finished
  })

/** The index of `id` in `ids`, or `fallback` when it is not there (deleted: what came after it moved to its place). */
const locate = (ids: ReadonlyArray<string>, id: string, fallback: number): number => {
  const index = ids.indexOf(id)
  return index >= 0 ? index : fallback
}

const acceptTime = (item: unknown): number | undefined => {
  if (!Predicate.hasProperty(item, "accept_time") || typeof item.accept_time !== "string") return undefined
  const millis = Date.parse(item.accept_time)
  return Number.isNaN(millis) ? undefined : millis
}

/**
 * `GET /contacts`.
 *
 * @since 0.1.0
 * @category sources
 */
export const contacts = (params: Contacts.ListContactsRequest = {}): Source =>
  source("contacts", params, (client, p, options) => client.contacts.listRawPages(p, options))

/**
 * `GET /conversations`.
 *
 * @since 0.1.0
 * @category sources
 */
export const conversations = (params: Conversations.ListConversationsRequest): Source =>
  source("conversations", params, (client, p, options) => client.conversations.listRawPages(p, options))

/**
 * `GET /conversations:recent`.
 *
 * @since 0.1.0
 * @category sources
 */
export const recentConversations = (params: Conversations.ListRecentConversationsRequest): Source =>
  source("recentConversations", params, (client, p, options) => client.conversations.listRecentRawPages(p, options))

/**
 * `GET /events`.
 *
 * @since 0.1.0
 * @category sources
 */
export const events = (params: Events.ListEventsRequest = {}): Source =>
  source("events", params, (client, p, options) => client.events.listRawPages(p, options))

/**
 * `GET /contacts:identityConflicts`.
 *
 * @since 0.1.0
 * @category sources
 */
export const identityConflicts = (params: ContactsApi.ListIdentityConflictsParams = {}): Source =>
  source("identityConflicts", params, (client, p, options) => client.contacts.listIdentityConflictsRawPages(p, options))

/**
 * `GET /apps/{app_id}/consents/{list_type}`.
 *
 * @since 0.1.0
 * @category sources
 */
export const consentIdentities = (params: ConsentsApi.ListIdentitiesParams): Source =>
  source("consentIdentities", params, (client, p, options) => client.consents.listIdentitiesRawPages(p, options))

/**
 * `GET /v2/projects/{project_id}/templates` on the template host (`version: "v1"`: the v1 templates): every template,
 * on one page (the API does not paginate templates).
 *
 * @since 0.2.0
 * @category sources
 */
export const templates = (params: { readonly version?: "v1" | "v2" | undefined } = {}): Source =>
  source("templates", params, (client, p) =>
    p.version === "v1" ? client.templates.v1.listRawPages() : client.templates.v2.listRawPages()
  )

/**
 * The NDJSON text of a page: one line per item, each ending with a newline (empty for an empty page).
 *
 * @since 0.1.0
 * @category encoding
 */
export const ndjsonOf = (items: ReadonlyArray<unknown>): string => {
  let text = ""
  for (const item of items) text += JSON.stringify(item) + "\n"
  return text
}

/**
 * One page of an export as NDJSON.
 *
 * @since 0.1.0
 * @category models
 */
export interface NdjsonPage {
  readonly ndjson: string
  readonly items: number
  /** The token to resume after this page; `undefined` on the last page. */
  readonly nextPageToken: string | undefined
  readonly index: number
}

/**
 * A list as NDJSON, one chunk per page (resume with `options.pageToken`).
 *
 * @since 0.1.0
 * @category streams
 */
export const ndjson = (self: Source, options?: Pagination.Options): Stream.Stream<NdjsonPage, ListError, SinchClient> =>
  Stream.map(self.pages(options ?? {}), (page) => ({
    ndjson: ndjsonOf(page.items),
    items: page.items.length,
    nextPageToken: page.nextPageToken,
    index: page.index
  }))

/**
 * The checkpoint file of a file export (JSON).
 *
 * @since 0.1.0
 * @category schemas
 */
export const Checkpoint = Schema.Struct({
  format: Schema.Literal("sinch-effect-export/1"),
  list: Schema.Literal(...lists),
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

const decodeCheckpoint = (u: unknown) => Schema.decodeUnknownEither(Checkpoint)(u)
const encodeCheckpoint = (checkpoint: Checkpoint) => Schema.encodeSync(Checkpoint)(checkpoint)

/**
 * The default checkpoint path of an output file: `${path}.checkpoint.json`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const defaultCheckpointPath = (path: string): string => `${path}.checkpoint.json`

/**
 * Why an export did not run.
 * - `OutputExists`, `CheckpointExists`: a `new` export found an output or a checkpoint in its way;
 * - `CheckpointUnreadable`, `CheckpointInvalid`: the checkpoint cannot be read, or is not an export checkpoint;
 * - `OtherList`, `OtherApi`, `OtherFilters`: the checkpoint belongs to another export (`checkpoint` says which);
 * - `OutputMissing`, `OutputShorter`: the output was removed or cut after the checkpoint was written;
 * - `NoCheckpoint`: resuming found an output but no checkpoint, so where it stopped is unknown;
 * - `NotShardable`: `shards` was asked of a list without conversations to walk or a time range (`start_time` and
 *   `end_time`), or `shard` is not one of its shards;
 * - `CheckpointStore`: the checkpoint store could not write or remove a checkpoint (e.g. Redis unreachable);
 * - `FileSystem`: reading or writing a file failed.
 *
 * @since 0.1.0
 * @category models
 */
export type ErrorReason = typeof ExportError.fields.reason.Type

/** Whether the `path` of an `ExportError` of this reason is the checkpoint's key. */
const aboutCheckpoint = (reason: ErrorReason): boolean =>
  reason !== "OutputExists" && reason !== "NotShardable" && reason !== "FileSystem"

/**
 * A file export refused to run or could not write.
 *
 * @since 0.1.0
 * @category errors
 */
export class ExportError extends Schema.TaggedError<ExportError>("@sinch-effect/client/ExportError")("ExportError", {
  reason: Schema.Literal(
    "OutputExists",
    "CheckpointExists",
    "CheckpointUnreadable",
    "CheckpointInvalid",
    "OtherList",
    "OtherApi",
    "OtherFilters",
    "OutputMissing",
    "OutputShorter",
    "NoCheckpoint",
    "NotShardable",
    "CheckpointStore",
    "FileSystem"
  ),
  /** The file concerned (the checkpoint's key for checkpoint problems: its path when it is a file). */
  path: Schema.String,
  detail: Schema.String,
  /** The checkpoint found, for `OtherList`, `OtherApi` and `OtherFilters`. */
  checkpoint: Schema.optional(Checkpoint),
  /** For checkpoint problems, the checkpoint as its store names it (`CheckpointStore.Service.nameOf`). */
  checkpointName: Schema.optional(Schema.String)
}) {
  /** Whether the checkpoint is what prevents resuming. @since 0.1.0 */
  get isCheckpointProblem(): boolean {
    return (
      this.reason !== "OutputExists" &&
      this.reason !== "CheckpointExists" &&
      this.reason !== "NotShardable" &&
      this.reason !== "CheckpointStore" &&
      this.reason !== "FileSystem"
    )
  }
  /** @since 0.1.0 */
  override get message(): string {
    const name = this.checkpointName ?? `checkpoint ${this.path}`
    return this.isCheckpointProblem
      ? `cannot resume from ${name}: ${this.detail}`
      : `${aboutCheckpoint(this.reason) ? name : this.path}: ${this.detail}`
  }
}

/** An error of a file export with its checkpoint named as the checkpoint store of the context names it. */
const namedCheckpoint = <E>(error: E): Effect.Effect<never, E, FileSystem.FileSystem> =>
  error instanceof ExportError && aboutCheckpoint(error.reason) && error.checkpointName === undefined
    ? Effect.flatMap(CheckpointStore.current, (store) =>
        Effect.fail(
          new ExportError({
            reason: error.reason,
            path: error.path,
            detail: error.detail,
            checkpoint: error.checkpoint,
            checkpointName: store.nameOf(error.path)
          }) as E
        )
      )
    : Effect.fail(error)

/**
 * Where an export stands: reported when it starts (`pages` 0) and after every page, and returned when it ends.
 *
 * @since 0.1.0
 * @category models
 */
export interface Progress {
  readonly list: List
  /** Items in the output, those of an interrupted run included. */
  readonly items: number
  /** Items written by this run. */
  readonly written: number
  /** Pages fetched by this run. */
  readonly pages: number
  /** Items of the last page written (0 in the first report). */
  readonly pageItems: number
  /** Items that were already in the output when this run resumed. */
  readonly resumedAt: number
  /** Whether this run continues an interrupted export. */
  readonly resumed: boolean
  /** The checkpoint said the export was complete: nothing was fetched. */
  readonly alreadyComplete: boolean
  /** The token to continue from after what is written; `undefined` at the start of a list and when done. */
  readonly pageToken: string | undefined
  readonly done: boolean
}

/**
 * Options of every export.
 *
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /**
   * Pages requested ahead of the writer (default 1): the next page's request goes out before the current page is
   * written, and, for {@link projectMessages}, the next conversation's first page before the last page of the current
   * one is written.
   */
  readonly prefetch?: number | undefined
  /** Consecutive empty pages tolerated (default 10). */
  readonly maxEmptyPages?: number | undefined
}

/**
 * Options of a file export.
 *
 * @since 0.1.0
 * @category models
 */
export interface FileOptions extends Options {
  /** The NDJSON file. */
  readonly path: string
  /**
   * The checkpoint's key in the checkpoint store (`CheckpointStore`; files by default, where the key is the
   * checkpoint file's path); defaults to {@link defaultCheckpointPath}. Workers that share a store and resume each
   * other's exports use the same key.
   */
  readonly checkpointPath?: string | undefined
  /**
   * `resume` (default): continue from the checkpoint, or start when there is neither a checkpoint nor an output;
   * `new`: refuse to replace an output or a checkpoint; `overwrite`: start over.
   */
  readonly mode?: "new" | "overwrite" | "resume" | undefined
  /** `fsync` the file before each checkpoint (default true). */
  readonly sync?: boolean | undefined
  /** Checkpoint at least every this many pages (default 100). */
  readonly checkpointPages?: number | undefined
  /** Checkpoint at least every this many milliseconds (default 1000). */
  readonly checkpointMillis?: number | undefined
  /**
   * Fetch this many lists concurrently (default 1; `toFile` only): the conversations of `projectMessages`, or parts of
   * the time range of `messages` (with both `start_time` and `end_time`). The file is the same, line for line, as a
   * sequential export's.
   */
  readonly shards?: number | undefined
  /**
   * With `shards`, export only this shard and stop there: for `projectMessages` the conversations whose
   * {@link shardOf} is this, each to its own file and checkpoint; for a time range, part `shard` (0 for the newest). The
   * returned progress is the shard's, `done` once it is. Several workers each take a shard (on a file system they share,
   * with a shared `CheckpointStore`), a shard stopped on one worker resumes on another, and a last run without `shard`
   * exports what is left and combines the files into `path`. `toFile` only.
   */
  readonly shard?: number | undefined
}

/**
 * A sink of NDJSON text (stdout, a socket, ...). `write` is called once per non-empty page, in order.
 *
 * @since 0.1.0
 * @category models
 */
export interface Sink<E, R> {
  readonly write: (ndjson: string) => Effect.Effect<void, E, R>
}

/** An export under way: its first report, and the pull of the next ones (one per page). */
interface Opened<E, R> {
  readonly first: Progress
  readonly next: Pull<Progress, E, R>
}

/** The reports of an opened export as a stream. */
const reports = <E, R>(open: Effect.Effect<Opened<E, R>, E, R | Scope.Scope>): Stream.Stream<Progress, E, R> =>
  Stream.unwrapScoped(Effect.map(open, (opened) => Stream.concat(Stream.succeed(opened.first), toStream(opened.next))))

/** Runs an opened export to its end, `onProgress` called with every report; the last report. */
const drain = <E, R>(
  open: Effect.Effect<Opened<E, R>, E, R | Scope.Scope>,
  onProgress: ((progress: Progress) => Effect.Effect<void>) | undefined
): Effect.Effect<Progress, E, R> =>
  Effect.scoped(
    Effect.gen(function* () {
      const { first, next } = yield* open
      let last = first
      if (onProgress !== undefined) yield* onProgress(first)
      for (;;) {
        const progress = yield* next
        if (progress === undefined) return last
        last = progress
        if (onProgress !== undefined) yield* onProgress(progress)
      }
    })
  )

/** Opens an export to a sink: pages are written to the sink as they are pulled. */
const openSink = <E, R>(
  self: Source,
  sink: Sink<E, R>,
  options: (Options & { readonly pageToken?: string | undefined }) | undefined
): Effect.Effect<Opened<ListError | E, SinchClient | R>, never, SinchClient | R | Scope.Scope> =>
  Effect.gen(function* () {
    const resumed = options?.pageToken !== undefined && options.pageToken !== ""
    let state: Progress = {
      list: self.list,
      items: 0,
      written: 0,
      pages: 0,
      pageItems: 0,
      resumedAt: 0,
      resumed,
      alreadyComplete: false,
      pageToken: resumed ? options?.pageToken : undefined,
      done: false
    }
    const pages = yield* pullOf(self.pages({ ...options, pageToken: state.pageToken }))
    const next: Pull<Progress, ListError | E, SinchClient | R> = Effect.flatMap(pages, (page) => {
      if (page === undefined) return Effect.succeed(undefined)
      const text = ndjsonOf(page.items)
      const write = text === "" ? Effect.void : sink.write(text)
      return Effect.map(write, () => {
        state = advance(state, page.items.length, page.nextPageToken)
        return state
      })
    })
    return { first: state, next }
  })

/**
 * Exports to a sink, reporting progress as a stream (one element at the start and one per page). Without a
 * checkpoint file, resume by passing a reported `pageToken` as `options.pageToken`.
 *
 * @since 0.1.0
 * @category exports
 */
export const streamToSink = <E, R>(
  self: Source,
  sink: Sink<E, R>,
  options?: Options & { readonly pageToken?: string | undefined }
): Stream.Stream<Progress, ListError | E, SinchClient | R> => reports(openSink(self, sink, options))

const advance = (state: Progress, items: number, nextPageToken: string | undefined): Progress => ({
  ...state,
  items: state.items + items,
  written: state.written + items,
  pages: state.pages + 1,
  pageItems: items,
  pageToken: nextPageToken,
  done: nextPageToken === undefined
})

/**
 * Exports to a sink; `onProgress` is called at the start and after every page. Returns the final {@link Progress}.
 *
 * @since 0.1.0
 * @category exports
 */
export const toSink = <E, R>(
  self: Source,
  sink: Sink<E, R>,
  options?: Options & {
    readonly pageToken?: string | undefined
    readonly onProgress?: ((progress: Progress) => Effect.Effect<void>) | undefined
  }
): Effect.Effect<Progress, ListError | E, SinchClient | R> => drain(openSink(self, sink, options), options?.onProgress)

/** The bytes a file export collects before it appends them to the file (between checkpoints). */
const writeChunk = 64 * 1024

/**
 * The NDJSON of the pages a file export has not appended yet, encoded as UTF-8 line by line into one buffer that every
 * append of the export reuses (twice `writeChunk`, so a page fits after the threshold; larger only for a larger page).
 * No page's text waits for the append as a string: those strings lived across the awaits of the next pages and
 * survived the young generation's collections (with the parsed pages, about 0.85 MB per scavenge of a 100k export,
 * against 0.08 MB for the official SDK), which made V8 grow the young generation; and no new buffer is allocated for
 * each append. `take` answers a view of the buffer, valid until the next `add`: the export appends it before it adds
 * the next page.
 */
class PendingBytes {
  private buffer = Buffer.allocUnsafe(2 * writeChunk)
  length = 0
  /** Adds one line per item: its JSON and a newline. */
  add(items: ReadonlyArray<unknown>): void {
    for (const item of items) {
      const line = JSON.stringify(item)
      // (a UTF-16 unit takes at most 3 bytes)
      if (this.length + 3 * line.length + 1 > this.buffer.length) this.reserve(Buffer.byteLength(line) + 1)
      this.length += this.buffer.write(line, this.length)
      this.buffer[this.length++] = 0x0a
    }
  }
  private reserve(bytes: number): void {
    if (this.length + bytes <= this.buffer.length) return
    const larger = Buffer.allocUnsafe(Math.max(2 * this.buffer.length, this.length + bytes))
    this.buffer.copy(larger, 0, 0, this.length)
    this.buffer = larger
  }
  /** The bytes added since the last `take` (a view of the buffer, valid until the next `add`). */
  take(): Uint8Array {
    const bytes = this.buffer.subarray(0, this.length)
    this.length = 0
    return bytes
  }
}

const fsError =
  (path: string, reason: ErrorReason = "FileSystem") =>
  (error: PlatformError.PlatformError) =>
    new ExportError({
      reason,
      path,
      detail: error._tag === "SystemError" ? `${error.reason} (${error.method})` : error.message
    })

const storeError = (error: CheckpointStore.CheckpointStoreError): ExportError =>
  new ExportError({
    reason:
      error.operation !== "get" ? "CheckpointStore" : error.invalid ? "CheckpointInvalid" : "CheckpointUnreadable",
    path: error.key,
    detail:
      error.operation !== "get"
        ? `the checkpoint cannot be ${error.operation === "set" ? "written" : "removed"} (${error.detail})`
        : error.invalid
          ? "it is not an export checkpoint (it is not JSON)"
          : `it cannot be read (${error.detail})`
  })

const describeFilters = (filters: Readonly<Record<string, string>>): string => {
  const keys = Object.keys(filters).sort()
  return keys.length === 0 ? "no filters" : keys.map((k) => `${k}=${filters[k]}`).join(", ")
}

const sameFilters = (a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean => {
  const keys = Object.keys(a)
  return keys.length === Object.keys(b).length && keys.every((k) => Predicate.hasProperty(b, k) && b[k] === a[k])
}

/** The checkpoint of an export that has not fetched anything yet. */
const freshCheckpoint = (self: Source, client: SinchClientModule.Service): Checkpoint => ({
  format: "sinch-effect-export/1",
  list: self.list,
  project_id: client.projectId,
  api_url: client.conversationUrl,
  filters: { ...self.filters },
  page_token: null,
  bytes: 0,
  items: 0,
  pages: 0,
  done: false
})

/** Reads a checkpoint and checks it against the export about to run. */
const readMatching = (
  stored: unknown,
  path: string,
  self: Source,
  client: SinchClientModule.Service
): Effect.Effect<Checkpoint, ExportError> =>
  Effect.gen(function* () {
    const decoded = decodeCheckpoint(stored)
    if (Either.isLeft(decoded)) {
      const lastLine = ParseResult.TreeFormatter.formatErrorSync(decoded.left).split("\n").pop()!.trim()
      return yield* new ExportError({
        reason: "CheckpointInvalid",
        path,
        detail: `it is not an export checkpoint (${lastLine})`
      })
    }
    const checkpoint = decoded.right
    if (checkpoint.list !== self.list) {
      return yield* new ExportError({
        reason: "OtherList",
        path,
        checkpoint,
        detail: `it belongs to an export of ${checkpoint.list}, not of ${self.list}`
      })
    }
    if (checkpoint.api_url !== client.conversationUrl || checkpoint.project_id !== client.projectId) {
      return yield* new ExportError({
        reason: "OtherApi",
        path,
        checkpoint,
        detail:
          `it belongs to project ${checkpoint.project_id} at ${checkpoint.api_url}, but this export talks to ` +
          `project ${client.projectId} at ${client.conversationUrl}`
      })
    }
    if (!sameFilters(checkpoint.filters, self.filters)) {
      return yield* new ExportError({
        reason: "OtherFilters",
        path,
        checkpoint,
        detail: `it was started with ${describeFilters(checkpoint.filters)}, but this export has ${describeFilters(self.filters)}`
      })
    }
    return checkpoint
  })

/**
 * Reads a checkpoint from the checkpoint store of the context (a file when there is none, `path` being its path):
 * `undefined` when there is none.
 *
 * @since 0.1.0
 * @category checkpoints
 */
export const readCheckpoint = (
  path: string
): Effect.Effect<Checkpoint | undefined, ExportError, FileSystem.FileSystem> =>
  Effect.gen(function* () {
    const store = yield* CheckpointStore.current
    const stored = yield* store.get(path).pipe(Effect.mapError(storeError))
    if (Option.isNone(stored)) return undefined
    const decoded = decodeCheckpoint(stored.value)
    if (Either.isLeft(decoded)) {
      return yield* new ExportError({ reason: "CheckpointInvalid", path, detail: "it is not an export checkpoint" })
    }
    return decoded.right
  }).pipe(Effect.catchAll(namedCheckpoint))

/** Writes a checkpoint to the store. */
const writeCheckpoint = (store: CheckpointStore.CheckpointStore.Service, key: string, checkpoint: Checkpoint) =>
  store.set(key, encodeCheckpoint(checkpoint)).pipe(Effect.mapError(storeError))

/** Decides where a file export starts: a checkpoint to continue from, or nothing (a fresh export). */
const startingPoint = (
  fs: FileSystem.FileSystem,
  store: CheckpointStore.CheckpointStore.Service,
  self: Source,
  client: SinchClientModule.Service,
  path: string,
  checkpointPath: string,
  mode: "new" | "overwrite" | "resume"
): Effect.Effect<Checkpoint | undefined, ExportError> =>
  Effect.gen(function* () {
    const exists = (p: string) => fs.exists(p).pipe(Effect.mapError(fsError(p)))
    const size = (p: string) => Effect.map(fs.stat(p).pipe(Effect.mapError(fsError(p))), (info) => Number(info.size))
    // (an export that starts over reads nothing, and its first requests are already out: see `openFile`)
    if (mode === "overwrite") {
      yield* store.remove(checkpointPath).pipe(Effect.mapError(storeError))
      return undefined
    }
    const stored = yield* store.get(checkpointPath).pipe(Effect.mapError(storeError))
    const checkpointExists = Option.isSome(stored)
    const outputExists = yield* exists(path)
    switch (mode) {
      case "new": {
        if (checkpointExists) {
          return yield* new ExportError({
            reason: "CheckpointExists",
            path: checkpointPath,
            detail: `an export to ${path} was started before`
          })
        }
        if (outputExists) return yield* new ExportError({ reason: "OutputExists", path, detail: "the output exists" })
        return undefined
      }
      case "resume": {
        if (Option.isNone(stored)) {
          if (outputExists && (yield* size(path)) > 0) {
            return yield* new ExportError({
              reason: "NoCheckpoint",
              path: checkpointPath,
              detail: `there is no checkpoint, but ${path} exists: where it stopped is unknown`
            })
          }
          return undefined
        }
        const checkpoint = yield* readMatching(stored.value, checkpointPath, self, client)
        if (!outputExists) {
          return yield* new ExportError({
            reason: "OutputMissing",
            path: checkpointPath,
            detail: `the output file ${path} is missing`
          })
        }
        const length = yield* size(path)
        if (length < checkpoint.bytes) {
          return yield* new ExportError({
            reason: "OutputShorter",
            path: checkpointPath,
            detail:
              `the output file ${path} is shorter (${length} bytes) than the checkpoint records ` +
              `(${checkpoint.bytes} bytes): it was changed after the checkpoint was written`
          })
        }
        return checkpoint
      }
    }
  })

/**
 * Exports to an NDJSON file with a checkpoint, reporting progress as a stream (one element at the start and one per
 * page). Pages are appended as they come (in writes of about 64 KB) and checkpointed in batches: every
 * `checkpointPages` pages or `checkpointMillis` milliseconds the file is synced, then the checkpoint of what was
 * written before the sync is saved, while the next pages are fetched and appended; at the end, and when the export
 * fails or is interrupted, the rest is appended, synced and checkpointed before it returns. Appends and checkpoints are
 * not interrupted halfway, and a checkpoint never points past bytes that are durably written, so an export killed at
 * any instant resumes to the same file; what a kill loses is refetched.
 *
 * @since 0.1.0
 * @category exports
 */
export const streamToFile = (
  self: Source,
  options: FileOptions
): Stream.Stream<Progress, ListError | ExportError, SinchClient | FileSystem.FileSystem> =>
  reports(openFile(self, options)).pipe(Stream.catchAll((error) => Stream.fromEffect(namedCheckpoint(error))))

/** The file export of one source (see {@link streamToFile}), `onProgress` called with every report. */
const fileExport = (
  self: Source,
  options: FileOptions,
  onProgress: ((progress: Progress) => Effect.Effect<void>) | undefined
): Effect.Effect<Progress, ListError | ExportError, SinchClient | FileSystem.FileSystem> =>
  Effect.catchAll(drain(openFile(self, options), onProgress), namedCheckpoint)

/** What every file export starts from: the file system, the checkpoint store, the client, and the two paths. */
const fileTarget = (options: FileOptions) =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem
    const store = yield* CheckpointStore.current
    const client = yield* SinchClient
    return {
      fs,
      store,
      client,
      path: options.path,
      checkpointPath: options.checkpointPath ?? defaultCheckpointPath(options.path)
    }
  })

/** Opens a file export (see {@link streamToFile}). */
const openFile = (
  self: Source,
  options: FileOptions
): Effect.Effect<
  Opened<ListError | ExportError, SinchClient>,
  ExportError,
  SinchClient | FileSystem.FileSystem | Scope.Scope
> =>
  Effect.gen(function* () {
    const { fs, store, client, path, checkpointPath } = yield* fileTarget(options)
    const mode = options.mode ?? "resume"
    const openPull = (checkpoint: Checkpoint) =>
      pullOf(
        self.pages({
          pageToken: checkpoint.page_token ?? undefined,
          prefetch: options.prefetch ?? 1,
          maxEmptyPages: options.maxEmptyPages
        })
      )
    // an export that starts over needs nothing from the file system to start: its first requests go out while the old
    // checkpoint is removed (nothing is written before it is)
    const fresh = freshCheckpoint(self, client)
    const early = mode === "overwrite" ? yield* openPull(fresh) : undefined
    const start = yield* startingPoint(fs, store, self, client, path, checkpointPath, mode)
    const report = (state: Checkpoint, written: number, pages: number, pageItems: number): Progress => ({
      list: self.list,
      items: state.items,
      written,
      pages,
      pageItems,
      resumedAt: start?.items ?? 0,
      resumed: start !== undefined,
      alreadyComplete: start?.done === true,
      pageToken: state.page_token ?? undefined,
      done: state.done
    })
    if (start?.done === true) return { first: report(start, 0, 0, 0), next: Effect.succeed(undefined) }

    const saveCheckpoint = (checkpoint: Checkpoint) => writeCheckpoint(store, checkpointPath, checkpoint)
    const initial: Checkpoint = start ?? fresh
    // the first pages are requested while the file is prepared (nothing is written before the pull is)
    const pull = early ?? (yield* openPull(initial))
    // cut off what was written after the last checkpoint, then append
    const file = yield* fs.open(path, { flag: "a" }).pipe(Effect.mapError(fsError(path)))
    yield* file.truncate(initial.bytes).pipe(Effect.mapError(fsError(path)))
    if (start === undefined) yield* saveCheckpoint(initial)

    const everyPages = Math.max(1, options.checkpointPages ?? 100)
    const everyMillis = Math.max(0, options.checkpointMillis ?? 1000)
    // `state`: after the pages fetched so far; `onDisk`: after the pages written to the file (synced or not);
    // `covered`: what the last checkpoint started covers. The NDJSON of the pages after `onDisk` waits in `pending`.
    let state = initial
    let onDisk = initial
    let covered = initial
    const pending = new PendingBytes()
    let coveredAt = yield* Clock.currentTimeMillis
    // the sync and checkpoint in progress, run beside the export (one at a time, so checkpoints land in order)
    let checkpointing: Fiber.RuntimeFiber<void, ExportError> | undefined
    let written = 0
    let pages = 0

    // a write failed: what it wrote of its text is unknown, so nothing more is written or checkpointed past `onDisk`
    let broken = false

    /** Appends the pending bytes: `onDisk` becomes `state` (not synced yet). Not interrupted halfway. */
    const writePending: Effect.Effect<void, ExportError> = Effect.suspend(() => {
      if (broken || onDisk === state) return Effect.void
      const data = pending.take()
      const next = { ...state, bytes: onDisk.bytes + data.length }
      // (an empty batch writes nothing: writeAll refuses zero bytes)
      const write =
        data.length === 0
          ? Effect.void
          : file.writeAll(data).pipe(
              Effect.tapError(() => Effect.sync(() => void (broken = true))),
              Effect.mapError(fsError(path))
            )
      return Effect.map(write, () => {
        onDisk = state = next
      })
    }).pipe(Effect.uninterruptible)
    /** Syncs the file, then saves `checkpoint`: it never points past durable bytes. */
    const syncAndSave = (checkpoint: Checkpoint) =>
      (options.sync === false ? Effect.void : file.sync.pipe(Effect.mapError(fsError(path)))).pipe(
        Effect.zipRight(saveCheckpoint(checkpoint))
      )
    /** Waits for the checkpoint in progress; its failure is the export's. */
    const awaitCheckpoint: Effect.Effect<void, ExportError> = Effect.suspend(() => {
      const fiber = checkpointing
      checkpointing = undefined
      return fiber === undefined ? Effect.void : Fiber.join(fiber)
    })
    /** Writes what is pending and starts a checkpoint of it; with `wait`, waits until it is saved. */
    const checkpoint = (wait: boolean): Effect.Effect<void, ExportError> =>
      Effect.uninterruptible(
        Effect.zipRight(
          awaitCheckpoint,
          Effect.flatMap(writePending, () => {
            if (onDisk === covered) return Effect.void
            const target = onDisk
            covered = target
            const save = syncAndSave(target)
            if (wait) return save
            // (not interrupted with the export: every way out of it waits for this checkpoint first)
            return Effect.map(Effect.forkDaemon(save), (fiber) => {
              checkpointing = fiber
            })
          })
        )
      )

    const addPage = (page: Pagination.Page<unknown>): Effect.Effect<Progress, ExportError> =>
      Effect.flatMap(Clock.currentTimeMillis, (now) => {
        pending.add(page.items)
        state = {
          ...state,
          page_token: page.nextPageToken ?? null,
          items: state.items + page.items.length,
          pages: state.pages + 1,
          done: page.nextPageToken === undefined
        }
        written += page.items.length
        pages++
        const progress = report(state, written, pages, page.items.length)
        if (state.done) return Effect.as(checkpoint(true), progress)
        // a checkpoint is due (unless the last one is still being synced: it is checked again after the next page)
        if (
          (state.pages - covered.pages >= everyPages || now - coveredAt >= everyMillis) &&
          (checkpointing === undefined || checkpointing.unsafePoll() !== null)
        ) {
          coveredAt = now
          return Effect.as(checkpoint(false), progress)
        }
        return pending.length >= writeChunk ? Effect.as(writePending, progress) : Effect.succeed(progress)
      })

    // pages fetched before a failure or an interruption are kept (before the file is closed)
    yield* Effect.addFinalizer(() => Effect.ignore(Effect.zipRight(Effect.ignore(awaitCheckpoint), checkpoint(true))))
    let ended = false
    const next: Pull<Progress, ListError | ExportError, SinchClient> = Effect.suspend(() =>
      ended
        ? Effect.succeed(undefined)
        : Effect.flatMap(pull, (page) => {
            if (page !== undefined) return addPage(page)
            ended = true
            // a list that ends without a page (the API always answers one) is still marked complete
            if (state.done) return Effect.succeed(undefined)
            state = { ...state, done: true }
            return Effect.as(checkpoint(true), report(state, written, pages, 0))
          })
    )
    return { first: report(initial, 0, 0, 0), next }
  })

/**
 * Exports to an NDJSON file with a checkpoint (see {@link streamToFile}); `onProgress` is called at the start and
 * after every page. Returns the final {@link Progress}.
 *
 * With `shards` > 1, several lists are fetched concurrently. For {@link projectMessages}, `shards` conversations at a
 * time, each to its own file and checkpoint ({@link conversationPath}), appended to `path` in the walk's order as each
 * completes; the checkpoint of `path` then moves past the conversation. For a source with a time range (`messages`
 * with `start_time` and `end_time`), the range is split into `shards` parts, each exported to its own file
 * (`${path}.shard-N`), then concatenated newest first. Either way the result is the same file as a sequential export's,
 * and it resumes like one.
 *
 * Across workers: each runs `toFile` with the same `shards` and its own `shard`, sharing the directory of `path` and a
 * `CheckpointStore` (e.g. on Redis); a part stopped on one worker (killed, redeployed) resumes on any other from its
 * checkpoint; then one run without `shard` finds every part done (or finishes what is left) and combines them.
 *
 * @since 0.1.0
 * @category exports
 */
export const toFile = (
  self: Source,
  options: FileOptions & { readonly onProgress?: ((progress: Progress) => Effect.Effect<void>) | undefined }
): Effect.Effect<Progress, ListError | ExportError, SinchClient | FileSystem.FileSystem> =>
  (options.shards ?? 1) > 1 || options.shard !== undefined
    ? Effect.catchAll(
        self.byConversation !== undefined
          ? toFileByConversation(self, self.byConversation, options)
          : toFileSharded(self, options),
        namedCheckpoint
      )
    : fileExport(self, options, options.onProgress)

/**
 * The file of part `index` of a sharded export to `path` (its checkpoint is {@link defaultCheckpointPath} of it).
 *
 * @since 0.1.0
 * @category constructors
 */
export const shardPath = (path: string, index: number): string => `${path}.shard-${index}`

/** The parts of a source's time range, newest first: each drops the items that belong to the next newer part. */
const shardsOf = (self: Source, count: number, path: string): Effect.Effect<ReadonlyArray<Source>, ExportError> => {
  const range = self.byTime
  if (range?.start === undefined || range.end === undefined) {
    return new ExportError({
      reason: "NotShardable",
      path,
      detail: `a sharded export needs the conversations of a project or a list with start_time and end_time (${self.list} has ${range === undefined ? "no time range" : "an open range"})`
    })
  }
  const start = DateTime.toEpochMillis(range.start)
  const end = DateTime.toEpochMillis(range.end)
  const parts = Math.max(1, Math.min(count, end - start))
  const bound = (j: number) => start + Math.round(((end - start) * j) / parts)
  return Effect.succeed(
    Array.from({ length: parts }, (_, i) => {
      const j = parts - 1 - i
      const lo = bound(j)
      const hi = bound(j + 1)
      const newest = i === 0
      // asked from 1 ms earlier (whether the API includes its bounds or not), items outside [lo, hi) dropped
      const inner =
        j === 0
          ? range.between(range.start!, DateTime.unsafeMake(hi))
          : range.between(DateTime.unsafeMake(lo - 1), DateTime.unsafeMake(hi))
      const keep = (item: unknown) => {
        const t = range.timeOf(item)
        return t === undefined || ((j === 0 || t >= lo) && (newest || t < hi))
      }
      return {
        list: self.list,
        filters: inner.filters,
        pages: (options) => Stream.map(inner.pages(options), (page) => ({ ...page, items: page.items.filter(keep) }))
      }
    })
  )
}

const toFileSharded = (
  self: Source,
  options: FileOptions & { readonly onProgress?: ((progress: Progress) => Effect.Effect<void>) | undefined }
): Effect.Effect<Progress, ListError | ExportError, SinchClient | FileSystem.FileSystem> =>
  Effect.gen(function* () {
    const { fs, store, client, path, checkpointPath } = yield* fileTarget(options)
    const mode = options.mode ?? "resume"
    const shards = yield* shardsOf(self, options.shards ?? 1, path)
    const only = options.shard
    if (only !== undefined && !(Number.isInteger(only) && only >= 0 && only < shards.length)) {
      return yield* new ExportError({
        reason: "NotShardable",
        path,
        detail: `shard ${only} is not one of the ${shards.length} parts of the export (0 to ${shards.length - 1})`
      })
    }
    const base = { list: self.list, resumed: false, alreadyComplete: false, pageToken: undefined }
    const partPath = (i: number) => shardPath(path, i)
    // a part's checkpoint key: next to the export's checkpoint key
    const partCheckpoint = (i: number) =>
      checkpointPath === defaultCheckpointPath(path)
        ? defaultCheckpointPath(partPath(i))
        : `${checkpointPath}.shard-${i}`
    const latest: Array<Progress | undefined> = shards.map(() => undefined)
    let resumedWhole = false
    const combined = (pageItems: number, done: boolean): Progress => {
      const sum = (f: (p: Progress) => number) => latest.reduce((n, p) => n + (p === undefined ? 0 : f(p)), 0)
      return {
        ...base,
        resumed: resumedWhole || latest.some((p) => p?.resumed === true),
        items: sum((p) => p.items),
        written: sum((p) => p.written),
        pages: sum((p) => p.pages),
        pageItems,
        resumedAt: sum((p) => p.resumedAt),
        done
      }
    }
    const onProgress = options.onProgress
    const partMode = mode === "resume" ? "resume" : "overwrite"
    const part = (i: number, onPart: ((progress: Progress) => Effect.Effect<void>) | undefined) =>
      fileExport(
        shards[i]!,
        { ...options, path: partPath(i), checkpointPath: partCheckpoint(i), mode: partMode },
        onPart
      )
    const runParts = (indexes: ReadonlyArray<number>) =>
      Effect.forEach(
        indexes,
        (i) =>
          part(i, (progress) =>
            Effect.suspend(() => {
              latest[i] = progress
              return progress.pages === 0 || onProgress === undefined
                ? Effect.void
                : onProgress(combined(progress.pageItems, false))
            })
          ),
        { concurrency: "unbounded", discard: true }
      )

    if (only !== undefined) {
      // one part, on one of several workers: resumed from its checkpoint when another worker started it
      const whole = yield* store.get(checkpointPath).pipe(Effect.mapError(storeError))
      if (Option.isSome(whole) && Predicate.hasProperty(whole.value, "done") && whole.value.done === true) {
        const complete: Progress = { ...combined(0, true), alreadyComplete: true, resumed: true }
        if (onProgress !== undefined) yield* onProgress(complete)
        return complete
      }
      return yield* part(only, onProgress)
    }

    const start = yield* startingPoint(fs, store, self, client, path, checkpointPath, mode)
    resumedWhole = start !== undefined
    if (start?.done === true) {
      const complete: Progress = {
        ...base,
        resumed: true,
        items: start.items,
        written: 0,
        pages: 0,
        pageItems: 0,
        resumedAt: start.items,
        alreadyComplete: true,
        done: true
      }
      if (onProgress !== undefined) yield* onProgress(complete)
      return complete
    }
    // the checkpoint of the whole export, at its start until the parts are concatenated
    const initial: Checkpoint = freshCheckpoint(self, client)
    if (start === undefined) {
      yield* fs.writeFileString(path, "").pipe(Effect.mapError(fsError(path)))
      yield* writeCheckpoint(store, checkpointPath, initial)
    }
    if (onProgress !== undefined) yield* onProgress(combined(0, false))
    // parts that workers exported (or began) are resumed, unless this export starts over
    yield* runParts(shards.map((_, i) => i))
    // concatenate the parts, newest first, sync, then mark the export done and remove the parts
    const bytes = yield* Effect.scoped(
      Effect.gen(function* () {
        const file = yield* fs.open(path, { flag: "w" })
        let total = 0
        for (let i = 0; i < shards.length; i++) {
          yield* Stream.runForEach(fs.stream(partPath(i)), (chunk) =>
            chunk.length === 0 ? Effect.void : Effect.map(file.writeAll(chunk), () => void (total += chunk.length))
          )
        }
        if (options.sync !== false) yield* file.sync
        return total
      })
    ).pipe(Effect.mapError(fsError(path)))
    const final = combined(0, true)
    yield* writeCheckpoint(store, checkpointPath, {
      ...initial,
      bytes,
      items: final.items,
      pages: final.pages,
      done: true
    })
    for (let i = 0; i < shards.length; i++) {
      yield* fs.remove(partPath(i)).pipe(Effect.ignore)
      yield* store.remove(partCheckpoint(i)).pipe(Effect.ignore)
    }
    if (onProgress !== undefined) yield* onProgress(final)
    return final
  }).pipe(
    Effect.withSpan("Export.toFile", { attributes: { list: self.list, shards: options.shards, shard: options.shard } })
  )

/**
 * The file of one conversation of a walk exported apart (`shards`; its checkpoint is {@link defaultCheckpointPath}
 * of it).
 *
 * @since 0.2.0
 * @category constructors
 */
export const conversationPath = (path: string, conversationId: string): string =>
  `${path}.conversation-${encodeURIComponent(conversationId)}`

/**
 * The shard (0 to `shards - 1`) that exports a conversation of a walk when workers share a sharded export (`shard`):
 * a hash of its id, so that every worker assigns it alike whatever the order they list conversations in.
 *
 * @since 0.2.0
 * @category constructors
 */
export const shardOf = (conversationId: string, shards: number): number => {
  // FNV-1a
  let hash = 0x811c9dc5
  for (let i = 0; i < conversationId.length; i++) {
    hash ^= conversationId.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return (hash >>> 0) % Math.max(1, shards)
}

/**
 * A sharded export of a walk: `shards` conversations exported concurrently, each to its own file and checkpoint
 * ({@link conversationPath}), appended to `path` in the walk's order as each completes. The checkpoint of `path` is
 * the walk's position after the last conversation appended, so the file is the sequential export's, and a kill at any
 * instant resumes from there (the conversations in flight resume from their own checkpoints). With `shard`, a worker
 * exports the conversations of that shard ({@link shardOf}) to their files and leaves them for the run that appends.
 */
const toFileByConversation = (
  self: Source,
  walk: Walk,
  options: FileOptions & { readonly onProgress?: ((progress: Progress) => Effect.Effect<void>) | undefined }
): Effect.Effect<Progress, ListError | ExportError, SinchClient | FileSystem.FileSystem> =>
  Effect.gen(function* () {
    const { fs, store, client, path, checkpointPath } = yield* fileTarget(options)
    const shards = Math.max(1, options.shards ?? 1)
    const only = options.shard
    if (only !== undefined && !(Number.isInteger(only) && only >= 0 && only < shards)) {
      return yield* new ExportError({
        reason: "NotShardable",
        path,
        detail: `shard ${only} is not one of the ${shards} shards of the export (0 to ${shards - 1})`
      })
    }
    const onProgress = options.onProgress ?? (() => Effect.void)
    const partPath = (id: string) => conversationPath(path, id)
    // a conversation's checkpoint key: next to the export's checkpoint key
    const partCheckpoint = (id: string) =>
      checkpointPath === defaultCheckpointPath(path)
        ? defaultCheckpointPath(partPath(id))
        : `${checkpointPath}.conversation-${encodeURIComponent(id)}`
    let progress: Progress = {
      list: self.list,
      items: 0,
      written: 0,
      pages: 0,
      pageItems: 0,
      resumedAt: 0,
      resumed: false,
      alreadyComplete: false,
      pageToken: undefined,
      done: false
    }
    const report = (next: Progress) =>
      Effect.suspend(() => {
        progress = next
        return onProgress(next)
      })
    /** Exports a conversation to its file, resumed from its checkpoint. */
    const exportPart = (step: WalkStep) =>
      Effect.gen(function* () {
        const key = partCheckpoint(step.conversationId)
        const started = Option.isSome(yield* store.get(key).pipe(Effect.mapError(storeError)))
        yield* fileExport(
          step.messages,
          {
            ...options,
            path: partPath(step.conversationId),
            checkpointPath: key,
            mode: started ? "resume" : "overwrite"
          },
          (part) =>
            part.pages > 0
              ? report({
                  ...progress,
                  items: progress.items + part.pageItems,
                  written: progress.written + part.pageItems,
                  pages: progress.pages + 1,
                  pageItems: part.pageItems
                })
              : part.resumedAt > 0
                ? report({ ...progress, resumed: true, resumedAt: progress.resumedAt + part.resumedAt })
                : Effect.void
        )
        return step
      })

    if (only !== undefined) {
      // the conversations of one shard, on one of several workers, left for the run that appends them
      const whole = yield* store.get(checkpointPath).pipe(Effect.mapError(storeError))
      if (Option.isSome(whole) && Predicate.hasProperty(whole.value, "done") && whole.value.done === true) {
        const complete: Progress = { ...progress, alreadyComplete: true, resumed: true, done: true }
        yield* onProgress(complete)
        return complete
      }
      // (the first report comes from the first conversation: resumed from its checkpoint, or its first page)
      yield* Stream.runDrain(
        Stream.mapEffect(
          Stream.filter(walk.conversations(undefined), (step) => shardOf(step.conversationId, shards) === only),
          exportPart
        )
      )
      yield* report({ ...progress, pageItems: 0, done: true })
      return progress
    }

    const start = yield* startingPoint(fs, store, self, client, path, checkpointPath, options.mode ?? "resume")
    if (start?.done === true) {
      const complete: Progress = {
        ...progress,
        items: start.items,
        resumedAt: start.items,
        resumed: true,
        alreadyComplete: true,
        done: true
      }
      yield* onProgress(complete)
      return complete
    }
    let state: Checkpoint = start ?? freshCheckpoint(self, client)
    progress = {
      ...progress,
      items: state.items,
      resumedAt: state.items,
      resumed: start !== undefined,
      pageToken: state.page_token ?? undefined
    }
    // cut off what was written after the last checkpoint, then append
    if (yield* fs.exists(path).pipe(Effect.mapError(fsError(path)))) {
      yield* fs.truncate(path, state.bytes).pipe(Effect.mapError(fsError(path)))
    } else {
      yield* fs.writeFileString(path, "").pipe(Effect.mapError(fsError(path)))
    }
    if (start === undefined) yield* writeCheckpoint(store, checkpointPath, state)
    yield* onProgress(progress)
    /** Appends a conversation's file, forgets the file, then checkpoints after it (without interruption). */
    const append = (step: WalkStep) =>
      Effect.gen(function* () {
        const key = partCheckpoint(step.conversationId)
        const part = yield* readCheckpoint(key)
        const partFile = partPath(step.conversationId)
        yield* Effect.scoped(
          Effect.gen(function* () {
            const file = yield* fs.open(path, { flag: "a" })
            yield* Stream.runForEach(fs.stream(partFile), (chunk) =>
              chunk.length === 0 ? Effect.void : file.writeAll(chunk)
            )
            if (options.sync !== false) yield* file.sync
          })
        ).pipe(Effect.mapError(fsError(path)))
        // the part goes before the checkpoint moves past it: a kill in between exports the conversation again
        yield* store.remove(key).pipe(Effect.mapError(storeError))
        yield* fs.remove(partFile).pipe(Effect.ignore)
        state = {
          ...state,
          page_token: step.after,
          bytes: state.bytes + (part?.bytes ?? 0),
          items: state.items + (part?.items ?? 0),
          pages: state.pages + (part?.pages ?? 0)
        }
        yield* writeCheckpoint(store, checkpointPath, state)
        yield* report({ ...progress, pageItems: 0, pageToken: step.after })
      }).pipe(Effect.provideService(CheckpointStore.CheckpointStore, store), Effect.uninterruptible)
    yield* Stream.runForEach(
      Stream.mapEffect(walk.conversations(state.page_token ?? undefined), exportPart, { concurrency: shards }),
      append
    )
    state = { ...state, page_token: null, done: true }
    yield* writeCheckpoint(store, checkpointPath, state)
    const final: Progress = { ...progress, items: state.items, pageItems: 0, pageToken: undefined, done: true }
    yield* onProgress(final)
    return final
  }).pipe(
    Effect.withSpan("Export.toFile", { attributes: { list: self.list, shards: options.shards, shard: options.shard } })
  )
