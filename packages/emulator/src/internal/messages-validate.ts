/**
 * Validation of app and contact message payloads (the one-of "kinds" of AppMessage / ContactMessage).
 */
import {
  type Checker,
  type Json,
  isObject,
  optObject,
  optObjectArray,
  optString,
  reqObject,
  reqString
} from "./validate.js"

const APP_KINDS = [
  "text_message",
  "media_message",
  "template_message",
  "choice_message",
  "card_message",
  "carousel_message",
  "location_message",
  "contact_info_message",
  "list_message"
] as const

const APP_EXTRAS = ["explicit_channel_message", "explicit_channel_omni_message", "channel_specific_message", "agent"]

const CONTACT_KINDS = [
  "text_message",
  "media_message",
  "location_message",
  "choice_response_message",
  "media_card_message",
  "fallback_message",
  "contact_info_message",
  "product_response_message",
  "shared_location_message"
] as const

const checkKind = (c: Checker, kind: string, body: Json, path: string, isApp: boolean): void => {
  switch (kind) {
    case "text_message":
      reqString(c, body, "text", `${path}.text`)
      return
    case "media_message":
    case "media_card_message":
      reqString(c, body, "url", `${path}.url`)
      return
    case "location_message": {
      const coords = reqObject(c, body, "coordinates", `${path}.coordinates`)
      if (coords !== undefined) {
        for (const f of ["latitude", "longitude"]) {
          if (typeof coords[f] !== "number") c.add(`${path}.coordinates.${f}`, "expected a number")
        }
      }
      if (kind === "location_message" && isApp) reqString(c, body, "title", `${path}.title`)
      return
    }
    case "template_message": {
      const omni = optObject(c, body, "omni_template", `${path}.omni_template`)
      const channel = optObject(c, body, "channel_template", `${path}.channel_template`)
      if (omni === undefined && channel === undefined)
        c.add(path, "one of omni_template or channel_template is required")
      if (omni !== undefined) {
        reqString(c, omni, "template_id", `${path}.omni_template.template_id`)
        reqString(c, omni, "version", `${path}.omni_template.version`)
      }
      return
    }
    case "choice_message": {
      const choices = optObjectArray(c, body, "choices", `${path}.choices`)
      if (choices === undefined || choices.length === 0) c.add(`${path}.choices`, "at least one choice is required")
      return
    }
    case "card_message":
      optString(c, body, "title", `${path}.title`)
      optString(c, body, "description", `${path}.description`)
      return
    case "carousel_message": {
      const cards = optObjectArray(c, body, "cards", `${path}.cards`)
      if (cards === undefined || cards.length === 0) c.add(`${path}.cards`, "at least one card is required")
      return
    }
    case "contact_info_message": {
      const name = reqObject(c, body, "name", `${path}.name`)
      if (name !== undefined) reqString(c, name, "full_name", `${path}.name.full_name`)
      const phones = optObjectArray(c, body, "phone_numbers", `${path}.phone_numbers`)
      if (phones === undefined || phones.length === 0)
        c.add(`${path}.phone_numbers`, "at least one phone number is required")
      return
    }
    case "list_message": {
      reqString(c, body, "title", `${path}.title`)
      const sections = optObjectArray(c, body, "sections", `${path}.sections`)
      if (sections === undefined || sections.length === 0) c.add(`${path}.sections`, "at least one section is required")
      return
    }
    case "choice_response_message":
      reqString(c, body, "message_id", `${path}.message_id`)
      return
    default:
      return
  }
}

/** Validates an AppMessage; returns the kind name (or "explicit_channel_message" etc. when only overrides). */
export const appMessage = (c: Checker, obj: Json, field: string): string | undefined => {
  const m = reqObject(c, obj, field)
  if (m === undefined) return undefined
  const present = APP_KINDS.filter((k) => m[k] !== undefined && m[k] !== null)
  const extras = APP_EXTRAS.filter((k) => m[k] !== undefined && m[k] !== null)
  if (present.length === 0 && extras.filter((e) => e !== "agent").length === 0) {
    c.add(field, `one of ${APP_KINDS.join(", ")} is required`)
    return undefined
  }
  if (present.length > 1) {
    c.add(field, `only one message kind may be set, got ${present.join(", ")}`)
    return undefined
  }
  const kind = present[0]
  if (kind !== undefined) {
    const body = m[kind]
    if (!isObject(body)) c.add(`${field}.${kind}`, "expected an object")
    else checkKind(c, kind, body, `${field}.${kind}`, true)
    return kind
  }
  return extras[0]
}

/** Validates a ContactMessage; returns the kind name. */
export const contactMessage = (c: Checker, obj: Json, field: string): string | undefined => {
  const m = reqObject(c, obj, field)
  if (m === undefined) return undefined
  const present = CONTACT_KINDS.filter((k) => m[k] !== undefined && m[k] !== null)
  if (present.length !== 1) {
    c.add(
      field,
      present.length === 0
        ? `one of ${CONTACT_KINDS.join(", ")} is required`
        : `only one message kind may be set, got ${present.join(", ")}`
    )
    return undefined
  }
  const kind = present[0]!
  const body = m[kind]
  if (!isObject(body)) c.add(`${field}.${kind}`, "expected an object")
  else checkKind(c, kind, body, `${field}.${kind}`, false)
  return kind
}

/** A short text summary of an app message (for transcoding). */
export const textOf = (m: Json): string | undefined => {
  const t = m["text_message"]
  if (isObject(t) && typeof t["text"] === "string") return t["text"]
  return undefined
}
