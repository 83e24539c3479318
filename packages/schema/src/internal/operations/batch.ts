/**
 * The operations of the Conversation Batch API v1 (its own host, `SinchConfig`'s `batchUrl`): one group, `batch`.
 */
import * as Schema from "effect/Schema"
import * as Batch from "../../Batch.js"
import { define, PathValue } from "./define.js"

const v1 = define("batch", "v1")

/** The `batch` group. */
export const batch = {
  send: v1("batch.send", "POST /messages", { body: Batch.SendBatchRequest, response: Batch.SendBatchResponse }),
  cancel: v1("batch.cancel", "DELETE /messages", { body: Batch.CancelBatchesRequest }),
  get: v1("batch.get", "GET /messages/{batch_id}", {
    params: Schema.Struct({ batch_id: PathValue }),
    response: Batch.Batch
  }),
  list: v1("batch.list", "GET /messages", { query: Batch.ListBatchesRequest, response: Batch.ListBatchesResponse }),
  createContacts: v1("batch.createContacts", "POST /contacts", {
    body: Batch.CreateContactsRequest,
    response: Batch.BulkResponse
  }),
  deleteContacts: v1("batch.deleteContacts", "DELETE /contacts", {
    body: Batch.DeleteContactsRequest,
    response: Batch.BulkResponse
  }),
  // the same records inserted again change nothing: safe to retry
  insertConsents: v1("batch.insertConsents", "POST /consents", {
    body: Batch.InsertConsentsRequest,
    response: Batch.BulkResponse,
    idempotent: true
  })
}
