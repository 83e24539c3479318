/**
 * Sinch's rules that the request schemas do not say (non-empty ids, known channels, lengths, ...), as
 * google.rpc.BadRequest field violations over decoded values; and the readers of the emulator's own control routes.
 */
import type { Common } from "@sinch-effect/schema"
import { Enums } from "@sinch-effect/schema"
import * as Either from "effect/Either"
import { type ApiError, type FieldViolation, invalidArgument, type Result } from "./errors.js"

/** The violations of one rule over one field: none when it holds. */
export type Rule = ReadonlyArray<FieldViolation>

/** Succeeds when every rule holds, else a 400 INVALID_ARGUMENT with the violations of all of them, in order. */
export const rules = (...all: ReadonlyArray<Rule>): Result<void> => {
  const violations = all.flat()
  return violations.length > 0 ? Either.left(invalidArgument(violations)) : Either.right(undefined)
}

/** One violation when `broken`. */
export const rule = (broken: boolean, field: string, description: string): Rule =>
  broken ? [{ field, description }] : []

/** A field that must be present and non-empty (the schemas accept an empty string). */
export const required = (field: string, value: string | undefined): Rule =>
  rule(value === undefined || value === "", field, "required field is missing")

/** A channel that must be one the API knows (the schemas' enums are open). */
export const knownChannel = (field: string, value: string | undefined): Rule =>
  rule(value !== undefined && value !== "" && !CHANNELS.has(value), field, `unknown channel '${value}'`)

/** A list of channels that must all be known. */
export const knownChannels = (field: string, values: ReadonlyArray<string> | undefined): Rule =>
  (values ?? []).flatMap((v, i) => knownChannel(`${field}[${i}]`, v))

/** A value that must be one of `values` when given (the schemas' enums are open). */
export const oneOf = (field: string, value: string | undefined, values: ReadonlyArray<string>, what: string): Rule =>
  rule(value !== undefined && !values.includes(value), field, `unknown ${what} '${value}'`)

/** A string of at most `max` characters. */
export const maxLength = (field: string, value: string | undefined, max: number): Rule =>
  rule(value !== undefined && value.length > max, field, `must be at most ${max} characters`)

/** An http(s) URL when given and non-empty. */
export const httpUrl = (field: string, value: string | undefined): Rule =>
  rule(value !== undefined && value !== "" && !/^https?:\/\//.test(value), field, "must be an http(s) URL")

/** A list that must have at least one item. */
export const nonEmpty = (field: string, list: ReadonlyArray<unknown> | undefined, what: string): Rule =>
  rule(list === undefined || list.length === 0, field, `at least one ${what} is required`)

/** A string where the shared schema also accepts another type (the API takes a string only). */
export const stringOnly = (field: string, value: unknown): Rule =>
  rule(
    value !== undefined && value !== null && typeof value !== "string",
    field,
    `expected a string, got ${describe(value)}`
  )

/** Channel identities: known channels, non-empty identities (and at least one when `required`). */
export const identitiesRule = (
  field: string,
  list: ReadonlyArray<{ readonly channel: string; readonly identity: string }> | undefined,
  required_: boolean
): Rule =>
  !Array.isArray(list) || list.length === 0
    ? rule(required_, field, "at least one channel identity is required")
    : list.flatMap((ci, i) =>
        !isObject(ci) || typeof ci.channel !== "string" || typeof ci.identity !== "string"
          ? rule(true, `${field}[${i}]`, "expected a channel identity {channel, identity}")
          : [
              ...required(`${field}[${i}].channel`, ci.channel),
              ...knownChannel(`${field}[${i}].channel`, ci.channel),
              ...required(`${field}[${i}].identity`, ci.identity)
            ]
      )

/** A recipient: a non-empty `contact_id` or valid `identified_by`, never both. */
export const recipientRule = (field: string, r: Common.Recipient): Rule => {
  if ("contact_id" in r && "identified_by" in r && r.contact_id !== "")
    return rule(true, field, "only one of contact_id or identified_by may be set")
  if ("identified_by" in r)
    return identitiesRule(`${field}.identified_by.channel_identities`, r.identified_by.channel_identities, true)
  return required(field, r.contact_id).length > 0
    ? rule(true, field, "one of contact_id or identified_by is required")
    : []
}

/** A JSON object. */
export type Json = Record<string, unknown>

/** Collects field violations while reading a request body. */
export interface Checker {
  readonly violations: Array<FieldViolation>
  readonly add: (field: string, description: string) => void
  readonly fail: () => ApiError | undefined
}

/** A new checker. */
export const checker = (): Checker => {
  const violations: Array<FieldViolation> = []
  return {
    violations,
    add: (field, description) => {
      violations.push({ field, description })
    },
    fail: () => (violations.length > 0 ? invalidArgument(violations) : undefined)
  }
}

/** True for a plain JSON object. */
export const isObject = (u: unknown): u is Json => typeof u === "object" && u !== null && !Array.isArray(u)

/** Throws the collected violations, if any. */
export const check = (c: Checker): void => {
  const e = c.fail()
  if (e !== undefined) throw e
}

const describe = (u: unknown): string => (u === null ? "null" : Array.isArray(u) ? "array" : typeof u)

/** A required non-empty string field. */
export const reqString = (c: Checker, obj: Json, field: string, path = field): string => {
  const v = obj[field]
  if (v === undefined || v === null || v === "") {
    c.add(path, "required field is missing")
    return ""
  }
  if (typeof v !== "string") {
    c.add(path, `expected a string, got ${describe(v)}`)
    return ""
  }
  return v
}

/** An optional string field. */
export const optString = (c: Checker, obj: Json, field: string, path = field): string | undefined => {
  const v = obj[field]
  if (v === undefined || v === null) return undefined
  if (typeof v !== "string") {
    c.add(path, `expected a string, got ${describe(v)}`)
    return undefined
  }
  return v
}

/** An optional integer field. */
export const optInteger = (c: Checker, obj: Json, field: string, path = field): number | undefined => {
  const v = obj[field]
  if (v === undefined || v === null) return undefined
  if (typeof v !== "number" || !Number.isInteger(v)) {
    c.add(path, `expected an integer, got ${describe(v)}`)
    return undefined
  }
  return v
}

/** An optional integer field within `[min, max]`. */
export const optIntegerIn = (
  c: Checker,
  obj: Json,
  field: string,
  min: number,
  max: number,
  path = field
): number | undefined => {
  const v = optInteger(c, obj, field, path)
  if (v !== undefined && (v < min || v > max)) {
    c.add(path, `expected an integer from ${min} to ${max}, got ${v}`)
    return undefined
  }
  return v
}

/** A required object field. */
export const reqObject = (c: Checker, obj: Json, field: string, path = field): Json | undefined => {
  const v = obj[field]
  if (v === undefined || v === null) {
    c.add(path, "required field is missing")
    return undefined
  }
  if (!isObject(v)) {
    c.add(path, `expected an object, got ${describe(v)}`)
    return undefined
  }
  return v
}

/** The Conversation API channels. */
const CHANNELS: ReadonlySet<string> = new Set(Enums.ConversationChannel.literals)

/** A required channel enum value. */
export const reqChannel = (c: Checker, obj: Json, field: string, path = field): string => {
  const v = reqString(c, obj, field, path)
  if (v !== "" && !CHANNELS.has(v)) c.add(path, `unknown channel '${v}'`)
  return v
}

/** A channel identity `{channel, identity, app_id?}`. */
export interface ChannelIdentity {
  readonly channel: string
  readonly identity: string
  readonly app_id?: string
}

/** Parses an RFC 3339 timestamp into epoch microseconds. */
export const parseTimestampMicros = (s: string): number | undefined => {
  const ms = Date.parse(s)
  if (Number.isNaN(ms)) return undefined
  const frac = /\.(\d+)/.exec(s)
  const micros = frac !== null ? Number((frac[1]! + "000000").slice(3, 6)) : 0
  return ms * 1000 + micros
}

/** Formats epoch microseconds as RFC 3339 with microsecond precision. */
export const formatMicros = (micros: number): string => {
  const ms = Math.floor(micros / 1000)
  const iso = new Date(ms).toISOString()
  const sub = micros - ms * 1000
  return iso.slice(0, -1) + String(sub).padStart(3, "0") + "Z"
}
