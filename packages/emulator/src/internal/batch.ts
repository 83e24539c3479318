/**
 * The Conversation Batch API of the emulator: its store of batches (per project, beside the project's state) and
 * what it does with them. A batch of messages is checked whole when it arrives (at most 1000 recipients, every
 * `${parameter}` of the message given for every recipient, recipients that resolve), then sent now or at its
 * `send_after` on the emulator's clock (so a `TestClock` drives it): a BATCH_STATUS_UPDATE callback, then one stored
 * message per recipient with the parameters substituted in every string field, each with its MESSAGE_SUBMIT and
 * delivery reports (whose metadata carries `_batch_id`). Cancelling answers at once and takes effect asynchronously,
 * as the Batch API documents. Bulk contacts and consent records are applied at once.
 */
import { Batch as BatchSchema, type Common, Enums } from "@sinch-effect/schema"
import * as Either from "effect/Either"
import type * as Schema from "effect/Schema"
import type { Core } from "./core.js"
import { badField, isApiError, notFound, orThrow } from "./errors.js"
import {
  activeConversation,
  createContact,
  emitContact,
  appMessageTo,
  reportOutbound,
  resolveRecipient
} from "./flows.js"
import { appMessageRule } from "./messages-validate.js"
import {
  type AppRecord,
  appMode,
  type ContactWire,
  getApp,
  insertMessage,
  type ProjectState,
  removeContact
} from "./project.js"
import { decoder } from "./schema-check.js"
import {
  check,
  checker,
  isObject,
  type Json,
  knownChannels,
  optString,
  parseTimestampMicros,
  recipientRule,
  reqString
} from "./validate.js"

/** The path prefix the emulator serves the Batch API under (its `batchUrl` is `{url}/batch`). */
export const PREFIX = "/batch"

/** The statuses of a batch of messages. */
export type Status = "READY" | "SCHEDULED" | "PROCESSED" | "CANCELLED"

/** A stored batch of messages. */
interface BatchRecord {
  readonly id: string
  readonly app: AppRecord
  status: Status
  readonly metadata: Readonly<Record<string, string>>
  readonly sendAfterMs: number | undefined
  /** the checked request and its recipients, dropped once the batch is sent or cancelled */
  work: { readonly body: Json; readonly recipients: ReadonlyArray<Common.Recipient> } | undefined
}

interface Store {
  readonly batches: Map<string, BatchRecord>
}

// Batches live beside a project's state: a project that is dropped takes its batches with it.
const stores = new WeakMap<ProjectState, Store>()

const storeOf = (p: ProjectState): Store => {
  let store = stores.get(p)
  if (store === undefined) {
    store = { batches: new Map() }
    stores.set(p, store)
  }
  return store
}

const MAX = BatchSchema.maxRecipients
/** How far ahead a batch may be scheduled. */
const MAX_SCHEDULE_MS = 7 * 24 * 3600 * 1000
const FIVE_MINUTES_MS = 5 * 60 * 1000

/** A decoder that throws its 400 (the Batch API's handlers still throw). */
const validator = <A, I>(schema: Schema.Schema<A, I>) => {
  const decode = decoder(schema)
  return (body: unknown): A => orThrow(decode(body))
}

const validateSend = validator(BatchSchema.SendBatchRequest)
const validateCancel = validator(BatchSchema.CancelBatchesRequest)
const validateCreateContacts = validator(BatchSchema.CreateContactsRequest)
const validateDeleteContacts = validator(BatchSchema.DeleteContactsRequest)
const validateConsents = validator(BatchSchema.InsertConsentsRequest)

const PARAMETER = /\$\{([^}]*)\}/g

/** The names of the `${parameter}`s in every string of a JSON value. */
export const parameterNames = (value: unknown, out: Set<string> = new Set()): Set<string> => {
  if (typeof value === "string") {
    for (const m of value.matchAll(PARAMETER)) out.add(m[1]!)
  } else if (Array.isArray(value)) {
    for (const item of value) parameterNames(item, out)
  } else if (isObject(value)) {
    for (const item of Object.values(value)) parameterNames(item, out)
  }
  return out
}

/** A JSON value with every `${parameter}` of its strings replaced by the recipient's value. */
export const substitute = (value: unknown, parameters: Readonly<Record<string, string>>): unknown => {
  if (typeof value === "string") {
    return value.includes("${")
      ? value.replace(PARAMETER, (whole, name: string) => (Object.hasOwn(parameters, name) ? parameters[name]! : whole))
      : value
  }
  if (Array.isArray(value)) return value.map((item) => substitute(item, parameters))
  if (isObject(value)) {
    const out: Json = {}
    for (const [k, v] of Object.entries(value)) {
      Object.defineProperty(out, k, { value: substitute(v, parameters), enumerable: true, writable: true })
    }
    return out
  }
  return value
}

const stringMap = (u: unknown): Readonly<Record<string, string>> => (isObject(u) ? (u as Record<string, string>) : {})

const isoOf = (ms: number): string => new Date(ms).toISOString()

/** The wire shape of a batch's status. */
const batchWire = (b: BatchRecord): Json => ({
  batch_id: b.id,
  meta_data: b.metadata,
  status: b.status,
  ...(b.sendAfterMs === undefined ? {} : { send_after: isoOf(b.sendAfterMs) })
})

/** Sends the BATCH_STATUS_UPDATE callback of a batch to its app's webhooks. */
const emitStatus = (core: Core, p: ProjectState, b: BatchRecord): void =>
  core.dispatcher.emit(p, b.app, "BATCH_STATUS_UPDATE", "batch_status_update_notification", {
    batch_id: b.id,
    batch_status: `BATCH_STATUS_${b.status}`,
    batch_type: "BATCH_TYPE_MESSAGES",
    additional_data: {
      message_batch_data: {
        ...(b.sendAfterMs === undefined ? {} : { send_after: isoOf(b.sendAfterMs) }),
        batch_metadata: b.metadata
      }
    }
  })

/** When a batch scheduled for `requestedMs` is sent: more than a minute ahead rounds up to the next 5 minutes. */
const scheduledTime = (nowMs: number, requestedMs: number): number =>
  requestedMs - nowMs > 60_000 ? Math.ceil(requestedMs / FIVE_MINUTES_MS) * FIVE_MINUTES_MS : requestedMs

/** Sends one recipient's message: stored, submitted and reported as `messages:send` does. */
const sendOne = (
  core: Core,
  p: ProjectState,
  b: BatchRecord,
  body: Json,
  entry: Json,
  to: Common.Recipient,
  priority: ReadonlyArray<string> | undefined
): void => {
  const app = b.app
  const resolved = orThrow(resolveRecipient(core, p, app, to, priority, { createContact: true }))
  const parameters = stringMap(entry["parameters"])
  const message = substitute(body["message"], parameters) as Json
  const conv =
    appMode(app) === "CONVERSATION" && resolved.contact !== undefined
      ? activeConversation(core, p, app, resolved.contact, resolved.channel)
      : undefined
  if (conv !== undefined) {
    conv.metadataJson = {
      ...conv.metadataJson,
      ...stringMap(body["conversation_metadata"]),
      ...stringMap(entry["conversation_metadata"]),
      _batch_id: b.id
    }
  }
  const metadata = JSON.stringify({
    ...stringMap(body["message_metadata"]),
    ...stringMap(entry["message_metadata"]),
    _batch_id: b.id
  })
  const m = appMessageTo(core, p, app, resolved, conv, message, metadata)
  insertMessage(p, m, conv)
  reportOutbound(core, p, app, m, {
    correlationId: typeof body["correlation_id"] === "string" ? body["correlation_id"] : undefined,
    callbackUrl: typeof body["callback_url"] === "string" ? body["callback_url"] : undefined,
    submitted: message
  })
}

/** Sends a batch that is due: its status callback, then every recipient's message. */
const sendDue = (core: Core, p: ProjectState, b: BatchRecord): void => {
  const work = b.work
  if (work === undefined || (b.status !== "READY" && b.status !== "SCHEDULED")) return
  b.work = undefined
  b.status = "PROCESSED"
  emitStatus(core, p, b)
  const entries = work.body["recipient_and_params"] as ReadonlyArray<Json>
  const priority = work.body["channel_priority_order"] as ReadonlyArray<string> | undefined
  entries.forEach((entry, i) => {
    try {
      sendOne(core, p, b, work.body, entry, work.recipients[i]!, priority)
    } catch (e) {
      // a recipient that no longer resolves (its contact was deleted since): no message, as the real API drops it
      if (!isApiError(e)) throw e
    }
  })
  core.notify({ _tag: "Data", projectId: p.id })
}

/** `POST /messages`: checks the whole batch, stores it, and sends it now or schedules it. */
export const send = (core: Core, p: ProjectState, body: unknown): Json => {
  if (!isObject(body)) throw badField("body", "expected a JSON object")
  const list = body["recipient_and_params"]
  if (Array.isArray(list) && list.length > MAX) {
    throw badField("recipient_and_params", `a batch has at most ${MAX} recipients, got ${list.length}`)
  }
  const decoded = validateSend(body)
  const c = checker()
  const appId = reqString(c, body, "app_id")
  c.violations.push(...appMessageRule("message", decoded.message))
  const priority = decoded.channel_priority_order
  c.violations.push(...knownChannels("channel_priority_order", priority))
  const sendAfterRaw = optString(c, body, "send_after")
  check(c)
  const app = orThrow(getApp(p, appId))
  const names = [...parameterNames(body["message"])]
  const entries = body["recipient_and_params"] as ReadonlyArray<Json>
  const recipients = entries.map((entry, i) => {
    const field = `recipient_and_params[${i}].recipient`
    const to = decoded.recipient_and_params[i]!.recipient
    const toViolations = recipientRule(field, to)
    c.violations.push(...toViolations)
    const parameters = stringMap(entry["parameters"])
    const missing = names.filter((name) => !Object.hasOwn(parameters, name))
    if (missing.length > 0) {
      c.add(
        `recipient_and_params[${i}].parameters`,
        `no value for ${missing.map((name) => `\${${name}}`).join(", ")}, used in the message`
      )
    }
    if (toViolations.length === 0) {
      const resolved = resolveRecipient(core, p, app, to, priority, { createContact: false })
      if (Either.isLeft(resolved)) c.add(field, resolved.left.message)
    }
    return to
  })
  const nowMs = core.env.nowMs()
  let sendAfterMs: number | undefined
  if (sendAfterRaw !== undefined) {
    const micros = parseTimestampMicros(sendAfterRaw)
    if (micros === undefined) c.add("send_after", "invalid timestamp")
    else if (micros / 1000 - nowMs > MAX_SCHEDULE_MS) c.add("send_after", "must be at most 7 days ahead")
    else if (micros / 1000 > nowMs) sendAfterMs = scheduledTime(nowMs, Math.floor(micros / 1000))
  }
  check(c)
  const b: BatchRecord = {
    id: core.env.ids.next(nowMs),
    app,
    status: sendAfterMs === undefined ? "READY" : "SCHEDULED",
    metadata: stringMap(body["batch_metadata"]),
    sendAfterMs,
    work: { body, recipients }
  }
  storeOf(p).batches.set(b.id, b)
  if (sendAfterMs === undefined) {
    sendDue(core, p, b)
  } else {
    emitStatus(core, p, b)
    core.dispatcher.later(sendAfterMs - nowMs, () => sendDue(core, p, b))
  }
  return { batch_id: b.id, ...(sendAfterMs === undefined ? {} : { send_after: isoOf(sendAfterMs) }) }
}

const matches = (b: BatchRecord, key: string, value: string): boolean =>
  Object.hasOwn(b.metadata, key) && b.metadata[key] === value

/**
 * `DELETE /messages`: answers 200 whatever happens and cancels asynchronously the scheduled batches it names (by ID,
 * or by a key and value of their batch metadata) whose `send_after` has not come.
 */
export const cancel = (core: Core, p: ProjectState, body: unknown): Json => {
  if (!isObject(body)) throw badField("body", "expected a JSON object")
  validateCancel(body)
  const id = typeof body["batch_id"] === "string" && body["batch_id"] !== "" ? body["batch_id"] : undefined
  const key = typeof body["metadata_key"] === "string" ? body["metadata_key"] : undefined
  const value = typeof body["metadata_value"] === "string" ? body["metadata_value"] : undefined
  if (id === undefined && (key === undefined || value === undefined)) {
    throw badField("batch_id", "give batch_id, or metadata_key and metadata_value")
  }
  core.dispatcher.later(0, () => {
    const store = storeOf(p)
    const targets =
      id !== undefined
        ? [store.batches.get(id)].filter((b) => b !== undefined)
        : [...store.batches.values()].filter((b) => matches(b, key!, value!))
    for (const b of targets) {
      if (b.status !== "SCHEDULED" || b.sendAfterMs === undefined || b.sendAfterMs <= core.env.nowMs()) continue
      b.status = "CANCELLED"
      b.work = undefined
      emitStatus(core, p, b)
    }
    core.notify({ _tag: "Data", projectId: p.id })
  })
  return {}
}

/** `GET /messages/{batch_id}`. */
export const get = (p: ProjectState, id: string): Json => {
  const b = storeOf(p).batches.get(id)
  if (b === undefined) throw notFound("batch", id)
  return batchWire(b)
}

/** `GET /messages?metadataKey=&metadataValue=`: a JSON array of the matching batches. */
export const list = (p: ProjectState, query: URLSearchParams): ReadonlyArray<Json> => {
  const key = query.get("metadataKey")
  const value = query.get("metadataValue")
  if (key === null || key === "") throw badField("metadataKey", "required query parameter is missing")
  if (value === null) throw badField("metadataValue", "required query parameter is missing")
  return [...storeOf(p).batches.values()].filter((b) => matches(b, key, value)).map(batchWire)
}

/** `POST /contacts`: creates every contact (a CONTACT_CREATE callback each). */
export const createContacts = (core: Core, p: ProjectState, body: unknown): Json => {
  if (!isObject(body)) throw badField("body", "expected a JSON object")
  const list = body["contacts"]
  if (Array.isArray(list) && list.length > MAX) {
    throw badField("contacts", `a batch has at most ${MAX} contacts, got ${list.length}`)
  }
  validateCreateContacts(body)
  for (const contact of body["contacts"] as ReadonlyArray<Json>) {
    // checked against the schema above: the fields of a contact, as `contacts.create` takes them
    createContact(core, p, contact as Partial<Omit<ContactWire, "id">>)
  }
  return {}
}

/** `DELETE /contacts`: deletes every contact that exists (a CONTACT_DELETE callback each). */
export const deleteContacts = (core: Core, p: ProjectState, body: unknown): Json => {
  if (!isObject(body)) throw badField("body", "expected a JSON object")
  const list = body["contact_ids"]
  if (Array.isArray(list) && list.length > MAX) {
    throw badField("contact_ids", `a batch has at most ${MAX} contacts, got ${list.length}`)
  }
  validateDeleteContacts(body)
  for (const id of body["contact_ids"] as ReadonlyArray<string>) {
    const contact = p.contacts.get(id)
    if (contact === undefined) continue
    removeContact(p, contact)
    emitContact(core, p, "CONTACT_DELETE", "contact_delete_notification", contact.wire)
  }
  return {}
}

/** `POST /consents`: puts every identity on its consent list (audited with origin ORIGIN_BATCH). */
export const insertConsents = (core: Core, p: ProjectState, body: unknown): Json => {
  if (!isObject(body)) throw badField("body", "expected a JSON object")
  const list = body["consent_records"]
  if (Array.isArray(list) && list.length > MAX) {
    throw badField("consent_records", `a batch has at most ${MAX} records, got ${list.length}`)
  }
  validateConsents(body)
  const app = orThrow(getApp(p, body["app_id"] as string))
  const records = body["consent_records"] as ReadonlyArray<Json>
  records.forEach((record, i) => {
    const type = record["consent_type"]
    if (type !== undefined && !Enums.ConsentListType.is(type)) {
      throw badField(`consent_records[${i}].consent_type`, `unknown consent type '${String(type)}'`)
    }
  })
  const nowIso = isoOf(core.env.nowMs())
  for (const record of records) {
    const identity = record["identification"] as string
    const listType = (record["consent_type"] as string | undefined) ?? "OPT_OUT_ALL"
    let byType = p.consents.lists.get(app.id)
    if (byType === undefined) p.consents.lists.set(app.id, (byType = new Map()))
    let entries = byType.get(listType)
    if (entries === undefined) byType.set(listType, (entries = new Map()))
    if (entries.has(identity)) continue
    entries.set(identity, p.seq++)
    const k = `${app.id}|${identity}`
    const audit = p.consents.audit.get(k) ?? []
    audit.push({
      origin: "ORIGIN_BATCH",
      operation: "OPERATION_INSERT",
      list_type: listType,
      project_id: p.id,
      app_id: app.id,
      datetime: nowIso
    })
    p.consents.audit.set(k, audit)
  }
  return { batch_id: core.env.ids.next(core.env.nowMs()) }
}
