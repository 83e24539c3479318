/**
 * Sinch's rules for app and contact messages that their schemas do not say: exactly one kind, and the fields each
 * kind needs non-empty.
 */
import type { Messages } from "@sinch-effect/schema"
import { isObject, type Json, nonEmpty, required, rule, type Rule } from "./validate.js"

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

/** Per-channel overrides, which may stand without a kind. */
const APP_OVERRIDES = ["explicit_channel_message", "explicit_channel_omni_message", "channel_specific_message"] as const

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

const present = <K extends string>(m: object, keys: ReadonlyArray<K>): Array<K> =>
  keys.filter((k) => (m as Record<string, unknown>)[k] !== undefined && (m as Record<string, unknown>)[k] !== null)

const kindCount = (field: string, kinds: ReadonlyArray<string>, all: ReadonlyArray<string>, optional: boolean): Rule =>
  kinds.length > 1
    ? rule(true, field, `only one message kind may be set, got ${kinds.join(", ")}`)
    : rule(kinds.length === 0 && !optional, field, `one of ${all.join(", ")} is required`)

const location = (path: string, m: Messages.LocationMessage, app: boolean): Rule =>
  app ? required(`${path}.title`, m.title) : []

/** The rules of an app message (`message` of a send, `app_message` of a transcoding or an injection). */
export const appMessageRule = (field: string, m: Messages.AppMessage): Rule => {
  const kinds = present(m, APP_KINDS)
  const count = kindCount(field, kinds, APP_KINDS, present(m, APP_OVERRIDES).length > 0)
  if (count.length > 0) return count
  const path = `${field}.${kinds[0]}`
  if (m.text_message !== undefined) return required(`${path}.text`, m.text_message.text)
  if (m.media_message !== undefined) return required(`${path}.url`, m.media_message.url)
  if (m.location_message !== undefined) return location(path, m.location_message, true)
  if (m.template_message !== undefined) {
    const { channel_template, omni_template } = m.template_message
    return [
      ...rule(
        omni_template === undefined && channel_template === undefined,
        path,
        "one of omni_template or channel_template is required"
      ),
      ...(omni_template === undefined
        ? []
        : [
            ...required(`${path}.omni_template.template_id`, omni_template.template_id),
            ...required(`${path}.omni_template.version`, omni_template.version)
          ])
    ]
  }
  if (m.choice_message !== undefined) return nonEmpty(`${path}.choices`, m.choice_message.choices, "choice")
  if (m.carousel_message !== undefined) return nonEmpty(`${path}.cards`, m.carousel_message.cards, "card")
  if (m.contact_info_message !== undefined) {
    return [
      ...required(`${path}.name.full_name`, m.contact_info_message.name.full_name),
      ...nonEmpty(`${path}.phone_numbers`, m.contact_info_message.phone_numbers, "phone number")
    ]
  }
  if (m.list_message !== undefined) {
    return [
      ...required(`${path}.title`, m.list_message.title),
      ...nonEmpty(`${path}.sections`, m.list_message.sections, "section")
    ]
  }
  return []
}

/** The rules of a contact message (an injected or simulated inbound message). */
export const contactMessageRule = (field: string, m: Messages.ContactMessage): Rule => {
  const kinds = present(m, CONTACT_KINDS)
  const count = kindCount(field, kinds, CONTACT_KINDS, false)
  if (count.length > 0) return count
  const path = `${field}.${kinds[0]}`
  if (m.text_message !== undefined) return required(`${path}.text`, m.text_message.text)
  if (m.media_message !== undefined) return required(`${path}.url`, m.media_message.url)
  if (m.media_card_message !== undefined) return required(`${path}.url`, m.media_card_message.url)
  if (m.location_message !== undefined) return location(path, m.location_message, false)
  if (m.choice_response_message !== undefined)
    return required(`${path}.message_id`, m.choice_response_message.message_id)
  if (m.contact_info_message !== undefined) {
    return [
      ...required(`${path}.name.full_name`, m.contact_info_message.name.full_name),
      ...nonEmpty(`${path}.phone_numbers`, m.contact_info_message.phone_numbers, "phone number")
    ]
  }
  return []
}

/** A short text summary of an app message (for transcoding). */
export const textOf = (m: Json): string | undefined => {
  const t = m["text_message"]
  if (isObject(t) && typeof t["text"] === "string") return t["text"]
  return undefined
}
