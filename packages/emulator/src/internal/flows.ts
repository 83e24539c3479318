/**
 * Domain flows shared by the API routes and the control API: resolving a recipient (creating the contact and
 * the conversation in CONVERSATION mode), recording outbound/inbound messages and events, and the callbacks
 * each state change triggers.
 */
import type { Common } from "@sinch-effect/schema"
import * as Either from "effect/Either"
import { ignore } from "./changes.js"
import type { Core, DeliveryOutcome } from "./core.js"
import { badField, failedPrecondition, type Result } from "./errors.js"
import {
  type AppRecord,
  appChannels,
  appMode,
  channelIdentityJson,
  type ContactRecord,
  type ContactWire,
  type ConversationRecord,
  type DeliveryState,
  conversationWire,
  type EventRecord,
  eventWire,
  findContactByIdentity,
  getContact,
  insertContact,
  insertConversation,
  insertEvent,
  insertMessage,
  type MessageRecord,
  messageWire,
  nextKey,
  type ProcessingMode,
  type ProjectState,
  removeConversation,
  updateConversation
} from "./project.js"
import { view } from "./retention.js"
import type { ChannelIdentity, Json } from "./validate.js"

/** Emits CONTACT_CREATE for a new contact (to every app of the project). */
export const emitContact = (core: Core, p: ProjectState, trigger: string, key: string, wire: ContactWire): void =>
  core.dispatcher.emit(p, undefined, trigger, key, { contact: wire })

/** Emits a conversation notification. */
export const emitConversation = (
  core: Core,
  p: ProjectState,
  trigger: "CONVERSATION_START" | "CONVERSATION_STOP" | "CONVERSATION_DELETE",
  conv: ConversationRecord
): void => {
  const key =
    trigger === "CONVERSATION_START"
      ? "conversation_start_notification"
      : trigger === "CONVERSATION_STOP"
        ? "conversation_stop_notification"
        : "conversation_delete_notification"
  core.dispatcher.emit(p, p.apps.get(conv.appId), trigger, key, { conversation: conversationWire(conv) })
}

/** Creates a contact with defaults and emits CONTACT_CREATE. */
export const createContact = (core: Core, p: ProjectState, fields: Partial<Omit<ContactWire, "id">>): ContactRecord => {
  const record = insertContact(p, core.env, {
    channel_identities: fields.channel_identities ?? [],
    channel_priority: fields.channel_priority ?? [],
    display_name: fields.display_name ?? "",
    email: fields.email ?? "",
    external_id: fields.external_id ?? "",
    metadata: fields.metadata ?? "",
    language: fields.language ?? "UNSPECIFIED"
  })
  emitContact(core, p, "CONTACT_CREATE", "contact_create_notification", record.wire)
  return record
}

/** The active conversation of (app, contact) unless it expired (then it is dropped now, as retention would). */
export const liveActiveConversation = (
  core: Core,
  p: ProjectState,
  appId: string,
  contactId: string
): ConversationRecord | undefined => {
  const existing = p.activeConversation.get(`${appId}|${contactId}`)
  if (existing === undefined || view(core.env, p).conversation(existing)) return existing
  removeConversation(p, existing)
  return undefined
}

/** The active conversation of (app, contact), created (with CONVERSATION_START) when missing. */
export const activeConversation = (
  core: Core,
  p: ProjectState,
  app: AppRecord,
  contact: ContactRecord,
  channel: string
): ConversationRecord => {
  const existing = liveActiveConversation(core, p, app.id, contact.wire.id)
  if (existing !== undefined) {
    updateConversation(existing, { activeChannel: channel })
    return existing
  }
  const conv = insertConversation(p, core.env, { appId: app.id, contactId: contact.wire.id, activeChannel: channel })
  emitConversation(core, p, "CONVERSATION_START", conv)
  return conv
}

/** The channel and identity a message to a recipient goes out on, plus the contact when there is one. */
export interface Resolved {
  readonly channel: string
  readonly identity: string
  readonly identityAppId: string
  readonly contact: ContactRecord | undefined
}

const scoped = (ci: ChannelIdentity, app: AppRecord): boolean =>
  ci.app_id === undefined || ci.app_id === "" || ci.app_id === app.id

/**
 * The channel identities of a recipient given by `identified_by`, with the `app_id` an identity may carry (the
 * schema of a recipient identity has none; the decoder keeps it).
 */
export const recipientIdentities = (
  identities: ReadonlyArray<Common.ChannelRecipientIdentity>
): Array<ChannelIdentity> =>
  identities.map((ci) => {
    const appId: unknown = (ci as { readonly app_id?: unknown }).app_id
    return typeof appId === "string" && appId !== ""
      ? { channel: ci.channel, identity: ci.identity, app_id: appId }
      : { channel: ci.channel, identity: ci.identity }
  })

/**
 * Resolves a recipient as the docs describe: `channel_priority_order` first, then the identities of
 * `identified_by`; for a contact id, the active conversation's channel, the contact's channel priority and
 * lastly the app's channel order. In CONVERSATION mode an unknown identity creates a contact.
 */
export const resolveRecipient = (
  core: Core,
  p: ProjectState,
  app: AppRecord,
  recipient: Common.Recipient,
  channelPriorityOrder: ReadonlyArray<string> | undefined,
  options: { readonly createContact: boolean }
): Result<Resolved> => {
  const configured = appChannels(app)
  const unconfigured = (channelPriorityOrder ?? []).findIndex((ch) => !configured.includes(ch))
  if (unconfigured >= 0) {
    return Either.left(
      badField(
        `channel_priority_order[${unconfigured}]`,
        `channel ${channelPriorityOrder![unconfigured]} is not configured on app ${app.id}`
      )
    )
  }
  const mode = appMode(app)
  if ("identified_by" in recipient) {
    const identities = recipientIdentities(recipient.identified_by.channel_identities)
    let candidates = identities.filter((ci) => configured.includes(ci.channel))
    if (channelPriorityOrder !== undefined && channelPriorityOrder.length > 0) {
      candidates = channelPriorityOrder.flatMap((ch) => candidates.filter((ci) => ci.channel === ch))
    }
    const chosen = candidates[0]
    if (chosen === undefined) {
      return Either.left(
        badField(
          "recipient.identified_by.channel_identities",
          `none of the recipient's channels is configured on app ${app.id} (configured: ${configured.join(", ") || "none"})`
        )
      )
    }
    let contact: ContactRecord | undefined
    if (mode === "CONVERSATION") {
      for (const ci of identities) {
        contact = findContactByIdentity(p, ci.channel, ci.identity)
        if (contact !== undefined) break
      }
      if (contact === undefined && options.createContact) {
        contact = createContact(core, p, { channel_identities: identities })
      }
    }
    return Either.right({
      channel: chosen.channel,
      identity: chosen.identity,
      identityAppId: chosen.app_id ?? "",
      contact
    })
  }
  if (mode === "DISPATCH") {
    return Either.left(badField("recipient", "DISPATCH mode apps require recipient.identified_by"))
  }
  return Either.flatMap(getContact(p, recipient.contact_id), (contact) => {
    const identities = contact.wire.channel_identities.filter((ci) => scoped(ci, app))
    const order: Array<string> = []
    if (channelPriorityOrder !== undefined && channelPriorityOrder.length > 0) order.push(...channelPriorityOrder)
    else {
      const active = p.activeConversation.get(`${app.id}|${contact.wire.id}`)
      if (active !== undefined && active.activeChannel !== "CHANNEL_UNSPECIFIED") order.push(active.activeChannel)
      order.push(...contact.wire.channel_priority, ...configured)
    }
    for (const ch of order) {
      if (!configured.includes(ch)) continue
      const ci = identities.find((x) => x.channel === ch)
      if (ci !== undefined) {
        return Either.right({ channel: ci.channel, identity: ci.identity, identityAppId: ci.app_id ?? "", contact })
      }
    }
    return Either.left(
      failedPrecondition(`contact ${contact.wire.id} has no channel identity on a channel configured for app ${app.id}`)
    )
  })
}

/** Builds a message record. */
export const makeMessage = (
  core: Core,
  p: ProjectState,
  fields: {
    readonly app: AppRecord
    readonly direction: "TO_APP" | "TO_CONTACT"
    readonly channel: string
    readonly identity: string
    readonly identityAppId: string
    readonly contact: ContactRecord | undefined
    readonly conv: ConversationRecord | undefined
    readonly bodyKey: "app_message" | "contact_message"
    readonly body: Json
    readonly metadata: string
    readonly senderId?: string | undefined
    readonly injected?: boolean | undefined
    readonly key?: number | undefined
  }
): MessageRecord => {
  const key = fields.key ?? nextKey(p, core.env)
  const mode: ProcessingMode = fields.conv === undefined ? "DISPATCH" : "CONVERSATION"
  return {
    key,
    id: core.env.ids.next(Math.floor(key / 1000)),
    appId: fields.app.id,
    contactId: fields.contact?.wire.id ?? "",
    conversationId: fields.conv?.id ?? "",
    direction: fields.direction,
    channel: fields.channel,
    identity: fields.identity,
    channelIdentityJson: channelIdentityJson(fields.channel, fields.identity, fields.identityAppId),
    bodyKey: fields.bodyKey,
    bodyJson: JSON.stringify(fields.body),
    metadata: fields.metadata,
    senderId: fields.senderId ?? "",
    injected: fields.injected ?? false,
    mode,
    deleted: false,
    delivery: undefined
  }
}

/** The record of an app message to a resolved recipient (what `messages.send` and a batch store). */
export const appMessageTo = (
  core: Core,
  p: ProjectState,
  app: AppRecord,
  resolved: Resolved,
  conv: ConversationRecord | undefined,
  body: Json,
  metadata: string
): MessageRecord =>
  makeMessage(core, p, {
    app,
    direction: "TO_CONTACT",
    channel: resolved.channel,
    identity: resolved.identity,
    identityAppId: resolved.identityAppId,
    contact: resolved.contact,
    conv,
    bodyKey: "app_message",
    body,
    metadata
  })

/** The delivery state of an outbound message now (a scheduled report counts once its time has come). */
export const deliveryState = (core: Core, m: MessageRecord): DeliveryState | undefined => {
  const state = m.delivery
  if (state?.next !== undefined && state.next.atMs <= core.env.nowMs()) m.delivery = state.next
  return m.delivery
}

/** Records a delivery state of an outbound message and tells the inspector. */
const setDelivery = (core: Core, p: ProjectState, m: MessageRecord, state: DeliveryState): void => {
  m.delivery = state
  core.notify({ _tag: "Status", projectId: p.id, messageId: m.id, status: state.status })
}

const channelIdentityOf = (m: MessageRecord): Json => ({
  channel: m.channel,
  identity: m.identity,
  app_id: JSON.parse(m.channelIdentityJson).app_id
})

/** The payload of a MESSAGE_DELIVERY report of a message with a given outcome. */
const deliveryReport = (
  m: MessageRecord,
  outcome: DeliveryOutcome | { readonly status: "QUEUED_ON_CHANNEL" }
): Json => {
  const base = {
    message_id: m.id,
    conversation_id: m.conversationId,
    channel_identity: channelIdentityOf(m),
    contact_id: m.contactId,
    metadata: m.metadata,
    processing_mode: m.mode
  }
  return outcome.status !== "FAILED"
    ? { ...base, status: outcome.status }
    : {
        ...base,
        status: "FAILED",
        reason: {
          code: outcome.reasonCode ?? "RECIPIENT_NOT_REACHABLE",
          description: outcome.description ?? "The recipient could not be reached",
          sub_code: "UNSPECIFIED_SUB_CODE"
        }
      }
}

/** Schedules the delivery reports (QUEUED_ON_CHANNEL, then DELIVERED or FAILED) and MESSAGE_SUBMIT. */
export const reportOutbound = (
  core: Core,
  p: ProjectState,
  app: AppRecord,
  m: MessageRecord,
  options: {
    readonly correlationId?: string | undefined
    readonly callbackUrl?: string | undefined
    readonly submitted: Json
  }
): void => {
  const outcome: DeliveryOutcome = core.outcomes.get(`${m.channel}|${m.identity}`) ??
    core.outcomes.get(m.identity) ?? { status: "DELIVERED" }
  const extra = {
    messageMetadata: m.metadata,
    correlationId: options.correlationId,
    acceptedTimeMicros: m.key,
    callbackUrl: options.callbackUrl
  }
  core.dispatcher.emit(
    p,
    app,
    "MESSAGE_SUBMIT",
    "message_submit_notification",
    {
      message_id: m.id,
      conversation_id: m.conversationId,
      channel_identity: channelIdentityOf(m),
      contact_id: m.contactId,
      submitted_message: options.submitted,
      metadata: m.metadata,
      processing_mode: m.mode
    },
    extra
  )
  core.dispatcher.emitSequence(
    p,
    app,
    "MESSAGE_DELIVERY",
    "message_delivery_report",
    [
      { delayMillis: 0, payload: deliveryReport(m, { status: "QUEUED_ON_CHANNEL" }) },
      { delayMillis: core.config.deliveryDelayMillis, payload: deliveryReport(m, outcome) }
    ],
    extra
  )
  const now = core.env.nowMs()
  const final: DeliveryState = {
    status: outcome.status,
    reasonCode: outcome.status === "FAILED" ? (outcome.reasonCode ?? "RECIPIENT_NOT_REACHABLE") : undefined,
    atMs: now + core.config.deliveryDelayMillis
  }
  setDelivery(core, p, m, { status: "QUEUED_ON_CHANNEL", atMs: now, next: final })
  // the final state is read lazily (deliveryState); a timer runs only for a watching inspector's live update
  if (core.notify !== ignore) {
    core.dispatcher.later(core.config.deliveryDelayMillis, () => {
      if (m.delivery?.next === final) setDelivery(core, p, m, final)
    })
  }
}

/**
 * The channel reports a new state of an outbound message now (what the contact's phone does when the person
 * reads it, or the network when it fails): a MESSAGE_DELIVERY callback and the message's recorded state.
 */
export const reportDelivery = (
  core: Core,
  p: ProjectState,
  app: AppRecord,
  m: MessageRecord,
  outcome: DeliveryOutcome
): void => {
  if (m.direction !== "TO_CONTACT")
    throw badField("message_id", "only messages sent to a contact have delivery reports")
  const conv = p.conversations.get(m.conversationId)
  core.dispatcher.emit(p, app, "MESSAGE_DELIVERY", "message_delivery_report", deliveryReport(m, outcome), {
    messageMetadata: m.metadata,
    correlationId: conv?.correlationId,
    acceptedTimeMicros: m.key
  })
  setDelivery(core, p, m, {
    status: outcome.status,
    reasonCode: outcome.status === "FAILED" ? (outcome.reasonCode ?? "RECIPIENT_NOT_REACHABLE") : undefined,
    atMs: core.env.nowMs()
  })
}

/** A contact's inbound message (what the control API simulates). */
export interface InboundMessage {
  readonly appId: string
  readonly channel: string
  readonly identity: string
  readonly contactMessage: Json
  readonly senderId?: string | undefined
  readonly metadata?: string | undefined
}

/** Records an inbound contact message and emits MESSAGE_INBOUND. */
export const recordInbound = (core: Core, p: ProjectState, app: AppRecord, input: InboundMessage): MessageRecord => {
  let contact: ContactRecord | undefined
  let conv: ConversationRecord | undefined
  if (appMode(app) === "CONVERSATION") {
    contact =
      findContactByIdentity(p, input.channel, input.identity) ??
      createContact(core, p, { channel_identities: [{ channel: input.channel, identity: input.identity }] })
    conv = activeConversation(core, p, app, contact, input.channel)
  }
  const m = makeMessage(core, p, {
    app,
    direction: "TO_APP",
    channel: input.channel,
    identity: input.identity,
    identityAppId: "",
    contact,
    conv,
    bodyKey: "contact_message",
    body: input.contactMessage,
    metadata: input.metadata ?? conv?.metadata ?? "",
    senderId: input.senderId
  })
  insertMessage(p, m, conv)
  core.dispatcher.emit(p, app, "MESSAGE_INBOUND", "message", messageWire(m), {
    acceptedTimeMicros: m.key,
    messageMetadata: conv?.metadata,
    correlationId: conv?.correlationId
  })
  return m
}

/** A contact's inbound event. */
export interface InboundEvent {
  readonly appId: string
  readonly channel: string
  readonly identity: string
  readonly contactEvent: Json
}

/** Records an inbound contact event and emits EVENT_INBOUND. */
export const recordInboundEvent = (core: Core, p: ProjectState, app: AppRecord, input: InboundEvent): EventRecord => {
  let contact: ContactRecord | undefined
  let conv: ConversationRecord | undefined
  if (appMode(app) === "CONVERSATION") {
    contact =
      findContactByIdentity(p, input.channel, input.identity) ??
      createContact(core, p, { channel_identities: [{ channel: input.channel, identity: input.identity }] })
    conv = activeConversation(core, p, app, contact, input.channel)
  }
  const key = nextKey(p, core.env)
  const e: EventRecord = {
    key,
    id: core.env.ids.next(Math.floor(key / 1000)),
    appId: app.id,
    contactId: contact?.wire.id ?? "",
    conversationId: conv?.id ?? "",
    direction: "TO_APP",
    channelIdentity: { channel: input.channel, identity: input.identity },
    bodyKey: "contact_event",
    body: input.contactEvent,
    mode: conv === undefined ? "DISPATCH" : "CONVERSATION",
    deleted: false
  }
  insertEvent(p, e, conv)
  core.dispatcher.emit(p, app, "EVENT_INBOUND", "event", eventWire(e), { acceptedTimeMicros: key })
  return e
}
