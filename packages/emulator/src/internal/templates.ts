/**
 * The Template Management API's store (v1 and v2) and the resolution of a `template_message` against it.
 *
 * Every operation is a function from decoded input to a result or a Sinch error (`Either`); state changes happen only
 * here. Templates keep the JSON they were given (unknown fields included); the typed request decides what is valid.
 * v1 and v2 templates share one id space per project, as one store: a v1 template is not visible to v2 and the
 * other way round, but both can be sent.
 */
import { Batch, Templates } from "@sinch-effect/schema"
import * as Either from "effect/Either"
import type * as Schema from "effect/Schema"
import { type ApiError, apiError, badField, invalidArgument, notFound } from "./errors.js"
import { masked } from "./params.js"
import { substitute } from "./placeholders.js"
import type { Env, ProjectState } from "./project.js"
import { decoder } from "./schema-check.js"
import { isObject, type Json } from "./validate.js"

const decodeV1 = decoder(Templates.Template)

/** The message kinds a v2 translation can hold (exactly one of them). */
const KINDS = [
  "text_message",
  "media_message",
  "template_message",
  "choice_message",
  "card_message",
  "carousel_message",
  "location_message",
  "list_message",
  "contact_info_message"
] as const

/** The channels a v2 translation may override with a channel-specific template. */
const OVERRIDE_CHANNELS: ReadonlySet<string> = new Set(["WHATSAPP", "KAKAOTALK"])

/** The version alias of the newest translation of a language. */
export const LATEST = "latest"

/**
 * A v1 template as the API answers it (the encoded side of `Templates.Template`; translations carry their content as
 * a JSON string). Like every template, it keeps the fields it was given that the schema does not model.
 */
type V1Wire = Schema.Schema.Encoded<typeof Templates.Template>
type V1Translation = Schema.Schema.Encoded<typeof Templates.TemplateTranslation>

/** A v2 template as the API answers it (the encoded side of `Templates.TemplateV2`). */
type V2Wire = Schema.Schema.Encoded<typeof Templates.TemplateV2>
type V2Translation = Schema.Schema.Encoded<typeof Templates.TemplateTranslationV2>

/** A v2 create body as sent. */
type V2CreateBody = Schema.Schema.Encoded<typeof Templates.CreateTemplateV2Request>

/** A v2 update body as sent (it may carry the read-only fields of the template it was read from). */
type V2UpdateBody = Schema.Schema.Encoded<typeof Templates.UpdateTemplateV2Request> &
  Pick<V2Wire, "id" | "create_time" | "update_time">

/** A stored v1 template. */
interface V1Template {
  readonly _tag: "V1"
  readonly wire: V1Wire
}

/** A stored v2 template, without the `latest` aliases (added when read). */
interface V2Template {
  readonly _tag: "V2"
  readonly wire: V2Wire
}

type Stored = V1Template | V2Template

/** The templates of one project, by id. */
export type Store = Map<string, Stored>

const stores = new WeakMap<ProjectState, Store>()

/** The template store of a project (created empty on first use). */
export const storeOf = (p: ProjectState): Store => {
  let store = stores.get(p)
  if (store === undefined) {
    store = new Map()
    stores.set(p, store)
  }
  return store
}

const isoNow = (env: Env): string => new Date(env.nowMs()).toISOString()

const str = (u: unknown): string | undefined => (typeof u === "string" ? u : undefined)

/** A template id as the API accepts it: letters, digits, `_` and `-`, at most 100 characters. */
const ID_PATTERN = /^[A-Za-z0-9_-]{1,100}$/

const checkId = (store: Store, id: unknown): Either.Either<void, ApiError> => {
  if (id === undefined) return Either.void
  if (typeof id !== "string" || !ID_PATTERN.test(id)) {
    return Either.left(badField("id", "must be 1 to 100 letters, digits, '_' or '-'"))
  }
  if (store.has(id)) return Either.left(apiError(409, "ALREADY_EXISTS", `template ${id} already exists`))
  return Either.void
}

const notFoundTemplate = (id: string): ApiError => notFound("template", id)

// ---------------------------------------------------------------------------------------------------------------
// v2

/** The violations of v2 translations: one message kind each, unique (language, version), known override channels. */
const v2Violations = (
  body: Templates.CreateTemplateV2Request | Templates.UpdateTemplateV2Request
): Array<{ field: string; description: string }> => {
  const out: Array<{ field: string; description: string }> = []
  if (body.translations.length === 0) out.push({ field: "translations", description: "at least one is required" })
  const seen = new Set<string>()
  body.translations.forEach((t, i) => {
    const at = `translations[${i}]`
    if (t.language_code === "") out.push({ field: `${at}.language_code`, description: "must not be empty" })
    const version = t.version ?? "1"
    if (version === LATEST) {
      out.push({ field: `${at}.version`, description: `'${LATEST}' is the alias of the newest version, not a version` })
    }
    const key = `${t.language_code}|${version}`
    if (seen.has(key)) {
      out.push({ field: `${at}.version`, description: `${t.language_code} version ${version} is given twice` })
    }
    seen.add(key)
    const kinds = KINDS.filter((k) => t[k] !== undefined)
    if (kinds.length !== 1) {
      out.push({
        field: at,
        description:
          kinds.length === 0 ? `one of ${KINDS.join(", ")} is required` : `only one of ${kinds.join(", ")} may be set`
      })
    }
    for (const channel of Object.keys(t.channel_template_overrides ?? {})) {
      if (!OVERRIDE_CHANNELS.has(channel)) {
        out.push({
          field: `${at}.channel_template_overrides.${channel}`,
          description: "only WHATSAPP and KAKAOTALK templates can override a translation"
        })
      }
    }
    const keys = new Set((t.variables ?? []).map((v) => v.key))
    for (const name of Batch.parameterNames(t[kinds[0] ?? "text_message"])) {
      if (t.variables !== undefined && !keys.has(name)) {
        out.push({ field: `${at}.variables`, description: `the content uses \${${name}}, which is not a variable` })
      }
    }
  })
  if (!body.translations.some((t) => t.language_code === body.default_translation)) {
    out.push({ field: "default_translation", description: `no translation has language ${body.default_translation}` })
  }
  return out
}

/** The create time of the translation of `previous` with the same language and version, or `now`. */
const createTime = (
  previous: ReadonlyArray<V1Translation | V2Translation>,
  t: { readonly language_code: string },
  version: string,
  now: string
): string => previous.find((p) => p.language_code === t.language_code && p.version === version)?.create_time ?? now

/** The stored translations of a v2 body: each keeps the create time of the stored one with its language and version. */
const v2Translations = (
  raw: V2CreateBody | V2UpdateBody,
  previous: ReadonlyArray<V2Translation>,
  now: string
): Array<V2Translation> =>
  raw.translations.map((t) => {
    const version = t.version ?? "1"
    const { create_time: _c, update_time: _u, ...content } = t
    return { ...content, version, create_time: createTime(previous, t, version, now), update_time: now }
  })

/** The newest translation of each language, as the `latest` alias: the last one given for that language. */
const latestOf = (translations: ReadonlyArray<V2Translation>): Array<V2Translation> => {
  const byLanguage = new Map<string, V2Translation>()
  for (const t of translations) byLanguage.set(t.language_code, t)
  return [...byLanguage.values()].map((t) => ({ ...t, version: LATEST }))
}

/** A v2 template as the API answers it: its translations and, per language, the `latest` alias. */
const v2View = (wire: V2Wire): V2Wire => {
  const translations = wire.translations ?? []
  return { ...wire, translations: [...translations, ...latestOf(translations)] }
}

const getV2 = (store: Store, id: string): Either.Either<V2Template, ApiError> => {
  const t = store.get(id)
  return t?._tag === "V2" ? Either.right(t) : Either.left(notFoundTemplate(id))
}

/** `GET /v2/projects/{project_id}/templates`. */
export const v2List = (store: Store): { readonly templates: Array<V2Wire> } => ({
  templates: [...store.values()].filter((t) => t._tag === "V2").map((t) => v2View(t.wire))
})

/** `GET /v2/projects/{project_id}/templates/{template_id}`. */
export const v2Get = (store: Store, id: string): Either.Either<V2Wire, ApiError> =>
  Either.map(getV2(store, id), (t) => v2View(t.wire))

/** `POST /v2/projects/{project_id}/templates`: version 1, translations stamped. */
export const v2Create = (
  store: Store,
  env: Env,
  body: Templates.CreateTemplateV2Request,
  raw: V2CreateBody
): Either.Either<V2Wire, ApiError> =>
  Either.gen(function* () {
    yield* checkId(store, body.id)
    const violations = v2Violations(body)
    if (violations.length > 0) return yield* Either.left(invalidArgument(violations))
    const now = isoNow(env)
    const id = body.id ?? env.ids.next(env.nowMs())
    const wire: V2Wire = {
      ...raw,
      id,
      version: 1,
      translations: v2Translations(raw, [], now),
      create_time: now,
      update_time: now
    }
    store.set(id, { _tag: "V2", wire })
    return v2View(wire)
  })

/** `PUT /v2/projects/{project_id}/templates/{template_id}`: the whole template, from its latest version only. */
export const v2Update = (
  store: Store,
  env: Env,
  id: string,
  body: Templates.UpdateTemplateV2Request,
  raw: V2UpdateBody
): Either.Either<V2Wire, ApiError> =>
  Either.gen(function* () {
    const stored = yield* getV2(store, id)
    const current = stored.wire.version ?? 1
    if (body.version !== current) {
      return yield* Either.left(
        apiError(
          400,
          "FAILED_PRECONDITION",
          `template ${id} is at version ${current}: an update must be made from the latest version (got ${body.version})`
        )
      )
    }
    const violations = v2Violations(body)
    if (violations.length > 0) return yield* Either.left(invalidArgument(violations))
    const now = isoNow(env)
    const { id: _id, create_time: _c, update_time: _u, ...fields } = raw
    const wire: V2Wire = {
      ...fields,
      id,
      version: current + 1,
      translations: v2Translations(raw, stored.wire.translations ?? [], now),
      create_time: stored.wire.create_time ?? now,
      update_time: now
    }
    store.set(id, { _tag: "V2", wire })
    return v2View(wire)
  })

/** `DELETE /v2/projects/{project_id}/templates/{template_id}`. */
export const v2Delete = (store: Store, id: string): Either.Either<Record<string, never>, ApiError> =>
  Either.map(getV2(store, id), () => {
    store.delete(id)
    return {}
  })

/** `GET /v2/projects/{project_id}/templates/{template_id}/translations`, filtered by language and version. */
export const v2ListTranslations = (
  store: Store,
  id: string,
  filter: Templates.ListTranslationsV2Request
): Either.Either<{ readonly translations: Array<V2Translation> }, ApiError> =>
  Either.map(getV2(store, id), (t) => ({
    translations: (v2View(t.wire).translations ?? []).filter(
      (tr) =>
        (filter.language_code === undefined || tr.language_code === filter.language_code) &&
        (filter.translation_version === undefined || tr.version === filter.translation_version)
    )
  }))

// ---------------------------------------------------------------------------------------------------------------
// v1

const v1Violations = (body: Templates.Template): Array<{ field: string; description: string }> => {
  const out: Array<{ field: string; description: string }> = []
  const translations = body.translations ?? []
  if (translations.length === 0) out.push({ field: "translations", description: "at least one is required" })
  translations.forEach((t, i) => {
    if (t.content === undefined || t.content === "") {
      out.push({ field: `translations[${i}].content`, description: "required field is missing" })
    } else if (!isObject(parseJson(t.content))) {
      out.push({ field: `translations[${i}].content`, description: "must be a message as a JSON object" })
    }
  })
  if (body.default_translation !== undefined && !translations.some((t) => t.language_code === body.default_translation))
    out.push({ field: "default_translation", description: `no translation has language ${body.default_translation}` })
  return out
}

const v1Translations = (raw: V1Wire, previous: ReadonlyArray<V1Translation>, now: string): Array<V1Translation> =>
  (raw.translations ?? []).map((t) => {
    const version = t.version ?? "1"
    return { ...t, version, create_time: createTime(previous, t, version, now), update_time: now }
  })

const getV1 = (store: Store, id: string): Either.Either<V1Template, ApiError> => {
  const t = store.get(id)
  return t?._tag === "V1" ? Either.right(t) : Either.left(notFoundTemplate(id))
}

/** `GET /v1/projects/{project_id}/templates`. */
export const v1List = (store: Store): { readonly templates: Array<V1Wire> } => ({
  templates: [...store.values()].filter((t) => t._tag === "V1").map((t) => t.wire)
})

/** `GET /v1/projects/{project_id}/templates/{template_id}`. */
export const v1Get = (store: Store, id: string): Either.Either<V1Wire, ApiError> =>
  Either.map(getV1(store, id), (t) => t.wire)

/** `POST /v1/projects/{project_id}/templates`. */
export const v1Create = (
  store: Store,
  env: Env,
  body: Templates.Template,
  raw: V1Wire
): Either.Either<V1Wire, ApiError> =>
  Either.gen(function* () {
    yield* checkId(store, body.id)
    const violations = v1Violations(body)
    if (violations.length > 0) return yield* Either.left(invalidArgument(violations))
    const now = isoNow(env)
    const id = body.id ?? env.ids.next(env.nowMs())
    const translations = v1Translations(raw, [], now)
    const wire: V1Wire = {
      channel: "UNSPECIFIED",
      ...raw,
      id,
      // a template has a translation (v1Violations)
      default_translation: body.default_translation ?? translations[0]!.language_code,
      translations,
      create_time: now,
      update_time: now
    }
    store.set(id, { _tag: "V1", wire })
    return wire
  })

/** `PATCH /v1/projects/{project_id}/templates/{template_id}`: the given fields (or those of `update_mask`) replace. */
export const v1Update = (
  store: Store,
  env: Env,
  id: string,
  body: Templates.Template,
  raw: V1Wire,
  mask: ReadonlyArray<string> | undefined
): Either.Either<V1Wire, ApiError> =>
  Either.gen(function* () {
    const stored = yield* getV1(store, id)
    if (body.id !== undefined && body.id !== id) return yield* Either.left(badField("id", "cannot be changed"))
    const now = isoNow(env)
    const { create_time: _c, id: _id, update_time: _u, ...fields } = raw
    const given: V1Wire = { ...stored.wire, ...masked(fields, mask) }
    const next: V1Wire = { ...given, translations: v1Translations(given, stored.wire.translations ?? [], now) }
    const merged = yield* decodeV1(next)
    const violations = v1Violations(merged)
    if (violations.length > 0) return yield* Either.left(invalidArgument(violations))
    const wire: V1Wire = { ...next, update_time: now }
    store.set(id, { _tag: "V1", wire })
    return wire
  })

/** `DELETE /v1/projects/{project_id}/templates/{template_id}`. */
export const v1Delete = (store: Store, id: string): Either.Either<Record<string, never>, ApiError> =>
  Either.map(getV1(store, id), () => {
    store.delete(id)
    return {}
  })

// ---------------------------------------------------------------------------------------------------------------
// sending a template message

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** What an `omni_template` resolved to: the chosen translation's message kinds and its channel overrides. */
export interface Resolved {
  /** The message content (one kind: `{ text_message: ... }`), parameters substituted. */
  readonly content: Json
  /** Per channel, the channel-specific template that replaces the content there, parameters mapped. */
  readonly overrides: Readonly<Record<string, Json>>
}

const FIELD = "message.template_message.omni_template"

/** What a message needs of a translation of either version. */
interface Chosen {
  /** The message content (one kind: `{ text_message: ... }`), parameters not substituted yet. */
  readonly content: Json
  readonly variables: ReadonlyArray<{ readonly key: string }> | undefined
  readonly overrides: V2Translation["channel_template_overrides"]
}

/**
 * The translation a reference picks, of either version: its language in its version (`latest` too), or the
 * reference's field that picks none.
 */
const pickTranslation = <T extends { readonly language_code: string; readonly version?: string | undefined }>(
  id: string,
  translations: ReadonlyArray<T>,
  language: string,
  version: string
): Either.Either<T, ApiError> => {
  const ofLanguage = translations.filter((t) => t.language_code === language)
  if (ofLanguage.length === 0) {
    return Either.left(
      invalidArgument([
        { field: `${FIELD}.language_code`, description: `template ${id} has no translation for ${language}` }
      ])
    )
  }
  const picked = version === LATEST ? ofLanguage[ofLanguage.length - 1] : ofLanguage.find((t) => t.version === version)
  return picked !== undefined
    ? Either.right(picked)
    : Either.left(
        invalidArgument([
          { field: `${FIELD}.version`, description: `template ${id} has no version ${version} for ${language}` }
        ])
      )
}

/** The translation of a stored template that a reference picks, as a message needs it. */
const chooseTranslation = (
  id: string,
  stored: Stored,
  language: string,
  version: string
): Either.Either<Chosen, ApiError> =>
  stored._tag === "V1"
    ? Either.map(pickTranslation(id, stored.wire.translations ?? [], language, version), (t) => ({
        content: v1Content(t.content ?? ""),
        variables: t.variables,
        overrides: undefined
      }))
    : Either.map(pickTranslation(id, stored.wire.translations ?? [], language, version), (t) => ({
        content: v2Content(t),
        variables: t.variables,
        overrides: t.channel_template_overrides
      }))

/**
 * Resolves the `omni_template` of a message against the stored templates: the template, the translation of the
 * language and version, every parameter the translation uses. `undefined` when the message is no omni-template.
 */
export const resolve = (p: ProjectState, message: unknown): Either.Either<Resolved | undefined, ApiError> => {
  const omni = isObject(message) && isObject(message["template_message"]) ? message["template_message"] : undefined
  const ref = omni !== undefined && isObject(omni["omni_template"]) ? omni["omni_template"] : undefined
  if (ref === undefined) return Either.right(undefined)
  const id = str(ref["template_id"]) ?? ""
  const version = str(ref["version"]) ?? ""
  const stored = storeOf(p).get(id)
  if (stored === undefined) {
    return Either.left(invalidArgument([{ field: `${FIELD}.template_id`, description: `template ${id} not found` }]))
  }
  const language = str(ref["language_code"]) ?? stored.wire.default_translation ?? ""
  const chosen = chooseTranslation(id, stored, language, version)
  if (Either.isLeft(chosen)) return Either.left(chosen.left)
  const { content, variables, overrides: declaredOverrides } = chosen.right
  const declared = (variables ?? []).map((v) => v.key)
  // the reference's own string values only: a name like `constructor` is not an inherited property
  const parameters = new Map(
    Object.entries(isObject(ref["parameters"]) ? ref["parameters"] : {}).flatMap(([name, value]) =>
      typeof value === "string" ? [[name, value] as const] : []
    )
  )
  const missing = [...new Set([...declared, ...Batch.parameterNames(content)])].filter((name) => !parameters.has(name))
  if (missing.length > 0) {
    return Either.left(
      invalidArgument(
        missing.map((name) => ({ field: `${FIELD}.parameters.${name}`, description: "required by the template" }))
      )
    )
  }
  const overrides: Record<string, Json> = {}
  for (const [channel, o] of Object.entries(declaredOverrides ?? {})) {
    const reference = o.template_reference
    if (reference === undefined) continue
    const mapped: Record<string, string> = { ...reference.parameters }
    for (const [channelParameter, variable] of Object.entries(o.parameter_mappings ?? {})) {
      const value = parameters.get(variable)
      if (value !== undefined) {
        Object.defineProperty(mapped, channelParameter, { value, enumerable: true, writable: true })
      }
    }
    overrides[channel] = {
      template_message: { channel_template: { [channel]: { ...reference, parameters: mapped } } }
    }
  }
  return Either.right({ content: substitute(content, (name) => parameters.get(name)) as Json, overrides })
}

/** The message sent on a channel: the message with its template reference replaced by the rendered content. */
export const render = (message: Json, resolved: Resolved, channel: string): Json => {
  const { template_message: _, ...rest } = message
  return { ...rest, ...(resolved.overrides[channel] ?? resolved.content) }
}

const v1Content = (content: string): Json => {
  const parsed = parseJson(content)
  return isObject(parsed) ? parsed : { text_message: { text: content } }
}

const v2Content = (translation: V2Translation): Json => {
  const out: Json = {}
  for (const k of KINDS) if (translation[k] !== undefined) out[k] = translation[k]
  return out
}
