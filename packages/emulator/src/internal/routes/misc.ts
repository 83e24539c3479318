/**
 * Capability, opt-in/opt-out registration, consents and project settings.
 */
import type { Operations } from "@sinch-effect/schema"
import { Enums } from "@sinch-effect/schema"
import type { Common, ProjectSettings } from "@sinch-effect/schema"
import * as Either from "effect/Either"
import type * as Schema from "effect/Schema"
import type { Handlers, Input } from "../core.js"
import { apiError, notFound, type Result } from "../errors.js"
import { recipientIdentities } from "../flows.js"
import { pageSize, token } from "../params.js"
import {
  appChannels,
  changeConsent,
  consentList,
  type ContactRecord,
  encodeToken,
  findContactByIdentity,
  getApp,
  getContact,
  type ProjectState,
  setSettings,
  type SettingsWire
} from "../project.js"
import { uuid } from "../ulid.js"
import { type ChannelIdentity, knownChannels, nonEmpty, recipientRule, required, rule, rules } from "../validate.js"

/** The contact and the channel identities a recipient names. */
const targets = (
  p: ProjectState,
  r: Common.Recipient
): Result<{ contact: ContactRecord | undefined; identities: ReadonlyArray<ChannelIdentity> }> => {
  if (!("identified_by" in r)) {
    return Either.map(getContact(p, r.contact_id), (contact) => ({
      contact,
      identities: contact.wire.channel_identities
    }))
  }
  const identities = recipientIdentities(r.identified_by.channel_identities)
  let contact: ContactRecord | undefined
  for (const ci of identities) {
    contact = findContactByIdentity(p, ci.channel, ci.identity)
    if (contact !== undefined) break
  }
  return Either.right({ contact, identities })
}

const lookup = ({ body, core, p }: Input<typeof Operations.conversation.capability.lookup>) =>
  Either.gen(function* () {
    yield* rules(required("app_id", body.app_id), recipientRule("recipient", body.recipient))
    const app = yield* getApp(p, body.app_id)
    const { contact, identities } = yield* targets(p, body.recipient)
    const id = body.request_id !== undefined && body.request_id !== "" ? body.request_id : uuid()
    const configured = appChannels(app)
    for (const ci of identities) {
      const ok = configured.includes(ci.channel)
      core.dispatcher.emit(p, app, "CAPABILITY", "capability_notification", {
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
    return { app_id: body.app_id, recipient: body.recipient, request_id: id }
  })

const registration =
  (kind: "opt_in" | "opt_out") =>
  ({
    body,
    core,
    p,
    query
  }: Input<typeof Operations.conversation.optIns.register | typeof Operations.conversation.optOuts.register>) =>
    Either.gen(function* () {
      yield* rules(
        required("app_id", body.app_id),
        nonEmpty("channels", body.channels, "channel"),
        knownChannels("channels", body.channels),
        recipientRule("recipient", body.recipient)
      )
      const app = yield* getApp(p, body.app_id)
      const { contact, identities } = yield* targets(p, body.recipient)
      const requestId = query.request_id !== undefined && query.request_id !== "" ? query.request_id : uuid()
      const trigger = kind === "opt_in" ? "OPT_IN" : "OPT_OUT"
      const channels = body.channels ?? []
      for (const channel of channels) {
        const ci = identities.find((x) => x.channel === channel)
        if (ci !== undefined) {
          changeConsent(p, {
            appId: app.id,
            listType: "OPT_OUT_ALL",
            identity: ci.identity,
            operation: kind === "opt_out" ? "OPERATION_INSERT" : "OPERATION_DELETE",
            datetime: new Date(core.env.nowMs()).toISOString()
          })
        }
        core.dispatcher.emit(p, app, trigger, `${kind}_notification`, {
          request_id: requestId,
          contact_id: contact?.wire.id ?? "",
          channel,
          identity: ci?.identity ?? "",
          status: ci === undefined ? `${trigger}_FAILED` : `${trigger}_SUCCEEDED`,
          ...(ci === undefined ? { error_details: { description: `recipient has no ${channel} identity` } } : {}),
          processing_mode: app.wire.processing_mode
        })
      }
      return {
        [kind]: {
          app_id: body.app_id,
          channels,
          recipient: body.recipient,
          processing_strategy: body.processing_strategy ?? "DEFAULT"
        },
        request_id: requestId
      }
    })

/** A project settings body as sent. */
type SettingsBody = Schema.Schema.Encoded<typeof ProjectSettings.ProjectSettingsRequest>

/**
 * The settings a create or update body gives. One shape only, as Sinch and every official SDK: `contact_settings` at
 * the top level, never under `settings`.
 */
const settingsOf = (json: SettingsBody, withDefaults: boolean): Result<SettingsWire> =>
  Either.map(
    rules(rule("settings" in json, "settings", 'Unknown name "settings": the body is {"contact_settings": {...}}')),
    () => ({
      contact_settings: { ...(withDefaults && { unified_contact_id_enabled: false }), ...json.contact_settings }
    })
  )

const settingsWire = (p: ProjectState, settings: SettingsWire) => ({ project_id: p.id, settings })

/** The settings of a project (404 when it has none). */
const settingsOfProject = (p: ProjectState): Result<SettingsWire> =>
  p.settings === undefined ? Either.left(notFound("settings", p.id)) : Either.right(p.settings)

/** The emulator's behaviour of the `capability` operations. */
export const capability: Handlers<typeof Operations.conversation.capability> = { lookup }

/** The emulator's behaviour of the `optIns` operations. */
export const optIns: Handlers<typeof Operations.conversation.optIns> = { register: registration("opt_in") }

/** The emulator's behaviour of the `optOuts` operations. */
export const optOuts: Handlers<typeof Operations.conversation.optOuts> = { register: registration("opt_out") }

/** The emulator's behaviour of the `consents` operations. */
export const consents: Handlers<typeof Operations.conversation.consents> = {
  listAuditRecords: ({ p, path }) =>
    Either.map(getApp(p, path.app_id), (app) => ({
      identity: { identity: path.identity },
      audit_records: p.consents.audit.get(`${app.id}|${path.identity}`) ?? []
    })),
  listIdentities: ({ p, path, query }) =>
    Either.gen(function* () {
      const app = yield* getApp(p, path.app_id)
      const listType = path.list_type
      yield* rules(rule(!Enums.ConsentListType.is(listType), "list_type", `unknown consent list '${listType}'`))
      const limit = yield* pageSize(query.page_size, 10, 100)
      const start = (yield* token("k", query.page_token)) ?? 0
      const all = consentList(p, app.id, listType)
      const more = start + limit < all.length
      return {
        identities: all.slice(start, start + limit).map((identity) => ({ identity })),
        next_page_token: more ? encodeToken("k", start + limit) : ""
      }
    })
}

/** The emulator's behaviour of the `projectSettings` operations. */
export const projectSettings: Handlers<typeof Operations.conversation.projectSettings> = {
  get: ({ p }) => Either.map(settingsOfProject(p), (settings) => settingsWire(p, settings)),
  create: ({ json, p }) =>
    Either.gen(function* () {
      if (p.settings !== undefined) {
        return yield* Either.left(apiError(409, "ALREADY_EXISTS", `settings of project ${p.id} already exist`))
      }
      const settings = yield* settingsOf(json, true)
      setSettings(p, settings)
      return settingsWire(p, settings)
    }),
  update: ({ json, p }) =>
    Either.gen(function* () {
      const current = yield* settingsOfProject(p)
      const next = yield* settingsOf(json, false)
      const settings = { contact_settings: { ...current.contact_settings, ...next.contact_settings } }
      setSettings(p, settings)
      return settingsWire(p, settings)
    }),
  delete: ({ p }) =>
    Either.map(settingsOfProject(p), () => {
      setSettings(p, undefined)
      return {}
    })
}
