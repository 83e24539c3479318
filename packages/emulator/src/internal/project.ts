/**
 * The in-memory state of one project and the domain operations shared by the routes, the control API and
 * the seeder. Everything here is plain synchronous code over mutable maps and ordered logs (see log.ts):
 * the emulator must never be the bottleneck of a benchmark. State changes only through these functions; lookups
 * give a `Result` (404 when missing).
 */
import type { Apps, ProjectSettings, Webhooks } from "@sinch-effect/schema"
import * as Either from "effect/Either"
import type * as Schema from "effect/Schema"
import { notFound, type Result } from "./errors.js"
import * as L from "./log.js"
import type { UlidGenerator } from "./ulid.js"
import type { ChannelIdentity, Json } from "./validate.js"
import { formatMicros } from "./validate.js"

/** Processing modes. */
export type ProcessingMode = "CONVERSATION" | "DISPATCH"

/**
 * An app as the API answers it: the encoded side of `Apps.App`, with its id. The fields a user sent that the schema
 * does not model are kept in it too (the API answers them back), unseen by the type.
 */
export type AppWire = Schema.Schema.Encoded<typeof Apps.App> & { readonly id: string }

/** A stored app: the wire object plus its webhooks. */
export interface AppRecord {
  readonly id: string
  wire: AppWire
  readonly webhooks: Array<WebhookRecord>
}

/** A webhook as the API answers it (the encoded side of `Webhooks.Webhook`, with its id; unmodelled fields kept). */
export type WebhookWire = Schema.Schema.Encoded<typeof Webhooks.Webhook> & { readonly id: string }

/** A stored webhook (wire shape). */
export interface WebhookRecord {
  wire: WebhookWire
}

/** A project's settings as the API answers them (the encoded side of `ProjectSettings.Settings`). */
export type SettingsWire = Schema.Schema.Encoded<typeof ProjectSettings.Settings>

/** A stored contact. */
export interface ContactRecord {
  readonly seq: number
  wire: ContactWire
  deleted: boolean
}

/** Contact wire shape. */
export interface ContactWire {
  id: string
  channel_identities: Array<ChannelIdentity>
  channel_priority: Array<string>
  display_name: string
  email: string
  external_id: string
  metadata: string
  language: string
}

/** A stored conversation. */
export interface ConversationRecord {
  readonly seq: number
  readonly id: string
  readonly appId: string
  contactId: string
  active: boolean
  activeChannel: string
  metadata: string
  metadataJson: Json | undefined
  correlationId: string
  lastMessage: MessageRecord | undefined
  activityKey: number
  readonly messages: L.Log<MessageRecord>
  readonly events: L.Log<EventRecord>
  deleted: boolean
}

/** A stored message. Serialised on demand (see `messageJson`). */
export interface MessageRecord {
  readonly key: number
  readonly id: string
  readonly appId: string
  contactId: string
  conversationId: string
  readonly direction: "TO_APP" | "TO_CONTACT"
  readonly channel: string
  readonly identity: string
  readonly channelIdentityJson: string
  readonly bodyKey: "app_message" | "contact_message"
  readonly bodyJson: string
  metadata: string
  readonly senderId: string
  readonly injected: boolean
  readonly mode: ProcessingMode
  deleted: boolean
  /** the delivery state the channel reported for an outbound message (absent: none, e.g. seeded or injected) */
  delivery?: DeliveryState | undefined
}

/** A delivery state of an outbound message, and the one the channel will report next (at `next.atMs`). */
export interface DeliveryState {
  readonly status: string
  readonly reasonCode?: string | undefined
  readonly atMs: number
  readonly next?: DeliveryState | undefined
}

/** A stored event. */
export interface EventRecord {
  readonly key: number
  readonly id: string
  readonly appId: string
  contactId: string
  conversationId: string
  readonly direction: "TO_APP" | "TO_CONTACT"
  readonly channelIdentity: ChannelIdentity
  readonly bodyKey: string
  readonly body: Json
  readonly mode: ProcessingMode
  deleted: boolean
}

/** A consent list entry and the audit trail of an identity. */
export interface ConsentState {
  /** app id -> list type -> identity -> insertion seq */
  readonly lists: Map<string, Map<string, Map<string, number>>>
  /** `${appId}|${identity}` -> audit records */
  readonly audit: Map<string, Array<Json>>
}

/** The state of one project. */
export interface ProjectState {
  readonly id: string
  readonly apps: Map<string, AppRecord>
  readonly webhooks: Map<string, WebhookRecord>
  readonly contacts: Map<string, ContactRecord>
  readonly contactLog: L.Log<ContactRecord>
  /** `${channel}|${identity}` -> contacts holding that identity (in creation order) */
  readonly identityIndex: Map<string, Array<ContactRecord>>
  readonly conversations: Map<string, ConversationRecord>
  readonly conversationsByApp: Map<string, L.Log<ConversationRecord>>
  readonly conversationsByContact: Map<string, L.Log<ConversationRecord>>
  /** `${appId}|${contactId}` -> active conversation */
  readonly activeConversation: Map<string, ConversationRecord>
  readonly recent: L.Log<ConversationRecord>
  readonly messages: Map<string, MessageRecord>
  readonly messageLog: { CONVERSATION: L.Log<MessageRecord>; DISPATCH: L.Log<MessageRecord> }
  readonly messagesByContact: Map<string, L.Log<MessageRecord>>
  readonly messagesByApp: Map<string, L.Log<MessageRecord>>
  readonly events: Map<string, EventRecord>
  readonly eventLog: L.Log<EventRecord>
  readonly eventsByContact: Map<string, L.Log<EventRecord>>
  readonly consents: ConsentState
  settings: SettingsWire | undefined
  /** last key handed out (epoch microseconds, strictly increasing) */
  lastKey: number
  seq: number
  /** the simulated day (epoch days) of the last retention purge (see retention.ts) */
  retentionDay: number
}

/** Shared services a project needs. */
export interface Env {
  readonly ids: UlidGenerator
  readonly nowMs: () => number
}

/** Creates an empty project. */
export const makeProject = (id: string): ProjectState => ({
  id,
  apps: new Map(),
  webhooks: new Map(),
  contacts: new Map(),
  contactLog: L.makeLog(),
  identityIndex: new Map(),
  conversations: new Map(),
  conversationsByApp: new Map(),
  conversationsByContact: new Map(),
  activeConversation: new Map(),
  recent: L.makeLog(),
  messages: new Map(),
  messageLog: { CONVERSATION: L.makeLog(), DISPATCH: L.makeLog() },
  messagesByContact: new Map(),
  messagesByApp: new Map(),
  events: new Map(),
  eventLog: L.makeLog(),
  eventsByContact: new Map(),
  consents: { lists: new Map(), audit: new Map() },
  settings: undefined,
  lastKey: 0,
  seq: 0,
  retentionDay: Number.NaN
})

/** Liveness predicates for the logs. */
export const liveMessage = (m: MessageRecord): boolean => !m.deleted
export const liveEvent = (e: EventRecord): boolean => !e.deleted
export const liveContact = (c: ContactRecord): boolean => !c.deleted
export const liveConversation = (c: ConversationRecord): boolean => !c.deleted
export const liveRecent = (c: ConversationRecord, key: number): boolean => !c.deleted && c.activityKey === key

/** The next unique key (epoch microseconds), never below `nowMs`. */
export const nextKey = (p: ProjectState, env: Env): number => {
  const k = Math.max(env.nowMs() * 1000, p.lastKey + 1)
  p.lastKey = k
  return k
}

/** A fresh sequence number. */
export const nextSeq = (p: ProjectState): number => ++p.seq

const logOf = <K, T>(map: Map<K, L.Log<T>>, key: K): L.Log<T> => {
  let log = map.get(key)
  if (log === undefined) {
    log = L.makeLog()
    map.set(key, log)
  }
  return log
}

// ---------------------------------------------------------------------------------------------------------------
// apps

/** Finds an app (404 when missing). */
export const getApp = (p: ProjectState, appId: string): Result<AppRecord> => found(p.apps.get(appId), "app", appId)

const found = <A>(value: A | undefined, resourceType: string, id: string): Result<A> =>
  value === undefined ? Either.left(notFound(resourceType, id)) : Either.right(value)

/** A new app as the API answers it before the create body's fields are applied. */
export const appDefaults = (id: string): AppWire => ({
  id,
  channel_credentials: [],
  conversation_metadata_report_view: "NONE",
  display_name: "",
  rate_limits: { outbound: 20, inbound: 100, webhooks: 200 },
  retention_policy: { retention_type: "MESSAGE_EXPIRE_POLICY", ttl_days: 180 },
  dispatch_retention_policy: { retention_type: "MESSAGE_EXPIRE_POLICY", ttl_days: 0 },
  processing_mode: "CONVERSATION",
  smart_conversation: { enabled: false },
  queue_stats: { outbound_size: 0, outbound_limit: 500000 },
  persist_message_status: { enabled: false },
  message_search: { enabled: false },
  callback_settings: { secret_for_overridden_callback_urls: "" },
  delivery_report_based_fallback: { enabled: false, delivery_report_waiting_time: 0 },
  message_retry_settings: null
})

/** Stores a new app. */
export const insertApp = (p: ProjectState, wire: AppWire): AppRecord => {
  const app: AppRecord = { id: wire.id, wire, webhooks: [] }
  p.apps.set(app.id, app)
  return app
}

/** Replaces an app's wire object. */
export const replaceApp = (app: AppRecord, wire: AppWire): void => {
  app.wire = wire
}

/** Deletes an app and its webhooks. */
export const removeApp = (p: ProjectState, app: AppRecord): void => {
  for (const wh of app.webhooks) p.webhooks.delete(wh.wire.id)
  p.apps.delete(app.id)
}

/** Finds a webhook (404 when missing). */
export const getWebhook = (p: ProjectState, id: string): Result<WebhookRecord> =>
  found(p.webhooks.get(id), "webhook", id)

/** Stores a new webhook of an app. */
export const insertWebhook = (p: ProjectState, app: AppRecord, wire: WebhookRecord["wire"]): WebhookRecord => {
  const wh: WebhookRecord = { wire }
  app.webhooks.push(wh)
  p.webhooks.set(wire.id, wh)
  return wh
}

/** Replaces a webhook's wire object. */
export const replaceWebhook = (wh: WebhookRecord, wire: WebhookRecord["wire"]): void => {
  wh.wire = wire
}

/** Deletes a webhook. */
export const removeWebhook = (p: ProjectState, wh: WebhookRecord): void => {
  const app = p.apps.get(wh.wire.app_id)
  if (app !== undefined) {
    const i = app.webhooks.indexOf(wh)
    if (i >= 0) app.webhooks.splice(i, 1)
  }
  p.webhooks.delete(wh.wire.id)
}

/** The processing mode of an app. */
export const appMode = (app: AppRecord): ProcessingMode =>
  app.wire.processing_mode === "DISPATCH" ? "DISPATCH" : "CONVERSATION"

/** The channels configured on an app, in priority order. */
export const appChannels = (app: AppRecord): Array<string> => (app.wire.channel_credentials ?? []).map((c) => c.channel)

// ---------------------------------------------------------------------------------------------------------------
// contacts

const identityKey = (channel: string, identity: string): string => `${channel}|${identity}`

/** Finds a contact (404 when missing). */
export const getContact = (p: ProjectState, contactId: string): Result<ContactRecord> =>
  found(p.contacts.get(contactId), "contact", contactId)

/** Finds the (oldest) contact holding a channel identity. */
export const findContactByIdentity = (p: ProjectState, channel: string, identity: string): ContactRecord | undefined =>
  p.identityIndex.get(identityKey(channel, identity))?.[0]

const indexIdentities = (p: ProjectState, c: ContactRecord): void => {
  for (const ci of c.wire.channel_identities) {
    const k = identityKey(ci.channel, ci.identity)
    const list = p.identityIndex.get(k)
    if (list === undefined) p.identityIndex.set(k, [c])
    else if (!list.includes(c)) list.push(c)
  }
}

const unindexIdentities = (p: ProjectState, c: ContactRecord): void => {
  for (const ci of c.wire.channel_identities) {
    const k = identityKey(ci.channel, ci.identity)
    const list = p.identityIndex.get(k)
    if (list === undefined) continue
    const rest = list.filter((x) => x !== c)
    if (rest.length === 0) p.identityIndex.delete(k)
    else p.identityIndex.set(k, rest)
  }
}

/** Stores a new contact. */
export const insertContact = (p: ProjectState, env: Env, wire: Omit<ContactWire, "id">): ContactRecord => {
  const seq = nextSeq(p)
  const record: ContactRecord = { seq, wire: { id: env.ids.next(env.nowMs()), ...wire }, deleted: false }
  p.contacts.set(record.wire.id, record)
  L.insert(p.contactLog, seq, record)
  indexIdentities(p, record)
  return record
}

/** Replaces a contact's wire object (re-indexing identities). */
export const replaceContact = (p: ProjectState, c: ContactRecord, wire: ContactWire): void => {
  unindexIdentities(p, c)
  c.wire = wire
  indexIdentities(p, c)
}

/** Removes a contact and everything attached to it (conversations, messages, events). */
export const removeContact = (p: ProjectState, c: ContactRecord): void => {
  c.deleted = true
  p.contacts.delete(c.wire.id)
  unindexIdentities(p, c)
  L.markDead(p.contactLog, liveContact)
  const convs = p.conversationsByContact.get(c.wire.id)
  if (convs !== undefined) {
    for (const conv of convs.items) if (!conv.deleted) removeConversation(p, conv)
    p.conversationsByContact.delete(c.wire.id)
  }
  const msgs = p.messagesByContact.get(c.wire.id)
  if (msgs !== undefined) {
    for (const m of msgs.items) if (!m.deleted) removeMessage(p, m)
    p.messagesByContact.delete(c.wire.id)
  }
  const evs = p.eventsByContact.get(c.wire.id)
  if (evs !== undefined) {
    for (const e of evs.items) if (!e.deleted) removeEvent(p, e)
    p.eventsByContact.delete(c.wire.id)
  }
}

/** Identities shared by more than one contact: `[identity, channels, contact ids]`, sorted by identity. */
export const identityConflicts = (
  p: ProjectState
): Array<{ identity: string; channels: Array<string>; contact_ids: Array<string> }> => {
  const byIdentity = new Map<string, { channels: Set<string>; contacts: Set<string> }>()
  for (const [key, list] of p.identityIndex) {
    const sep = key.indexOf("|")
    const channel = key.slice(0, sep)
    const identity = key.slice(sep + 1)
    let entry = byIdentity.get(identity)
    if (entry === undefined) {
      entry = { channels: new Set(), contacts: new Set() }
      byIdentity.set(identity, entry)
    }
    entry.channels.add(channel)
    for (const c of list) entry.contacts.add(c.wire.id)
  }
  return [...byIdentity.entries()]
    .filter(([, e]) => e.contacts.size > 1)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([identity, e]) => ({ identity, channels: [...e.channels].sort(), contact_ids: [...e.contacts] }))
}

// ---------------------------------------------------------------------------------------------------------------
// conversations

/** Finds a conversation (404 when missing). */
export const getConversation = (p: ProjectState, id: string): Result<ConversationRecord> =>
  found(p.conversations.get(id), "conversation", id)

/** The fields of a conversation that change after it started. */
export interface ConversationChanges {
  readonly metadata?: string | undefined
  readonly metadataJson?: Json | undefined
  readonly correlationId?: string | undefined
  readonly activeChannel?: string | undefined
}

/** Changes the given fields of a conversation (undefined: unchanged). */
export const updateConversation = (conv: ConversationRecord, changes: ConversationChanges): void => {
  if (changes.metadata !== undefined) conv.metadata = changes.metadata
  if (changes.metadataJson !== undefined) conv.metadataJson = changes.metadataJson
  if (changes.correlationId !== undefined) conv.correlationId = changes.correlationId
  if (changes.activeChannel !== undefined) conv.activeChannel = changes.activeChannel
}

/** Stores a new conversation (active unless told otherwise). */
export const insertConversation = (
  p: ProjectState,
  env: Env,
  fields: {
    readonly appId: string
    readonly contactId: string
    readonly active?: boolean
    readonly activeChannel?: string
    readonly metadata?: string
    readonly metadataJson?: Json | undefined
    readonly correlationId?: string
  }
): ConversationRecord => {
  const seq = nextSeq(p)
  const conv: ConversationRecord = {
    seq,
    id: env.ids.next(env.nowMs()),
    appId: fields.appId,
    contactId: fields.contactId,
    active: fields.active ?? true,
    activeChannel: fields.activeChannel ?? "CHANNEL_UNSPECIFIED",
    metadata: fields.metadata ?? "",
    metadataJson: fields.metadataJson,
    correlationId: fields.correlationId ?? "",
    lastMessage: undefined,
    activityKey: 0,
    messages: L.makeLog(),
    events: L.makeLog(),
    deleted: false
  }
  p.conversations.set(conv.id, conv)
  L.insert(logOf(p.conversationsByApp, conv.appId), seq, conv)
  L.insert(logOf(p.conversationsByContact, conv.contactId), seq, conv)
  if (conv.active) {
    const prev = p.activeConversation.get(`${conv.appId}|${conv.contactId}`)
    if (prev !== undefined) prev.active = false
    p.activeConversation.set(`${conv.appId}|${conv.contactId}`, conv)
  }
  touchConversation(p, conv, nextKey(p, env))
  return conv
}

/** Moves a conversation to the front of the "recent" ordering. */
export const touchConversation = (p: ProjectState, conv: ConversationRecord, key: number): void => {
  if (conv.activityKey !== 0) L.markDead(p.recent, liveRecent)
  conv.activityKey = key
  L.insert(p.recent, key, conv)
}

/** Stops a conversation. Returns false when it was not active. */
export const stopConversation = (p: ProjectState, conv: ConversationRecord): boolean => {
  if (!conv.active) return false
  conv.active = false
  const k = `${conv.appId}|${conv.contactId}`
  if (p.activeConversation.get(k) === conv) p.activeConversation.delete(k)
  return true
}

/** Deletes a conversation together with its messages and events. */
export const removeConversation = (p: ProjectState, conv: ConversationRecord): void => {
  stopConversation(p, conv)
  conv.active = false
  conv.deleted = true
  p.conversations.delete(conv.id)
  for (const m of conv.messages.items) if (!m.deleted) removeMessage(p, m)
  for (const e of conv.events.items) if (!e.deleted) removeEvent(p, e)
  const byApp = p.conversationsByApp.get(conv.appId)
  if (byApp !== undefined) L.markDead(byApp, liveConversation)
  const byContact = p.conversationsByContact.get(conv.contactId)
  if (byContact !== undefined) L.markDead(byContact, liveConversation)
  L.markDead(p.recent, liveRecent)
}

/** Serialises a conversation (wire shape). */
export const conversationWire = (c: ConversationRecord): Json => ({
  active: c.active,
  active_channel: c.activeChannel,
  app_id: c.appId,
  contact_id: c.contactId,
  id: c.id,
  last_received: formatMicros(c.lastMessage?.key ?? 0),
  metadata: c.metadata,
  ...(c.metadataJson !== undefined ? { metadata_json: c.metadataJson } : {}),
  correlation_id: c.correlationId
})

// ---------------------------------------------------------------------------------------------------------------
// messages

/** Finds a message of a given source (404 when missing). */
export const getMessage = (p: ProjectState, id: string, mode: ProcessingMode): Result<MessageRecord> => {
  const m = p.messages.get(id)
  return found(m === undefined || m.mode !== mode ? undefined : m, "message", id)
}

/** Replaces the metadata of a message. */
export const setMessageMetadata = (m: MessageRecord, metadata: string): void => {
  m.metadata = metadata
}

const channelIdentityJsonCache = new Map<string, string>()

/** JSON of `{channel, identity, app_id}` (cached for reuse across messages). */
export const channelIdentityJson = (channel: string, identity: string, appId: string): string => {
  const k = `${channel}|${identity}|${appId}`
  let json = channelIdentityJsonCache.get(k)
  if (json === undefined) {
    json = JSON.stringify({ channel, identity, app_id: appId })
    if (channelIdentityJsonCache.size > 100_000) channelIdentityJsonCache.clear()
    channelIdentityJsonCache.set(k, json)
  }
  return json
}

/** Stores a message record in every index. */
export const insertMessage = (p: ProjectState, m: MessageRecord, conv: ConversationRecord | undefined): void => {
  p.messages.set(m.id, m)
  L.insert(p.messageLog[m.mode], m.key, m)
  L.insert(logOf(p.messagesByApp, m.appId), m.key, m)
  if (m.contactId !== "") L.insert(logOf(p.messagesByContact, m.contactId), m.key, m)
  if (conv !== undefined) {
    L.insert(conv.messages, m.key, m)
    if (conv.lastMessage === undefined || conv.lastMessage.key < m.key) {
      conv.lastMessage = m
      touchConversation(p, conv, nextKeyAfter(p, m.key))
    }
  }
}

const nextKeyAfter = (p: ProjectState, key: number): number => {
  const k = Math.max(key, p.lastKey + 1)
  p.lastKey = k
  return k
}

/** Deletes a message from every index. */
export const removeMessage = (p: ProjectState, m: MessageRecord): void => {
  if (m.deleted) return
  m.deleted = true
  p.messages.delete(m.id)
  L.markDead(p.messageLog[m.mode], liveMessage)
  const byApp = p.messagesByApp.get(m.appId)
  if (byApp !== undefined) L.markDead(byApp, liveMessage)
  const byContact = p.messagesByContact.get(m.contactId)
  if (byContact !== undefined) L.markDead(byContact, liveMessage)
  const conv = p.conversations.get(m.conversationId)
  if (conv !== undefined) {
    L.markDead(conv.messages, liveMessage)
    if (conv.lastMessage === m) {
      const page = L.scanDesc(conv.messages, { limit: 1, isLive: liveMessage })
      conv.lastMessage = page.items[0]
    }
  }
}

/** Serialises a message as wire JSON without building an intermediate object. */
export const messageJson = (m: MessageRecord, withMetadata = true): string =>
  `{"id":"${m.id}","direction":"${m.direction}","${m.bodyKey}":${m.bodyJson},"channel_identity":${m.channelIdentityJson},"conversation_id":"${m.conversationId}","contact_id":"${m.contactId}"${withMetadata ? `,"metadata":${JSON.stringify(m.metadata)}` : ""},"accept_time":"${formatMicros(m.key)}","sender_id":${JSON.stringify(m.senderId)},"processing_mode":"${m.mode}","injected":${m.injected}}`

/** A message as a JSON value (for callbacks). */
export const messageWire = (m: MessageRecord): Json => JSON.parse(messageJson(m)) as Json

// ---------------------------------------------------------------------------------------------------------------
// events

/** Finds an event (404 when missing). */
export const getEvent = (p: ProjectState, id: string): Result<EventRecord> => found(p.events.get(id), "event", id)

/** Stores an event in every index. */
export const insertEvent = (p: ProjectState, e: EventRecord, conv: ConversationRecord | undefined): void => {
  p.events.set(e.id, e)
  L.insert(p.eventLog, e.key, e)
  if (e.contactId !== "") L.insert(logOf(p.eventsByContact, e.contactId), e.key, e)
  if (conv !== undefined) L.insert(conv.events, e.key, e)
}

/** Deletes an event from every index. */
export const removeEvent = (p: ProjectState, e: EventRecord): void => {
  if (e.deleted) return
  e.deleted = true
  p.events.delete(e.id)
  L.markDead(p.eventLog, liveEvent)
  const byContact = p.eventsByContact.get(e.contactId)
  if (byContact !== undefined) L.markDead(byContact, liveEvent)
  const conv = p.conversations.get(e.conversationId)
  if (conv !== undefined) L.markDead(conv.events, liveEvent)
}

/** Serialises an event (wire shape). */
export const eventWire = (e: EventRecord): Json => ({
  direction: e.direction,
  [e.bodyKey]: e.body,
  id: e.id,
  conversation_id: e.conversationId,
  contact_id: e.contactId,
  channel_identity: { app_id: "", ...e.channelIdentity },
  accept_time: formatMicros(e.key),
  processing_mode: e.mode
})

// ---------------------------------------------------------------------------------------------------------------
// merge

/**
 * Merges `source` into `destination` as the docs describe: conversations move over (messages of a conversation
 * in an app where the destination has an active conversation are merged into it), identities move only for
 * channels the destination lacks (appended to the priority list), empty optional fields are filled in.
 */
export const mergeContacts = (p: ProjectState, destination: ContactRecord, source: ContactRecord): void => {
  const dst = destination.wire
  const src = source.wire
  const dstChannels = new Set(dst.channel_identities.map((ci) => ci.channel))
  const moved = src.channel_identities.filter((ci) => !dstChannels.has(ci.channel))
  const priority = [...dst.channel_priority]
  for (const ci of moved) if (!priority.includes(ci.channel)) priority.push(ci.channel)
  const merged: ContactWire = {
    ...dst,
    channel_identities: [...dst.channel_identities, ...moved],
    channel_priority: priority,
    display_name: dst.display_name !== "" ? dst.display_name : src.display_name,
    email: dst.email !== "" ? dst.email : src.email,
    external_id: dst.external_id !== "" ? dst.external_id : src.external_id,
    metadata: dst.metadata !== "" ? dst.metadata : src.metadata,
    language: dst.language !== "" && dst.language !== "UNSPECIFIED" ? dst.language : src.language
  }
  // conversations
  const srcConvs = p.conversationsByContact.get(src.id)
  const dstConvLog = logOf(p.conversationsByContact, dst.id)
  if (srcConvs !== undefined) {
    for (const conv of srcConvs.items) {
      if (conv.deleted) continue
      const target = p.activeConversation.get(`${conv.appId}|${dst.id}`)
      if (target !== undefined) {
        // move messages and events into the destination's active conversation
        const live = conv.messages.items.filter(liveMessage)
        for (const m of live) m.conversationId = target.id
        L.insertSorted(
          target.messages,
          live.map((m) => m.key),
          live
        )
        const liveEvents = conv.events.items.filter(liveEvent)
        for (const e of liveEvents) e.conversationId = target.id
        L.insertSorted(
          target.events,
          liveEvents.map((e) => e.key),
          liveEvents
        )
        const last = live[live.length - 1]
        if (last !== undefined && (target.lastMessage === undefined || target.lastMessage.key < last.key)) {
          target.lastMessage = last
        }
        conv.messages.items.length = 0
        conv.messages.keys.length = 0
        conv.events.items.length = 0
        conv.events.keys.length = 0
        removeConversation(p, conv)
      } else {
        const k = `${conv.appId}|${src.id}`
        if (p.activeConversation.get(k) === conv) {
          p.activeConversation.delete(k)
          p.activeConversation.set(`${conv.appId}|${dst.id}`, conv)
        }
        conv.contactId = dst.id
        L.insert(dstConvLog, conv.seq, conv)
      }
    }
    p.conversationsByContact.delete(src.id)
  }
  // messages and events by contact
  const srcMsgs = p.messagesByContact.get(src.id)
  if (srcMsgs !== undefined) {
    const live = srcMsgs.items.filter(liveMessage)
    for (const m of live) m.contactId = dst.id
    L.insertSorted(
      logOf(p.messagesByContact, dst.id),
      live.map((m) => m.key),
      live
    )
    p.messagesByContact.delete(src.id)
  }
  const srcEvents = p.eventsByContact.get(src.id)
  if (srcEvents !== undefined) {
    const live = srcEvents.items.filter(liveEvent)
    for (const e of live) e.contactId = dst.id
    L.insertSorted(
      logOf(p.eventsByContact, dst.id),
      live.map((e) => e.key),
      live
    )
    p.eventsByContact.delete(src.id)
  }
  source.deleted = true
  p.contacts.delete(src.id)
  unindexIdentities(p, source)
  L.markDead(p.contactLog, liveContact)
  replaceContact(p, destination, merged)
}

// ---------------------------------------------------------------------------------------------------------------
// consents and settings

/** The identities on a consent list of an app, in the order they were added. */
export const consentList = (p: ProjectState, appId: string, listType: string): ReadonlyArray<string> => [
  ...(p.consents.lists.get(appId)?.get(listType)?.keys() ?? [])
]

/**
 * Adds (`OPERATION_INSERT`) or removes (`OPERATION_DELETE`) an identity on a consent list, with an audit record
 * when the list changed.
 */
export const changeConsent = (
  p: ProjectState,
  change: {
    readonly appId: string
    readonly listType: string
    readonly identity: string
    readonly operation: "OPERATION_INSERT" | "OPERATION_DELETE"
    readonly datetime: string
  }
): void => {
  let byType = p.consents.lists.get(change.appId)
  if (byType === undefined) {
    byType = new Map()
    p.consents.lists.set(change.appId, byType)
  }
  let list = byType.get(change.listType)
  if (list === undefined) {
    list = new Map()
    byType.set(change.listType, list)
  }
  const changed =
    change.operation === "OPERATION_INSERT"
      ? !list.has(change.identity) && list.set(change.identity, p.seq++) !== undefined
      : list.delete(change.identity)
  if (!changed) return
  const k = `${change.appId}|${change.identity}`
  const records = p.consents.audit.get(k) ?? []
  records.push({
    origin: "ORIGIN_API",
    operation: change.operation,
    list_type: change.listType,
    project_id: p.id,
    app_id: change.appId,
    datetime: change.datetime
  })
  p.consents.audit.set(k, records)
}

/** Sets (or, with undefined, deletes) the project settings. */
export const setSettings = (p: ProjectState, settings: SettingsWire | undefined): void => {
  p.settings = settings
}

// ---------------------------------------------------------------------------------------------------------------
// page tokens

/** Encodes a cursor key as an opaque page token. */
export const encodeToken = (kind: string, key: number): string => Buffer.from(`${kind}:${key}`).toString("base64url")

/** Decodes a page token of a given kind; undefined when absent, NaN when malformed (see `params.token`). */
export const decodeToken = (kind: string, token: string | null | undefined): number | undefined => {
  if (token === undefined || token === null || token === "") return undefined
  const raw = Buffer.from(token, "base64url").toString("utf8")
  const sep = raw.indexOf(":")
  const key = Number(raw.slice(sep + 1))
  if (sep < 0 || raw.slice(0, sep) !== kind || !Number.isFinite(key)) return Number.NaN
  return key
}
