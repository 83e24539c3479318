/**
 * Fast seeding: builds contacts, one active conversation per contact and M messages directly as plain records
 * (no validation, no callbacks), older than anything already stored, so 1M messages take seconds.
 */
import type { Core } from "./core.js"
import { orThrow } from "./errors.js"
import * as L from "./log.js"
import {
  appDefaults,
  type AppRecord,
  channelIdentityJson,
  type ContactRecord,
  type ConversationRecord,
  getApp,
  insertApp,
  type MessageRecord,
  type ProjectState
} from "./project.js"
import { makeUlidGenerator } from "./ulid.js"

/** Seeding options. */
export interface SeedOptions {
  /** contacts to create (default 100, at least 1 when messages > 0) */
  readonly contacts?: number | undefined
  /** messages to create, spread round-robin over the contacts' conversations (default 1000) */
  readonly messages?: number | undefined
  /** seed into this app instead of creating "Seeded app" */
  readonly appId?: string | undefined
  /** microseconds between two consecutive seeded messages (default 1 second) */
  readonly spacingMicros?: number | undefined
}

/** What a seeding run created. */
export interface SeedResult {
  readonly appId: string
  readonly contacts: number
  readonly conversations: number
  readonly messages: number
  readonly firstContactId: string | undefined
  readonly millis: number
}

const TEXTS = [
  "Hello! How can we help you today?",
  "Your order has shipped.",
  "Thanks, that works for me.",
  "Can you tell me more about the offer?",
  "Your appointment is confirmed for tomorrow at 10:00.",
  "I would like to change my delivery address.",
  "We have received your payment.",
  "See you soon!"
]

/** The most contacts one seed request may create (the control API answers 400 above). */
export const MAX_SEED_CONTACTS = 1_000_000

/** The most messages one seed request may create (the control API answers 400 above). */
export const MAX_SEED_MESSAGES = 10_000_000

/** Seeds a project. */
export const seedProject = (core: Core, p: ProjectState, options: SeedOptions): SeedResult => {
  const started = performance.now()
  const messageCount = Math.max(0, Math.floor(options.messages ?? 1000))
  const contactCount = Math.max(messageCount > 0 ? 1 : 0, Math.floor(options.contacts ?? 100))
  const spacing = Math.max(1, Math.floor(options.spacingMicros ?? 1_000_000))
  const nowMicros = core.env.nowMs() * 1000
  const ids = makeUlidGenerator()

  let app: AppRecord
  if (options.appId !== undefined) app = orThrow(getApp(p, options.appId))
  else {
    const id = core.env.ids.next(core.env.nowMs())
    const credential = (channel: string, claimed_identity: string) => ({
      channel,
      static_bearer: { claimed_identity, token: "seeded-token" },
      state: { status: "ACTIVE", description: "" },
      channel_known_id: ""
    })
    app = insertApp(p, {
      ...appDefaults(id),
      channel_credentials: [credential("SMS", "seeded-service-plan"), credential("WHATSAPP", "seeded-sender")],
      display_name: "Seeded app",
      retention_policy: { retention_type: "PERSIST_RETENTION_POLICY", ttl_days: 3650 }
    })
  }

  // keys strictly below everything stored
  let floor = nowMicros
  for (const log of [p.messageLog.CONVERSATION, p.messageLog.DISPATCH, p.recent]) {
    if (log.keys.length > 0) floor = Math.min(floor, log.keys[0]!)
  }
  const end = floor - 1
  const first = end - (messageCount - 1) * spacing
  const seedStartMs = Math.floor((first - contactCount - 1) / 1000)

  const contacts: Array<ContactRecord> = new Array(contactCount)
  const convs: Array<ConversationRecord> = new Array(contactCount)
  const identityJson: Array<string> = new Array(contactCount)
  const identities: Array<string> = new Array(contactCount)
  const base = 46700000000 + (p.contacts.size % 1_000_000) * 1000
  for (let i = 0; i < contactCount; i++) {
    const phone = `+${base + i}`
    const seq = ++p.seq
    const contact: ContactRecord = {
      seq,
      deleted: false,
      wire: {
        id: ids.next(seedStartMs),
        channel_identities: [
          { channel: "SMS", identity: phone },
          { channel: "WHATSAPP", identity: phone }
        ],
        channel_priority: ["SMS", "WHATSAPP"],
        display_name: `Seeded contact ${i + 1}`,
        email: "",
        external_id: `seed-${i + 1}`,
        metadata: "",
        language: "EN_US"
      }
    }
    contacts[i] = contact
    identities[i] = phone
    identityJson[i] = channelIdentityJson("SMS", phone, "")
    p.contacts.set(contact.wire.id, contact)
    L.insert(p.contactLog, seq, contact)
    for (const ci of contact.wire.channel_identities) {
      const k = `${ci.channel}|${ci.identity}`
      const list = p.identityIndex.get(k)
      if (list === undefined) p.identityIndex.set(k, [contact])
      else list.push(contact)
    }
    const existing = p.activeConversation.get(`${app.id}|${contact.wire.id}`)
    const conv: ConversationRecord = existing ?? {
      seq: ++p.seq,
      id: ids.next(seedStartMs),
      appId: app.id,
      contactId: contact.wire.id,
      active: true,
      activeChannel: "SMS",
      metadata: "",
      metadataJson: undefined,
      correlationId: "",
      lastMessage: undefined,
      activityKey: 0,
      messages: L.makeLog(),
      events: L.makeLog(),
      deleted: false
    }
    if (existing === undefined) {
      p.conversations.set(conv.id, conv)
      p.activeConversation.set(`${app.id}|${contact.wire.id}`, conv)
      let byApp = p.conversationsByApp.get(app.id)
      if (byApp === undefined) p.conversationsByApp.set(app.id, (byApp = L.makeLog()))
      L.insert(byApp, conv.seq, conv)
      const byContact = L.makeLog<ConversationRecord>()
      L.insert(byContact, conv.seq, conv)
      p.conversationsByContact.set(contact.wire.id, byContact)
    }
    convs[i] = conv
  }

  const outJson = TEXTS.map((text) => JSON.stringify({ text_message: { text } }))
  const keys: Array<number> = new Array(messageCount)
  const records: Array<MessageRecord> = new Array(messageCount)
  const contactLogs: Array<L.Log<MessageRecord>> = contacts.map((c) => {
    let log = p.messagesByContact.get(c.wire.id)
    if (log === undefined) p.messagesByContact.set(c.wire.id, (log = L.makeLog()))
    return log
  })
  for (let i = 0; i < messageCount; i++) {
    const key = first + i * spacing
    const c = i % contactCount
    const conv = convs[c]!
    const inbound = (i / contactCount) % 2 >= 1
    const m: MessageRecord = {
      key,
      id: ids.next(Math.floor(key / 1000)),
      appId: app.id,
      contactId: conv.contactId,
      conversationId: conv.id,
      direction: inbound ? "TO_APP" : "TO_CONTACT",
      channel: "SMS",
      identity: identities[c]!,
      channelIdentityJson: identityJson[c]!,
      bodyKey: inbound ? "contact_message" : "app_message",
      bodyJson: outJson[i % outJson.length]!,
      metadata: "",
      senderId: "",
      injected: false,
      mode: "CONVERSATION",
      deleted: false
    }
    keys[i] = key
    records[i] = m
    p.messages.set(m.id, m)
    const convLog = conv.messages
    if (convLog.keys.length === 0 || convLog.keys[convLog.keys.length - 1]! < key) {
      convLog.keys.push(key)
      convLog.items.push(m)
    } else L.insert(convLog, key, m)
    const contactLog = contactLogs[c]!
    if (contactLog.keys.length === 0 || contactLog.keys[contactLog.keys.length - 1]! < key) {
      contactLog.keys.push(key)
      contactLog.items.push(m)
    } else L.insert(contactLog, key, m)
  }
  L.insertSorted(p.messageLog.CONVERSATION, keys, records)
  let byApp = p.messagesByApp.get(app.id)
  if (byApp === undefined) p.messagesByApp.set(app.id, (byApp = L.makeLog()))
  L.insertSorted(byApp, keys, records)

  // recent ordering for conversations that got their first message from the seed
  const recentKeys: Array<number> = []
  const recentItems: Array<ConversationRecord> = []
  for (const conv of convs) {
    if (conv.lastMessage !== undefined || conv.messages.items.length === 0) continue
    const last = conv.messages.items[conv.messages.items.length - 1]!
    conv.lastMessage = last
    conv.activityKey = last.key
    recentKeys.push(last.key)
    recentItems.push(conv)
  }
  const order = recentKeys.map((_, i) => i).sort((a, b) => recentKeys[a]! - recentKeys[b]!)
  L.insertSorted(
    p.recent,
    order.map((i) => recentKeys[i]!),
    order.map((i) => recentItems[i]!)
  )
  // the seeded history may be older than the app's retention: drop it on the next request, not a day later
  p.retentionDay = Number.NaN
  return {
    appId: app.id,
    contacts: contactCount,
    conversations: contactCount,
    messages: messageCount,
    firstContactId: contacts[0]?.wire.id,
    millis: Math.round(performance.now() - started)
  }
}
