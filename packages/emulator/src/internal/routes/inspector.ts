/**
 * The control routes the inspector page reads (`GET /emulator/inspector/...`: projects, apps, conversations as
 * threads, contacts, the callbacks log), and the one it adds to act as the contact's channel: a delivery report
 * (READ, FAILED, DELIVERED) for a message, with its signed MESSAGE_DELIVERY callback.
 */
import { FAULT_TAGS } from "./control.js"
import type { DeliveryRecord } from "../callbacks.js"
import type { Core, RouteDef } from "../core.js"
import { badField, notFound, orThrow } from "../errors.js"
import { deliveryState, reportDelivery } from "../flows.js"
import { kindOf, plainText } from "../inspector/render.js"
import * as L from "../log.js"
import { pageSize, token } from "../params.js"
import {
  appChannels,
  appMode,
  type ContactRecord,
  type ConversationRecord,
  encodeToken,
  getApp,
  getConversation,
  liveContact,
  type MessageRecord,
  type ProjectState
} from "../project.js"
import { view } from "../retention.js"
import type { Router } from "../router.js"
import { check, checker, isObject, type Json, formatMicros, optString, reqString } from "../validate.js"
import { transcodeFor } from "./messages.js"
import { operations } from "../../Fault.js"

const stats = (p: ProjectState): Json => ({
  apps: p.apps.size,
  contacts: p.contacts.size,
  conversations: p.conversations.size,
  messages: p.messages.size
})

const contactView = (c: ContactRecord | undefined, id: string): Json => ({
  id,
  display_name: c?.wire.display_name ?? "",
  channel_identities: c?.wire.channel_identities ?? []
})

/** A message as the inspector shows it: the body, its plain-text and channel renderings, its delivery state. */
const messageView = (core: Core, m: MessageRecord): Json => {
  const message = JSON.parse(m.bodyJson) as Json
  const status = m.direction === "TO_CONTACT" ? deliveryState(core, m) : undefined
  return {
    id: m.id,
    key: m.key,
    direction: m.direction,
    channel: m.channel,
    identity: m.identity,
    accepted_time: formatMicros(m.key),
    kind: kindOf(message),
    message,
    text: plainText(message),
    ...(m.direction === "TO_CONTACT" ? { transcoded: transcodeFor(m.channel, message, undefined, m.identity) } : {}),
    status: status?.status ?? null,
    reason_code: status?.reasonCode ?? null,
    injected: m.injected
  }
}

const conversationView = (p: ProjectState, conv: ConversationRecord): Json => {
  const last = conv.lastMessage
  return {
    id: conv.id,
    app_id: conv.appId,
    active: conv.active,
    active_channel: conv.activeChannel,
    contact: contactView(p.contacts.get(conv.contactId), conv.contactId),
    last_message:
      last === undefined || last.deleted
        ? null
        : {
            direction: last.direction,
            text: plainText(JSON.parse(last.bodyJson) as Json).slice(0, 120),
            accepted_time: formatMicros(last.key)
          }
  }
}

const ACTIVITY_PAGE = 200

/** A non-negative integer of the inspector's query (its routes have no definition to decode them). */
const intParam = (query: URLSearchParams, name: string, what: string): number | undefined => {
  const raw = query.get(name)
  if (raw === null || raw === "") return undefined
  const n = Number(raw)
  if (!Number.isSafeInteger(n) || n < 0) throw badField(name, `expected ${what}, got '${raw}'`)
  return n
}

const pageSizeOf = (query: URLSearchParams, def: number, max: number): number =>
  orThrow(pageSize(intParam(query, "page_size", "a non-negative integer"), def, max))

const pageTokenOf = (query: URLSearchParams, kind: string): number | undefined =>
  orThrow(token(kind, query.get("page_token")))

const conversations = (core: Core, p: ProjectState, query: URLSearchParams): Json => {
  const limit = pageSizeOf(query, 50, ACTIVITY_PAGE)
  const before = pageTokenOf(query, "r")
  const appId = query.get("app_id") || null
  const contactId = query.get("contact_id") || null
  const live = view(core.env, p).conversation
  const page = L.scanDesc(p.recent, {
    before,
    limit,
    isLive: (c, key) => c.activityKey === key && live(c),
    filter: (c) => (appId === null || c.appId === appId) && (contactId === null || c.contactId === contactId)
  })
  return {
    conversations: page.items.map((c) => conversationView(p, c)),
    next_page_token: page.nextKey === undefined ? "" : encodeToken("r", page.nextKey)
  }
}

const keyParam = (query: URLSearchParams, name: string): number | undefined => intParam(query, name, "a message key")

/** A page of a thread, oldest first: the newest page, the page before `before`, or what came after `after`. */
const thread = (core: Core, p: ProjectState, conversationId: string, query: URLSearchParams): Json => {
  const conv = orThrow(getConversation(p, conversationId))
  if (!view(core.env, p).conversation(conv)) throw notFound("conversation", conversationId)
  const limit = pageSizeOf(query, 50, 200)
  const after = keyParam(query, "after")
  const isLive = view(core.env, p).message
  const page =
    after !== undefined
      ? L.scanAsc(conv.messages, { after, limit, isLive })
      : (() => {
          const desc = L.scanDesc(conv.messages, { before: keyParam(query, "before"), limit, isLive })
          return { items: desc.items.reverse(), nextKey: desc.nextKey }
        })()
  const app = p.apps.get(conv.appId)
  const contact = p.contacts.get(conv.contactId)
  const configured = app === undefined ? [] : appChannels(app)
  return {
    conversation: conversationView(p, conv),
    // the identities the contact can answer from: its identities on the app's channels
    reply_identities: (contact?.wire.channel_identities ?? []).filter((ci) => configured.includes(ci.channel)),
    messages: page.items.map((m) => messageView(core, m)),
    has_more: page.nextKey !== undefined
  }
}

const contacts = (p: ProjectState, query: URLSearchParams): Json => {
  const limit = pageSizeOf(query, 50, 200)
  const before = pageTokenOf(query, "k")
  const page = L.scanDesc(p.contactLog, { before, limit, isLive: liveContact })
  return {
    contacts: page.items.map((c) => contactView(c, c.wire.id)),
    next_page_token: page.nextKey === undefined ? "" : encodeToken("k", page.nextKey)
  }
}

const project = (p: ProjectState, isDefault: boolean): Json => ({
  project_id: p.id,
  default: isDefault,
  stats: stats(p),
  apps: [...p.apps.values()].map((app) => ({
    id: app.id,
    display_name: app.wire.display_name ?? "",
    processing_mode: appMode(app),
    channels: appChannels(app),
    webhooks: app.webhooks.map((wh) => ({ id: wh.wire.id, target: wh.wire.target, triggers: wh.wire.triggers }))
  }))
})

const DELIVERY_PAGE = 100

const deliveries = (core: Core, query: URLSearchParams): Json => {
  const log = core.dispatcher.deliveries
  // the ids kept are consecutive: the page is the newest ids from `high` down, `low` the oldest that matches
  const low = Math.max(log.oldestId(), (keyParam(query, "after_id") ?? 0) + 1)
  const high = Math.min(log.newestId(), (keyParam(query, "before_id") ?? Infinity) - 1)
  const page: Array<DeliveryRecord> = []
  for (let id = high; id >= low && page.length < DELIVERY_PAGE; id--) page.push(log.get(id)!)
  return {
    deliveries: page.map((d) => {
      const last = d.attempts[d.attempts.length - 1]
      return {
        ...d,
        body: JSON.parse(d.body) as unknown,
        last_status: last?.status ?? null,
        latency_millis: last?.millis ?? null
      }
    }),
    has_more: high - low + 1 > page.length,
    pending: core.dispatcher.pending()
  }
}

/** Registers the inspector's routes. */
export const register = (router: Router<RouteDef>): void => {
  const base = "/emulator/inspector/projects/{project_id}"
  router.add("GET", "/emulator/inspector/projects", "emulator.inspector.projects", {
    kind: "control",
    handler: ({ core }) => ({
      projects: [...core.projects.values()].map((p) => ({
        project_id: p.id,
        default: p.id === core.defaultProject.projectId,
        stats: stats(p)
      }))
    })
  })
  router.add("GET", base, "emulator.inspector.project", {
    kind: "control",
    handler: ({ core, p }) => ({
      ...project(p, p.id === core.defaultProject.projectId),
      operations: ["*", ...operations],
      fault_kinds: FAULT_TAGS
    })
  })
  router.add("GET", `${base}/conversations`, "emulator.inspector.conversations", {
    kind: "control",
    handler: ({ core, p, query }) => conversations(core, p, query)
  })
  router.add("GET", `${base}/conversations/{conversation_id}/messages`, "emulator.inspector.thread", {
    kind: "control",
    handler: ({ core, p, params, query }) => thread(core, p, params["conversation_id"]!, query)
  })
  router.add("GET", `${base}/contacts`, "emulator.inspector.contacts", {
    kind: "control",
    handler: ({ p, query }) => contacts(p, query)
  })
  router.add("GET", "/emulator/inspector/deliveries", "emulator.inspector.deliveries", {
    kind: "control",
    handler: ({ core, query }) => deliveries(core, query)
  })
  router.add("POST", "/emulator/projects/{project_id}/messages/{message_id}:report", "emulator.reportDelivery", {
    kind: "control",
    handler: ({ body, core, p, params }) => {
      if (!isObject(body)) throw badField("body", "expected a JSON object")
      const c = checker()
      const status = reqString(c, body, "status")
      if (status !== "" && !["DELIVERED", "READ", "FAILED"].includes(status)) {
        c.add("status", "expected DELIVERED, READ or FAILED")
      }
      const reasonCode = optString(c, body, "reason_code")
      const description = optString(c, body, "description")
      check(c)
      const m = p.messages.get(params["message_id"]!)
      if (m === undefined || !view(core.env, p).message(m)) throw notFound("message", params["message_id"]!)
      reportDelivery(core, p, orThrow(getApp(p, m.appId)), m, {
        status: status as "DELIVERED" | "READ" | "FAILED",
        reasonCode,
        description
      })
      return {}
    }
  })
}
