/**
 * Messages: send, get, update metadata, delete, list (with filters), fetch-last-message, transcode.
 */
import type { Ctx, RouteDef } from "../core.js"
import { badField, notFound } from "../errors.js"
import { activeConversation, makeMessage, reportOutbound, resolveRecipient } from "../flows.js"
import * as L from "../log.js"
import { appMessage, textOf } from "../messages-validate.js"
import { boolParam, enumParam, pageSize, pageToken } from "../params.js"
import {
  appMode,
  decodeToken,
  encodeToken,
  getApp,
  getMessage,
  insertMessage,
  removeMessage,
  type MessageRecord,
  messageJson,
  type ProcessingMode,
  type ProjectState
} from "../project.js"
import { view as retentionView } from "../retention.js"
import type { Router } from "../router.js"
import { bodyValidator } from "../schema-check.js"
import { Messages, Transcoding } from "@sinch-effect/schema"
import * as Either from "effect/Either"
import * as Templates from "../templates.js"

const validateSend = bodyValidator(Messages.SendMessageRequest)
const validateUpdate = bodyValidator(Messages.UpdateMessageMetadataRequest)
const validateFetchLast = bodyValidator(Messages.ListLastMessagesByChannelIdentityRequest)
const validateTranscode = bodyValidator(Transcoding.TranscodeMessageRequest)
import {
  CHANNELS,
  check,
  checker,
  isObject,
  type Json,
  optChannels,
  optObject,
  optString,
  optStringArray,
  formatMicros,
  parseTimestampMicros,
  recipient,
  reqString
} from "../validate.js"

const SOURCES = ["CONVERSATION_SOURCE", "DISPATCH_SOURCE"] as const

const modeOf = (query: URLSearchParams): ProcessingMode =>
  enumParam(query, "messages_source", SOURCES, "CONVERSATION_SOURCE") === "DISPATCH_SOURCE"
    ? "DISPATCH"
    : "CONVERSATION"

/** Merge-patch (RFC 7386). */
export const mergePatch = (target: unknown, patch: unknown): unknown => {
  if (!isObject(patch)) return patch
  const out: Json = isObject(target) ? { ...target } : {}
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k]
    else out[k] = mergePatch(out[k], v)
  }
  return out
}

const send = (ctx: Ctx): Json => {
  const body = ctx.body
  if (!isObject(body)) throw badField("body", "expected a JSON object")
  validateSend(body)
  const c = checker()
  const appId = reqString(c, body, "app_id")
  const r = recipient(c, body)
  appMessage(c, body, "message")
  const priority = optChannels(c, body, "channel_priority_order")
  const metadata = optString(c, body, "message_metadata") ?? ""
  if (metadata.length > 1024) c.add("message_metadata", "must be at most 1024 characters")
  const callbackUrl = optString(c, body, "callback_url")
  if (callbackUrl !== undefined && callbackUrl !== "" && !/^https?:\/\//.test(callbackUrl)) {
    c.add("callback_url", "must be an http(s) URL")
  }
  const correlationId = optString(c, body, "correlation_id")
  const convMetadata = optObject(c, body, "conversation_metadata")
  const strategy = optString(c, body, "conversation_metadata_update_strategy")
  if (strategy !== undefined && strategy !== "REPLACE" && strategy !== "MERGE_PATCH") {
    c.add("conversation_metadata_update_strategy", `unknown strategy '${strategy}'`)
  }
  optObject(c, body, "channel_properties")
  optString(c, body, "ttl")
  optString(c, body, "queue")
  optString(c, body, "processing_strategy")
  check(c)
  const template = Templates.resolve(ctx.p, body["message"])
  if (Either.isLeft(template)) throw template.left
  const app = getApp(ctx.p, appId)
  const resolved = resolveRecipient(ctx.core, ctx.p, app, r!, priority, { createContact: true })
  const conv =
    appMode(app) === "CONVERSATION" && resolved.contact !== undefined
      ? activeConversation(ctx.core, ctx.p, app, resolved.contact, resolved.channel)
      : undefined
  if (conv !== undefined) {
    if (convMetadata !== undefined) {
      conv.metadataJson =
        strategy === "MERGE_PATCH" ? (mergePatch(conv.metadataJson ?? {}, convMetadata) as Json) : convMetadata
    }
    if (correlationId !== undefined) conv.correlationId = correlationId
  }
  const message =
    template.right === undefined
      ? (body["message"] as Json)
      : Templates.render(body["message"] as Json, template.right, resolved.channel)
  const m = makeMessage(ctx.core, ctx.p, {
    app,
    direction: "TO_CONTACT",
    channel: resolved.channel,
    identity: resolved.identity,
    identityAppId: resolved.identityAppId,
    contact: resolved.contact,
    conv,
    bodyKey: "app_message",
    body: message,
    metadata
  })
  insertMessage(ctx.p, m, conv)
  reportOutbound(ctx.core, ctx.p, app, m, { correlationId, callbackUrl, submitted: message })
  return { message_id: m.id, accepted_time: formatMicros(m.key) }
}

/** Selects the narrowest index for a list query. */
const indexFor = (
  p: ProjectState,
  mode: ProcessingMode,
  conversationId: string | null,
  contactId: string | null,
  appId: string | null
): L.Log<MessageRecord> | undefined => {
  if (conversationId !== null) return p.conversations.get(conversationId)?.messages
  if (contactId !== null) return p.messagesByContact.get(contactId)
  if (appId !== null) return p.messagesByApp.get(appId)
  return p.messageLog[mode]
}

/** A message of a given source that exists and has not expired, or 404. */
const liveMessageOf = (ctx: Ctx, id: string): MessageRecord => {
  const m = getMessage(ctx.p, id, modeOf(ctx.query))
  if (!retentionView(ctx.core.env, ctx.p).message(m)) throw notFound("message", id)
  return m
}

/** The `start_time`/`end_time` window of a list query, in microseconds (400 when invalid or reversed). */
const timeWindow = (
  startRaw: string | null | undefined,
  endRaw: string | null | undefined
): { readonly start: number | undefined; readonly end: number | undefined } => {
  const start =
    startRaw === null || startRaw === undefined || startRaw === "" ? undefined : parseTimestampMicros(startRaw)
  const end = endRaw === null || endRaw === undefined || endRaw === "" ? undefined : parseTimestampMicros(endRaw)
  if (start === undefined && startRaw) throw badField("start_time", "invalid timestamp")
  if (end === undefined && endRaw) throw badField("end_time", "invalid timestamp")
  if (start !== undefined && end !== undefined && start > end) throw badField("start_time", "must be before end_time")
  return { start, end }
}

const DIRECTIONS = ["TO_APP", "TO_CONTACT"] as const

const list = (ctx: Ctx): string => {
  const { p, query } = ctx
  const mode = modeOf(query)
  const limit = pageSize(query, 10, 20)
  const before = pageToken(query, "m")
  const conversationId = query.get("conversation_id") || null
  const contactId = query.get("contact_id") || null
  const appId = query.get("app_id") || null
  const channel = query.get("channel") || null
  if (channel !== null && !CHANNELS.has(channel)) throw badField("channel", `unknown channel '${channel}'`)
  const channelIdentity = query.get("channel_identity") || null
  const onlyRecipientParam = boolParam(query, "only_recipient_originated")
  // the rules of the reference: which filters each source needs or supports
  if (mode === "DISPATCH" && appId === null) {
    throw badField("app_id", "app_id is required if messages_source is DISPATCH_SOURCE")
  }
  if (mode === "CONVERSATION" && onlyRecipientParam !== undefined) {
    throw badField("only_recipient_originated", "available only when messages_source is DISPATCH_SOURCE")
  }
  const onlyRecipient = onlyRecipientParam ?? false
  const direction = query.get("direction") ? enumParam(query, "direction", DIRECTIONS, "TO_APP") : null
  const { end, start } = timeWindow(query.get("start_time"), query.get("end_time"))
  const view = enumParam(query, "view", ["WITH_METADATA", "WITHOUT_METADATA"], "WITH_METADATA")
  const log = indexFor(p, mode, conversationId, contactId, appId)
  const needsFilter =
    conversationId !== null ||
    contactId !== null ||
    appId !== null ||
    channel !== null ||
    channelIdentity !== null ||
    onlyRecipient ||
    direction !== null ||
    log !== p.messageLog[mode]
  const filter = needsFilter
    ? (m: MessageRecord) =>
        m.mode === mode &&
        (conversationId === null || m.conversationId === conversationId) &&
        (contactId === null || m.contactId === contactId) &&
        (appId === null || m.appId === appId) &&
        (channel === null || m.channel === channel) &&
        (channelIdentity === null || m.identity === channelIdentity) &&
        (direction === null || m.direction === direction) &&
        (!onlyRecipient || m.direction === "TO_APP")
    : undefined
  const endExclusive = end === undefined ? undefined : end + 1
  const page =
    log === undefined
      ? { items: [], nextKey: undefined }
      : L.scanDesc(log, {
          before:
            before === undefined ? endExclusive : endExclusive === undefined ? before : Math.min(before, endExclusive),
          from: start,
          limit,
          isLive: retentionView(ctx.core.env, p).message,
          filter
        })
  const withMetadata = view === "WITH_METADATA"
  let out = '{"messages":['
  for (let i = 0; i < page.items.length; i++) {
    if (i > 0) out += ","
    out += messageJson(page.items[i]!, withMetadata)
  }
  out += `],"next_page_token":"${page.nextKey === undefined ? "" : encodeToken("m", page.nextKey)}"}`
  return out
}

const fetchLast = (ctx: Ctx): string => {
  const body = ctx.body
  if (!isObject(body)) throw badField("body", "expected a JSON object")
  validateFetchLast(body)
  const c = checker()
  const identities = optStringArray(c, body, "channel_identities") ?? []
  const contactIds = optStringArray(c, body, "contact_ids") ?? []
  const appId = optString(c, body, "app_id")
  const channel = optString(c, body, "channel")
  const direction = optString(c, body, "direction")
  const view = optString(c, body, "view") ?? "WITH_METADATA"
  const pageTokenRaw = optString(c, body, "page_token")
  const rawSize = body["page_size"]
  // the reference's default source of this operation is DISPATCH_SOURCE
  const mode: ProcessingMode =
    optString(c, body, "messages_source") === "CONVERSATION_SOURCE" ? "CONVERSATION" : "DISPATCH"
  if (identities.length === 0 && contactIds.length === 0) {
    c.add("channel_identities", "one of channel_identities or contact_ids is required")
  }
  if (identities.length > 0 && contactIds.length > 0) {
    c.add("contact_ids", "use either channel_identities or contact_ids, not both")
  }
  if (mode === "DISPATCH" && contactIds.length > 0) {
    c.add("contact_ids", "contact_ids cannot be set if messages_source is DISPATCH_SOURCE")
  }
  if (channel !== undefined && !CHANNELS.has(channel)) c.add("channel", `unknown channel '${channel}'`)
  if (direction !== undefined && !(DIRECTIONS as ReadonlyArray<string>).includes(direction)) {
    c.add("direction", `expected one of ${DIRECTIONS.join(", ")}, got '${direction}'`)
  }
  if (rawSize !== undefined && (typeof rawSize !== "number" || !Number.isInteger(rawSize) || rawSize < 0)) {
    c.add("page_size", "expected a non-negative integer")
  }
  check(c)
  const limit = typeof rawSize === "number" && rawSize > 0 ? Math.min(rawSize, 1000) : 10
  const offset = decodeToken("l", pageTokenRaw)
  if (offset !== undefined && Number.isNaN(offset)) throw badField("page_token", "invalid page token")
  const { end, start } = timeWindow(optString(c, body, "start_time"), optString(c, body, "end_time"))
  const matches = (m: MessageRecord) =>
    m.mode === mode &&
    (appId === undefined || appId === "" || m.appId === appId) &&
    (channel === undefined || m.channel === channel) &&
    (direction === undefined || m.direction === direction) &&
    (start === undefined || m.key >= start) &&
    (end === undefined || m.key <= end)
  // the latest matching message per (channel identity | contact), newest first
  const seen = new Set<string>()
  const found: Array<MessageRecord> = []
  const visible = retentionView(ctx.core.env, ctx.p).message
  const wanted = identities.length + contactIds.length
  const scan = (log: L.Log<MessageRecord> | undefined, keyOf: (m: MessageRecord) => string | undefined) => {
    if (log === undefined) return
    for (let i = log.items.length - 1; i >= 0 && seen.size < wanted; i--) {
      const m = log.items[i]!
      if (!matches(m) || !visible(m)) continue
      const k = keyOf(m)
      if (k === undefined || seen.has(k)) continue
      seen.add(k)
      found.push(m)
    }
  }
  for (const cid of new Set(contactIds)) scan(ctx.p.messagesByContact.get(cid), (m) => `c:${m.contactId}`)
  const ids = new Set(identities)
  if (ids.size > 0) {
    scan(appId !== undefined && appId !== "" ? ctx.p.messagesByApp.get(appId) : ctx.p.messageLog[mode], (m) =>
      ids.has(m.identity) ? `i:${m.identity}` : undefined
    )
  }
  found.sort((a, b) => b.key - a.key)
  const from = offset ?? 0
  const page = found.slice(from, from + limit)
  const next = from + limit < found.length ? encodeToken("l", from + limit) : ""
  const json = page.map((m) => messageJson(m, view !== "WITHOUT_METADATA")).join(",")
  return `{"messages":[${json}],"next_page_token":"${next}"}`
}

/** What the channel receives for an app message (the transcoding endpoint and the inspector use it). */
export const transcodeFor = (
  channel: string,
  message: Json,
  from: string | undefined,
  to: string | undefined
): string => {
  const text = textOf(message)
  switch (channel) {
    case "WHATSAPP": {
      const base = {
        messaging_product: "whatsapp",
        biz_opaque_callback_data: null,
        to: to ?? "",
        recipient_type: "individual"
      }
      const loc = message["location_message"]
      if (isObject(loc) && isObject(loc["coordinates"])) {
        const coords = loc["coordinates"]
        return JSON.stringify({
          ...base,
          type: "location",
          location: { longitude: String(coords["longitude"]), latitude: String(coords["latitude"]), name: loc["title"] }
        })
      }
      const media = message["media_message"]
      if (isObject(media)) return JSON.stringify({ ...base, type: "image", image: { link: media["url"] } })
      return JSON.stringify({ ...base, type: "text", text: { body: text ?? "" } })
    }
    case "SMS":
    case "MMS":
      return JSON.stringify({ from: from ?? "", to: [to ?? ""], body: text ?? JSON.stringify(message) })
    case "MESSENGER":
    case "INSTAGRAM":
      return JSON.stringify({ recipient: { id: to ?? "" }, message: { text: text ?? "" } })
    case "TELEGRAM":
      return JSON.stringify({ chat_id: to ?? "", text: text ?? "" })
    default:
      return JSON.stringify({ channel, to: to ?? "", message })
  }
}

/** Registers the message routes. */
export const register = (router: Router<RouteDef>): void => {
  const base = "/v1/projects/{project_id}"
  router.add("POST", `${base}/messages:send`, "messages.send", { kind: "api", handler: send })
  router.add("GET", `${base}/messages`, "messages.list", { kind: "api", handler: list })
  router.add("POST", `${base}/messages:fetch-last-message`, "messages.listLastMessagesByChannelIdentity", {
    kind: "api",
    handler: fetchLast
  })
  router.add("GET", `${base}/messages/{message_id}`, "messages.get", {
    kind: "api",
    handler: (ctx) => messageJson(liveMessageOf(ctx, ctx.params["message_id"]!))
  })
  router.add("DELETE", `${base}/messages/{message_id}`, "messages.delete", {
    kind: "api",
    handler: (ctx) => {
      removeMessage(ctx.p, liveMessageOf(ctx, ctx.params["message_id"]!))
      return {}
    }
  })
  router.add("PATCH", `${base}/messages/{message_id}`, "messages.update", {
    kind: "api",
    handler: (ctx) => {
      const { body } = ctx
      const m = liveMessageOf(ctx, ctx.params["message_id"]!)
      if (!isObject(body)) throw badField("body", "expected a JSON object")
      validateUpdate(body)
      const c = checker()
      const metadata = reqString(c, body, "metadata")
      if (metadata.length > 1024) c.add("metadata", "must be at most 1024 characters")
      check(c)
      m.metadata = metadata
      return messageJson(m)
    }
  })
  router.add("POST", `${base}/messages:transcode`, "transcoding.transcodeMessage", {
    kind: "api",
    handler: ({ body, p }) => {
      if (!isObject(body)) throw badField("body", "expected a JSON object")
      validateTranscode(body)
      const c = checker()
      const appId = reqString(c, body, "app_id")
      appMessage(c, body, "app_message")
      const channels = optChannels(c, body, "channels")
      if (channels === undefined || channels.length === 0) c.add("channels", "at least one channel is required")
      const from = optString(c, body, "from")
      const to = optString(c, body, "to")
      check(c)
      getApp(p, appId)
      const message = body["app_message"] as Json
      const transcoded: Record<string, string> = {}
      for (const ch of channels!) transcoded[ch] = transcodeFor(ch, message, from, to)
      return { transcoded_message: transcoded }
    }
  })
}
