/**
 * The Conversation Batch API of the emulator: its store of batches (per project, beside the project's state) and
 * what it does with them. A batch of messages is checked whole when it arrives (at most 1000 recipients, every
 * `${parameter}` of the message given for every recipient, recipients that resolve), then sent now or at its
 * `send_after` on the emulator's clock (so a `TestClock` drives it): a BATCH_STATUS_UPDATE callback, then one stored
 * message per recipient with the parameters substituted in every string field, each with its MESSAGE_SUBMIT and
 * delivery reports (whose metadata carries `_batch_id`). Cancelling answers at once and takes effect asynchronously,
 * as the Batch API documents. Bulk contacts and consent records are applied at once.
 */
import { Batch as BatchSchema, Enums } from "@sinch-effect/schema"
import * as DateTime from "effect/DateTime"
import * as Either from "effect/Either"
import type { Core } from "./core.js"
import { notFound, type Result } from "./errors.js"
import { substitute } from "./placeholders.js"
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
import { type Json, knownChannels, recipientRule, required, rule, rules } from "./validate.js"

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
  /** the checked request and its message as sent, dropped once the batch is sent or cancelled */
  work: { readonly body: BatchSchema.SendBatchRequest; readonly message: unknown } | undefined
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

/** How far ahead a batch may be scheduled. */
const MAX_SCHEDULE_MS = 7 * 24 * 3600 * 1000
const FIVE_MINUTES_MS = 5 * 60 * 1000

/** A recipient's parameters as a lookup: its own keys only (a name like `constructor` is no parameter). */
const lookupIn =
  (parameters: Readonly<Record<string, string>> | undefined) =>
  (name: string): string | undefined =>
    parameters !== undefined && Object.hasOwn(parameters, name) ? parameters[name] : undefined

const isoOf = (ms: number): string => new Date(ms).toISOString()

/** The wire shape of a batch's status. */
const batchWire = (b: BatchRecord): typeof BatchSchema.Batch.Encoded => ({
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
  body: BatchSchema.SendBatchRequest,
  sent: unknown,
  entry: BatchSchema.RecipientAndParams
): Result<void> =>
  Either.map(
    resolveRecipient(core, p, b.app, entry.recipient, body.channel_priority_order, { createContact: true }),
    (resolved) => {
      const app = b.app
      const message = substitute(sent, lookupIn(entry.parameters)) as Json
      const conv =
        appMode(app) === "CONVERSATION" && resolved.contact !== undefined
          ? activeConversation(core, p, app, resolved.contact, resolved.channel)
          : undefined
      if (conv !== undefined) {
        conv.metadataJson = {
          ...conv.metadataJson,
          ...body.conversation_metadata,
          ...entry.conversation_metadata,
          _batch_id: b.id
        }
      }
      const metadata = JSON.stringify({ ...body.message_metadata, ...entry.message_metadata, _batch_id: b.id })
      const m = appMessageTo(core, p, app, resolved, conv, message, metadata)
      insertMessage(p, m, conv)
      reportOutbound(core, p, app, m, {
        correlationId: body.correlation_id,
        callbackUrl: body.callback_url,
        submitted: message
      })
    }
  )

/** Sends a batch that is due: its status callback, then every recipient's message. */
const sendDue = (core: Core, p: ProjectState, b: BatchRecord): void => {
  const work = b.work
  if (work === undefined || (b.status !== "READY" && b.status !== "SCHEDULED")) return
  b.work = undefined
  b.status = "PROCESSED"
  emitStatus(core, p, b)
  // a recipient that no longer resolves (its contact was deleted since) gets no message, as the real API drops it
  for (const entry of work.body.recipient_and_params) sendOne(core, p, b, work.body, work.message, entry)
  core.notify({ _tag: "Data", projectId: p.id })
}

/** The violations of one recipient of a batch: its recipient, the parameters the message uses, whether it resolves. */
const recipientViolations = (
  core: Core,
  p: ProjectState,
  app: AppRecord,
  body: BatchSchema.SendBatchRequest,
  names: ReadonlyArray<string>,
  entry: BatchSchema.RecipientAndParams,
  i: number
) => {
  const field = `recipient_and_params[${i}].recipient`
  const toViolations = recipientRule(field, entry.recipient)
  const parameters = entry.parameters ?? {}
  const missing = names.filter((name) => !Object.hasOwn(parameters, name))
  const resolved =
    toViolations.length === 0
      ? resolveRecipient(core, p, app, entry.recipient, body.channel_priority_order, { createContact: false })
      : undefined
  return [
    ...toViolations,
    ...rule(
      missing.length > 0,
      `recipient_and_params[${i}].parameters`,
      `no value for ${missing.map((name) => `\${${name}}`).join(", ")}, used in the message`
    ),
    ...(resolved !== undefined && Either.isLeft(resolved) ? rule(true, field, resolved.left.message) : [])
  ]
}

/**
 * `POST /messages`: checks the whole batch (decoded with its schema: 1 to 1000 recipients), stores it, and sends it
 * now or schedules it. `sent` is the body as sent: its message is stored as given, parameters substituted.
 */
export const send = (
  core: Core,
  p: ProjectState,
  body: BatchSchema.SendBatchRequest,
  sent: unknown
): Result<typeof BatchSchema.SendBatchResponse.Encoded> =>
  Either.gen(function* () {
    yield* rules(
      required("app_id", body.app_id),
      appMessageRule("message", body.message),
      knownChannels("channel_priority_order", body.channel_priority_order)
    )
    const app = yield* getApp(p, body.app_id)
    const message = (sent as Json)["message"]
    const names = [...BatchSchema.parameterNames(message)]
    const nowMs = core.env.nowMs()
    const requestedMs = body.send_after === undefined ? undefined : DateTime.toEpochMillis(body.send_after)
    yield* rules(
      ...body.recipient_and_params.map((entry, i) => recipientViolations(core, p, app, body, names, entry, i)),
      rule(
        requestedMs !== undefined && requestedMs - nowMs > MAX_SCHEDULE_MS,
        "send_after",
        "must be at most 7 days ahead"
      )
    )
    const sendAfterMs = requestedMs !== undefined && requestedMs > nowMs ? scheduledTime(nowMs, requestedMs) : undefined
    const b: BatchRecord = {
      id: core.env.ids.next(nowMs),
      app,
      status: sendAfterMs === undefined ? "READY" : "SCHEDULED",
      metadata: body.batch_metadata ?? {},
      sendAfterMs,
      work: { body, message }
    }
    storeOf(p).batches.set(b.id, b)
    if (sendAfterMs === undefined) {
      sendDue(core, p, b)
    } else {
      emitStatus(core, p, b)
      core.dispatcher.later(sendAfterMs - nowMs, () => sendDue(core, p, b))
    }
    return { batch_id: b.id, ...(sendAfterMs === undefined ? {} : { send_after: isoOf(sendAfterMs) }) }
  })

const matches = (b: BatchRecord, key: string, value: string): boolean =>
  Object.hasOwn(b.metadata, key) && b.metadata[key] === value

/**
 * `DELETE /messages`: answers 200 whatever happens and cancels asynchronously the scheduled batches it names (by ID,
 * or by a key and value of their batch metadata) whose `send_after` has not come.
 */
export const cancel = (core: Core, p: ProjectState, body: BatchSchema.CancelBatchesRequest): Result<{}> =>
  Either.gen(function* () {
    const id = body.batch_id !== undefined && body.batch_id !== "" ? body.batch_id : undefined
    const key = body.metadata_key
    const value = body.metadata_value
    yield* rules(
      rule(
        id === undefined && (key === undefined || value === undefined),
        "batch_id",
        "give batch_id, or metadata_key and metadata_value"
      )
    )
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
  })

/** `GET /messages/{batch_id}`. */
export const get = (p: ProjectState, id: string): Result<typeof BatchSchema.Batch.Encoded> => {
  const b = storeOf(p).batches.get(id)
  return b === undefined ? Either.left(notFound("batch", id)) : Either.right(batchWire(b))
}

/** `GET /messages?metadataKey=&metadataValue=`: the matching batches. */
export const list = (
  p: ProjectState,
  query: BatchSchema.ListBatchesRequest
): Result<ReadonlyArray<typeof BatchSchema.Batch.Encoded>> =>
  Either.right(
    [...storeOf(p).batches.values()].filter((b) => matches(b, query.metadataKey, query.metadataValue)).map(batchWire)
  )

/** `POST /contacts`: creates every contact (a CONTACT_CREATE callback each), as sent. */
export const createContacts = (core: Core, p: ProjectState, sent: unknown): Result<{}> => {
  // decoded with the request's schema before: the fields of a contact, as `contacts.create` takes them
  for (const contact of (sent as Json)["contacts"] as ReadonlyArray<Partial<Omit<ContactWire, "id">>>) {
    createContact(core, p, contact)
  }
  return Either.right({})
}

/** `DELETE /contacts`: deletes every contact that exists (a CONTACT_DELETE callback each). */
export const deleteContacts = (core: Core, p: ProjectState, body: BatchSchema.DeleteContactsRequest): Result<{}> => {
  for (const id of body.contact_ids) {
    const contact = p.contacts.get(id)
    if (contact === undefined) continue
    removeContact(p, contact)
    emitContact(core, p, "CONTACT_DELETE", "contact_delete_notification", contact.wire)
  }
  return Either.right({})
}

/** `POST /consents`: puts every identity on its consent list (audited with origin ORIGIN_BATCH). */
export const insertConsents = (
  core: Core,
  p: ProjectState,
  body: BatchSchema.InsertConsentsRequest
): Result<typeof BatchSchema.BulkResponse.Encoded> =>
  Either.gen(function* () {
    const app = yield* getApp(p, body.app_id)
    const records = body.consent_records
    yield* rules(
      ...records.map((record, i) =>
        rule(
          record.consent_type !== undefined && !Enums.ConsentListType.is(record.consent_type),
          `consent_records[${i}].consent_type`,
          `unknown consent type '${record.consent_type}'`
        )
      )
    )
    const nowIso = isoOf(core.env.nowMs())
    for (const record of records) {
      const identity = record.identification
      const listType = record.consent_type ?? "OPT_OUT_ALL"
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
  })
