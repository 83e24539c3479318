/**
 * What a plain-text channel (SMS) shows of a message of any kind: the inspector renders SMS conversations
 * with it, and rich channels from the message itself.
 */
import { isObject, type Json } from "../validate.js"

const str = (u: unknown): string => (typeof u === "string" ? u : "")

const lines = (...parts: ReadonlyArray<string | undefined>): string =>
  parts.filter((p): p is string => p !== undefined && p !== "").join("\n")

const objects = (u: unknown): Array<Json> => (Array.isArray(u) ? u.filter(isObject) : [])

/** One choice (a suggested reply or action) as text. */
const choiceText = (choice: Json): string => {
  const [kind, body] = Object.entries(choice).find(([k, v]) => k !== "postback_data" && isObject(v)) ?? []
  if (!isObject(body)) return ""
  switch (kind) {
    case "text_message":
      return str(body["text"])
    case "url_message":
      return lines(str(body["title"]), str(body["url"])).replace("\n", ": ")
    case "call_message":
      return `${str(body["title"])}: ${str(body["phone_number"])}`
    case "location_message":
      return `${str(body["title"])} (${locationText(body)})`
    case "calendar_message":
      return `${str(body["title"])}: ${str(body["event_start"])}`
    default:
      return str(body["title"]) || str(body["text"])
  }
}

const numbered = (choices: ReadonlyArray<Json>): string | undefined =>
  choices.length === 0 ? undefined : choices.map((c, i) => `${i + 1}. ${choiceText(c)}`).join("\n")

const locationText = (body: Json): string => {
  const coords = isObject(body["coordinates"]) ? body["coordinates"] : {}
  return `${String(coords["latitude"] ?? "?")}, ${String(coords["longitude"] ?? "?")}`
}

const cardText = (card: Json): string =>
  lines(
    str(card["title"]),
    str(card["description"]),
    isObject(card["media_message"]) ? str(card["media_message"]["url"]) : undefined,
    numbered(objects(card["choices"]))
  )

const parameters = (u: unknown): string | undefined =>
  isObject(u)
    ? Object.entries(u)
        .map(([k, v]) => `${k}=${String(v)}`)
        .join(", ") || undefined
    : undefined

const templateText = (body: Json): string => {
  const omni = isObject(body["omni_template"]) ? body["omni_template"] : undefined
  if (omni !== undefined) {
    return lines(
      `[template ${str(omni["template_id"])} v${str(omni["version"])}${omni["language_code"] ? ` ${str(omni["language_code"])}` : ""}]`,
      parameters(omni["parameters"])
    )
  }
  const perChannel = isObject(body["channel_template"]) ? body["channel_template"] : {}
  return Object.entries(perChannel)
    .map(([channel, t]) =>
      isObject(t)
        ? lines(`[${channel} template ${str(t["template_id"])} v${str(t["version"])}]`, parameters(t["parameters"]))
        : ""
    )
    .join("\n")
}

/** The kind of a message body (`text_message`, `card_message`, ...). */
export const kindOf = (message: Json): string =>
  Object.keys(message).find((k) => k.endsWith("_message") && isObject(message[k])) ?? Object.keys(message)[0] ?? ""

/** A message of any kind as plain text. */
export const plainText = (message: Json): string => {
  const kind = kindOf(message)
  const body = isObject(message[kind]) ? message[kind] : {}
  switch (kind) {
    case "text_message":
      return str(body["text"])
    case "media_message":
    case "media_card_message":
      return lines(str(body["caption"]), str(body["url"]))
    case "choice_message":
      return lines(
        isObject(body["text_message"]) ? str(body["text_message"]["text"]) : undefined,
        numbered(objects(body["choices"]))
      )
    case "card_message":
      return cardText(body)
    case "carousel_message":
      return lines(...objects(body["cards"]).map(cardText), numbered(objects(body["choices"])))
    case "location_message":
    case "shared_location_message":
      return lines(str(body["title"]), str(body["label"]), locationText(body))
    case "contact_info_message": {
      const name = isObject(body["name"]) ? str(body["name"]["full_name"]) : ""
      const phones = objects(body["phone_numbers"]).map((p) => str(p["phone_number"]))
      const emails = objects(body["email_addresses"]).map((e) => str(e["email_address"]))
      return lines(name, ...phones, ...emails)
    }
    case "list_message": {
      const items = objects(body["sections"]).flatMap((s) =>
        objects(s["items"]).map((item) => {
          const choice = isObject(item["choice"]) ? item["choice"] : isObject(item["product"]) ? item["product"] : item
          return str(choice["title"]) || str(choice["id"])
        })
      )
      return lines(
        str(body["title"]),
        str(body["description"]),
        numbered(items.map((t) => ({ text_message: { text: t } })))
      )
    }
    case "template_message":
      return templateText(body)
    case "choice_response_message":
      return str(body["postback_data"]) || `(choice on ${str(body["message_id"])})`
    case "fallback_message":
      return str(body["raw_message"])
    case "product_response_message":
      return lines(str(body["title"]), ...objects(body["products"]).map((p) => str(p["id"])))
    default:
      return JSON.stringify(message)
  }
}
