/**
 * Hand-written request validation that collects google.rpc.BadRequest field violations.
 */
import { Enums } from "@sinch-effect/schema"
import { type ApiError, type FieldViolation, invalidArgument } from "./errors.js"

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

/** An optional boolean field. */
export const optBoolean = (c: Checker, obj: Json, field: string, path = field): boolean | undefined => {
  const v = obj[field]
  if (v === undefined || v === null) return undefined
  if (typeof v !== "boolean") {
    c.add(path, `expected a boolean, got ${describe(v)}`)
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

/** An optional object field. */
export const optObject = (c: Checker, obj: Json, field: string, path = field): Json | undefined => {
  const v = obj[field]
  if (v === undefined || v === null) return undefined
  if (!isObject(v)) {
    c.add(path, `expected an object, got ${describe(v)}`)
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
  return optObject(c, obj, field, path)
}

/** An optional array of strings. */
export const optStringArray = (c: Checker, obj: Json, field: string, path = field): Array<string> | undefined => {
  const v = obj[field]
  if (v === undefined || v === null) return undefined
  if (!Array.isArray(v)) {
    c.add(path, `expected an array, got ${describe(v)}`)
    return undefined
  }
  const out: Array<string> = []
  v.forEach((x, i) => {
    if (typeof x !== "string") c.add(`${path}[${i}]`, `expected a string, got ${describe(x)}`)
    else out.push(x)
  })
  return out
}

/** An optional array of objects. */
export const optObjectArray = (c: Checker, obj: Json, field: string, path = field): Array<Json> | undefined => {
  const v = obj[field]
  if (v === undefined || v === null) return undefined
  if (!Array.isArray(v)) {
    c.add(path, `expected an array, got ${describe(v)}`)
    return undefined
  }
  const out: Array<Json> = []
  v.forEach((x, i) => {
    if (!isObject(x)) c.add(`${path}[${i}]`, `expected an object, got ${describe(x)}`)
    else out.push(x)
  })
  return out
}

/** The Conversation API channels. */
export const CHANNELS: ReadonlySet<string> = new Set(Enums.ConversationChannel.literals)

/** A required channel enum value. */
export const reqChannel = (c: Checker, obj: Json, field: string, path = field): string => {
  const v = reqString(c, obj, field, path)
  if (v !== "" && !CHANNELS.has(v)) c.add(path, `unknown channel '${v}'`)
  return v
}

/** A list of channels. */
export const optChannels = (c: Checker, obj: Json, field: string, path = field): Array<string> | undefined => {
  const v = optStringArray(c, obj, field, path)
  v?.forEach((ch, i) => {
    if (!CHANNELS.has(ch)) c.add(`${path}[${i}]`, `unknown channel '${ch}'`)
  })
  return v
}

/** A channel identity `{channel, identity, app_id?}`. */
export interface ChannelIdentity {
  readonly channel: string
  readonly identity: string
  readonly app_id?: string
}

/** Reads a list of channel identities. */
export const channelIdentities = (
  c: Checker,
  obj: Json,
  field: string,
  path: string,
  required: boolean
): Array<ChannelIdentity> => {
  const list = optObjectArray(c, obj, field, path)
  if (list === undefined || list.length === 0) {
    if (required) c.add(path, "at least one channel identity is required")
    return []
  }
  return list.map((ci, i) => {
    const channel = reqChannel(c, ci, "channel", `${path}[${i}].channel`)
    const identity = reqString(c, ci, "identity", `${path}[${i}].identity`)
    const appId = optString(c, ci, "app_id", `${path}[${i}].app_id`)
    return appId !== undefined && appId !== "" ? { channel, identity, app_id: appId } : { channel, identity }
  })
}

/** A recipient: `{contact_id}` or `{identified_by: {channel_identities}}`. */
export type Recipient =
  | { readonly _tag: "ContactId"; readonly contactId: string }
  | { readonly _tag: "IdentifiedBy"; readonly identities: Array<ChannelIdentity> }

/** Reads a required recipient. */
export const recipient = (c: Checker, obj: Json, field = "recipient"): Recipient | undefined => {
  const r = reqObject(c, obj, field)
  if (r === undefined) return undefined
  const contactId = optString(c, r, "contact_id", `${field}.contact_id`)
  const identifiedBy = optObject(c, r, "identified_by", `${field}.identified_by`)
  if (contactId !== undefined && contactId !== "" && identifiedBy !== undefined) {
    c.add(field, "only one of contact_id or identified_by may be set")
    return undefined
  }
  if (contactId !== undefined && contactId !== "") return { _tag: "ContactId", contactId }
  if (identifiedBy !== undefined) {
    const identities = channelIdentities(
      c,
      identifiedBy,
      "channel_identities",
      `${field}.identified_by.channel_identities`,
      true
    )
    return { _tag: "IdentifiedBy", identities }
  }
  c.add(field, "one of contact_id or identified_by is required")
  return undefined
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
