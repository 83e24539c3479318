/**
 * Apps and webhooks.
 */
import type { Apps, Operations, Webhooks } from "@sinch-effect/schema"
import { Enums } from "@sinch-effect/schema"
import * as Either from "effect/Either"
import type * as Schema from "effect/Schema"
import type { Handlers, Input } from "../core.js"
import {
  appDefaults,
  type AppWire,
  getApp,
  getWebhook,
  insertApp,
  insertWebhook,
  removeApp,
  removeWebhook,
  replaceApp,
  replaceWebhook,
  type WebhookWire
} from "../project.js"
import { masked } from "../params.js"
import { purge } from "../retention.js"
import { httpUrl, knownChannel, oneOf, required, rule, rules } from "../validate.js"

/** Every trigger a webhook may subscribe to (`UNSPECIFIED_TRIGGER` is refused, as the API does). */
const TRIGGERS: ReadonlyArray<string> = Enums.WebhookTrigger.literals.filter((t) => t !== "UNSPECIFIED_TRIGGER")

/** Maximum number of webhooks per app. */
export const MAX_WEBHOOKS_PER_APP = 5

/** An app's create or update body as sent (a create body has the same fields, two of them required). */
type AppBody = Schema.Schema.Encoded<typeof Apps.UpdateAppRequest>

/** A webhook's create or update body as sent. */
type WebhookBody = Schema.Schema.Encoded<typeof Webhooks.UpdateWebhookRequest>

/** The fields of `body` named in `keys` that it gives (not absent, not null), as sent. */
const given = <A extends object, K extends keyof A>(body: A, keys: ReadonlyArray<K>): Partial<Pick<A, K>> => {
  const out: Partial<Pick<A, K>> = {}
  for (const key of keys) if (body[key] !== undefined && body[key] !== null) out[key] = body[key]
  return out
}

/** The settings of an app that a create or update body may give, stored as sent. */
const SETTINGS = [
  "processing_mode",
  "conversation_metadata_report_view",
  "retention_policy",
  "dispatch_retention_policy",
  "smart_conversation",
  "callback_settings",
  "delivery_report_based_fallback",
  "message_retry_settings"
] as const

const appRules = (body: Apps.UpdateAppRequest, json: AppBody) => {
  // a `ttl_days` as a string is an int64 the schema takes; the API wants a JSON integer
  const ttl = json.retention_policy?.ttl_days
  return rules(
    (body.channel_credentials ?? []).flatMap((cred, i) => [
      ...required(`channel_credentials[${i}].channel`, cred.channel),
      ...knownChannel(`channel_credentials[${i}].channel`, cred.channel)
    ]),
    oneOf("processing_mode", body.processing_mode, ["CONVERSATION", "DISPATCH"], "processing mode"),
    ttl === undefined
      ? []
      : typeof ttl !== "number" || !Number.isInteger(ttl)
        ? rule(true, "retention_policy.ttl_days", `expected an integer, got ${typeof ttl}`)
        : rule(ttl < 1 || ttl > 3650, "retention_policy.ttl_days", "must be between 1 and 3650")
  )
}

/** What a create or update body sets on the stored app: the fields as sent, credentials with their defaults. */
const appFields = (json: AppBody): Partial<AppWire> => ({
  ...given(json, SETTINGS),
  ...given(json, ["display_name"]),
  ...(json.channel_credentials !== undefined && {
    channel_credentials: json.channel_credentials.map((cred) => ({
      ...cred,
      state: cred.state ?? { status: "ACTIVE", description: "" },
      channel_known_id: cred.channel_known_id ?? ""
    }))
  })
})

type AppOps = typeof Operations.conversation.apps
type WebhookOps = typeof Operations.conversation.webhooks

const createApp = ({ body, core, json, p }: Input<AppOps["create"]>) =>
  Either.gen(function* () {
    yield* rules(required("display_name", body.display_name))
    yield* appRules(body, json)
    const id = core.env.ids.next(core.env.nowMs())
    return insertApp(p, { ...appDefaults(id), ...appFields(json), id }).wire
  })

const updateApp = ({ body, core, json, p, path, query }: Input<AppOps["update"]>) =>
  Either.gen(function* () {
    const app = yield* getApp(p, path["app_id"]!)
    yield* appRules(body, json)
    const updated: AppWire = { ...app.wire, ...masked(appFields(json), query.update_mask) }
    // a new retention policy applies from now on: what expired under the old one is gone already
    const retentionChanged =
      JSON.stringify(updated["retention_policy"]) !== JSON.stringify(app.wire["retention_policy"])
    if (retentionChanged) purge(core.env, p)
    replaceApp(app, updated)
    if (retentionChanged) purge(core.env, p)
    return app.wire
  })

const webhookRules = (body: Webhooks.UpdateWebhookRequest, create: boolean) =>
  rules(
    create ? required("app_id", body.app_id) : [],
    create ? required("target", body.target) : [],
    httpUrl("target", body.target),
    oneOf("target_type", body.target_type, ["HTTP", "DISMISS", "GRPC"], "target type"),
    body.triggers === undefined ? [] : rule(body.triggers.length === 0, "triggers", "at least one trigger is required"),
    (body.triggers ?? []).flatMap((t, i) => oneOf(`triggers[${i}]`, t, TRIGGERS, "trigger")),
    body.client_credentials === undefined
      ? []
      : (["client_id", "client_secret", "endpoint"] as const).flatMap((k) =>
          required(`client_credentials.${k}`, body.client_credentials![k])
        )
  )

/** What a create or update body sets on the stored webhook, as sent. */
const webhookFields = (json: WebhookBody) =>
  given(json, ["app_id", "target", "target_type", "secret", "triggers", "client_credentials"])

const createWebhook = ({ body, core, json, p }: Input<WebhookOps["create"]>) =>
  Either.gen(function* () {
    yield* webhookRules(body, true)
    const app = yield* getApp(p, body.app_id)
    yield* rules(
      rule(
        app.webhooks.length >= MAX_WEBHOOKS_PER_APP,
        "app_id",
        `app ${app.id} already has the maximum of ${MAX_WEBHOOKS_PER_APP} webhooks`
      )
    )
    const id = core.env.ids.next(core.env.nowMs())
    const wire: WebhookWire = {
      id,
      target_type: "HTTP",
      secret: "",
      ...webhookFields(json),
      app_id: app.id,
      target: body.target,
      triggers: [...body.triggers]
    }
    return insertWebhook(p, app, wire).wire
  })

const updateWebhook = ({ body, json, p, path, query }: Input<WebhookOps["update"]>) =>
  Either.gen(function* () {
    const wh = yield* getWebhook(p, path["webhook_id"]!)
    yield* webhookRules(body, false)
    yield* rules(
      rule(
        body.app_id !== undefined && body.app_id !== wh.wire.app_id,
        "app_id",
        "the app of a webhook cannot be changed"
      )
    )
    replaceWebhook(wh, { ...wh.wire, ...masked(webhookFields(json), query.update_mask) })
    return wh.wire
  })

/** The emulator's behaviour of the `apps` operations. */
export const apps: Handlers<typeof Operations.conversation.apps> = {
  create: createApp,
  update: updateApp,
  list: ({ p }) => Either.right({ apps: [...p.apps.values()].map((a) => a.wire) }),
  get: ({ p, path }) => Either.map(getApp(p, path.app_id), (app) => app.wire),
  delete: ({ p, path }) =>
    Either.map(getApp(p, path.app_id), (app) => {
      removeApp(p, app)
      return {}
    })
}

/** The emulator's behaviour of the `webhooks` operations. */
export const webhooks: Handlers<typeof Operations.conversation.webhooks> = {
  create: createWebhook,
  update: updateWebhook,
  list: ({ p, path }) => Either.map(getApp(p, path.app_id), (app) => ({ webhooks: app.webhooks.map((w) => w.wire) })),
  get: ({ p, path }) => Either.map(getWebhook(p, path.webhook_id), (wh) => wh.wire),
  delete: ({ p, path }) =>
    Either.map(getWebhook(p, path.webhook_id), (wh) => {
      removeWebhook(p, wh)
      return {}
    })
}
