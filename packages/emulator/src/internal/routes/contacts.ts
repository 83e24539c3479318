/**
 * Contacts: CRUD, merge, channel profile and identity conflicts.
 */
import type { Contacts, Operations } from "@sinch-effect/schema"
import * as Either from "effect/Either"
import type { Core, Handlers, Input } from "../core.js"
import { notFound } from "../errors.js"
import { createContact, emitContact, recipientIdentities } from "../flows.js"
import * as L from "../log.js"
import { pageSize, token } from "../params.js"
import {
  type ContactRecord,
  type ContactWire,
  encodeToken,
  findContactByIdentity,
  getApp,
  getContact,
  identityConflicts,
  liveContact,
  mergeContacts,
  type ProjectState,
  removeContact,
  replaceContact
} from "../project.js"
import {
  type ChannelIdentity,
  identitiesRule,
  knownChannel,
  knownChannels,
  maxLength,
  oneOf,
  recipientRule,
  required,
  rule,
  rules
} from "../validate.js"

type Ops = typeof Operations.conversation.contacts

/** An optional string of a query, absent when empty (`?channel=` is no filter). */
const given = (value: string | undefined): string | undefined => (value === "" ? undefined : value)

/** The stored fields a create or update body gives (only those present). */
const contactFields = (body: Contacts.UpdateContactRequest): Partial<Omit<ContactWire, "id">> => {
  const out: Partial<Omit<ContactWire, "id">> = {}
  if (body.channel_identities !== undefined) out.channel_identities = recipientIdentities(body.channel_identities)
  if (body.channel_priority !== undefined) out.channel_priority = [...body.channel_priority]
  for (const key of ["display_name", "email", "external_id", "metadata", "language"] as const) {
    const v = body[key]
    if (v !== undefined) out[key] = v
  }
  return out
}

const contactRules = (body: Contacts.UpdateContactRequest, create: boolean) =>
  rules(
    body.channel_identities !== undefined || create
      ? identitiesRule("channel_identities", body.channel_identities, create)
      : [],
    knownChannels("channel_priority", body.channel_priority),
    create ? required("language", body.language) : [],
    maxLength("metadata", body.metadata, 1024)
  )

/** Emits CONTACT_IDENTITIES_DUPLICATION when a contact's identities are held by other contacts too. */
const duplicated = (core: Core, p: ProjectState, wire: ContactWire): void => {
  const dups = wire.channel_identities.flatMap((ci) => {
    const others = p.identityIndex.get(`${ci.channel}|${ci.identity}`) ?? []
    return others.length > 1 ? [{ channel: ci.channel, contact_ids: others.map((o) => o.wire.id) }] : []
  })
  if (dups.length > 0) {
    core.dispatcher.emit(p, undefined, "CONTACT_IDENTITIES_DUPLICATION", "duplicated_contact_identities_notification", {
      duplicated_identities: dups
    })
  }
}

const list = ({ p, query }: Input<Ops["list"]>) =>
  Either.gen(function* () {
    const limit = yield* pageSize(query.page_size, 10, 20)
    const after = yield* token("c", query.page_token)
    const external = given(query.external_id) ?? null
    const channel = given(query.channel) ?? null
    const identity = given(query.identity) ?? null
    // channel and identity name one channel identity together; external_id excludes both
    yield* rules(
      rule(
        (channel === null) !== (identity === null),
        channel === null ? "channel" : "identity",
        "channel and identity must be set together"
      )
    )
    yield* rules(knownChannel("channel", channel ?? undefined))
    yield* rules(
      rule(external !== null && channel !== null, "external_id", "external_id cannot be used with channel and identity")
    )
    const page = L.scanAsc(p.contactLog, {
      after,
      limit,
      isLive: liveContact,
      filter:
        external === null && identity === null
          ? undefined
          : (c) =>
              (external === null || c.wire.external_id === external) &&
              (identity === null ||
                c.wire.channel_identities.some(
                  (ci) => ci.identity === identity && (channel === null || ci.channel === channel)
                ))
    })
    return {
      contacts: page.items.map((c) => c.wire),
      next_page_token: page.nextKey === undefined ? "" : encodeToken("c", page.nextKey)
    }
  })

const create = ({ body, core, p }: Input<Ops["create"]>) =>
  Either.map(contactRules(body, true), () => {
    const record = createContact(core, p, contactFields(body))
    duplicated(core, p, record.wire)
    return record.wire
  })

const update = ({ body, core, p, path, query }: Input<Ops["update"]>) =>
  Either.gen(function* () {
    const contact = yield* getContact(p, path.contact_id)
    yield* contactRules(body, false)
    const fields = contactFields(body)
    const mask = query.update_mask
    const next: ContactWire = { ...contact.wire }
    const target = next as unknown as Record<string, unknown>
    for (const [k, v] of Object.entries(fields)) if (mask === undefined || mask.includes(k)) target[k] = v
    if (mask !== undefined) {
      // masked fields absent from the body are cleared
      for (const k of mask) {
        if ((fields as Record<string, unknown>)[k] !== undefined) continue
        if (k === "channel_identities" || k === "channel_priority") target[k] = []
        else if (k === "language") target[k] = "UNSPECIFIED"
        else if (k in next && k !== "id") target[k] = ""
      }
    }
    replaceContact(p, contact, next)
    emitContact(core, p, "CONTACT_UPDATE", "contact_update_notification", contact.wire)
    duplicated(core, p, contact.wire)
    return contact.wire
  })

const merge = ({ body, core, p, path }: Input<Ops["mergeContact"]>) =>
  Either.gen(function* () {
    yield* rules(required("source_id", body.source_id), oneOf("strategy", body.strategy, ["MERGE"], "merge strategy"))
    const destination = yield* getContact(p, path.destination_id)
    yield* rules(rule(body.source_id === destination.wire.id, "source_id", "cannot merge a contact into itself"))
    const source = yield* getContact(p, body.source_id)
    const deleted = source.wire
    mergeContacts(p, destination, source)
    core.dispatcher.emit(p, undefined, "CONTACT_MERGE", "contact_merge_notification", {
      deleted_contact: deleted,
      preserved_contact: destination.wire
    })
    return destination.wire
  })

const PROFILE_CHANNELS = ["MESSENGER", "INSTAGRAM", "VIBER"]

const channelProfile = ({ body, p }: Input<Ops["getChannelProfile"]>) =>
  Either.gen(function* () {
    const channel = body.channel
    yield* rules(
      required("app_id", body.app_id),
      recipientRule("recipient", body.recipient),
      required("channel", channel),
      knownChannel("channel", channel),
      rule(
        channel !== "" && !PROFILE_CHANNELS.includes(channel),
        "channel",
        "channel profiles are only supported on MESSENGER, INSTAGRAM and VIBER"
      )
    )
    yield* getApp(p, body.app_id)
    let contact: ContactRecord | undefined
    let identity: string | undefined
    if ("identified_by" in body.recipient) {
      const identities: Array<ChannelIdentity> = recipientIdentities(body.recipient.identified_by.channel_identities)
      const ci = identities.find((x) => x.channel === channel) ?? identities[0]!
      identity = ci.identity
      contact = findContactByIdentity(p, ci.channel, ci.identity)
    } else {
      contact = yield* getContact(p, body.recipient.contact_id)
      identity = contact.wire.channel_identities.find((ci) => ci.channel === channel)?.identity
    }
    if (identity === undefined) {
      return yield* Either.left(notFound("channel identity", `${channel} of contact ${contact?.wire.id ?? ""}`))
    }
    const name = contact !== undefined && contact.wire.display_name !== "" ? contact.wire.display_name : undefined
    return { profile_name: name ?? `${channel} user ${identity}` }
  })

const conflicts = ({ p, query }: Input<Ops["listIdentityConflicts"]>) =>
  Either.gen(function* () {
    const limit = yield* pageSize(query.page_size, 10, 20)
    const start = (yield* token("i", query.page_token)) ?? 0
    const all = identityConflicts(p)
    const more = start + limit < all.length
    return { conflicts: all.slice(start, start + limit), next_page_token: more ? encodeToken("i", start + limit) : "" }
  })

/** The emulator's behaviour of the `contacts` operations. */
export const contacts: Handlers<typeof Operations.conversation.contacts> = {
  list,
  create,
  update,
  mergeContact: merge,
  getChannelProfile: channelProfile,
  listIdentityConflicts: conflicts,
  get: ({ p, path }) => Either.map(getContact(p, path.contact_id), (c) => c.wire),
  delete: ({ core, p, path }) =>
    Either.map(getContact(p, path.contact_id), (contact) => {
      removeContact(p, contact)
      emitContact(core, p, "CONTACT_DELETE", "contact_delete_notification", contact.wire)
      return {}
    })
}
