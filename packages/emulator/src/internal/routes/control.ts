/**
 * The emulator's own control API under `/emulator/...` (no auth: it is a local test tool): simulate what a
 * contact does, seed data, inject faults, inspect callback deliveries.
 */
import { Messages } from "@sinch-effect/schema"
import * as Schema from "effect/Schema"
import { addProject, type DeliveryOutcome, type RouteDef } from "../core.js"
import { badField, orThrow } from "../errors.js"
import { operations } from "../../Fault.js"
import type { FaultKind, FaultRule } from "../faults.js"
import { recordInbound, recordInboundEvent } from "../flows.js"
import { contactMessageRule } from "../messages-validate.js"
import { eventWire, getApp, messageWire } from "../project.js"
import type { Router } from "../router.js"
import { decoder } from "../schema-check.js"
import { MAX_SEED_CONTACTS, MAX_SEED_MESSAGES, seedProject } from "../seed.js"
import {
  check,
  checker,
  isObject,
  type Json,
  optInteger,
  optIntegerIn,
  optString,
  reqChannel,
  reqObject,
  reqString
} from "../validate.js"

const inboundMessage = decoder(Schema.Struct({ contact_message: Messages.ContactMessage }))

/** The longest delay a Node timer takes. */
const MAX_TIMER_MILLIS = 2 ** 31 - 1

/** The kinds of fault the control API accepts. */
export const FAULT_TAGS = [
  "Status",
  "Latency",
  "DropBeforeProcessing",
  "DropAfterProcessing",
  "MalformedJson",
  "TruncatedJson",
  "HtmlError",
  "RepeatPageToken"
]

/** Validates a fault rule given as JSON. */
export const parseFaultRule = (body: unknown): FaultRule => {
  if (!isObject(body)) throw badField("body", "expected a JSON object")
  const c = checker()
  const operation = optString(c, body, "operation") ?? "*"
  if (operation !== "*" && !(operations as ReadonlyArray<string>).includes(operation)) {
    c.add("operation", `unknown operation "${operation}": expected "*" or one of Fault.operations (e.g. messages.send)`)
  }
  const fault = reqObject(c, body, "fault")
  const tag = fault === undefined ? "" : reqString(c, fault, "_tag", "fault._tag")
  if (tag !== "" && !FAULT_TAGS.includes(tag)) c.add("fault._tag", `expected one of ${FAULT_TAGS.join(", ")}`)
  const status = fault === undefined ? undefined : optInteger(c, fault, "status", "fault.status")
  if (tag === "Status" && (status === undefined || status < 400 || status > 599)) {
    c.add("fault.status", "a 4xx or 5xx status is required")
  }
  // timers of Node take at most 2^31-1 ms (a longer one fires at once)
  const millis = fault === undefined ? undefined : optIntegerIn(c, fault, "millis", 0, MAX_TIMER_MILLIS, "fault.millis")
  if (tag === "Latency" && (millis === undefined || millis < 0))
    c.add("fault.millis", "a non-negative delay is required")
  if (fault !== undefined) optIntegerIn(c, fault, "retryAfterSeconds", 0, 86_400, "fault.retryAfterSeconds")
  const probability = body["probability"]
  if (probability !== undefined && (typeof probability !== "number" || probability < 0 || probability > 1)) {
    c.add("probability", "expected a number between 0 and 1")
  }
  const count = optIntegerIn(c, body, "count", 1, Number.MAX_SAFE_INTEGER)
  check(c)
  const kind = { ...(fault as Json), _tag: tag } as unknown as FaultKind
  return {
    operation,
    fault: kind,
    ...(typeof probability === "number" ? { probability } : {}),
    ...(count !== undefined ? { count } : {})
  }
}

/** Registers the control routes. */
export const register = (router: Router<RouteDef>): void => {
  router.add("POST", "/emulator/projects", "emulator.createProject", {
    kind: "control",
    handler: ({ core }) => {
      const creds = addProject(core)
      return { project_id: creds.projectId, key_id: creds.keyId, key_secret: creds.keySecret }
    }
  })
  router.add("POST", "/emulator/projects/{project_id}/inbound-messages", "emulator.inboundMessage", {
    kind: "control",
    handler: ({ body, core, p }) => {
      if (!isObject(body)) throw badField("body", "expected a JSON object")
      const c = checker()
      const appId = reqString(c, body, "app_id")
      const channel = reqChannel(c, body, "channel")
      const identity = reqString(c, body, "identity")
      const message = orThrow(inboundMessage(body))
      c.violations.push(...contactMessageRule("contact_message", message.contact_message))
      const senderId = optString(c, body, "sender_id")
      const metadata = optString(c, body, "metadata")
      check(c)
      const app = orThrow(getApp(p, appId))
      const m = recordInbound(core, p, app, {
        appId,
        channel,
        identity,
        contactMessage: body["contact_message"] as Json,
        senderId,
        metadata
      })
      return messageWire(m)
    }
  })
  router.add("POST", "/emulator/projects/{project_id}/inbound-events", "emulator.inboundEvent", {
    kind: "control",
    handler: ({ body, core, p }) => {
      if (!isObject(body)) throw badField("body", "expected a JSON object")
      const c = checker()
      const appId = reqString(c, body, "app_id")
      const channel = reqChannel(c, body, "channel")
      const identity = reqString(c, body, "identity")
      const contactEvent = reqObject(c, body, "contact_event")
      check(c)
      const app = orThrow(getApp(p, appId))
      return eventWire(recordInboundEvent(core, p, app, { appId, channel, identity, contactEvent: contactEvent! }))
    }
  })
  router.add("POST", "/emulator/projects/{project_id}/seed", "emulator.seed", {
    kind: "control",
    handler: ({ body, core, p }) => {
      const b = isObject(body) ? body : {}
      const c = checker()
      const contacts = optIntegerIn(c, b, "contacts", 0, MAX_SEED_CONTACTS)
      const messages = optIntegerIn(c, b, "messages", 0, MAX_SEED_MESSAGES)
      const appId = optString(c, b, "app_id")
      check(c)
      const r = seedProject(core, p, { contacts, messages, appId })
      return {
        app_id: r.appId,
        contacts: r.contacts,
        conversations: r.conversations,
        messages: r.messages,
        first_contact_id: r.firstContactId ?? "",
        millis: r.millis
      }
    }
  })
  router.add("GET", "/emulator/deliveries", "emulator.deliveries", {
    kind: "control",
    handler: ({ core }) => ({ deliveries: core.dispatcher.deliveries.toArray(), pending: core.dispatcher.pending() })
  })
  router.add("GET", "/emulator/faults", "emulator.listFaults", {
    kind: "control",
    handler: ({ core }) => ({
      faults: core.faults.list().map((f) => ({ ...f, remaining: f.remaining === Infinity ? null : f.remaining }))
    })
  })
  router.add("POST", "/emulator/faults", "emulator.addFault", {
    kind: "control",
    handler: ({ body, core }) => ({ id: core.faults.add(parseFaultRule(body)) })
  })
  router.add("DELETE", "/emulator/faults", "emulator.clearFaults", {
    kind: "control",
    handler: ({ core }) => {
      core.faults.clear()
      return {}
    }
  })
  router.add("DELETE", "/emulator/faults/{fault_id}", "emulator.removeFault", {
    kind: "control",
    handler: ({ core, params }) => {
      core.faults.remove(Number(params["fault_id"]))
      return {}
    }
  })
  router.add("POST", "/emulator/delivery-outcomes", "emulator.setDeliveryOutcome", {
    kind: "control",
    handler: ({ body, core }) => {
      if (!isObject(body)) throw badField("body", "expected a JSON object")
      const c = checker()
      const identity = reqString(c, body, "identity")
      const channel = optString(c, body, "channel")
      const status = reqString(c, body, "status")
      if (status !== "" && !["DELIVERED", "FAILED", "READ"].includes(status)) {
        c.add("status", "expected DELIVERED, FAILED or READ")
      }
      const reasonCode = optString(c, body, "reason_code")
      const description = optString(c, body, "description")
      check(c)
      const outcome: DeliveryOutcome = { status: status as DeliveryOutcome["status"], reasonCode, description }
      core.outcomes.set(channel !== undefined && channel !== "" ? `${channel}|${identity}` : identity, outcome)
      return {}
    }
  })
  router.add("POST", "/emulator/config", "emulator.config", {
    kind: "control",
    handler: ({ body, core }) => {
      if (!isObject(body)) throw badField("body", "expected a JSON object")
      const c = checker()
      const ttl = optIntegerIn(c, body, "token_ttl_seconds", 1, 31_536_000)
      const delay = optIntegerIn(c, body, "delivery_delay_millis", 0, MAX_TIMER_MILLIS)
      check(c)
      if (ttl !== undefined) core.config.tokenTtlSeconds = ttl
      if (delay !== undefined) core.config.deliveryDelayMillis = delay
      return { token_ttl_seconds: core.config.tokenTtlSeconds, delivery_delay_millis: core.config.deliveryDelayMillis }
    }
  })
}
