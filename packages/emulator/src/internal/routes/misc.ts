/**
 * Capability, opt-in/opt-out registration, consents and project settings.
 */
import type { Ctx, RouteDef } from "../core.js"
import { apiError, badField, notFound } from "../errors.js"
import { pageSize, pageToken } from "../params.js"
import {
  appChannels,
  type ContactRecord,
  encodeToken,
  findContactByIdentity,
  getApp,
  getContact,
  type ProjectState
} from "../project.js"
import type { Router } from "../router.js"
import { bodyValidator } from "../schema-check.js"
import { Capability, Enums, OptIns, ProjectSettings } from "@sinch-effect/schema"
import { uuid } from "../ulid.js"
import {
  type ChannelIdentity,
  check,
  checker,
  isObject,
  type Json,
  optChannels,
  optString,
  type Recipient,
  recipient,
  reqString
} from "../validate.js"

const validateCapability = bodyValidator(Capability.QueryCapabilityRequest)
const validateOptIn = bodyValidator(OptIns.OptIn)
const validateOptOut = bodyValidator(OptIns.OptOut)
const validateSettingsRequest = bodyValidator(ProjectSettings.ProjectSettingsRequest)

const targets = (
  p: ProjectState,
  r: Recipient
): { contact: ContactRecord | undefined; identities: ReadonlyArray<ChannelIdentity> } => {
  if (r._tag === "ContactId") {
    const contact = getContact(p, r.contactId)
    return { contact, identities: contact.wire.channel_identities }
  }
  let contact: ContactRecord | undefined
  for (const ci of r.identities) {
    contact = findContactByIdentity(p, ci.channel, ci.identity)
    if (contact !== undefined) break
  }
  return { contact, identities: r.identities }
}

const capability = (ctx: Ctx) => {
  const body = ctx.body
  if (!isObject(body)) throw badField("body", "expected a JSON object")
  validateCapability(body)
  const c = checker()
  const appId = reqString(c, body, "app_id")
  const r = recipient(c, body)
  const requestId = optString(c, body, "request_id")
  check(c)
  const app = getApp(ctx.p, appId)
  const { contact, identities } = targets(ctx.p, r!)
  const id = requestId !== undefined && requestId !== "" ? requestId : uuid()
  const configured = appChannels(app)
  for (const ci of identities) {
    const ok = configured.includes(ci.channel)
    ctx.core.dispatcher.emit(ctx.p, app, "CAPABILITY", "capability_notification", {
      contact_id: contact?.wire.id ?? "",
      identity: ci.identity,
      channel: ci.channel,
      capability_status: ok ? "CAPABILITY_FULL" : "NO_CAPABILITY",
      request_id: id,
      channel_capabilities: ok ? ["TEXT", "MEDIA"] : [],
      ...(ok
        ? {}
        : {
            reason: {
              code: "CHANNEL_NOT_CONFIGURED",
              description: `channel ${ci.channel} is not configured on app ${app.id}`,
              sub_code: "UNSPECIFIED_SUB_CODE"
            }
          })
    })
  }
  return { app_id: appId, recipient: body["recipient"], request_id: id }
}

const listOf = (p: ProjectState, appId: string, listType: string): Map<string, number> => {
  let byType = p.consents.lists.get(appId)
  if (byType === undefined) {
    byType = new Map()
    p.consents.lists.set(appId, byType)
  }
  let list = byType.get(listType)
  if (list === undefined) {
    list = new Map()
    byType.set(listType, list)
  }
  return list
}

const audit = (ctx: Ctx, appId: string, identity: string, operation: string, listType: string) => {
  const k = `${appId}|${identity}`
  const records = ctx.p.consents.audit.get(k) ?? []
  records.push({
    origin: "ORIGIN_API",
    operation,
    list_type: listType,
    project_id: ctx.p.id,
    app_id: appId,
    datetime: new Date(ctx.core.env.nowMs()).toISOString()
  })
  ctx.p.consents.audit.set(k, records)
}

const register_ = (kind: "opt_in" | "opt_out") => (ctx: Ctx) => {
  const body = ctx.body
  if (!isObject(body)) throw badField("body", "expected a JSON object")
  const validate = kind === "opt_in" ? validateOptIn : validateOptOut
  validate(body)
  const c = checker()
  const appId = reqString(c, body, "app_id")
  const channels = optChannels(c, body, "channels")
  if (channels === undefined || channels.length === 0) c.add("channels", "at least one channel is required")
  const r = recipient(c, body)
  const strategy = optString(c, body, "processing_strategy")
  check(c)
  const app = getApp(ctx.p, appId)
  const { contact, identities } = targets(ctx.p, r!)
  const requestIdParam = ctx.query.get("request_id")
  const requestId = requestIdParam !== null && requestIdParam !== "" ? requestIdParam : uuid()
  const trigger = kind === "opt_in" ? "OPT_IN" : "OPT_OUT"
  for (const channel of channels!) {
    const ci = identities.find((x) => x.channel === channel)
    if (ci !== undefined) {
      const list = listOf(ctx.p, app.id, "OPT_OUT_ALL")
      if (kind === "opt_out") {
        if (!list.has(ci.identity)) {
          list.set(ci.identity, ctx.p.seq++)
          audit(ctx, app.id, ci.identity, "OPERATION_INSERT", "OPT_OUT_ALL")
        }
      } else if (list.delete(ci.identity)) {
        audit(ctx, app.id, ci.identity, "OPERATION_DELETE", "OPT_OUT_ALL")
      }
    }
    ctx.core.dispatcher.emit(ctx.p, app, trigger, `${kind}_notification`, {
      request_id: requestId,
      contact_id: contact?.wire.id ?? "",
      channel,
      identity: ci?.identity ?? "",
      status: ci === undefined ? `${trigger}_FAILED` : `${trigger}_SUCCEEDED`,
      ...(ci === undefined ? { error_details: { description: `recipient has no ${channel} identity` } } : {}),
      processing_mode: app.wire["processing_mode"]
    })
  }
  return {
    [kind]: {
      app_id: appId,
      channels,
      recipient: body["recipient"],
      processing_strategy: strategy ?? "DEFAULT"
    },
    request_id: requestId
  }
}

const settingsBody = (body: unknown, withDefaults = true): Json => {
  if (!isObject(body)) throw badField("body", "expected a JSON object")
  // One shape only, as Sinch and every official SDK: `contact_settings` at the top level, never under `settings`.
  if (body["settings"] !== undefined) {
    throw badField("settings", 'Unknown name "settings": the body is {"contact_settings": {...}}')
  }
  validateSettingsRequest(body)
  const cs = body["contact_settings"]
  if (cs !== undefined && !isObject(cs)) throw badField("contact_settings", "expected an object")
  if (
    isObject(cs) &&
    cs["unified_contact_id_enabled"] !== undefined &&
    typeof cs["unified_contact_id_enabled"] !== "boolean"
  ) {
    throw badField("contact_settings.unified_contact_id_enabled", "expected a boolean")
  }
  const defaults = withDefaults ? { unified_contact_id_enabled: false } : {}
  return { contact_settings: { ...defaults, ...(isObject(cs) ? cs : {}) } }
}

const settingsWire = (p: ProjectState) => ({ project_id: p.id, settings: p.settings })

/** Registers the remaining routes. */
export const register = (router: Router<RouteDef>): void => {
  const base = "/v1/projects/{project_id}"
  router.add("POST", `${base}/capability:query`, "capability.lookup", { kind: "api", handler: capability })
  router.add("POST", `${base}/optins:register`, "optIns.register", { kind: "api", handler: register_("opt_in") })
  router.add("POST", `${base}/optouts:register`, "optOuts.register", { kind: "api", handler: register_("opt_out") })
  router.add("GET", `${base}/apps/{app_id}/consents/identities/{identity}`, "consents.listAuditRecords", {
    kind: "api",
    handler: ({ p, params }) => {
      const app = getApp(p, params["app_id"]!)
      const identity = params["identity"]!
      return { identity: { identity }, audit_records: p.consents.audit.get(`${app.id}|${identity}`) ?? [] }
    }
  })
  router.add("GET", `${base}/apps/{app_id}/consents/{list_type}`, "consents.listIdentities", {
    kind: "api",
    handler: ({ p, params, query }) => {
      const app = getApp(p, params["app_id"]!)
      const listType = params["list_type"]!
      if (!Enums.ConsentListType.is(listType)) {
        throw badField("list_type", `unknown consent list '${listType}'`)
      }
      const limit = pageSize(query, 10, 100)
      const start = pageToken(query, "k") ?? 0
      const all = [...listOf(p, app.id, listType).keys()]
      const more = start + limit < all.length
      return {
        identities: all.slice(start, start + limit).map((identity) => ({ identity })),
        next_page_token: more ? encodeToken("k", start + limit) : ""
      }
    }
  })
  router.add("GET", `${base}/settings`, "projectSettings.get", {
    kind: "api",
    handler: ({ p }) => {
      if (p.settings === undefined) throw notFound("settings", p.id)
      return settingsWire(p)
    }
  })
  router.add("POST", `${base}/settings`, "projectSettings.create", {
    kind: "api",
    handler: ({ body, p }) => {
      if (p.settings !== undefined) throw apiError(409, "ALREADY_EXISTS", `settings of project ${p.id} already exist`)
      p.settings = settingsBody(body)
      return settingsWire(p)
    }
  })
  router.add("PATCH", `${base}/settings`, "projectSettings.update", {
    kind: "api",
    handler: ({ body, p }) => {
      if (p.settings === undefined) throw notFound("settings", p.id)
      const next = settingsBody(body, false)
      p.settings = {
        contact_settings: { ...(p.settings["contact_settings"] as Json), ...(next["contact_settings"] as Json) }
      }
      return settingsWire(p)
    }
  })
  router.add("DELETE", `${base}/settings`, "projectSettings.delete", {
    kind: "api",
    handler: ({ p }) => {
      if (p.settings === undefined) throw notFound("settings", p.id)
      p.settings = undefined
      return {}
    }
  })
}
