/**
 * Conversations: CRUD, recent, stop, inject message, inject event.
 */
import type { Operations } from "@sinch-effect/schema"
import * as Either from "effect/Either"
import type { Core, Handlers, Input } from "../core.js"
import { failedPrecondition, invalidArgument, notFound, type Result } from "../errors.js"
import { emitConversation, liveActiveConversation, recipientIdentities } from "../flows.js"
import * as L from "../log.js"
import { appMessageRule, contactMessageRule } from "../messages-validate.js"
import { mergePatch, rawMessage } from "./messages.js"
import { pageSize, token } from "../params.js"
import {
  appMode,
  channelIdentityJson,
  type ConversationRecord,
  conversationWire,
  encodeToken,
  type EventRecord,
  getApp,
  getContact,
  getConversation,
  insertConversation,
  insertEvent,
  insertMessage,
  liveRecent,
  nextKey,
  type ProjectState,
  removeConversation,
  stopConversation,
  updateConversation
} from "../project.js"
import { view } from "../retention.js"
import { identitiesRule, type Json, oneOf, parseTimestampMicros, required, rule, rules } from "../validate.js"

type Ops = typeof Operations.conversation.conversations

/** An optional string of a query, absent when empty (`?app_id=` is no filter). */
const given = (value: string | undefined): string | undefined => (value === "" ? undefined : value)

/** A conversation that exists and has not expired (404 otherwise). */
const liveConversation = (core: Core, p: ProjectState, id: string): Result<ConversationRecord> =>
  Either.filterOrLeft(
    getConversation(p, id),
    (conv) => view(core.env, p).conversation(conv),
    () => notFound("conversation", id)
  )

const list = ({ core, p, query }: Input<Ops["list"]>) =>
  Either.gen(function* () {
    const appId = given(query.app_id)
    const contactId = given(query.contact_id)
    yield* rules(
      rule(
        appId === undefined && contactId === undefined,
        "app_id",
        "at least one of app_id or contact_id must be present"
      )
    )
    // required by the reference (no default): the schema refuses a request without it
    const onlyActive = query.only_active
    const activeChannel = given(query.active_channel)
    const limit = yield* pageSize(query.page_size, 10, 20)
    const after = yield* token("v", query.page_token)
    const log = contactId !== undefined ? p.conversationsByContact.get(contactId) : p.conversationsByApp.get(appId!)
    const live = view(core.env, p).conversation
    const filter = (c: ConversationRecord) =>
      (appId === undefined || c.appId === appId) &&
      (contactId === undefined || c.contactId === contactId) &&
      (!onlyActive || c.active) &&
      (activeChannel === undefined || c.activeChannel === activeChannel)
    if (log === undefined) return { conversations: [], next_page_token: "", total_size: 0 }
    const page = L.scanAsc(log, { after, limit, isLive: live, filter })
    let total = 0
    for (const c of log.items) if (live(c) && filter(c)) total++
    return {
      conversations: page.items.map(conversationWire),
      next_page_token: page.nextKey === undefined ? "" : encodeToken("v", page.nextKey),
      total_size: total
    }
  })

const recent = ({ core, p, query }: Input<Ops["listRecent"]>) =>
  Either.gen(function* () {
    const appId = given(query.app_id)
    const onlyActive = query.only_active ?? false
    const limit = yield* pageSize(query.page_size, 10, 50)
    yield* rules(oneOf("order", given(query.order), ["ASC", "DESC"], "order"))
    const order = given(query.order) ?? "DESC"
    const cursor = yield* token("r", query.page_token)
    const visible = view(core.env, p)
    // the last message is the newest: when it expired (MESSAGE_EXPIRE) the conversation has no message left
    const filter = (c: ConversationRecord) =>
      (appId === undefined || c.appId === appId) &&
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
    return {
      conversations: page.items.map((c) => ({
        conversation: conversationWire(c),
        last_message: rawMessage(c.lastMessage!)
      })),
      next_page_token: page.nextKey === undefined ? "" : encodeToken("r", page.nextKey),
      total_size: total
    }
  })

const create = ({ body, core, p }: Input<Ops["create"]>) =>
  Either.gen(function* () {
    yield* rules(required("app_id", body.app_id), required("contact_id", body.contact_id))
    const app = yield* getApp(p, body.app_id)
    if (appMode(app) === "DISPATCH") {
      return yield* Either.left(failedPrecondition(`app ${app.id} uses DISPATCH mode: it keeps no conversations`))
    }
    yield* getContact(p, body.contact_id)
    const active = body.active ?? true
    if (active && liveActiveConversation(core, p, app.id, body.contact_id) !== undefined) {
      return yield* Either.left(
        failedPrecondition(`an active conversation between app ${app.id} and contact ${body.contact_id} already exists`)
      )
    }
    const conv = insertConversation(p, core.env, {
      appId: app.id,
      contactId: body.contact_id,
      active,
      ...(body.active_channel !== undefined ? { activeChannel: body.active_channel } : {}),
      ...(body.metadata !== undefined ? { metadata: body.metadata } : {}),
      metadataJson: body.metadata_json,
      ...(body.correlation_id !== undefined ? { correlationId: body.correlation_id } : {})
    })
    emitConversation(core, p, "CONVERSATION_START", conv)
    return conversationWire(conv)
  })

const update = ({ body, core, p, path, query }: Input<Ops["update"]>) =>
  Either.gen(function* () {
    const conv = yield* liveConversation(core, p, path.conversation_id)
    const strategy = given(query.metadata_update_strategy) ?? "REPLACE"
    yield* rules(oneOf("metadata_update_strategy", strategy, ["REPLACE", "MERGE_PATCH"], "strategy"))
    const mask = query.update_mask
    const wanted = <A>(field: string, value: A | undefined): A | undefined =>
      mask === undefined || mask.includes(field) ? value : undefined
    const metadataJson = wanted("metadata_json", body.metadata_json)
    updateConversation(conv, {
      metadata: wanted("metadata", body.metadata),
      metadataJson:
        metadataJson === undefined || strategy !== "MERGE_PATCH"
          ? metadataJson
          : (mergePatch(conv.metadataJson ?? {}, metadataJson) as Json),
      correlationId: wanted("correlation_id", body.correlation_id),
      activeChannel: wanted("active_channel", body.active_channel)
    })
    if (wanted("active", body.active) === false && stopConversation(p, conv)) {
      emitConversation(core, p, "CONVERSATION_STOP", conv)
    }
    return conversationWire(conv)
  })

/** An `accept_time` in microseconds, read from the string as sent (a decoded timestamp keeps milliseconds). */
const acceptTime = (json: unknown): Result<number | undefined> => {
  const raw = (json as Json)["accept_time"]
  if (typeof raw !== "string") return Either.right(undefined)
  const micros = parseTimestampMicros(raw)
  return micros === undefined ? Either.left(invalidTimestamp) : Either.right(micros)
}

const invalidTimestamp = invalidArgument([{ field: "accept_time", description: "invalid timestamp" }])

const DIRECTIONS = ["TO_APP", "TO_CONTACT"]

const injectMessage = ({ body, core, json, p, path }: Input<Ops["injectMessage"]>) =>
  Either.gen(function* () {
    const conv = yield* liveConversation(core, p, path.conversation_id)
    const { app_message, contact_message } = body
    yield* rules(
      rule(
        (app_message === undefined) === (contact_message === undefined),
        "app_message",
        "exactly one of app_message or contact_message is required"
      ),
      app_message !== undefined && contact_message === undefined ? appMessageRule("app_message", app_message) : [],
      contact_message !== undefined && app_message === undefined
        ? contactMessageRule("contact_message", contact_message)
        : [],
      identitiesRule("channel_identity", [body.channel_identity], true).map((v) => ({
        ...v,
        field: v.field.replace("channel_identity[0]", "channel_identity")
      })),
      oneOf("direction", body.direction, DIRECTIONS, "direction")
    )
    const accept = yield* acceptTime(json)
    if (body.contact_id !== undefined && body.contact_id !== "" && body.contact_id !== conv.contactId) {
      return yield* rules(
        rule(true, "contact_id", `contact ${body.contact_id} is not part of conversation ${conv.id}`)
      ).pipe(Either.map(() => ({})))
    }
    let key = accept ?? nextKey(p, core.env)
    const log = p.messageLog.CONVERSATION
    while (accept !== undefined && log.keys[L.lowerBound(log, key)] === key) key++
    const hasApp = app_message !== undefined
    const ci = body.channel_identity
    insertMessage(
      p,
      {
        key,
        id: core.env.ids.next(Math.floor(key / 1000)),
        appId: conv.appId,
        contactId: conv.contactId,
        conversationId: conv.id,
        direction: body.direction as "TO_APP" | "TO_CONTACT",
        channel: ci.channel,
        identity: ci.identity,
        channelIdentityJson: channelIdentityJson(ci.channel, ci.identity, ci.app_id ?? ""),
        bodyKey: hasApp ? "app_message" : "contact_message",
        // the message as sent (the emulator stores and echoes what it was given)
        bodyJson: JSON.stringify((json as Json)[hasApp ? "app_message" : "contact_message"]),
        metadata: body.metadata ?? "",
        senderId: "",
        injected: true,
        mode: "CONVERSATION",
        deleted: false
      },
      conv
    )
    return {}
  })

const EVENT_KINDS = ["app_event", "contact_event", "contact_message_event"] as const

const injectEvent = ({ body, core, json, p, path }: Input<Ops["injectEvent"]>) =>
  Either.gen(function* () {
    const conv = yield* liveConversation(core, p, path.conversation_id)
    const raw = json as Json
    const kinds = EVENT_KINDS.filter((k) => raw[k] !== undefined && raw[k] !== null)
    const identity = body.channel_identity
    yield* rules(
      rule(
        kinds.length !== 1,
        "app_event",
        "exactly one of app_event, contact_event or contact_message_event is required"
      ),
      identitiesRule("channel_identity", identity === undefined ? undefined : [identity], true).map((v) => ({
        ...v,
        field: v.field.replace("channel_identity[0]", "channel_identity")
      })),
      oneOf("direction", raw["direction"] as string | undefined, DIRECTIONS, "direction")
    )
    const accept = yield* acceptTime(json)
    const kind = kinds[0]!
    const direction =
      (raw["direction"] as "TO_APP" | "TO_CONTACT" | undefined) ?? (kind === "app_event" ? "TO_CONTACT" : "TO_APP")
    const key = accept ?? nextKey(p, core.env)
    const e: EventRecord = {
      key,
      id: core.env.ids.next(Math.floor(key / 1000)),
      appId: conv.appId,
      contactId: conv.contactId,
      conversationId: conv.id,
      direction,
      channelIdentity: recipientIdentities([identity!])[0]!,
      bodyKey: kind,
      // the event as sent (the emulator stores and echoes what it was given)
      body: raw[kind] as Json,
      mode: "CONVERSATION",
      deleted: false
    }
    insertEvent(p, e, conv)
    return { event_id: e.id, accepted_time: new Date(Math.floor(key / 1000)).toISOString() }
  })

/** The emulator's behaviour of the `conversations` operations. */
export const conversations: Handlers<typeof Operations.conversation.conversations> = {
  list,
  create,
  listRecent: recent,
  update,
  injectMessage,
  injectEvent,
  get: ({ core, p, path }) => Either.map(liveConversation(core, p, path.conversation_id), conversationWire),
  delete: ({ core, p, path }) =>
    Either.map(liveConversation(core, p, path.conversation_id), (conv) => {
      removeConversation(p, conv)
      emitConversation(core, p, "CONVERSATION_DELETE", conv)
      return {}
    }),
  stopActive: ({ core, p, path }) =>
    Either.map(liveConversation(core, p, path.conversation_id), (conv) => {
      if (stopConversation(p, conv)) emitConversation(core, p, "CONVERSATION_STOP", conv)
      return {}
    })
}
