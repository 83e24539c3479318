/**
 * The Conversation Batch API (`https://{region}.conversationbatch.api.sinch.com`): one message sent to up to 1000
 * recipients per call with `${parameter}` substitution, scheduling, cancellation and status; bulk contacts and consent
 * records. Its status callback (BATCH_STATUS_UPDATE) is in `Callbacks`.
 *
 * @since 0.2.0
 */
import * as Schema from "effect/Schema"
import * as Common from "./Common.js"
import * as Contacts from "./Contacts.js"
import * as Enums from "./Enums.js"
import * as Ids from "./Ids.js"
import * as Messages from "./Messages.js"
import { JsonObject, optional, record, StringMap, struct, Timestamp } from "./internal/schema.js"

/**
 * The most recipients (contacts, consent records) one Batch API call takes.
 *
 * @since 0.2.0
 * @category limits
 */
export const maxRecipients = 1000

const PARAMETER = /\$\{([^}]*)\}/g

/**
 * The names of the `${parameter}`s in every string of a batch message (a JSON value): every recipient must give each.
 *
 * @since 0.2.0
 * @category helpers
 */
export const parameterNames = (value: unknown, out: Set<string> = new Set()): Set<string> => {
  if (typeof value === "string") {
    for (const m of value.matchAll(PARAMETER)) out.add(m[1]!)
  } else if (Array.isArray(value)) {
    for (const item of value) parameterNames(item, out)
  } else if (typeof value === "object" && value !== null) {
    for (const item of Object.values(value)) parameterNames(item, out)
  }
  return out
}

const RecipientAndParams_ = struct("RecipientAndParams", {
  recipient: Common.Recipient,
  parameters: optional(StringMap),
  message_metadata: optional(StringMap),
  conversation_metadata: optional(StringMap)
})

/**
 * One recipient of a batch and its values: `parameters` replace `${name}` in every string field of the batch's
 * message; its `message_metadata` and `conversation_metadata` are merged over the batch's (the recipient's win).
 *
 * @since 0.2.0
 * @category models
 */
export const RecipientAndParams: RecipientAndParamsSchema = RecipientAndParams_
/**
 * The schema of {@link RecipientAndParams}, as a struct.
 *
 * @since 0.2.0
 * @category models
 */
export interface RecipientAndParamsSchema extends Schema.Struct<typeof RecipientAndParams_.fields> {}
/**
 * @since 0.2.0
 * @category models
 */
export interface RecipientAndParams extends Schema.Schema.Type<typeof RecipientAndParams_> {}

const SendBatchRequest_ = struct("SendBatchRequest", {
  app_id: Ids.AppId,
  message: Messages.AppMessage,
  recipient_and_params: Schema.Array(RecipientAndParams).pipe(Schema.minItems(1), Schema.maxItems(maxRecipients)),
  processing_strategy: optional(Enums.ProcessingStrategy),
  batch_metadata: optional(StringMap),
  message_metadata: optional(StringMap),
  conversation_metadata: optional(StringMap),
  send_after: optional(Timestamp),
  callback_url: optional(Schema.String),
  channel_priority_order: optional(Schema.Array(Enums.ConversationChannel)),
  ttl: optional(Schema.Union(Schema.String, Schema.JsonNumber)),
  channel_properties: optional(record({ key: Enums.ChannelPropertyKey, value: Schema.String })),
  correlation_id: optional(Schema.String)
})

/**
 * The body of `POST /v1/projects/{project_id}/messages` on the Batch API host: one message for 1 to 1000 recipients,
 * sent now or after `send_after` (at most 7 days ahead; the API may move it and answers the time it kept).
 *
 * @since 0.2.0
 * @category requests
 */
export const SendBatchRequest: SendBatchRequestSchema = SendBatchRequest_
/**
 * The schema of {@link SendBatchRequest}, as a struct.
 *
 * @since 0.2.0
 * @category requests
 */
export interface SendBatchRequestSchema extends Schema.Struct<typeof SendBatchRequest_.fields> {}
/**
 * @since 0.2.0
 * @category requests
 */
export interface SendBatchRequest extends Schema.Schema.Type<typeof SendBatchRequest_> {}

const SendBatchResponse_ = struct("SendBatchResponse", {
  batch_id: Ids.BatchId,
  send_after: optional(Timestamp)
})

/**
 * The answer to a batch send: the batch's ID and, for a scheduled batch, when it will be sent.
 *
 * @since 0.2.0
 * @category responses
 */
export const SendBatchResponse: SendBatchResponseSchema = SendBatchResponse_
/**
 * The schema of {@link SendBatchResponse}, as a struct.
 *
 * @since 0.2.0
 * @category responses
 */
export interface SendBatchResponseSchema extends Schema.Struct<typeof SendBatchResponse_.fields> {}
/**
 * @since 0.2.0
 * @category responses
 */
export interface SendBatchResponse extends Schema.Schema.Type<typeof SendBatchResponse_> {}

const CancelBatchesRequest_ = struct("CancelBatchesRequest", {
  batch_id: optional(Ids.BatchId),
  metadata_key: optional(Schema.String),
  metadata_value: optional(Schema.String)
})

/**
 * The body of `DELETE /v1/projects/{project_id}/messages`: a scheduled batch by ID, or every scheduled batch whose
 * batch metadata has `metadata_key` set to `metadata_value`. The API always answers 200 and cancels asynchronously.
 *
 * @since 0.2.0
 * @category requests
 */
export const CancelBatchesRequest: CancelBatchesRequestSchema = CancelBatchesRequest_
/**
 * The schema of {@link CancelBatchesRequest}, as a struct.
 *
 * @since 0.2.0
 * @category requests
 */
export interface CancelBatchesRequestSchema extends Schema.Struct<typeof CancelBatchesRequest_.fields> {}
/**
 * @since 0.2.0
 * @category requests
 */
export interface CancelBatchesRequest extends Schema.Schema.Type<typeof CancelBatchesRequest_> {}

const Batch_ = struct("Batch", {
  batch_id: Ids.BatchId,
  meta_data: optional(JsonObject),
  status: Enums.BatchStatus,
  send_after: optional(Timestamp)
})

/**
 * The status of a batch of messages (`GET /v1/projects/{project_id}/messages/{batch_id}`): its batch metadata, its
 * status and, when scheduled, when it is or was sent.
 *
 * @since 0.2.0
 * @category responses
 */
export const Batch: BatchSchema = Batch_
/**
 * The schema of {@link Batch}, as a struct.
 *
 * @since 0.2.0
 * @category responses
 */
export interface BatchSchema extends Schema.Struct<typeof Batch_.fields> {}
/**
 * @since 0.2.0
 * @category responses
 */
export interface Batch extends Schema.Schema.Type<typeof Batch_> {}

const ListBatchesRequest_ = struct("ListBatchesRequest", {
  metadataKey: Schema.String,
  metadataValue: Schema.String
})

/**
 * The query of `GET /v1/projects/{project_id}/messages`: the batches whose batch metadata has `metadataKey` set to
 * `metadataValue` (the answer is a JSON array of {@link Batch}).
 *
 * @since 0.2.0
 * @category requests
 */
export const ListBatchesRequest: ListBatchesRequestSchema = ListBatchesRequest_
/**
 * The schema of {@link ListBatchesRequest}, as a struct.
 *
 * @since 0.2.0
 * @category requests
 */
export interface ListBatchesRequestSchema extends Schema.Struct<typeof ListBatchesRequest_.fields> {}
/**
 * @since 0.2.0
 * @category requests
 */
export interface ListBatchesRequest extends Schema.Schema.Type<typeof ListBatchesRequest_> {}

const CreateContactsRequest_ = struct("CreateContactsRequest", {
  contacts: Schema.Array(Contacts.CreateContactRequest).pipe(Schema.minItems(1), Schema.maxItems(maxRecipients))
})

/**
 * The body of `POST /v1/projects/{project_id}/contacts` on the Batch API host: 1 to 1000 contacts, created
 * asynchronously (a CONTACT_CREATE callback for each).
 *
 * @since 0.2.0
 * @category requests
 */
export const CreateContactsRequest: CreateContactsRequestSchema = CreateContactsRequest_
/**
 * The schema of {@link CreateContactsRequest}, as a struct.
 *
 * @since 0.2.0
 * @category requests
 */
export interface CreateContactsRequestSchema extends Schema.Struct<typeof CreateContactsRequest_.fields> {}
/**
 * @since 0.2.0
 * @category requests
 */
export interface CreateContactsRequest extends Schema.Schema.Type<typeof CreateContactsRequest_> {}

const DeleteContactsRequest_ = struct("DeleteContactsRequest", {
  contact_ids: Schema.Array(Ids.ContactId).pipe(Schema.minItems(1), Schema.maxItems(maxRecipients))
})

/**
 * The body of `DELETE /v1/projects/{project_id}/contacts` on the Batch API host: 1 to 1000 contact IDs, deleted
 * asynchronously (a CONTACT_DELETE callback for each).
 *
 * @since 0.2.0
 * @category requests
 */
export const DeleteContactsRequest: DeleteContactsRequestSchema = DeleteContactsRequest_
/**
 * The schema of {@link DeleteContactsRequest}, as a struct.
 *
 * @since 0.2.0
 * @category requests
 */
export interface DeleteContactsRequestSchema extends Schema.Struct<typeof DeleteContactsRequest_.fields> {}
/**
 * @since 0.2.0
 * @category requests
 */
export interface DeleteContactsRequest extends Schema.Schema.Type<typeof DeleteContactsRequest_> {}

const BulkResponse_ = struct("BulkResponse", {
  batch_id: optional(Ids.BatchId)
})

/**
 * The answer to a bulk operation of contacts or consents: the ID of the batch, when the API gives one.
 *
 * @since 0.2.0
 * @category responses
 */
export const BulkResponse: BulkResponseSchema = BulkResponse_
/**
 * The schema of {@link BulkResponse}, as a struct.
 *
 * @since 0.2.0
 * @category responses
 */
export interface BulkResponseSchema extends Schema.Struct<typeof BulkResponse_.fields> {}
/**
 * @since 0.2.0
 * @category responses
 */
export interface BulkResponse extends Schema.Schema.Type<typeof BulkResponse_> {}

const ConsentRecord_ = struct("ConsentRecord", {
  identification: Schema.String,
  consent_type: optional(Enums.ConsentListType)
})

/**
 * One consent record: the subject (a phone number, a contact ID) and the list it goes on (`OPT_OUT_ALL`,
 * `OPT_OUT_MARKETING`, `OPT_OUT_NOTIFICATION`).
 *
 * @since 0.2.0
 * @category models
 */
export const ConsentRecord: ConsentRecordSchema = ConsentRecord_
/**
 * The schema of {@link ConsentRecord}, as a struct.
 *
 * @since 0.2.0
 * @category models
 */
export interface ConsentRecordSchema extends Schema.Struct<typeof ConsentRecord_.fields> {}
/**
 * @since 0.2.0
 * @category models
 */
export interface ConsentRecord extends Schema.Schema.Type<typeof ConsentRecord_> {}

const InsertConsentsRequest_ = struct("InsertConsentsRequest", {
  app_id: Ids.AppId,
  consent_records: Schema.Array(ConsentRecord).pipe(Schema.minItems(1), Schema.maxItems(maxRecipients))
})

/**
 * The body of `POST /v1/projects/{project_id}/consents` on the Batch API host: consent records of an app. On a failure
 * none or only some may be stored; sending the same records again is safe.
 *
 * @since 0.2.0
 * @category requests
 */
export const InsertConsentsRequest: InsertConsentsRequestSchema = InsertConsentsRequest_
/**
 * The schema of {@link InsertConsentsRequest}, as a struct.
 *
 * @since 0.2.0
 * @category requests
 */
export interface InsertConsentsRequestSchema extends Schema.Struct<typeof InsertConsentsRequest_.fields> {}
/**
 * @since 0.2.0
 * @category requests
 */
export interface InsertConsentsRequest extends Schema.Schema.Type<typeof InsertConsentsRequest_> {}

/**
 * The answer of `GET /v1/projects/{project_id}/messages?metadataKey=...&metadataValue=...`: the matching batches.
 *
 * @since 0.2.0
 * @category responses
 */
export const ListBatchesResponse = Schema.Array(Batch).annotations({ identifier: "ListBatchesResponse" })
/**
 * @since 0.2.0
 * @category responses
 */
export type ListBatchesResponse = typeof ListBatchesResponse.Type
