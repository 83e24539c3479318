/**
 * Campaigns on the Conversation Batch API: recipients of any number, as a `Stream`, sent in batches of at most 1000.
 *
 * `sendAll` groups the recipients into chunks of `chunkSize` (chunk `k` holds recipients `k * chunkSize` up to the
 * next chunk), sends at most `concurrency` chunks at once (every call goes through the client's project rate limiter)
 * and returns a `Stream` of outcomes in chunk order: `Accepted` (the batch's ID), `AtRisk` (the send's outcome is
 * unknown and no batch of that chunk could be found: exactly its recipients may or may not get the message) or
 * `Rejected` (the API refused the chunk, e.g. a 400 for a missing parameter: none of its recipients was sent anything).
 * A failure that is not the chunk's (credentials, rate limit after retries, network) stops the stream instead, with
 * the chunk left to a resume.
 *
 * Every chunk's batch carries `batch_metadata[metadataKey] = "{campaign}/{k}"`. With a `checkpoint` (a key in a
 * `CheckpointStore`: files, Redis), the campaign records before a chunk is sent that it is in flight, and after that it
 * is settled. A campaign started again with the same checkpoint skips the settled chunks and looks up the chunks left
 * in flight by that metadata (the status by metadata endpoint): a batch found is accepted, a chunk not found is sent
 * again. So a campaign killed midway and resumed sends every recipient exactly once, as long as the recipients stream
 * gives the same recipients in the same order.
 *
 * @since 0.2.0
 */
import type { Batch, Callbacks, Ids } from "@sinch-effect/schema"
import * as Chunk from "effect/Chunk"
import type * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import * as SynchronizedRef from "effect/SynchronizedRef"
import type * as CheckpointStore from "./CheckpointStore.js"
import * as SinchError from "./SinchError.js"

/**
 * The operations of the Batch API that campaigns run on: the client's `batch` group.
 *
 * @since 0.2.0
 * @category models
 */
export interface BatchOperations {
  readonly send: (body: Batch.SendBatchRequest) => Effect.Effect<Batch.SendBatchResponse, SinchError.SinchError>
  readonly get: (batchId: string) => Effect.Effect<Batch.Batch, SinchError.SinchError>
  readonly list: (query: Batch.ListBatchesRequest) => Effect.Effect<Batch.ListBatchesResponse, SinchError.SinchError>
  readonly createContacts: (body: Batch.CreateContactsRequest) => Effect.Effect<unknown, SinchError.SinchError>
  readonly deleteContacts: (body: Batch.DeleteContactsRequest) => Effect.Effect<unknown, SinchError.SinchError>
  readonly insertConsents: (body: Batch.InsertConsentsRequest) => Effect.Effect<unknown, SinchError.SinchError>
}

/**
 * The batch metadata key that names a campaign's chunk (`"{campaign}/{k}"`), unless `metadataKey` says otherwise.
 *
 * @since 0.2.0
 * @category constants
 */
export const defaultMetadataKey = "sinch_effect_chunk"

// ---------------------------------------------------------------------------------------------------------------------
// Checkpoints
// ---------------------------------------------------------------------------------------------------------------------

/**
 * What a campaign has done: chunks below `next` are all settled, `settled` lists the settled chunks at or above it
 * and `in_flight` the chunks handed to the API whose answer is not recorded yet; `source` identifies its recipients
 * when the campaign was given one (`Options.source`).
 *
 * @since 0.2.0
 * @category checkpoints
 */
export const CheckpointState = Schema.Struct({
  campaign: Schema.String,
  chunk_size: Schema.Int,
  source: Schema.optional(Schema.String),
  next: Schema.Int,
  settled: Schema.Array(Schema.Int),
  in_flight: Schema.Array(Schema.Int)
}).annotations({ identifier: "CheckpointState" })
/**
 * @since 0.2.0
 * @category checkpoints
 */
export interface CheckpointState extends Schema.Schema.Type<typeof CheckpointState> {}

/**
 * The checkpoint under the key is not a campaign's, or is another campaign's or chunk size's.
 *
 * @since 0.2.0
 * @category errors
 */
export class CheckpointError extends Schema.TaggedError<CheckpointError>("@sinch-effect/client/CheckpointError")(
  "CheckpointError",
  { key: Schema.String, description: Schema.String }
) {
  /** @since 0.2.0 */
  override get message(): string {
    return `campaign checkpoint ${this.key}: ${this.description}`
  }
}

// built when a checkpoint is read, not at import (Effect memoises the compiled parser per schema)
const decodeState = (u: unknown) => Schema.decodeUnknown(CheckpointState)(u)

const isSettled = (state: CheckpointState, k: number): boolean => k < state.next || state.settled.includes(k)

/** Marks chunk `k` settled and moves `next` past every settled chunk. */
const settle = (state: CheckpointState, k: number): CheckpointState => {
  const settled = new Set(state.settled)
  settled.add(k)
  let next = state.next
  while (settled.has(next)) settled.delete(next++)
  return {
    ...state,
    next,
    settled: [...settled].sort((a, b) => a - b),
    in_flight: state.in_flight.filter((c) => c !== k)
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// Sending
// ---------------------------------------------------------------------------------------------------------------------

/**
 * One recipient of a campaign, with its parameters and metadata (`Batch.RecipientAndParams`).
 *
 * @since 0.2.0
 * @category models
 */
export type Recipient = Batch.RecipientAndParams

/**
 * A chunk the API accepted as a batch.
 *
 * @since 0.2.0
 * @category outcomes
 */
export interface Accepted {
  readonly _tag: "Accepted"
  /** The chunk's number: it holds recipients `chunk * chunkSize` up to the next chunk. */
  readonly chunk: number
  readonly batch_id: string
  readonly send_after?: Batch.SendBatchResponse["send_after"]
  /** How many recipients the batch has (unknown, 0, for a batch found after a resume). */
  readonly size: number
}

/**
 * A chunk whose send has an unknown outcome (`SendOutcomeUnknown`) and whose batch could not be found: exactly these
 * recipients may or may not get the message. It is not sent again.
 *
 * @since 0.2.0
 * @category outcomes
 */
export interface AtRisk {
  readonly _tag: "AtRisk"
  readonly chunk: number
  readonly recipients: ReadonlyArray<Recipient>
  readonly error: SinchError.SinchError
}

/**
 * A chunk the API refused (a 400, e.g. a missing parameter, or another 4xx about the request): none of its recipients
 * was sent anything.
 *
 * @since 0.2.0
 * @category outcomes
 */
export interface Rejected {
  readonly _tag: "Rejected"
  readonly chunk: number
  readonly recipients: ReadonlyArray<Recipient>
  readonly error: SinchError.SinchError
}

/**
 * What became of one chunk of a campaign.
 *
 * @since 0.2.0
 * @category outcomes
 */
export type Outcome = Accepted | AtRisk | Rejected

/**
 * A campaign: the batch request without its recipients, and how to send it.
 *
 * @since 0.2.0
 * @category models
 */
export interface Options extends Omit<Batch.SendBatchRequest, "recipient_and_params" | "app_id"> {
  readonly app_id: Ids.AppId | string
  /** The campaign's name: with the chunk number, it names each batch (in `batch_metadata`) and the checkpoint. */
  readonly campaign: string
  /** Recipients per batch, 1 to 1000. Default 1000. */
  readonly chunkSize?: number | undefined
  /** Batches sent at once. Default 4. */
  readonly concurrency?: number | undefined
  /** Where the campaign records its progress: a key in a store. Default: nowhere (no resume). */
  readonly checkpoint?: { readonly store: CheckpointStore.CheckpointStore.Service; readonly key: string } | undefined
  /** The batch metadata key that names each chunk. Default {@link defaultMetadataKey}. */
  readonly metadataKey?: string | undefined
  /**
   * What identifies the recipients (the CLI: the size and SHA-256 of their file), recorded in the checkpoint when the
   * campaign starts: a resume with another `source` is refused (`CheckpointError`), since its chunks would not be the
   * same recipients; so is a resume with a source of a checkpoint that records none, or without one of a checkpoint
   * that records one.
   */
  readonly source?: string | undefined
}

/**
 * What a failed send says about its chunk: `rejected` (the API refused this request: a 400, another 4xx about the
 * request, or the client's own validation), `unknown` (it may have been processed), or `stop` (nothing was sent, for a
 * reason that is not the chunk's: credentials, project, app, rate limit, network; the next chunk would fail alike).
 */
const verdict = (error: SinchError.SinchError): "rejected" | "unknown" | "stop" => {
  switch (error._tag) {
    case "BadRequest":
    case "InvalidRequest":
      return "rejected"
    case "ServerError":
      return error.status < 500 ? "rejected" : "unknown"
    case "SendOutcomeUnknown":
    case "ResponseDecodeError":
    case "ResponseTooLarge":
      return "unknown"
    default:
      return "stop"
  }
}

/**
 * Sends a campaign to every recipient of a stream, in batches; see the module's description. A chunk the API refuses
 * (a 400) or whose outcome is unknown is an outcome, not a failure of the stream. The stream fails with the recipients
 * stream's error, a `CheckpointError`, a `SinchError` of a lookup, or the `SinchError` of a send that proves nothing
 * was sent for a reason that is not the chunk's (401, 403, 404, 429 after retries, a connection refused): that chunk
 * stays in flight in the checkpoint, so a resume sends it (after looking it up).
 *
 * @since 0.2.0
 * @category sending
 */
export const sendAll = <E, R>(
  batch: BatchOperations,
  recipients: Stream.Stream<Recipient, E, R>,
  options: Options
): Stream.Stream<Outcome, E | CheckpointError | CheckpointStore.CheckpointStoreError | SinchError.SinchError, R> =>
  Stream.unwrap(
    Effect.gen(function* () {
      const {
        campaign,
        checkpoint,
        chunkSize: givenSize,
        concurrency: givenConcurrency,
        metadataKey: givenKey,
        source,
        ...request
      } = options
      const chunkSize = givenSize ?? 1000
      const concurrency = givenConcurrency ?? 4
      if (!Number.isInteger(chunkSize) || chunkSize < 1 || chunkSize > 1000) {
        return yield* new SinchError.InvalidRequest({ operation: "batch.send", where: "chunkSize must be 1 to 1000" })
      }
      if (!Number.isInteger(concurrency) || concurrency < 1) {
        return yield* new SinchError.InvalidRequest({
          operation: "batch.send",
          where: "concurrency must be at least 1"
        })
      }
      const metadataKey = givenKey ?? defaultMetadataKey
      const fresh: CheckpointState = { campaign, chunk_size: chunkSize, source, next: 0, settled: [], in_flight: [] }
      const stored = checkpoint === undefined ? Option.none() : yield* checkpoint.store.get(checkpoint.key)
      const initial = Option.isNone(stored)
        ? fresh
        : yield* decodeState(stored.value).pipe(
            Effect.mapError(
              () => new CheckpointError({ key: checkpoint!.key, description: "it is not a campaign checkpoint" })
            )
          )
      if (initial.campaign !== campaign || initial.chunk_size !== chunkSize) {
        return yield* new CheckpointError({
          key: checkpoint!.key,
          description: `it is campaign ${initial.campaign} in chunks of ${initial.chunk_size}, not ${campaign} in chunks of ${chunkSize}`
        })
      }
      if (Option.isSome(stored) && initial.source !== source) {
        return yield* new CheckpointError({
          key: checkpoint!.key,
          description:
            initial.source === undefined
              ? `it records no source of its recipients (it was written without one), so they cannot be checked ` +
                `against ${source}: resume without a source to go on unchecked, or start a new campaign`
              : source === undefined
                ? `its campaign was started with recipients ${initial.source}: resume it with that source`
                : `its campaign was started with other recipients (${initial.source}, not ${source})`
        })
      }
      const state = yield* SynchronizedRef.make(initial)
      const update = (f: (s: CheckpointState) => CheckpointState) =>
        SynchronizedRef.updateEffect(state, (s) => {
          const next = f(s)
          return checkpoint === undefined
            ? Effect.succeed(next)
            : Effect.as(checkpoint.store.set(checkpoint.key, next), next)
        })
      const lookup = (k: number) =>
        Effect.map(batch.list({ metadataKey, metadataValue: `${campaign}/${k}` }), (found) => found[0])

      // The chunks a previous run left in flight: accepted when their batch exists, sent again otherwise.
      const found: Array<Outcome> = []
      for (const k of initial.in_flight) {
        const existing = yield* lookup(k)
        if (existing !== undefined) {
          found.push({ _tag: "Accepted", chunk: k, batch_id: existing.batch_id, size: 0 })
          yield* update((s) => settle(s, k))
        } else {
          yield* update((s) => ({ ...s, in_flight: s.in_flight.filter((c) => c !== k) }))
        }
      }
      const start = yield* SynchronizedRef.get(state)

      const sendChunk = (
        k: number,
        items: ReadonlyArray<Recipient>
      ): Effect.Effect<Outcome, CheckpointStore.CheckpointStoreError | SinchError.SinchError> =>
        Effect.gen(function* () {
          yield* update((s) => ({ ...s, in_flight: [...s.in_flight, k] }))
          const body: Batch.SendBatchRequest = {
            ...request,
            app_id: request.app_id as Ids.AppId,
            batch_metadata: { ...request.batch_metadata, [metadataKey]: `${campaign}/${k}` },
            recipient_and_params: items
          }
          const outcome: Outcome = yield* batch.send(body).pipe(
            Effect.map((res): Outcome => ({
              _tag: "Accepted",
              chunk: k,
              batch_id: res.batch_id,
              ...(res.send_after === undefined ? {} : { send_after: res.send_after }),
              size: items.length
            })),
            Effect.catchAll((error) =>
              verdict(error) === "stop"
                ? Effect.fail(error)
                : verdict(error) === "rejected"
                  ? Effect.succeed<Outcome>({ _tag: "Rejected", chunk: k, recipients: items, error })
                  : lookup(k).pipe(
                      Effect.map((existing): Outcome =>
                        existing === undefined
                          ? { _tag: "AtRisk", chunk: k, recipients: items, error }
                          : { _tag: "Accepted", chunk: k, batch_id: existing.batch_id, size: items.length }
                      ),
                      Effect.orElseSucceed((): Outcome => ({ _tag: "AtRisk", chunk: k, recipients: items, error }))
                    )
            )
          )
          yield* update((s) => settle(s, k))
          return outcome
        })

      const sent = recipients.pipe(
        Stream.grouped(chunkSize),
        Stream.zipWithIndex,
        Stream.filter(([, k]) => !isSettled(start, k)),
        Stream.mapEffect(([items, k]) => sendChunk(k, Chunk.toReadonlyArray(items)), { concurrency })
      )
      return Stream.concat(Stream.fromIterable(found), sent)
    })
  )

// ---------------------------------------------------------------------------------------------------------------------
// Watching
// ---------------------------------------------------------------------------------------------------------------------

const finalStatuses: ReadonlySet<string> = new Set(["PROCESSED", "CANCELLED"])

/**
 * A batch's status, polled from the status endpoint every `interval` (a duration or a schedule, default 1 second) and
 * emitted when it changes,
 * until it is final (`PROCESSED` or `CANCELLED`, emitted last).
 *
 * @since 0.2.0
 * @category watching
 */
export const watch = (
  batch: BatchOperations,
  batchId: string,
  options?: { readonly interval?: Schedule.Schedule<unknown> | Duration.DurationInput | undefined }
): Stream.Stream<Batch.Batch, SinchError.SinchError> => {
  const interval = options?.interval ?? "1 second"
  return Stream.repeatEffectWithSchedule(
    batch.get(batchId),
    Schedule.isSchedule(interval) ? interval : Schedule.spaced(interval)
  ).pipe(
    Stream.changesWith((a, b) => a.status === b.status),
    Stream.takeUntil((b) => finalStatuses.has(b.status))
  )
}

const finalNotifications: ReadonlySet<string> = new Set([
  "BATCH_STATUS_PROCESSED",
  "BATCH_STATUS_CANCELLED",
  "BATCH_STATUS_FAILED"
])

/**
 * A batch's status from its BATCH_STATUS_UPDATE callbacks (e.g. `Webhooks.Event`s from a receiver), until a final one
 * (processed, cancelled or failed, emitted last).
 *
 * @since 0.2.0
 * @category watching
 */
export const watchCallbacks =
  (batchId: string) =>
  <E, R>(
    callbacks: Stream.Stream<Callbacks.Callback, E, R>
  ): Stream.Stream<Callbacks.BatchStatusUpdateNotification, E, R> =>
    callbacks.pipe(
      Stream.filterMap((callback) =>
        callback._tag === "BATCH_STATUS_UPDATE" && callback.batch_status_update_notification.batch_id === batchId
          ? Option.some(callback.batch_status_update_notification)
          : Option.none()
      ),
      Stream.takeUntil((n) => n.batch_status !== undefined && finalNotifications.has(n.batch_status))
    )

// ---------------------------------------------------------------------------------------------------------------------
// Bulk contacts and consents
// ---------------------------------------------------------------------------------------------------------------------

/**
 * One call of a bulk operation: which items it carried (`first`, `count`, in stream order) and the API's answer.
 *
 * @since 0.2.0
 * @category bulk
 */
export interface BulkResult {
  readonly first: number
  readonly count: number
  readonly response: unknown
}

/**
 * How bulk operations chunk a stream: items per call (1 to 1000, default 1000) and calls at once (default 4).
 *
 * @since 0.2.0
 * @category bulk
 */
export interface BulkOptions {
  readonly chunkSize?: number | undefined
  readonly concurrency?: number | undefined
}

const bulk = <A, E, R>(
  operation: string,
  items: Stream.Stream<A, E, R>,
  options: BulkOptions | undefined,
  call: (chunk: ReadonlyArray<A>) => Effect.Effect<unknown, SinchError.SinchError>
): Stream.Stream<BulkResult, E | SinchError.SinchError, R> => {
  const chunkSize = options?.chunkSize ?? 1000
  const concurrency = options?.concurrency ?? 4
  if (!Number.isInteger(chunkSize) || chunkSize < 1 || chunkSize > 1000 || !Number.isInteger(concurrency)) {
    return Stream.fail(new SinchError.InvalidRequest({ operation, where: "chunkSize must be 1 to 1000" }))
  }
  return items.pipe(
    Stream.grouped(chunkSize),
    Stream.zipWithIndex,
    Stream.mapEffect(
      ([chunk, k]) =>
        Effect.map(call(Chunk.toReadonlyArray(chunk)), (response) => ({
          first: k * chunkSize,
          count: chunk.length,
          response
        })),
      { concurrency: Math.max(1, concurrency) }
    )
  )
}

/**
 * Creates the contacts of a stream, up to 1000 per call.
 *
 * @since 0.2.0
 * @category bulk
 */
export const createContacts = <E, R>(
  batch: BatchOperations,
  contacts: Stream.Stream<Batch.CreateContactsRequest["contacts"][number], E, R>,
  options?: BulkOptions
): Stream.Stream<BulkResult, E | SinchError.SinchError, R> =>
  bulk("batch.createContacts", contacts, options, (chunk) => batch.createContacts({ contacts: chunk }))

/**
 * Deletes the contacts of a stream of IDs, up to 1000 per call.
 *
 * @since 0.2.0
 * @category bulk
 */
export const deleteContacts = <E, R>(
  batch: BatchOperations,
  contactIds: Stream.Stream<Batch.DeleteContactsRequest["contact_ids"][number], E, R>,
  options?: BulkOptions
): Stream.Stream<BulkResult, E | SinchError.SinchError, R> =>
  bulk("batch.deleteContacts", contactIds, options, (chunk) => batch.deleteContacts({ contact_ids: chunk }))

/**
 * Inserts the consent records of a stream for an app, up to 1000 per call.
 *
 * @since 0.2.0
 * @category bulk
 */
export const insertConsents = <E, R>(
  batch: BatchOperations,
  appId: Batch.InsertConsentsRequest["app_id"],
  records: Stream.Stream<Batch.ConsentRecord, E, R>,
  options?: BulkOptions
): Stream.Stream<BulkResult, E | SinchError.SinchError, R> =>
  bulk("batch.insertConsents", records, options, (chunk) =>
    batch.insertConsents({ app_id: appId, consent_records: chunk })
  )
