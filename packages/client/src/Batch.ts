/**
 * The `batch` group: the Conversation Batch API, on its own regional host (`SinchConfig`'s `batchUrl`,
 * `SINCH_BATCH_URL`). Its operations are those of `Operations.batch`; on top of them, campaigns of any size from a
 * `Stream` (`sendAll`, with checkpoints and at-risk reporting), following a batch to completion (`watch`,
 * `watchCallbacks`) and bulk contacts and consents from a `Stream` (see `Campaign`).
 *
 * @since 0.2.0
 */
import { type Batch, type Callbacks, Operations } from "@sinch-effect/schema"
import type * as Duration from "effect/Duration"
import type * as Effect from "effect/Effect"
import type * as Schedule from "effect/Schedule"
import type * as Stream from "effect/Stream"
import * as Campaign from "./Campaign.js"
import type * as CheckpointStore from "./CheckpointStore.js"
import type * as Api from "./internal/api.js"
import * as Operation from "./internal/operation.js"
import type * as SinchError from "./SinchError.js"

/**
 * The operations of the `batch` group (`SinchClient.Service["batch"]`).
 *
 * @since 0.2.0
 * @category models
 */
export interface BatchApi extends Campaign.BatchOperations {
  /**
   * `POST /messages`: one message to 1 to 1000 recipients. Not idempotent: an ambiguous failure is
   * `SendOutcomeUnknown` (the batch may or may not exist: look it up by its `batch_metadata` with `list`).
   */
  readonly send: (request: Batch.SendBatchRequest) => Effect.Effect<Batch.SendBatchResponse, SinchError.SinchError>
  /** `DELETE /messages`: cancels scheduled batches by ID or metadata; the API answers at once, cancels later. */
  readonly cancel: (request: Batch.CancelBatchesRequest) => Effect.Effect<void, SinchError.SinchError>
  /** `GET /messages/{batch_id}`. */
  readonly get: (batchId: string) => Effect.Effect<Batch.Batch, SinchError.SinchError>
  /** `GET /messages?metadataKey=&metadataValue=`: the batches with that batch metadata. */
  readonly list: (query: Batch.ListBatchesRequest) => Effect.Effect<Batch.ListBatchesResponse, SinchError.SinchError>
  /** `POST /contacts`: creates 1 to 1000 contacts. */
  readonly createContacts: (
    request: Batch.CreateContactsRequest
  ) => Effect.Effect<Batch.BulkResponse, SinchError.SinchError>
  /** `DELETE /contacts`: deletes 1 to 1000 contacts. */
  readonly deleteContacts: (
    request: Batch.DeleteContactsRequest
  ) => Effect.Effect<Batch.BulkResponse, SinchError.SinchError>
  /** `POST /consents`: inserts consent records (safe to repeat). */
  readonly insertConsents: (
    request: Batch.InsertConsentsRequest
  ) => Effect.Effect<Batch.BulkResponse, SinchError.SinchError>
  /** A campaign to every recipient of a stream, in batches: `Campaign.sendAll`. */
  readonly sendAll: <E, R>(
    recipients: Stream.Stream<Campaign.Recipient, E, R>,
    options: Campaign.Options
  ) => Stream.Stream<
    Campaign.Outcome,
    E | Campaign.CheckpointError | CheckpointStore.CheckpointStoreError | SinchError.SinchError,
    R
  >
  /** A batch's status until it is final, from the status endpoint: `Campaign.watch`. */
  readonly watch: (
    batchId: string,
    options?: { readonly interval?: Schedule.Schedule<unknown> | Duration.DurationInput | undefined }
  ) => Stream.Stream<Batch.Batch, SinchError.SinchError>
  /** A batch's status until it is final, from callbacks: `Campaign.watchCallbacks`. */
  readonly watchCallbacks: (
    batchId: string
  ) => <E, R>(
    callbacks: Stream.Stream<Callbacks.Callback, E, R>
  ) => Stream.Stream<Callbacks.BatchStatusUpdateNotification, E, R>
  /** Creates the contacts of a stream, up to 1000 per call: `Campaign.createContacts`. */
  readonly createContactsAll: <E, R>(
    contacts: Stream.Stream<Batch.CreateContactsRequest["contacts"][number], E, R>,
    options?: Campaign.BulkOptions
  ) => Stream.Stream<Campaign.BulkResult, E | SinchError.SinchError, R>
  /** Deletes the contacts of a stream of IDs, up to 1000 per call: `Campaign.deleteContacts`. */
  readonly deleteContactsAll: <E, R>(
    contactIds: Stream.Stream<Batch.DeleteContactsRequest["contact_ids"][number], E, R>,
    options?: Campaign.BulkOptions
  ) => Stream.Stream<Campaign.BulkResult, E | SinchError.SinchError, R>
  /** Inserts the consent records of a stream, up to 1000 per call: `Campaign.insertConsents`. */
  readonly insertConsentsAll: <E, R>(
    appId: Batch.InsertConsentsRequest["app_id"],
    records: Stream.Stream<Batch.ConsentRecord, E, R>,
    options?: Campaign.BulkOptions
  ) => Stream.Stream<Campaign.BulkResult, E | SinchError.SinchError, R>
}

const definitions = Operations.batch.batch

/**
 * The operation name, HTTP method, path template and idempotency of each `batch` operation (a view of
 * `Operations.batch.batch`): the name is the operation's span (`Sinch.batch.send`) and emulator fault.
 *
 * @since 0.2.0
 * @category endpoints
 */
export const endpoints = Operation.endpoints(definitions)

/** @internal */
export const make = (api: Api.Api): BatchApi => {
  const get = Operation.call(api, definitions.get)
  const operations: Campaign.BatchOperations & Pick<BatchApi, "cancel"> = {
    send: Operation.call(api, definitions.send),
    cancel: Operation.call(api, definitions.cancel),
    get: (batchId) => get({ batch_id: batchId }),
    list: Operation.call(api, definitions.list),
    createContacts: Operation.call(api, definitions.createContacts),
    deleteContacts: Operation.call(api, definitions.deleteContacts),
    insertConsents: Operation.call(api, definitions.insertConsents)
  }
  return {
    ...(operations as Pick<BatchApi, keyof Campaign.BatchOperations | "cancel">),
    sendAll: (recipients, options) => Campaign.sendAll(operations, recipients, options),
    watch: (batchId, options) => Campaign.watch(operations, batchId, options),
    watchCallbacks: Campaign.watchCallbacks,
    createContactsAll: (contacts, options) => Campaign.createContacts(operations, contacts, options),
    deleteContactsAll: (contactIds, options) => Campaign.deleteContacts(operations, contactIds, options),
    insertConsentsAll: (appId, records, options) => Campaign.insertConsents(operations, appId, records, options)
  }
}
