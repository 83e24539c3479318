/**
 * The Conversation Batch API routes, served under `/batch` (the emulator's `batchUrl`): the Batch API is another
 * host in Sinch, and its paths (`POST /v1/projects/{project_id}/messages`, ...) overlap the Conversation API's.
 */
import * as Batch from "../batch.js"
import type { RouteDef } from "../core.js"
import type { Router } from "../router.js"

/** Registers the Batch API routes. */
export const register = (router: Router<RouteDef>): void => {
  const base = `${Batch.PREFIX}/v1/projects/{project_id}`
  router.add("POST", `${base}/messages`, "batch.send", {
    kind: "api",
    handler: ({ body, core, p }) => Batch.send(core, p, body)
  })
  router.add("DELETE", `${base}/messages`, "batch.cancel", {
    kind: "api",
    handler: ({ body, core, p }) => Batch.cancel(core, p, body)
  })
  router.add("GET", `${base}/messages`, "batch.list", { kind: "api", handler: ({ p, query }) => Batch.list(p, query) })
  router.add("GET", `${base}/messages/{batch_id}`, "batch.get", {
    kind: "api",
    handler: ({ p, params }) => Batch.get(p, params["batch_id"]!)
  })
  router.add("POST", `${base}/contacts`, "batch.createContacts", {
    kind: "api",
    handler: ({ body, core, p }) => Batch.createContacts(core, p, body)
  })
  router.add("DELETE", `${base}/contacts`, "batch.deleteContacts", {
    kind: "api",
    handler: ({ body, core, p }) => Batch.deleteContacts(core, p, body)
  })
  router.add("POST", `${base}/consents`, "batch.insertConsents", {
    kind: "api",
    handler: ({ body, core, p }) => Batch.insertConsents(core, p, body)
  })
}
