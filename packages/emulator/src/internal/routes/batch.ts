/**
 * The Conversation Batch API routes, served under `/batch` (the emulator's `batchUrl`): the Batch API is another
 * host in Sinch, and its paths (`POST /v1/projects/{project_id}/messages`, ...) overlap the Conversation API's.
 */
import * as Either from "effect/Either"
import * as Batch from "../batch.js"
import { type Answer, api, type Input, type RouteDef } from "../core.js"
import { isApiError, type Result } from "../errors.js"
import type { Router } from "../router.js"

/** The Batch API's handlers still throw their Sinch errors: here they become results. */
const attempt =
  (handler: (input: Input<undefined>) => Answer) =>
  (input: Input<undefined>): Result<Answer> => {
    try {
      return Either.right(handler(input))
    } catch (e) {
      if (isApiError(e)) return Either.left(e)
      throw e
    }
  }

/** Registers the Batch API routes. */
export const register = (router: Router<RouteDef>): void => {
  const base = `${Batch.PREFIX}/v1/projects/{project_id}`
  const route = (handler: (input: Input<undefined>) => Answer) => api(undefined, attempt(handler))
  router.add(
    "POST",
    `${base}/messages`,
    "batch.send",
    route(({ core, json, p }) => Batch.send(core, p, json))
  )
  router.add(
    "DELETE",
    `${base}/messages`,
    "batch.cancel",
    route(({ core, json, p }) => Batch.cancel(core, p, json))
  )
  router.add(
    "GET",
    `${base}/messages`,
    "batch.list",
    route(({ p, query }) => Batch.list(p, query))
  )
  router.add(
    "GET",
    `${base}/messages/{batch_id}`,
    "batch.get",
    route(({ p, path }) => Batch.get(p, path["batch_id"]!))
  )
  router.add(
    "POST",
    `${base}/contacts`,
    "batch.createContacts",
    route(({ core, json, p }) => Batch.createContacts(core, p, json))
  )
  router.add(
    "DELETE",
    `${base}/contacts`,
    "batch.deleteContacts",
    route(({ core, json, p }) => Batch.deleteContacts(core, p, json))
  )
  router.add(
    "POST",
    `${base}/consents`,
    "batch.insertConsents",
    route(({ core, json, p }) => Batch.insertConsents(core, p, json))
  )
}
