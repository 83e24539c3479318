/**
 * The Conversation API and the Template Management API on the emulator's router, from their definitions
 * (`Operations.conversation`, `Operations.template`): each operation's method, path, name (for faults and logs) and
 * schemas come from its definition, its behaviour from the handlers of its group. Adding an operation is its definition plus its handler here; the compiler checks that every definition
 * has one, typed by the definition.
 */
import { Operations } from "@sinch-effect/schema"
import { type Handler, type Handlers, operation, type RouteDef } from "../core.js"
import type { Router } from "../router.js"
import { PREFIX as BATCH_PREFIX } from "../batch.js"
import * as Apps from "./apps.js"
import * as BatchRoutes from "./batch.js"
import * as Contacts from "./contacts.js"
import * as Conversations from "./conversations.js"
import * as Events from "./events.js"
import * as Messages from "./messages.js"
import * as Misc from "./misc.js"
import * as Templates from "./templates.js"

type Groups = typeof Operations.conversation

/** The handlers of every Conversation API operation, group by group. */
const handlers: { readonly [G in keyof Groups]: Handlers<Groups[G]> } = {
  messages: Messages.messages,
  transcoding: Messages.transcoding,
  apps: Apps.apps,
  webhooks: Apps.webhooks,
  contacts: Contacts.contacts,
  conversations: Conversations.conversations,
  events: Events.events,
  capability: Misc.capability,
  optIns: Misc.optIns,
  optOuts: Misc.optOuts,
  consents: Misc.consents,
  projectSettings: Misc.projectSettings
}

/** The handlers of every Template Management API operation, v1 and v2. */
const templateHandlers: {
  readonly [G in keyof typeof Operations.template]: Handlers<(typeof Operations.template)[G]>
} = { templatesV1: Templates.templatesV1, templatesV2: Templates.templatesV2 }

/** The handlers of every Conversation Batch API operation. */
const batchHandlers: {
  readonly [G in keyof typeof Operations.batch]: Handlers<(typeof Operations.batch)[G]>
} = { batch: BatchRoutes.batch }

/** Registers a route for every defined operation of an API, with its handler, under `prefix` (the API's base path). */
const registerApi = (
  router: Router<RouteDef>,
  groups: Readonly<Record<string, Readonly<Record<string, Operations.Definition>>>>,
  handlersOf: Readonly<Record<string, Readonly<Record<string, Handler<Operations.Definition>>>>>,
  prefix = ""
): void => {
  for (const [group, definitions] of Object.entries(groups)) {
    for (const [key, definition] of Object.entries(definitions)) {
      const handler = handlersOf[group]![key]!
      router.add(
        definition.method,
        prefix + Operations.fullPath(definition),
        definition.name,
        operation(definition, handler)
      )
    }
  }
}

/** Registers the routes of the Conversation API, the Template Management API and (under `/batch`) the Batch API. */
export const register = (router: Router<RouteDef>): void => {
  registerApi(router, Operations.conversation, handlers as unknown as Parameters<typeof registerApi>[2])
  registerApi(router, Operations.template, templateHandlers as unknown as Parameters<typeof registerApi>[2])
  registerApi(router, Operations.batch, batchHandlers as unknown as Parameters<typeof registerApi>[2], BATCH_PREFIX)
}
