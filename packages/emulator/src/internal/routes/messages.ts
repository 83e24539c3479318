/**
 * Messages: send, get, update metadata, delete, list (with filters), fetch-last-message, transcode.
 */
import type { Messages, Operations } from "@sinch-effect/schema"
import * as Either from "effect/Either"
import { type Core, type Handlers, type Input, RawJson } from "../core.js"
import { badField, notFound, type Result } from "../errors.js"
import { activeConversation, appMessageTo, reportOutbound, resolveRecipient } from "../flows.js"
import * as L from "../log.js"
import { appMessageRule, textOf } from "../messages-validate.js"
import { pageSize, token } from "../params.js"
import {
  appMode,
  encodeToken,
  getApp,
  getMessage,
  insertMessage,
  type MessageRecord,
  messageJson,
  type ProcessingMode,
  type ProjectState,
  removeMessage,
  setMessageMetadata,
  updateConversation
} from "../project.js"
import { view as retentionView } from "../retention.js"
import * as Templates from "../templates.js"
import {
  formatMicros,
  httpUrl,
  isObject,
  type Json,
  knownChannel,
  knownChannels,
  maxLength,
  nonEmpty,
  oneOf,
  parseTimestampMicros,
  recipientRule,
  required,
  rule,
  rules,
  stringOnly
} from "../validate.js"

type Ops = typeof Operations.conversation.messages

/** An optional string of a query, absent when empty (`?app_id=` is no filter). */
const given = (value: string | undefined): string | undefined => (value === "" ? undefined : value)

/** The store's processing mode of a `messages_source` (default CONVERSATION_SOURCE; the enum is open: 400 otherwise). */
const modeOf = (source: string | undefined): Result<ProcessingMode> =>
  Either.map(
    rules(oneOf("messages_source", given(source), ["CONVERSATION_SOURCE", "DISPATCH_SOURCE"], "messages source")),
    () => (source === "DISPATCH_SOURCE" ? "DISPATCH" : "CONVERSATION")
  )

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

const send = ({ body, core, json, p }: Input<Ops["send"]>) =>
  Either.gen(function* () {
    yield* rules(
      required("app_id", body.app_id),
      recipientRule("recipient", body.recipient),
      appMessageRule("message", body.message),
      knownChannels("channel_priority_order", body.channel_priority_order),
      maxLength("message_metadata", body.message_metadata, 1024),
      httpUrl("callback_url", body.callback_url),
      oneOf(
        "conversation_metadata_update_strategy",
        body.conversation_metadata_update_strategy,
        ["REPLACE", "MERGE_PATCH"],
        "strategy"
      ),
      stringOnly("ttl", body.ttl)
    )
    // a template message is resolved against the stored templates before anything is stored
    const template = yield* Templates.resolve(p, (json as Json)["message"])
    const app = yield* getApp(p, body.app_id)
    const resolved = yield* resolveRecipient(core, p, app, body.recipient, body.channel_priority_order, {
      createContact: true
    })
    const conv =
      appMode(app) === "CONVERSATION" && resolved.contact !== undefined
        ? activeConversation(core, p, app, resolved.contact, resolved.channel)
        : undefined
    const convMetadata = body.conversation_metadata
    if (conv !== undefined) {
      updateConversation(conv, {
        metadataJson:
          convMetadata === undefined || body.conversation_metadata_update_strategy !== "MERGE_PATCH"
            ? convMetadata
            : (mergePatch(conv.metadataJson ?? {}, convMetadata) as Json),
        correlationId: body.correlation_id
      })
    }
    // the message as sent (the emulator stores and echoes what it was given), a template rendered for the channel
    const sent = (json as Json)["message"] as Json
    const message = template === undefined ? sent : Templates.render(sent, template, resolved.channel)
    const m = appMessageTo(core, p, app, resolved, conv, message, body.message_metadata ?? "")
    insertMessage(p, m, conv)
    reportOutbound(core, p, app, m, {
      correlationId: body.correlation_id,
      callbackUrl: body.callback_url,
      submitted: message
    })
    return { message_id: m.id, accepted_time: formatMicros(m.key) }
  })

/** Selects the narrowest index for a list query. */
const indexFor = (
  p: ProjectState,
  mode: ProcessingMode,
  conversationId: string | undefined,
  contactId: string | undefined,
  appId: string | undefined
): L.Log<MessageRecord> | undefined => {
  if (conversationId !== undefined) return p.conversations.get(conversationId)?.messages
  if (contactId !== undefined) return p.messagesByContact.get(contactId)
  if (appId !== undefined) return p.messagesByApp.get(appId)
  return p.messageLog[mode]
}

/** A message of the queried source that exists and has not expired (404 otherwise). */
const liveMessage = (core: Core, p: ProjectState, source: string | undefined, id: string): Result<MessageRecord> =>
  Either.flatMap(modeOf(source), (mode) =>
    Either.filterOrLeft(
      getMessage(p, id, mode),
      (m) => retentionView(core.env, p).message(m),
      () => notFound("message", id)
    )
  )

/**
 * The `start_time`/`end_time` window of a list query, in microseconds (400 when reversed). Read from the strings as
 * sent, once their schema has decoded them: message keys are microseconds, a decoded timestamp keeps milliseconds.
 */
const timeWindow = (
  startRaw: unknown,
  endRaw: unknown
): Result<{ readonly start: number | undefined; readonly end: number | undefined }> => {
  const read = (raw: unknown) => (typeof raw === "string" && raw !== "" ? parseTimestampMicros(raw) : undefined)
  const start = read(startRaw)
  const end = read(endRaw)
  if (start === undefined && typeof startRaw === "string" && startRaw !== "")
    return Either.left(badField("start_time", "invalid timestamp"))
  if (end === undefined && typeof endRaw === "string" && endRaw !== "")
    return Either.left(badField("end_time", "invalid timestamp"))
  if (start !== undefined && end !== undefined && start > end)
    return Either.left(badField("start_time", "must be before end_time"))
  return Either.right({ start, end })
}

const DIRECTIONS = ["TO_APP", "TO_CONTACT"] as const

const list = ({ core, p, query, search }: Input<Ops["list"]>) =>
  Either.gen(function* () {
    const mode = yield* modeOf(query.messages_source)
    const limit = yield* pageSize(query.page_size, 10, 20)
    const before = yield* token("m", query.page_token)
    const conversationId = given(query.conversation_id)
    const contactId = given(query.contact_id)
    const appId = given(query.app_id)
    const channel = given(query.channel)
    const channelIdentity = given(query.channel_identity)
    const direction = given(query.direction)
    const onlyRecipientParam = query.only_recipient_originated
    // the rules of the reference: which filters each source needs or supports (seed 001; the official SDKs do not
    // check them, the API does)
    const noConversation = mode === "CONVERSATION" && conversationId === undefined && contactId === undefined
    const needsOne =
      "one of conversation_id or contact_id needs to be present if messages_source is CONVERSATION_SOURCE"
    yield* rules(
      knownChannel("channel", channel),
      rule(noConversation, "conversation_id", needsOne),
      rule(noConversation, "contact_id", needsOne),
      rule(
        mode === "DISPATCH" && appId === undefined,
        "app_id",
        "app_id is required if messages_source is DISPATCH_SOURCE"
      ),
      rule(
        mode === "CONVERSATION" && onlyRecipientParam !== undefined,
        "only_recipient_originated",
        "available only when messages_source is DISPATCH_SOURCE"
      )
    )
    const onlyRecipient = onlyRecipientParam ?? false
    yield* rules(oneOf("direction", direction, DIRECTIONS, "direction"))
    const { end, start } = yield* timeWindow(search.get("start_time"), search.get("end_time"))
    yield* rules(oneOf("view", given(query.view), ["WITH_METADATA", "WITHOUT_METADATA"], "view"))
    const view = query.view ?? "WITH_METADATA"
    const log = indexFor(p, mode, conversationId, contactId, appId)
    const needsFilter =
      conversationId !== undefined ||
      contactId !== undefined ||
      appId !== undefined ||
      channel !== undefined ||
      channelIdentity !== undefined ||
      onlyRecipient ||
      direction !== undefined ||
      log !== p.messageLog[mode]
    const filter = needsFilter
      ? (m: MessageRecord) =>
          m.mode === mode &&
          (conversationId === undefined || m.conversationId === conversationId) &&
          (contactId === undefined || m.contactId === contactId) &&
          (appId === undefined || m.appId === appId) &&
          (channel === undefined || m.channel === channel) &&
          (channelIdentity === undefined || m.identity === channelIdentity) &&
          (direction === undefined || m.direction === direction) &&
          (!onlyRecipient || m.direction === "TO_APP")
      : undefined
    const endExclusive = end === undefined ? undefined : end + 1
    const page =
      log === undefined
        ? { items: [], nextKey: undefined }
        : L.scanDesc(log, {
            before:
              before === undefined
                ? endExclusive
                : endExclusive === undefined
                  ? before
                  : Math.min(before, endExclusive),
            from: start,
            limit,
            isLive: retentionView(core.env, p).message,
            filter
          })
    return messagesPage(
      page.items,
      view === "WITH_METADATA",
      page.nextKey === undefined ? "" : encodeToken("m", page.nextKey)
    )
  })

/** A stored message as the API answers it (stored serialised, see `messageJson`). */
export const rawMessage = (m: MessageRecord, withMetadata = true) =>
  new RawJson<typeof Messages.ConversationMessage.Encoded>(messageJson(m, withMetadata))

/** A page of messages. */
const messagesPage = (items: ReadonlyArray<MessageRecord>, withMetadata: boolean, nextPageToken: string) => ({
  messages: items.map((m) => rawMessage(m, withMetadata)),
  next_page_token: nextPageToken
})

const fetchLast = ({ body, core, json, p }: Input<Ops["listLastMessagesByChannelIdentity"]>) =>
  Either.gen(function* () {
    const identities = body.channel_identities ?? []
    const contactIds = body.contact_ids ?? []
    // the reference's default source of this operation is DISPATCH_SOURCE
    const mode: ProcessingMode = body.messages_source === "CONVERSATION_SOURCE" ? "CONVERSATION" : "DISPATCH"
    yield* rules(
      rule(
        identities.length === 0 && contactIds.length === 0,
        "channel_identities",
        "one of channel_identities or contact_ids is required"
      ),
      rule(
        identities.length > 0 && contactIds.length > 0,
        "contact_ids",
        "use either channel_identities or contact_ids, not both"
      ),
      rule(
        mode === "DISPATCH" && contactIds.length > 0,
        "contact_ids",
        "contact_ids cannot be set if messages_source is DISPATCH_SOURCE"
      ),
      knownChannel("channel", body.channel),
      oneOf("direction", body.direction, DIRECTIONS, "direction"),
      rule(body.page_size !== undefined && body.page_size < 0, "page_size", "expected a non-negative integer")
    )
    const limit = body.page_size !== undefined && body.page_size > 0 ? Math.min(body.page_size, 1000) : 10
    const offset = yield* token("l", body.page_token)
    const { end, start } = yield* timeWindow((json as Json)["start_time"], (json as Json)["end_time"])
    const appId = body.app_id
    const matches = (m: MessageRecord) =>
      m.mode === mode &&
      (appId === undefined || appId === "" || m.appId === appId) &&
      (body.channel === undefined || m.channel === body.channel) &&
      (body.direction === undefined || m.direction === body.direction) &&
      (start === undefined || m.key >= start) &&
      (end === undefined || m.key <= end)
    // the latest matching message per (channel identity | contact), newest first
    const seen = new Set<string>()
    const found: Array<MessageRecord> = []
    const visible = retentionView(core.env, p).message
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
    for (const cid of new Set(contactIds)) scan(p.messagesByContact.get(cid), (m) => `c:${m.contactId}`)
    const ids = new Set(identities)
    if (ids.size > 0) {
      scan(appId !== undefined && appId !== "" ? p.messagesByApp.get(appId) : p.messageLog[mode], (m) =>
        ids.has(m.identity) ? `i:${m.identity}` : undefined
      )
    }
    found.sort((a, b) => b.key - a.key)
    const from = offset ?? 0
    const next = from + limit < found.length ? encodeToken("l", from + limit) : ""
    return messagesPage(found.slice(from, from + limit), body.view !== "WITHOUT_METADATA", next)
  })

const transcode = ({ body, json, p }: Input<typeof Operations.conversation.transcoding.transcodeMessage>) =>
  Either.gen(function* () {
    yield* rules(
      required("app_id", body.app_id),
      appMessageRule("app_message", body.app_message),
      nonEmpty("channels", body.channels, "channel"),
      knownChannels("channels", body.channels)
    )
    yield* getApp(p, body.app_id)
    const message = (json as Json)["app_message"] as Json
    const transcoded: Record<string, string> = {}
    for (const ch of body.channels) transcoded[ch] = transcodeFor(ch, message, body.from, body.to)
    return { transcoded_message: transcoded }
  })

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

/** The emulator's behaviour of the `messages` operations. */
export const messages: Handlers<typeof Operations.conversation.messages> = {
  send,
  list,
  listLastMessagesByChannelIdentity: fetchLast,
  get: ({ core, p, path, query }) =>
    Either.map(liveMessage(core, p, query.messages_source, path.message_id), (m) => rawMessage(m)),
  delete: ({ core, p, path, query }) =>
    Either.map(liveMessage(core, p, query.messages_source, path.message_id), (m) => {
      removeMessage(p, m)
      return {}
    }),
  update: ({ body, core, p, path, query }) =>
    Either.gen(function* () {
      const m = yield* liveMessage(core, p, query.messages_source, path.message_id)
      yield* rules(required("metadata", body.metadata), maxLength("metadata", body.metadata, 1024))
      setMessageMetadata(m, body.metadata)
      return rawMessage(m)
    })
}

/** The emulator's behaviour of the `transcoding` operations. */
export const transcoding: Handlers<typeof Operations.conversation.transcoding> = { transcodeMessage: transcode }
