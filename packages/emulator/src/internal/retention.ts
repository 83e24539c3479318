/**
 * Apps' `retention_policy`, applied to the CONVERSATION-mode messages and conversations of the app:
 *
 * - `MESSAGE_EXPIRE_POLICY` (the default, `ttl_days` 180): a message whose `accept_time` is older than `ttl_days`
 *   is gone; its conversation stays.
 * - `CONVERSATION_EXPIRE_POLICY`: only the last message of a conversation counts; when it is older than `ttl_days`
 *   the conversation, its messages and its events are gone. A conversation without messages never expires.
 * - `PERSIST_RETENTION_POLICY`: nothing expires.
 *
 * Reads are exact: the predicates below hide what is expired at the current time of the emulator's clock, at the
 * cost of one map lookup per item looked at. Expired data is dropped for real by `maintain`, at most once per
 * simulated day (and by `purge` when an app's policy changes), so pages never walk more than a day of expired
 * entries and nothing scans every message per request.
 */
import {
  type AppRecord,
  type AppWire,
  type ConversationRecord,
  type Env,
  type EventRecord,
  type MessageRecord,
  type ProjectState,
  removeConversation,
  removeMessage
} from "./project.js"

/** Microseconds in a day. */
export const DAY_MICROS = 86_400_000_000

/** `ttl_days` when an app's policy leaves it out. */
export const DEFAULT_TTL_DAYS = 180

/** A parsed retention policy. */
export interface Policy {
  readonly type: "MESSAGE_EXPIRE_POLICY" | "CONVERSATION_EXPIRE_POLICY" | "PERSIST_RETENTION_POLICY"
  readonly ttlMicros: number
}

const DEFAULT_POLICY: Policy = { type: "MESSAGE_EXPIRE_POLICY", ttlMicros: DEFAULT_TTL_DAYS * DAY_MICROS }

/** Parsed policies by app wire object (an update replaces the wire object, so the entry goes with it). */
const cache = new WeakMap<object, Policy>()

const parse = (policy: AppWire["retention_policy"]): Policy => {
  if (policy === undefined) return DEFAULT_POLICY
  const ttl = typeof policy.ttl_days === "number" && policy.ttl_days > 0 ? policy.ttl_days : DEFAULT_TTL_DAYS
  const type =
    policy.retention_type === "CONVERSATION_EXPIRE_POLICY" || policy.retention_type === "PERSIST_RETENTION_POLICY"
      ? policy.retention_type
      : "MESSAGE_EXPIRE_POLICY"
  return { type, ttlMicros: ttl * DAY_MICROS }
}

/** The retention policy of an app (the default one for an app that is gone or has none). */
export const policyOf = (app: AppRecord | undefined): Policy => {
  if (app === undefined) return DEFAULT_POLICY
  let policy = cache.get(app.wire)
  if (policy === undefined) {
    policy = parse(app.wire.retention_policy)
    cache.set(app.wire, policy)
  }
  return policy
}

/** What a request may see at one instant. */
export interface View {
  /** the message exists and has not expired */
  readonly message: (m: MessageRecord) => boolean
  /** the conversation exists and has not expired */
  readonly conversation: (c: ConversationRecord) => boolean
  /** the event exists and its conversation has not expired */
  readonly event: (e: EventRecord) => boolean
}

/** The visibility predicates at the emulator's current time. */
export const view = (env: Env, p: ProjectState): View => {
  const now = env.nowMs() * 1000
  let lastAppId: string | undefined
  let lastPolicy: Policy = DEFAULT_POLICY
  const policyFor = (appId: string): Policy => {
    if (appId !== lastAppId) {
      lastAppId = appId
      lastPolicy = policyOf(p.apps.get(appId))
    }
    return lastPolicy
  }
  const conversationLive = (c: ConversationRecord, policy: Policy): boolean =>
    policy.type !== "CONVERSATION_EXPIRE_POLICY" ||
    c.lastMessage === undefined ||
    c.lastMessage.key >= now - policy.ttlMicros
  return {
    message: (m) => {
      if (m.deleted) return false
      if (m.mode !== "CONVERSATION") return true
      const policy = policyFor(m.appId)
      switch (policy.type) {
        case "PERSIST_RETENTION_POLICY":
          return true
        case "MESSAGE_EXPIRE_POLICY":
          return m.key >= now - policy.ttlMicros
        case "CONVERSATION_EXPIRE_POLICY": {
          const conv = p.conversations.get(m.conversationId)
          return conv === undefined ? m.key >= now - policy.ttlMicros : conversationLive(conv, policy)
        }
      }
    },
    conversation: (c) => !c.deleted && conversationLive(c, policyFor(c.appId)),
    event: (e) => {
      if (e.deleted) return false
      const conv = e.conversationId === "" ? undefined : p.conversations.get(e.conversationId)
      return conv === undefined || conversationLive(conv, policyFor(conv.appId))
    }
  }
}

/**
 * Drops everything expired at the current time: for MESSAGE_EXPIRE apps the expired prefix of the app's message
 * log (O(expired)), for CONVERSATION_EXPIRE apps every conversation whose last message is too old (one pass over
 * the app's conversations). No callbacks: retention is silent.
 */
export const purge = (env: Env, p: ProjectState): void => {
  const now = env.nowMs() * 1000
  const expired: Array<MessageRecord> = []
  for (const [appId, log] of p.messagesByApp) {
    const policy = policyOf(p.apps.get(appId))
    if (policy.type !== "MESSAGE_EXPIRE_POLICY") continue
    const cutoff = now - policy.ttlMicros
    for (let i = 0; i < log.keys.length && log.keys[i]! < cutoff; i++) {
      const m = log.items[i]!
      if (!m.deleted && m.mode === "CONVERSATION") expired.push(m)
    }
  }
  // oldest first, so a conversation's last message goes last and its replacement is looked up once
  for (const m of expired) removeMessage(p, m)
  const gone: Array<ConversationRecord> = []
  for (const [appId, log] of p.conversationsByApp) {
    const policy = policyOf(p.apps.get(appId))
    if (policy.type !== "CONVERSATION_EXPIRE_POLICY") continue
    const cutoff = now - policy.ttlMicros
    for (const c of log.items) {
      if (!c.deleted && c.lastMessage !== undefined && c.lastMessage.key < cutoff) gone.push(c)
    }
  }
  for (const c of gone) removeConversation(p, c)
}

/** Runs `purge` when the simulated day changed since the last run (a number comparison otherwise). */
export const maintain = (env: Env, p: ProjectState): void => {
  const day = Math.floor(env.nowMs() / 86_400_000)
  if (p.retentionDay === day) return
  p.retentionDay = day
  purge(env, p)
}
