/**
 * Apps and webhooks.
 */
import type { RouteDef } from "../core.js"
import { badField, notFound } from "../errors.js"
import { type AppRecord, getApp, type WebhookRecord } from "../project.js"
import { updateMask } from "../params.js"
import { purge } from "../retention.js"
import type { Router } from "../router.js"
import { bodyValidator } from "../schema-check.js"
import { Apps, Enums, Webhooks } from "@sinch-effect/schema"
import {
  CHANNELS,
  check,
  type Checker,
  checker,
  isObject,
  type Json,
  optInteger,
  optObject,
  optObjectArray,
  optString,
  optStringArray,
  reqString
} from "../validate.js"

const validateCreateApp = bodyValidator(Apps.CreateAppRequest)
const validateUpdateApp = bodyValidator(Apps.UpdateAppRequest)
const validateCreateWebhook = bodyValidator(Webhooks.CreateWebhookRequest)
const validateUpdateWebhook = bodyValidator(Webhooks.UpdateWebhookRequest)

/** Every trigger a webhook may subscribe to (`UNSPECIFIED_TRIGGER` is refused, as the API does). */
const TRIGGERS: ReadonlySet<string> = new Set(Enums.WebhookTrigger.literals.filter((t) => t !== "UNSPECIFIED_TRIGGER"))

/** Maximum number of webhooks per app. */
export const MAX_WEBHOOKS_PER_APP = 5

const credentialsOf = (c: Checker, body: Json, required: boolean): Array<Json> | undefined => {
  const list = optObjectArray(c, body, "channel_credentials")
  if (list === undefined) {
    if (required) c.add("channel_credentials", "required field is missing")
    return undefined
  }
  return list.map((cred, i) => {
    const channel = reqString(c, cred, "channel", `channel_credentials[${i}].channel`)
    if (channel !== "" && !CHANNELS.has(channel))
      c.add(`channel_credentials[${i}].channel`, `unknown channel '${channel}'`)
    return {
      ...cred,
      state: isObject(cred["state"]) ? cred["state"] : { status: "ACTIVE", description: "" },
      channel_known_id: typeof cred["channel_known_id"] === "string" ? cred["channel_known_id"] : ""
    }
  })
}

const appFields = (c: Checker, body: Json): Json => {
  const out: Json = {}
  const mode = optString(c, body, "processing_mode")
  if (mode !== undefined) {
    if (mode !== "CONVERSATION" && mode !== "DISPATCH") c.add("processing_mode", `unknown processing mode '${mode}'`)
    out["processing_mode"] = mode
  }
  const view = optString(c, body, "conversation_metadata_report_view")
  if (view !== undefined) out["conversation_metadata_report_view"] = view
  for (const key of [
    "retention_policy",
    "dispatch_retention_policy",
    "smart_conversation",
    "callback_settings",
    "delivery_report_based_fallback",
    "message_retry_settings"
  ]) {
    const v = optObject(c, body, key)
    if (v !== undefined) out[key] = v
  }
  const retention = out["retention_policy"]
  if (isObject(retention)) {
    const ttl = optInteger(c, retention, "ttl_days", "retention_policy.ttl_days")
    if (ttl !== undefined && (ttl < 1 || ttl > 3650)) c.add("retention_policy.ttl_days", "must be between 1 and 3650")
  }
  return out
}

const defaults = (id: string): Json => ({
  id,
  channel_credentials: [],
  conversation_metadata_report_view: "NONE",
  display_name: "",
  rate_limits: { outbound: 20, inbound: 100, webhooks: 200 },
  retention_policy: { retention_type: "MESSAGE_EXPIRE_POLICY", ttl_days: 180 },
  dispatch_retention_policy: { retention_type: "MESSAGE_EXPIRE_POLICY", ttl_days: 0 },
  processing_mode: "CONVERSATION",
  smart_conversation: { enabled: false },
  queue_stats: { outbound_size: 0, outbound_limit: 500000 },
  persist_message_status: { enabled: false },
  message_search: { enabled: false },
  callback_settings: { secret_for_overridden_callback_urls: "" },
  delivery_report_based_fallback: { enabled: false, delivery_report_waiting_time: 0 },
  message_retry_settings: null
})

/** Creates an app (used by the route, the control API and the seeder). */
export const createApp = (ctx: Parameters<RouteDef["handler"]>[0], body: unknown): AppRecord => {
  if (!isObject(body)) throw badField("body", "expected a JSON object")
  validateCreateApp(body)
  const c = checker()
  const display = reqString(c, body, "display_name")
  const creds = credentialsOf(c, body, true)
  const fields = appFields(c, body)
  check(c)
  const id = ctx.core.env.ids.next(ctx.core.env.nowMs())
  const app: AppRecord = {
    id,
    wire: { ...defaults(id), ...fields, display_name: display, channel_credentials: creds ?? [] },
    webhooks: []
  }
  ctx.p.apps.set(id, app)
  return app
}

const webhookFields = (c: Checker, body: Json, partial: boolean): Json => {
  const out: Json = {}
  const appId = partial ? optString(c, body, "app_id") : reqString(c, body, "app_id")
  if (appId !== undefined) out["app_id"] = appId
  const target = partial ? optString(c, body, "target") : reqString(c, body, "target")
  if (target !== undefined) {
    if (target !== "" && !/^https?:\/\//.test(target)) c.add("target", "must be an http(s) URL")
    out["target"] = target
  }
  const targetType = optString(c, body, "target_type")
  if (targetType !== undefined) {
    if (!["HTTP", "DISMISS", "GRPC"].includes(targetType)) c.add("target_type", `unknown target type '${targetType}'`)
    out["target_type"] = targetType
  }
  const secret = optString(c, body, "secret")
  if (secret !== undefined) out["secret"] = secret
  const triggers = optStringArray(c, body, "triggers")
  if (triggers === undefined) {
    if (!partial) c.add("triggers", "required field is missing")
  } else {
    if (triggers.length === 0) c.add("triggers", "at least one trigger is required")
    triggers.forEach((t, i) => {
      if (!TRIGGERS.has(t)) c.add(`triggers[${i}]`, `unknown trigger '${t}'`)
    })
    out["triggers"] = triggers
  }
  const cc = optObject(c, body, "client_credentials")
  if (cc !== undefined) {
    reqString(c, cc, "client_id", "client_credentials.client_id")
    reqString(c, cc, "client_secret", "client_credentials.client_secret")
    reqString(c, cc, "endpoint", "client_credentials.endpoint")
    out["client_credentials"] = cc
  }
  return out
}

const getWebhook = (ctx: Parameters<RouteDef["handler"]>[0]): WebhookRecord => {
  const wh = ctx.p.webhooks.get(ctx.params["webhook_id"]!)
  if (wh === undefined) throw notFound("webhook", ctx.params["webhook_id"]!)
  return wh
}

/** Creates a webhook (route and control API). */
export const createWebhook = (ctx: Parameters<RouteDef["handler"]>[0], body: unknown): WebhookRecord => {
  if (!isObject(body)) throw badField("body", "expected a JSON object")
  validateCreateWebhook(body)
  const c = checker()
  const fields = webhookFields(c, body, false)
  check(c)
  const app = getApp(ctx.p, fields["app_id"] as string)
  if (app.webhooks.length >= MAX_WEBHOOKS_PER_APP) {
    throw badField("app_id", `app ${app.id} already has the maximum of ${MAX_WEBHOOKS_PER_APP} webhooks`)
  }
  const id = ctx.core.env.ids.next(ctx.core.env.nowMs())
  const wh: WebhookRecord = {
    wire: { id, target_type: "HTTP", secret: "", ...fields, app_id: app.id } as unknown as WebhookRecord["wire"]
  }
  app.webhooks.push(wh)
  ctx.p.webhooks.set(id, wh)
  return wh
}

/** Registers the app and webhook routes. */
export const register = (router: Router<RouteDef>): void => {
  const base = "/v1/projects/{project_id}"
  router.add("GET", `${base}/apps`, "apps.list", {
    kind: "api",
    handler: ({ p }) => ({ apps: [...p.apps.values()].map((a) => a.wire) })
  })
  router.add("POST", `${base}/apps`, "apps.create", {
    kind: "api",
    handler: (ctx) => createApp(ctx, ctx.body).wire
  })
  router.add("GET", `${base}/apps/{app_id}`, "apps.get", {
    kind: "api",
    handler: ({ p, params }) => getApp(p, params["app_id"]!).wire
  })
  router.add("DELETE", `${base}/apps/{app_id}`, "apps.delete", {
    kind: "api",
    handler: ({ p, params }) => {
      const app = getApp(p, params["app_id"]!)
      for (const wh of app.webhooks) p.webhooks.delete(wh.wire.id)
      p.apps.delete(app.id)
      return {}
    }
  })
  router.add("PATCH", `${base}/apps/{app_id}`, "apps.update", {
    kind: "api",
    handler: (ctx) => {
      const { body, p, params, query } = ctx
      const app = getApp(p, params["app_id"]!)
      if (!isObject(body)) throw badField("body", "expected a JSON object")
      validateUpdateApp(body)
      const c = checker()
      const display = optString(c, body, "display_name")
      const creds = credentialsOf(c, body, false)
      const fields = appFields(c, body)
      check(c)
      const next: Json = { ...fields }
      if (display !== undefined) next["display_name"] = display
      if (creds !== undefined) next["channel_credentials"] = creds
      const mask = updateMask(query)
      const updated: Json = { ...app.wire }
      for (const [k, v] of Object.entries(next)) if (mask === undefined || mask.includes(k)) updated[k] = v
      // a new retention policy applies from now on: what expired under the old one is gone already
      const retentionChanged =
        JSON.stringify(updated["retention_policy"]) !== JSON.stringify(app.wire["retention_policy"])
      if (retentionChanged) purge(ctx.core.env, p)
      app.wire = updated
      if (retentionChanged) purge(ctx.core.env, p)
      return app.wire
    }
  })
  router.add("GET", `${base}/apps/{app_id}/webhooks`, "webhooks.list", {
    kind: "api",
    handler: ({ p, params }) => ({ webhooks: getApp(p, params["app_id"]!).webhooks.map((w) => w.wire) })
  })
  router.add("POST", `${base}/webhooks`, "webhooks.create", {
    kind: "api",
    handler: (ctx) => createWebhook(ctx, ctx.body).wire
  })
  router.add("GET", `${base}/webhooks/{webhook_id}`, "webhooks.get", {
    kind: "api",
    handler: (ctx) => getWebhook(ctx).wire
  })
  router.add("PATCH", `${base}/webhooks/{webhook_id}`, "webhooks.update", {
    kind: "api",
    handler: (ctx) => {
      const wh = getWebhook(ctx)
      if (!isObject(ctx.body)) throw badField("body", "expected a JSON object")
      validateUpdateWebhook(ctx.body)
      const c = checker()
      const fields = webhookFields(c, ctx.body, true)
      check(c)
      if (fields["app_id"] !== undefined && fields["app_id"] !== wh.wire.app_id) {
        throw badField("app_id", "the app of a webhook cannot be changed")
      }
      const mask = updateMask(ctx.query)
      const updated: Json = { ...wh.wire }
      for (const [k, v] of Object.entries(fields)) if (mask === undefined || mask.includes(k)) updated[k] = v
      wh.wire = updated as WebhookRecord["wire"]
      return wh.wire
    }
  })
  router.add("DELETE", `${base}/webhooks/{webhook_id}`, "webhooks.delete", {
    kind: "api",
    handler: (ctx) => {
      const wh = getWebhook(ctx)
      const app = ctx.p.apps.get(wh.wire.app_id)
      if (app !== undefined) {
        const i = app.webhooks.indexOf(wh)
        if (i >= 0) app.webhooks.splice(i, 1)
      }
      ctx.p.webhooks.delete(wh.wire.id)
      return {}
    }
  })
}
