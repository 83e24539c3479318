/**
 * Contacts: CRUD, merge, channel profile and identity conflicts.
 */
import type { Ctx, RouteDef } from "../core.js"
import { badField, notFound } from "../errors.js"
import { createContact, emitContact } from "../flows.js"
import * as L from "../log.js"
import { pageSize, pageToken, updateMask } from "../params.js"
import {
  type ContactWire,
  encodeToken,
  findContactByIdentity,
  getApp,
  getContact,
  identityConflicts,
  liveContact,
  mergeContacts,
  removeContact,
  replaceContact
} from "../project.js"
import type { Router } from "../router.js"
import { bodyValidator } from "../schema-check.js"
import { Contacts } from "@sinch-effect/schema"
import {
  CHANNELS,
  channelIdentities,
  check,
  type Checker,
  checker,
  isObject,
  type Json,
  optChannels,
  optString,
  recipient,
  reqChannel,
  reqString
} from "../validate.js"

const validateCreateContact = bodyValidator(Contacts.CreateContactRequest)
const validateUpdateContact = bodyValidator(Contacts.UpdateContactRequest)
const validateMerge = bodyValidator(Contacts.MergeContactRequest)
const validateChannelProfile = bodyValidator(Contacts.GetChannelProfileRequest)

const contactFields = (c: Checker, body: Json, create: boolean): Partial<Omit<ContactWire, "id">> => {
  const out: Partial<Omit<ContactWire, "id">> = {}
  if (create || body["channel_identities"] !== undefined) {
    out.channel_identities = channelIdentities(c, body, "channel_identities", "channel_identities", create)
  }
  const priority = optChannels(c, body, "channel_priority")
  if (priority !== undefined) out.channel_priority = priority
  for (const key of ["display_name", "email", "external_id", "metadata"] as const) {
    const v = optString(c, body, key)
    if (v !== undefined) out[key] = v
  }
  const language = create ? reqString(c, body, "language") : optString(c, body, "language")
  if (language !== undefined) out.language = language
  if (out.metadata !== undefined && out.metadata.length > 1024) c.add("metadata", "must be at most 1024 characters")
  return out
}

const duplicated = (ctx: Ctx, wire: ContactWire): void => {
  const dups = wire.channel_identities.flatMap((ci) => {
    const others = ctx.p.identityIndex.get(`${ci.channel}|${ci.identity}`) ?? []
    return others.length > 1 ? [{ channel: ci.channel, contact_ids: others.map((o) => o.wire.id) }] : []
  })
  if (dups.length > 0) {
    ctx.core.dispatcher.emit(
      ctx.p,
      undefined,
      "CONTACT_IDENTITIES_DUPLICATION",
      "duplicated_contact_identities_notification",
      { duplicated_identities: dups }
    )
  }
}

/** Registers the contact routes. */
export const register = (router: Router<RouteDef>): void => {
  const base = "/v1/projects/{project_id}"
  router.add("GET", `${base}/contacts`, "contacts.list", {
    kind: "api",
    handler: ({ p, query }) => {
      const limit = pageSize(query, 10, 20)
      const after = pageToken(query, "c")
      const external = query.get("external_id") || null
      const channel = query.get("channel") || null
      const identity = query.get("identity") || null
      // channel and identity name one channel identity together; external_id excludes both
      if ((channel === null) !== (identity === null)) {
        throw badField(channel === null ? "channel" : "identity", "channel and identity must be set together")
      }
      if (channel !== null && !CHANNELS.has(channel)) throw badField("channel", `unknown channel '${channel}'`)
      if (external !== null && channel !== null) {
        throw badField("external_id", "external_id cannot be used with channel and identity")
      }
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
    }
  })
  router.add("POST", `${base}/contacts`, "contacts.create", {
    kind: "api",
    handler: (ctx) => {
      if (!isObject(ctx.body)) throw badField("body", "expected a JSON object")
      validateCreateContact(ctx.body)
      const c = checker()
      const fields = contactFields(c, ctx.body, true)
      check(c)
      const record = createContact(ctx.core, ctx.p, fields)
      duplicated(ctx, record.wire)
      return record.wire
    }
  })
  router.add("GET", `${base}/contacts/{contact_id}`, "contacts.get", {
    kind: "api",
    handler: ({ p, params }) => getContact(p, params["contact_id"]!).wire
  })
  router.add("DELETE", `${base}/contacts/{contact_id}`, "contacts.delete", {
    kind: "api",
    handler: (ctx) => {
      const contact = getContact(ctx.p, ctx.params["contact_id"]!)
      removeContact(ctx.p, contact)
      emitContact(ctx.core, ctx.p, "CONTACT_DELETE", "contact_delete_notification", contact.wire)
      return {}
    }
  })
  router.add("PATCH", `${base}/contacts/{contact_id}`, "contacts.update", {
    kind: "api",
    handler: (ctx) => {
      const contact = getContact(ctx.p, ctx.params["contact_id"]!)
      if (!isObject(ctx.body)) throw badField("body", "expected a JSON object")
      validateUpdateContact(ctx.body)
      const c = checker()
      const fields = contactFields(c, ctx.body, false)
      check(c)
      const mask = updateMask(ctx.query)
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
      replaceContact(ctx.p, contact, next)
      emitContact(ctx.core, ctx.p, "CONTACT_UPDATE", "contact_update_notification", contact.wire)
      duplicated(ctx, contact.wire)
      return contact.wire
    }
  })
  router.add("POST", `${base}/contacts/{destination_id}:merge`, "contacts.mergeContact", {
    kind: "api",
    handler: (ctx) => {
      if (!isObject(ctx.body)) throw badField("body", "expected a JSON object")
      validateMerge(ctx.body)
      const c = checker()
      const sourceId = reqString(c, ctx.body, "source_id")
      const strategy = optString(c, ctx.body, "strategy")
      if (strategy !== undefined && strategy !== "MERGE") c.add("strategy", `unknown merge strategy '${strategy}'`)
      check(c)
      const destination = getContact(ctx.p, ctx.params["destination_id"]!)
      if (sourceId === destination.wire.id) throw badField("source_id", "cannot merge a contact into itself")
      const source = getContact(ctx.p, sourceId)
      const deleted = source.wire
      mergeContacts(ctx.p, destination, source)
      ctx.core.dispatcher.emit(ctx.p, undefined, "CONTACT_MERGE", "contact_merge_notification", {
        deleted_contact: deleted,
        preserved_contact: destination.wire
      })
      return destination.wire
    }
  })
  router.add("POST", `${base}/contacts:getChannelProfile`, "contacts.getChannelProfile", {
    kind: "api",
    handler: (ctx) => {
      if (!isObject(ctx.body)) throw badField("body", "expected a JSON object")
      validateChannelProfile(ctx.body)
      const c = checker()
      const appId = reqString(c, ctx.body, "app_id")
      const r = recipient(c, ctx.body)
      const channel = reqChannel(c, ctx.body, "channel")
      if (channel !== "" && !["MESSENGER", "INSTAGRAM", "VIBER"].includes(channel)) {
        c.add("channel", "channel profiles are only supported on MESSENGER, INSTAGRAM and VIBER")
      }
      check(c)
      getApp(ctx.p, appId)
      let contact
      let identity: string | undefined
      if (r!._tag === "ContactId") {
        contact = getContact(ctx.p, r!.contactId)
        identity = contact.wire.channel_identities.find((ci) => ci.channel === channel)?.identity
      } else {
        const ci = r!.identities.find((x) => x.channel === channel) ?? r!.identities[0]!
        identity = ci.identity
        contact = findContactByIdentity(ctx.p, ci.channel, ci.identity)
      }
      if (identity === undefined) throw notFound("channel identity", `${channel} of contact ${contact?.wire.id ?? ""}`)
      const name = contact !== undefined && contact.wire.display_name !== "" ? contact.wire.display_name : undefined
      return { profile_name: name ?? `${channel} user ${identity}` }
    }
  })
  router.add("GET", `${base}/contacts:identityConflicts`, "contacts.listIdentityConflicts", {
    kind: "api",
    handler: ({ p, query }) => {
      const limit = pageSize(query, 10, 20)
      const start = pageToken(query, "i") ?? 0
      const all = identityConflicts(p)
      const page = all.slice(start, start + limit)
      const more = start + limit < all.length
      return { conflicts: page, next_page_token: more ? encodeToken("i", start + limit) : "" }
    }
  })
}
