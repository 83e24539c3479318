/**
 * Events: send, get, delete, list.
 */
import type { Ctx, RouteDef } from "../core.js"
import { badField, notFound } from "../errors.js"
import { activeConversation, resolveRecipient } from "../flows.js"
import * as L from "../log.js"
import { pageSize, pageToken } from "../params.js"
import {
  appMode,
  encodeToken,
  type EventRecord,
  eventWire,
  getApp,
  getEvent,
  insertEvent,
  nextKey,
  removeEvent
} from "../project.js"
import { view } from "../retention.js"
import type { Router } from "../router.js"
import { bodyValidator } from "../schema-check.js"
import { Events } from "@sinch-effect/schema"
import { check, checker, isObject, optChannels, optString, recipient, reqObject, reqString } from "../validate.js"

const validateSendEvent = bodyValidator(Events.SendEventRequest)

const send = (ctx: Ctx) => {
  const body = ctx.body
  if (!isObject(body)) throw badField("body", "expected a JSON object")
  validateSendEvent(body)
  const c = checker()
  const appId = reqString(c, body, "app_id")
  const r = recipient(c, body)
  const event = reqObject(c, body, "event")
  if (event !== undefined && Object.keys(event).length === 0) c.add("event", "an event kind is required")
  const priority = optChannels(c, body, "channel_priority_order")
  const metadata = optString(c, body, "event_metadata") ?? ""
  const callbackUrl = optString(c, body, "callback_url")
  check(c)
  const app = getApp(ctx.p, appId)
  const resolved = resolveRecipient(ctx.core, ctx.p, app, r!, priority, { createContact: true })
  const conv =
    appMode(app) === "CONVERSATION" && resolved.contact !== undefined
      ? activeConversation(ctx.core, ctx.p, app, resolved.contact, resolved.channel)
      : undefined
  const key = nextKey(ctx.p, ctx.core.env)
  const e: EventRecord = {
    key,
    id: ctx.core.env.ids.next(Math.floor(key / 1000)),
    appId: app.id,
    contactId: resolved.contact?.wire.id ?? "",
    conversationId: conv?.id ?? "",
    direction: "TO_CONTACT",
    channelIdentity: { channel: resolved.channel, identity: resolved.identity, app_id: resolved.identityAppId },
    bodyKey: "app_event",
    body: event!,
    mode: conv === undefined ? "DISPATCH" : "CONVERSATION",
    deleted: false
  }
  insertEvent(ctx.p, e, conv)
  const base = {
    event_id: e.id,
    channel_identity: { channel: resolved.channel, identity: resolved.identity, app_id: resolved.identityAppId },
    contact_id: e.contactId,
    metadata,
    processing_mode: e.mode
  }
  ctx.core.dispatcher.emitSequence(
    ctx.p,
    app,
    "EVENT_DELIVERY",
    "event_delivery_report",
    [
      { delayMillis: 0, payload: { ...base, status: "QUEUED_ON_CHANNEL" } },
      { delayMillis: ctx.core.config.deliveryDelayMillis, payload: { ...base, status: "DELIVERED" } }
    ],
    { messageMetadata: metadata, acceptedTimeMicros: key, callbackUrl }
  )
  return { event_id: e.id, accepted_time: new Date(Math.floor(key / 1000)).toISOString() }
}

/** An event that exists and whose conversation has not expired, or 404. */
const liveEventOf = (ctx: Ctx, id: string): EventRecord => {
  const e = getEvent(ctx.p, id)
  if (!view(ctx.core.env, ctx.p).event(e)) throw notFound("event", id)
  return e
}

const list = ({ core, p, query }: Ctx) => {
  const limit = pageSize(query, 10, 20)
  const before = pageToken(query, "e")
  const conversationId = query.get("conversation_id") || null
  const contactId = query.get("contact_id") || null
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
}

/** Registers the event routes. */
export const register = (router: Router<RouteDef>): void => {
  const base = "/v1/projects/{project_id}"
  router.add("POST", `${base}/events:send`, "events.send", { kind: "api", handler: send })
  router.add("GET", `${base}/events`, "events.list", { kind: "api", handler: list })
  router.add("GET", `${base}/events/{event_id}`, "events.get", {
    kind: "api",
    handler: (ctx) => eventWire(liveEventOf(ctx, ctx.params["event_id"]!))
  })
  router.add("DELETE", `${base}/events/{event_id}`, "events.delete", {
    kind: "api",
    handler: (ctx) => {
      removeEvent(ctx.p, liveEventOf(ctx, ctx.params["event_id"]!))
      return {}
    }
  })
}
