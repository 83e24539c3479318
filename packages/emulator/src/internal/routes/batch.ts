/**
 * The Conversation Batch API's behaviour, by definition key (`Operations.batch.batch`). `routes/api.ts` serves it
 * under `/batch` (the emulator's `batchUrl`): the Batch API is another host in Sinch, and its paths
 * (`POST /v1/projects/{project_id}/messages`, ...) overlap the Conversation API's.
 */
import type { Operations } from "@sinch-effect/schema"
import * as Batch from "../batch.js"
import type { Handlers } from "../core.js"

/** The handlers of the `batch` group. */
export const batch: Handlers<typeof Operations.batch.batch> = {
  send: ({ body, core, json, p }) => Batch.send(core, p, body, json),
  cancel: ({ body, core, p }) => Batch.cancel(core, p, body),
  list: ({ p, query }) => Batch.list(p, query),
  get: ({ p, path }) => Batch.get(p, path.batch_id),
  createContacts: ({ core, json, p }) => Batch.createContacts(core, p, json),
  deleteContacts: ({ body, core, p }) => Batch.deleteContacts(core, p, body),
  insertConsents: ({ body, core, p }) => Batch.insertConsents(core, p, body)
}
