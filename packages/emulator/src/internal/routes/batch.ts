/**
 * The Conversation Batch API's behaviour, by definition key (`Operations.batch.batch`). `routes/api.ts` serves it
 * under `/batch` (the emulator's `batchUrl`): the Batch API is another host in Sinch, and its paths
 * (`POST /v1/projects/{project_id}/messages`, ...) overlap the Conversation API's.
 */
import type { Operations } from "@sinch-effect/schema"
import * as Either from "effect/Either"
import * as Batch from "../batch.js"
import type { Answer, Handlers, Input } from "../core.js"
import { isApiError, type Result } from "../errors.js"

/** The Batch API's store functions still throw their Sinch errors: here they become results. */
const attempt =
  <B, P>(handler: (input: Input<B, P>) => Answer) =>
  (input: Input<B, P>): Result<Answer> => {
    try {
      return Either.right(handler(input))
    } catch (e) {
      if (isApiError(e)) return Either.left(e)
      throw e
    }
  }

/** The handlers of the `batch` group. */
export const batch: Handlers<typeof Operations.batch.batch> = {
  send: attempt(({ core, json, p }) => Batch.send(core, p, json)),
  cancel: attempt(({ core, json, p }) => Batch.cancel(core, p, json)),
  list: attempt(({ p, query }) => Batch.list(p, query)),
  get: attempt(({ p, path }) => Batch.get(p, path.batch_id)),
  createContacts: attempt(({ core, json, p }) => Batch.createContacts(core, p, json)),
  deleteContacts: attempt(({ core, json, p }) => Batch.deleteContacts(core, p, json)),
  insertConsents: attempt(({ core, json, p }) => Batch.insertConsents(core, p, json))
}
