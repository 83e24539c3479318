/**
 * Conversations: CRUD, recent, stop, inject message, inject event.
 */
import type { Ctx, RouteDef } from "../core.js"
import { badField, failedPrecondition, notFound } from "../errors.js"
import { emitConversation, liveActiveConversation } from "../flows.js"
import * as L from "../log.js"
import { appMessage, contactMessage } from "../messages-validate.js"
import { mergePatch } from "./messages.js"
import { boolParam, enumParam, pageSize, pageToken, updateMask } from "../params.js"
import {
  appMode,
  channelIdentityJson,
  type ConversationRecord,
  conversationWire,
  encodeToken,
  type EventRecord,
  getApp,
  getContact,
  getConversation as findConversation,
  insertConversation,
  insertEvent,
  insertMessage,
  liveRecent,
  messageJson,
  nextKey,
  removeConversation,
  stopConversation
} from "../project.js"
import { view } from "../retention.js"
import type { Router } from "../router.js"
import { bodyValidator } from "../schema-check.js"
import { Conversations, Events } from "@sinch-effect/schema"
import {
  channelIdentities,
  check,
  checker,
  isObject,
  type Json,
  optBoolean,
  optObject,
  optString,
  parseTimestampMicros,
  reqChannel,
  reqObject,
  reqString
} from "../validate.js"

const validateCreateConversation = bodyValidator(Conversations.CreateConversationRequest)
const validateUpdateConversation = bodyValidator(Conversations.UpdateConversationRequest)
const validateInjectMessage = bodyValidator(Conversations.InjectMessageRequest)
const validateInjectEvent = bodyValidator(Events.InjectEventRequest)

/** A conversation that exists and has not expired, or 404. */
const getConversation = (ctx: Ctx, id: string): ConversationRecord => {
  const conv = findConversation(ctx.p, id)
  if (!view(ctx.core.env, ctx.p).conversation(conv)) throw notFound("conversation", id)
  return conv
}

const list = ({ core, p, query }: Ctx): Json => {
  const appId = query.get("app_id") || null
  const contactId = query.get("contact_id") || null
  if (appId === null && contactId === null) {
    throw badField("app_id", "at least one of app_id or contact_id must be present")
  }
  // required by the reference (no default)
  const onlyActive = boolParam(query, "only_active")
  if (onlyActive === undefined) throw badField("only_active", "only_active is required")
  const activeChannel = query.get("active_channel") || null
  const limit = pageSize(query, 10, 20)
  const after = pageToken(query, "v")
  const log = contactId !== null ? p.conversationsByContact.get(contactId) : p.conversationsByApp.get(appId!)
  const live = view(core.env, p).conversation
  const filter = (c: ConversationRecord) =>
    (appId === null || c.appId === appId) &&
    (contactId === null || c.contactId === contactId) &&
    (!onlyActive || c.active) &&
    (activeChannel === null || c.activeChannel === activeChannel)
  if (log === undefined) return { conversations: [], next_page_token: "", total_size: 0 }
  const page = L.scanAsc(log, { after, limit, isLive: live, filter })
  let total = 0
  for (const c of log.items) if (live(c) && filter(c)) total++
  return {
    conversations: page.items.map(conversationWire),
    next_page_token: page.nextKey === undefined ? "" : encodeToken("v", page.nextKey),
    total_size: total
  }
}

const recent = ({ core, p, query }: Ctx): string => {
  const appId = query.get("app_id") || null
  const onlyActive = boolParam(query, "only_active") ?? false
  const limit = pageSize(query, 10, 50)
  const order = enumParam(query, "order", ["ASC", "DESC"], "DESC")
  const cursor = pageToken(query, "r")
  const visible = view(core.env, p)
  // the last message is the newest: when it expired (MESSAGE_EXPIRE) the conversation has no message left
  const filter = (c: ConversationRecord) =>
    (appId === null || c.appId === appId) &&
    (!onlyActive || c.active) &&
    c.lastMessage !== undefined &&
    visible.conversation(c) &&
    visible.message(c.lastMessage)
  const page =
    order === "DESC"
      ? L.scanDesc(p.recent, { before: cursor, limit, isLive: liveRecent, filter })
      : L.scanAsc(p.recent, { after: cursor, limit, isLive: liveRecent, filter })
  let total = 0
  for (const c of p.conversations.values()) if (filter(c)) total++
  const items = page.items.map(
    (c) => `{"conversation":${JSON.stringify(conversationWire(c))},"last_message":${messageJson(c.lastMessage!)}}`
  )
  return `{"conversations":[${items.join(",")}],"next_page_token":"${
    page.nextKey === undefined ? "" : encodeToken("r", page.nextKey)
  }","total_size":${total}}`
}

const create = (ctx: Ctx): Json => {
  const body = ctx.body
  if (!isObject(body)) throw badField("body", "expected a JSON object")
  validateCreateConversation(body)
  const c = checker()
  const appId = reqString(c, body, "app_id")
  const contactId = reqString(c, body, "contact_id")
  const active = optBoolean(c, body, "active")
  const activeChannel = optString(c, body, "active_channel")
  const metadata = optString(c, body, "metadata")
  const metadataJson = optObject(c, body, "metadata_json")
  const correlationId = optString(c, body, "correlation_id")
  check(c)
  const app = getApp(ctx.p, appId)
  if (appMode(app) === "DISPATCH")
    throw failedPrecondition(`app ${app.id} uses DISPATCH mode: it keeps no conversations`)
  getContact(ctx.p, contactId)
  if ((active ?? true) && liveActiveConversation(ctx.core, ctx.p, appId, contactId) !== undefined) {
    throw failedPrecondition(`an active conversation between app ${appId} and contact ${contactId} already exists`)
  }
  const conv = insertConversation(ctx.p, ctx.core.env, {
    appId,
    contactId,
    active: active ?? true,
    ...(activeChannel !== undefined ? { activeChannel } : {}),
    ...(metadata !== undefined ? { metadata } : {}),
    metadataJson,
    ...(correlationId !== undefined ? { correlationId } : {})
  })
  emitConversation(ctx.core, ctx.p, "CONVERSATION_START", conv)
  return conversationWire(conv)
}

const update = (ctx: Ctx): Json => {
  const conv = getConversation(ctx, ctx.params["conversation_id"]!)
  const body = ctx.body
  if (!isObject(body)) throw badField("body", "expected a JSON object")
  validateUpdateConversation(body)
  const c = checker()
  const metadata = optString(c, body, "metadata")
  const metadataJson = optObject(c, body, "metadata_json")
  const correlationId = optString(c, body, "correlation_id")
  const activeChannel = optString(c, body, "active_channel")
  const active = optBoolean(c, body, "active")
  check(c)
  const strategy = enumParam(ctx.query, "metadata_update_strategy", ["REPLACE", "MERGE_PATCH"], "REPLACE")
  const mask = updateMask(ctx.query)
  const wants = (field: string, value: unknown) => value !== undefined && (mask === undefined || mask.includes(field))
  if (wants("metadata", metadata)) conv.metadata = metadata!
  if (wants("metadata_json", metadataJson)) {
    conv.metadataJson =
      strategy === "MERGE_PATCH" ? (mergePatch(conv.metadataJson ?? {}, metadataJson) as Json) : metadataJson
  }
  if (wants("correlation_id", correlationId)) conv.correlationId = correlationId!
  if (wants("active_channel", activeChannel)) conv.activeChannel = activeChannel!
  if (wants("active", active) && active === false && stopConversation(ctx.p, conv)) {
    emitConversation(ctx.core, ctx.p, "CONVERSATION_STOP", conv)
  }
  return conversationWire(conv)
}

const injectMessage = (ctx: Ctx): Json => {
  const conv = getConversation(ctx, ctx.params["conversation_id"]!)
  const body = ctx.body
  if (!isObject(body)) throw badField("body", "expected a JSON object")
  validateInjectMessage(body)
  const c = checker()
  const hasApp = body["app_message"] !== undefined && body["app_message"] !== null
  const hasContact = body["contact_message"] !== undefined && body["contact_message"] !== null
  if (hasApp === hasContact) c.add("app_message", "exactly one of app_message or contact_message is required")
  else if (hasApp) appMessage(c, body, "app_message")
  else contactMessage(c, body, "contact_message")
  const ci = reqObject(c, body, "channel_identity")
  const channel = ci === undefined ? "" : reqChannel(c, ci, "channel", "channel_identity.channel")
  const identity = ci === undefined ? "" : reqString(c, ci, "identity", "channel_identity.identity")
  const direction = optString(c, body, "direction") ?? (hasApp ? "TO_CONTACT" : "TO_APP")
  if (direction !== "TO_APP" && direction !== "TO_CONTACT") c.add("direction", `unknown direction '${direction}'`)
  const acceptRaw = optString(c, body, "accept_time")
  const accept = acceptRaw === undefined ? undefined : parseTimestampMicros(acceptRaw)
  if (acceptRaw !== undefined && accept === undefined) c.add("accept_time", "invalid timestamp")
  const metadata = optString(c, body, "metadata") ?? ""
  const contactId = optString(c, body, "contact_id")
  check(c)
  if (contactId !== undefined && contactId !== "" && contactId !== conv.contactId) {
    throw badField("contact_id", `contact ${contactId} is not part of conversation ${conv.id}`)
  }
  let key = accept ?? nextKey(ctx.p, ctx.core.env)
  const log = ctx.p.messageLog.CONVERSATION
  while (accept !== undefined && log.keys[L.lowerBound(log, key)] === key) key++
  const m = {
    key,
    id: ctx.core.env.ids.next(Math.floor(key / 1000)),
    appId: conv.appId,
    contactId: conv.contactId,
    conversationId: conv.id,
    direction: direction as "TO_APP" | "TO_CONTACT",
    channel,
    identity,
    channelIdentityJson: channelIdentityJson(channel, identity, typeof ci?.["app_id"] === "string" ? ci["app_id"] : ""),
    bodyKey: hasApp ? ("app_message" as const) : ("contact_message" as const),
    bodyJson: JSON.stringify(hasApp ? body["app_message"] : body["contact_message"]),
    metadata,
    senderId: "",
    injected: true,
    mode: "CONVERSATION" as const,
    deleted: false
  }
  insertMessage(ctx.p, m, conv)
  return {}
}

const injectEvent = (ctx: Ctx): Json => {
  const conv = getConversation(ctx, ctx.params["conversation_id"]!)
  const body = ctx.body
  if (!isObject(body)) throw badField("body", "expected a JSON object")
  validateInjectEvent(body)
  const c = checker()
  const kinds = ["app_event", "contact_event", "contact_message_event"].filter(
    (k) => body[k] !== undefined && body[k] !== null
  )
  if (kinds.length !== 1)
    c.add("app_event", "exactly one of app_event, contact_event or contact_message_event is required")
  else reqObject(c, body, kinds[0]!)
  const identities = channelIdentities(c, { list: [body["channel_identity"]] }, "list", "channel_identity", true)
  const direction = optString(c, body, "direction") ?? (kinds[0] === "app_event" ? "TO_CONTACT" : "TO_APP")
  if (direction !== "TO_APP" && direction !== "TO_CONTACT") c.add("direction", `unknown direction '${direction}'`)
  const acceptRaw = optString(c, body, "accept_time")
  const accept = acceptRaw === undefined ? undefined : parseTimestampMicros(acceptRaw)
  if (acceptRaw !== undefined && accept === undefined) c.add("accept_time", "invalid timestamp")
  check(c)
  const key = accept ?? nextKey(ctx.p, ctx.core.env)
  const e: EventRecord = {
    key,
    id: ctx.core.env.ids.next(Math.floor(key / 1000)),
    appId: conv.appId,
    contactId: conv.contactId,
    conversationId: conv.id,
    direction: direction as "TO_APP" | "TO_CONTACT",
    channelIdentity: identities[0]!,
    bodyKey: kinds[0]!,
    body: body[kinds[0]!] as Json,
    mode: "CONVERSATION",
    deleted: false
  }
  insertEvent(ctx.p, e, conv)
  return { event_id: e.id, accepted_time: new Date(Math.floor(key / 1000)).toISOString() }
}

/** Registers the conversation routes. */
export const register = (router: Router<RouteDef>): void => {
  const base = "/v1/projects/{project_id}"
  router.add("GET", `${base}/conversations`, "conversations.list", { kind: "api", handler: list })
  router.add("POST", `${base}/conversations`, "conversations.create", { kind: "api", handler: create })
  router.add("GET", `${base}/conversations:recent`, "conversations.listRecent", { kind: "api", handler: recent })
  router.add("GET", `${base}/conversations/{conversation_id}`, "conversations.get", {
    kind: "api",
    handler: (ctx) => conversationWire(getConversation(ctx, ctx.params["conversation_id"]!))
  })
  router.add("PATCH", `${base}/conversations/{conversation_id}`, "conversations.update", {
    kind: "api",
    handler: update
  })
  router.add("DELETE", `${base}/conversations/{conversation_id}`, "conversations.delete", {
    kind: "api",
    handler: (ctx) => {
      const conv = getConversation(ctx, ctx.params["conversation_id"]!)
      removeConversation(ctx.p, conv)
      emitConversation(ctx.core, ctx.p, "CONVERSATION_DELETE", conv)
      return {}
    }
  })
  router.add("POST", `${base}/conversations/{conversation_id}:stop`, "conversations.stopActive", {
    kind: "api",
    handler: (ctx) => {
      const conv = getConversation(ctx, ctx.params["conversation_id"]!)
      if (stopConversation(ctx.p, conv)) emitConversation(ctx.core, ctx.p, "CONVERSATION_STOP", conv)
      return {}
    }
  })
  router.add("POST", `${base}/conversations/{conversation_id}:inject-message`, "conversations.injectMessage", {
    kind: "api",
    handler: injectMessage
  })
  router.add("POST", `${base}/conversations/{conversation_id}:inject-event`, "conversations.injectEvent", {
    kind: "api",
    handler: injectEvent
  })
}
