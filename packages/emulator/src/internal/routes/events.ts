/**
 * Events: send, get, delete, list.
 */
import type { Operations } from "@sinch-effect/schema"
import * as Either from "effect/Either"
import type { Core, Handlers, Input } from "../core.js"
import { notFound, type Result } from "../errors.js"
import { activeConversation, resolveRecipient } from "../flows.js"
import * as L from "../log.js"
import { pageSize, token } from "../params.js"
import {
  appMode,
  encodeToken,
  type EventRecord,
  eventWire,
  getApp,
  getEvent,
  insertEvent,
  nextKey,
  type ProjectState,
  removeEvent
} from "../project.js"
import { view } from "../retention.js"
import { type Json, knownChannels, recipientRule, required, rule, rules } from "../validate.js"

type Ops = typeof Operations.conversation.events

const send = ({ body, core, json, p }: Input<Ops["send"]>) =>
  Either.gen(function* () {
    yield* rules(
      required("app_id", body.app_id),
      recipientRule("recipient", body.recipient),
      rule(Object.keys(body.event).length === 0, "event", "an event kind is required"),
      knownChannels("channel_priority_order", body.channel_priority_order)
    )
    const app = yield* getApp(p, body.app_id)
    const resolved = yield* resolveRecipient(core, p, app, body.recipient, body.channel_priority_order, {
      createContact: true
    })
    const conv =
      appMode(app) === "CONVERSATION" && resolved.contact !== undefined
        ? activeConversation(core, p, app, resolved.contact, resolved.channel)
        : undefined
    const key = nextKey(p, core.env)
    const channelIdentity = { channel: resolved.channel, identity: resolved.identity, app_id: resolved.identityAppId }
    const e: EventRecord = {
      key,
      id: core.env.ids.next(Math.floor(key / 1000)),
      appId: app.id,
      contactId: resolved.contact?.wire.id ?? "",
      conversationId: conv?.id ?? "",
      direction: "TO_CONTACT",
      channelIdentity,
      bodyKey: "app_event",
      // the event as sent (the emulator echoes what it was given)
      body: (json as Json)["event"] as Json,
      mode: conv === undefined ? "DISPATCH" : "CONVERSATION",
      deleted: false
    }
    insertEvent(p, e, conv)
    const metadata = body.event_metadata ?? ""
    const report = {
      event_id: e.id,
      channel_identity: channelIdentity,
      contact_id: e.contactId,
      metadata,
      processing_mode: e.mode
    }
    core.dispatcher.emitSequence(
      p,
      app,
      "EVENT_DELIVERY",
      "event_delivery_report",
      [
        { delayMillis: 0, payload: { ...report, status: "QUEUED_ON_CHANNEL" } },
        { delayMillis: core.config.deliveryDelayMillis, payload: { ...report, status: "DELIVERED" } }
      ],
      { messageMetadata: metadata, acceptedTimeMicros: key, callbackUrl: body.callback_url }
    )
    return { event_id: e.id, accepted_time: new Date(Math.floor(key / 1000)).toISOString() }
  })

/** An event that exists and whose conversation has not expired (404 otherwise). */
const liveEvent = (core: Core, p: ProjectState, id: string): Result<EventRecord> =>
  Either.filterOrLeft(
    getEvent(p, id),
    (e) => view(core.env, p).event(e),
    () => notFound("event", id)
  )

const list = ({ core, p, query }: Input<Ops["list"]>) =>
  Either.gen(function* () {
    const limit = yield* pageSize(query.page_size, 10, 20)
    const before = yield* token("e", query.page_token)
    const conversationId = query.conversation_id || null
    const contactId = query.contact_id || null
    const log =
      conversationId !== null
        ? p.conversations.get(conversationId)?.events
        : contactId !== null
          ? p.eventsByContact.get(contactId)
          : p.eventLog
    const filter =
      conversationId !== null && contactId !== null ? (e: EventRecord) => e.contactId === contactId : undefined
    if (log === undefined) return { events: [], next_page_token: "" }
    const page = L.scanDesc(log, { before, limit, isLive: view(core.env, p).event, filter })
    return {
      events: page.items.map(eventWire),
      next_page_token: page.nextKey === undefined ? "" : encodeToken("e", page.nextKey)
    }
  })

/** The emulator's behaviour of the `events` operations. */
export const events: Handlers<typeof Operations.conversation.events> = {
  send,
  list,
  get: ({ core, p, path }) => Either.map(liveEvent(core, p, path.event_id), eventWire),
  delete: ({ core, p, path }) =>
    Either.map(liveEvent(core, p, path.event_id), (e) => {
      removeEvent(p, e)
      return {}
    })
}
