import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { Emulator } from "@sinch-effect/emulator"
import { client, createApp, violatedFields } from "./helpers.js"

/**
 * Bad requests and what the emulator answers them: the status and the fields of the Sinch 400 body. Recorded from
 * the emulator before its handlers moved onto the decoded definitions (issue 13): the emulator stays as strict as
 * it was, field for field.
 */
type Refusal = readonly [
  method: "GET" | "POST" | "PATCH",
  path: string,
  body: unknown,
  status: number,
  fields: ReadonlyArray<string>
]

const refusals = (app: string, contact: string, conv: string, msg: string, wh: string): ReadonlyArray<Refusal> => {
  const sms = { identified_by: { channel_identities: [{ channel: "SMS", identity: "+1" }] } }
  const text = { text_message: { text: "hi" } }
  const send = { app_id: app, recipient: sms, message: text }
  const ci = [{ channel: "SMS", identity: "+1" }]
  return [
    // messages:send
    ["POST", "/messages:send", { ...send, app_id: "" }, 400, ["app_id"]],
    ["POST", "/messages:send", { ...send, app_id: 1 }, 400, ["app_id"]],
    ["POST", "/messages:send", { ...send, recipient: {} }, 400, ["recipient.contact_id", "recipient.identified_by"]],
    ["POST", "/messages:send", { ...send, recipient: { contact_id: "" } }, 400, ["recipient"]],
    [
      "POST",
      "/messages:send",
      { ...send, recipient: { contact_id: contact, identified_by: { channel_identities: ci } } },
      400,
      ["recipient"]
    ],
    [
      "POST",
      "/messages:send",
      { ...send, recipient: { identified_by: { channel_identities: [] } } },
      400,
      ["recipient.identified_by.channel_identities"]
    ],
    [
      "POST",
      "/messages:send",
      { ...send, recipient: { identified_by: { channel_identities: [{ channel: "PIGEON", identity: "+1" }] } } },
      400,
      ["recipient.identified_by.channel_identities[0].channel"]
    ],
    [
      "POST",
      "/messages:send",
      { ...send, recipient: { identified_by: { channel_identities: [{ channel: "SMS", identity: "" }] } } },
      400,
      ["recipient.identified_by.channel_identities[0].identity"]
    ],
    ["POST", "/messages:send", { ...send, message: {} }, 400, ["message"]],
    ["POST", "/messages:send", { ...send, message: { text_message: {} } }, 400, ["message.text_message.text"]],
    [
      "POST",
      "/messages:send",
      { ...send, message: { text_message: { text: "" } } },
      400,
      ["message.text_message.text"]
    ],
    [
      "POST",
      "/messages:send",
      { ...send, message: { media_message: { url: "" } } },
      400,
      ["message.media_message.url"]
    ],
    ["POST", "/messages:send", { ...send, message: { template_message: {} } }, 400, ["message.template_message"]],
    [
      "POST",
      "/messages:send",
      { ...send, message: { template_message: { omni_template: { template_id: "", version: "1" } } } },
      400,
      ["message.template_message.omni_template.template_id"]
    ],
    [
      "POST",
      "/messages:send",
      { ...send, message: { choice_message: { choices: [] } } },
      400,
      ["message.choice_message.choices"]
    ],
    [
      "POST",
      "/messages:send",
      { ...send, message: { carousel_message: { cards: [] } } },
      400,
      ["message.carousel_message.cards"]
    ],
    [
      "POST",
      "/messages:send",
      { ...send, message: { location_message: { coordinates: { latitude: 1, longitude: 2 } } } },
      400,
      ["message.location_message.title"]
    ],
    [
      "POST",
      "/messages:send",
      { ...send, message: { location_message: { title: "x", coordinates: { latitude: "1", longitude: 2 } } } },
      400,
      ["message.location_message.coordinates.latitude"]
    ],
    [
      "POST",
      "/messages:send",
      {
        ...send,
        message: { contact_info_message: { name: { full_name: "" }, phone_numbers: [{ phone_number: "1" }] } }
      },
      400,
      ["message.contact_info_message.name.full_name"]
    ],
    [
      "POST",
      "/messages:send",
      { ...send, message: { contact_info_message: { name: { full_name: "a" }, phone_numbers: [] } } },
      400,
      ["message.contact_info_message.phone_numbers"]
    ],
    [
      "POST",
      "/messages:send",
      { ...send, message: { list_message: { title: "", sections: [{}] } } },
      400,
      ["message.list_message.sections[0].items"]
    ],
    [
      "POST",
      "/messages:send",
      { ...send, message: { list_message: { title: "t", sections: [] } } },
      400,
      ["message.list_message.sections"]
    ],
    [
      "POST",
      "/messages:send",
      { ...send, message: { text_message: { text: "a" }, media_message: { url: "https://x" } } },
      400,
      ["message"]
    ],
    ["POST", "/messages:send", { ...send, message_metadata: "x".repeat(1025) }, 400, ["message_metadata"]],
    ["POST", "/messages:send", { ...send, message_metadata: 5 }, 400, ["message_metadata"]],
    ["POST", "/messages:send", { ...send, callback_url: "ftp://x" }, 400, ["callback_url"]],
    [
      "POST",
      "/messages:send",
      { ...send, conversation_metadata_update_strategy: "NOPE" },
      400,
      ["conversation_metadata_update_strategy"]
    ],
    ["POST", "/messages:send", { ...send, conversation_metadata: "x" }, 400, ["conversation_metadata"]],
    ["POST", "/messages:send", { ...send, channel_priority_order: ["PIGEON"] }, 400, ["channel_priority_order[0]"]],
    ["POST", "/messages:send", { ...send, channel_priority_order: ["MESSENGER"] }, 400, ["channel_priority_order[0]"]],
    ["POST", "/messages:send", { ...send, ttl: 5 }, 400, ["ttl"]],
    ["POST", "/messages:send", { ...send, correlation_id: 5 }, 400, ["correlation_id"]],
    ["POST", "/messages:send", { ...send, channel_properties: "x" }, 400, ["channel_properties"]],
    ["POST", "/messages:send", { ...send, app_id: "01NOPE" }, 404, []],
    ["POST", "/messages:send", "null", 400, ["body"]],
    ["POST", "/messages:send", "[]", 400, ["body"]],
    ["POST", "/messages:send", '"x"', 400, ["body"]],
    // update metadata
    ["PATCH", `/messages/${msg}`, { metadata: 1 }, 400, ["metadata"]],
    ["PATCH", `/messages/${msg}`, {}, 400, ["metadata"]],
    ["PATCH", `/messages/${msg}`, { metadata: "" }, 400, ["metadata"]],
    ["PATCH", `/messages/${msg}`, { metadata: "x".repeat(1025) }, 400, ["metadata"]],
    ["PATCH", `/messages/${msg}`, "[]", 400, ["body"]],
    // fetch-last
    ["POST", "/messages:fetch-last-message", { channel_identities: "x" }, 400, ["channel_identities"]],
    ["POST", "/messages:fetch-last-message", { channel_identities: [1] }, 400, ["channel_identities[0]"]],
    ["POST", "/messages:fetch-last-message", { channel_identities: ["+1"], channel: "PIGEON" }, 400, ["channel"]],
    ["POST", "/messages:fetch-last-message", { channel_identities: ["+1"], page_size: -1 }, 400, ["page_size"]],
    ["POST", "/messages:fetch-last-message", { channel_identities: ["+1"], page_size: 1.5 }, 400, ["page_size"]],
    ["POST", "/messages:fetch-last-message", { channel_identities: ["+1"], page_size: "2" }, 400, ["page_size"]],
    ["POST", "/messages:fetch-last-message", { channel_identities: ["+1"], start_time: "nope" }, 400, ["start_time"]],
    [
      "POST",
      "/messages:fetch-last-message",
      { channel_identities: ["+1"], start_time: "2024-01-02T00:00:00Z", end_time: "2024-01-01T00:00:00Z" },
      400,
      ["start_time"]
    ],
    ["POST", "/messages:fetch-last-message", { channel_identities: ["+1"], view: 3 }, 400, ["view"]],
    [
      "POST",
      "/messages:fetch-last-message",
      { channel_identities: ["+1"], messages_source: 3 },
      400,
      ["messages_source"]
    ],
    // transcode
    ["POST", "/messages:transcode", { app_id: app, app_message: text }, 400, ["channels"]],
    ["POST", "/messages:transcode", { app_id: app, app_message: text, channels: [] }, 400, ["channels"]],
    ["POST", "/messages:transcode", { app_id: app, app_message: text, channels: ["PIGEON"] }, 400, ["channels[0]"]],
    ["POST", "/messages:transcode", { app_id: "", app_message: text, channels: ["SMS"] }, 400, ["app_id"]],
    ["POST", "/messages:transcode", { app_id: app, app_message: {}, channels: ["SMS"] }, 400, ["app_message"]],
    ["POST", "/messages:transcode", { app_id: app, app_message: text, channels: ["SMS"], from: 1 }, 400, ["from"]],
    // messages list query (of a contact: the list of conversation messages needs one, see below)
    ["GET", `/messages?contact_id=${contact}&page_size=-1`, undefined, 400, ["page_size"]],
    ["GET", `/messages?contact_id=${contact}&page_size=abc`, undefined, 400, ["page_size"]],
    ["GET", `/messages?contact_id=${contact}&page_token=junk`, undefined, 400, ["page_token"]],
    ["GET", `/messages?contact_id=${contact}&channel=PIGEON`, undefined, 400, ["channel"]],
    [
      "GET",
      `/messages?contact_id=${contact}&only_recipient_originated=maybe`,
      undefined,
      400,
      ["only_recipient_originated"]
    ],
    ["GET", `/messages?contact_id=${contact}&messages_source=NOPE`, undefined, 400, ["messages_source"]],
    ["GET", `/messages?contact_id=${contact}&direction=UP`, undefined, 400, ["direction"]],
    ["GET", `/messages?contact_id=${contact}&start_time=nope`, undefined, 400, ["start_time"]],
    [
      "GET",
      `/messages?contact_id=${contact}&start_time=2024-01-02T00:00:00Z&end_time=2024-01-01T00:00:00Z`,
      undefined,
      400,
      ["start_time"]
    ],
    ["GET", `/messages?contact_id=${contact}&view=NOPE`, undefined, 400, ["view"]],
    ["GET", `/messages/${msg}?messages_source=NOPE`, undefined, 400, ["messages_source"]],
    // contacts
    ["POST", "/contacts", { language: "EN_US" }, 400, ["channel_identities"]],
    ["POST", "/contacts", { channel_identities: [], language: "EN_US" }, 400, ["channel_identities"]],
    ["POST", "/contacts", { channel_identities: ci }, 400, ["language"]],
    ["POST", "/contacts", { channel_identities: ci, language: "" }, 400, ["language"]],
    [
      "POST",
      "/contacts",
      { channel_identities: [{ channel: "PIGEON", identity: "+1" }], language: "EN_US" },
      400,
      ["channel_identities[0].channel"]
    ],
    [
      "POST",
      "/contacts",
      { channel_identities: [{ channel: "SMS", identity: "" }], language: "EN_US" },
      400,
      ["channel_identities[0].identity"]
    ],
    [
      "POST",
      "/contacts",
      { channel_identities: [{ channel: "SMS", identity: 1 }], language: "EN_US" },
      400,
      ["channel_identities[0].identity"]
    ],
    [
      "POST",
      "/contacts",
      { channel_identities: ci, language: "EN_US", channel_priority: ["PIGEON"] },
      400,
      ["channel_priority[0]"]
    ],
    ["POST", "/contacts", { channel_identities: ci, language: "EN_US", metadata: "x".repeat(1025) }, 400, ["metadata"]],
    ["POST", "/contacts", { channel_identities: ci, language: "EN_US", display_name: 1 }, 400, ["display_name"]],
    ["POST", "/contacts", { channel_identities: ci, language: "EN_US", email: true }, 400, ["email"]],
    [
      "PATCH",
      `/contacts/${contact}`,
      { channel_identities: [{ channel: "PIGEON", identity: "+1" }] },
      400,
      ["channel_identities[0].channel"]
    ],
    ["PATCH", `/contacts/${contact}`, { channel_identities: "x" }, 400, ["channel_identities"]],
    ["PATCH", `/contacts/${contact}`, { metadata: "x".repeat(1025) }, 400, ["metadata"]],
    ["PATCH", `/contacts/${contact}`, { display_name: 1 }, 400, ["display_name"]],
    ["PATCH", `/contacts/${contact}`, { channel_priority: ["PIGEON"] }, 400, ["channel_priority[0]"]],
    ["POST", `/contacts/${contact}:merge`, {}, 400, ["source_id"]],
    ["POST", `/contacts/${contact}:merge`, { source_id: "" }, 400, ["source_id"]],
    ["POST", `/contacts/${contact}:merge`, { source_id: contact }, 400, ["source_id"]],
    ["POST", `/contacts/${contact}:merge`, { source_id: "x", strategy: "NOPE" }, 400, ["strategy"]],
    ["POST", `/contacts/${contact}:merge`, { source_id: 1 }, 400, ["source_id"]],
    [
      "POST",
      "/contacts:getChannelProfile",
      { app_id: app, recipient: { contact_id: contact }, channel: "SMS" },
      400,
      ["channel"]
    ],
    [
      "POST",
      "/contacts:getChannelProfile",
      { app_id: app, recipient: { contact_id: contact }, channel: "PIGEON" },
      400,
      ["channel", "channel"]
    ],
    ["POST", "/contacts:getChannelProfile", { app_id: app, recipient: { contact_id: contact } }, 400, ["channel"]],
    [
      "POST",
      "/contacts:getChannelProfile",
      { app_id: "", recipient: { contact_id: contact }, channel: "MESSENGER" },
      400,
      ["app_id"]
    ],
    [
      "POST",
      "/contacts:getChannelProfile",
      { app_id: app, recipient: {}, channel: "MESSENGER" },
      400,
      ["recipient.contact_id", "recipient.identified_by"]
    ],
    ["GET", "/contacts?page_size=x", undefined, 400, ["page_size"]],
    ["GET", "/contacts?page_token=junk", undefined, 400, ["page_token"]],
    ["GET", "/contacts:identityConflicts?page_token=junk", undefined, 400, ["page_token"]],
    // apps
    ["POST", "/apps", {}, 400, ["display_name", "channel_credentials"]],
    ["POST", "/apps", { display_name: "", channel_credentials: [] }, 400, ["display_name"]],
    ["POST", "/apps", { display_name: "a" }, 400, ["channel_credentials"]],
    [
      "POST",
      "/apps",
      { display_name: "a", channel_credentials: [{ channel: "PIGEON" }] },
      400,
      ["channel_credentials[0].channel"]
    ],
    ["POST", "/apps", { display_name: "a", channel_credentials: [{}] }, 400, ["channel_credentials[0].channel"]],
    [
      "POST",
      "/apps",
      { display_name: "a", channel_credentials: [], processing_mode: "NOPE" },
      400,
      ["processing_mode"]
    ],
    [
      "POST",
      "/apps",
      { display_name: "a", channel_credentials: [], retention_policy: { ttl_days: 0 } },
      400,
      ["retention_policy.ttl_days"]
    ],
    [
      "POST",
      "/apps",
      { display_name: "a", channel_credentials: [], retention_policy: { ttl_days: 4000 } },
      400,
      ["retention_policy.ttl_days"]
    ],
    [
      "POST",
      "/apps",
      { display_name: "a", channel_credentials: [], retention_policy: { ttl_days: 1.5 } },
      400,
      ["retention_policy.ttl_days"]
    ],
    [
      "POST",
      "/apps",
      { display_name: "a", channel_credentials: [], smart_conversation: "x" },
      400,
      ["smart_conversation"]
    ],
    [
      "POST",
      "/apps",
      { display_name: "a", channel_credentials: [], conversation_metadata_report_view: 1 },
      400,
      ["conversation_metadata_report_view"]
    ],
    ["POST", "/apps", { display_name: 1, channel_credentials: [] }, 400, ["display_name"]],
    ["PATCH", `/apps/${app}`, { display_name: 1 }, 400, ["display_name"]],
    ["PATCH", `/apps/${app}`, { processing_mode: "NOPE" }, 400, ["processing_mode"]],
    [
      "PATCH",
      `/apps/${app}`,
      { channel_credentials: [{ channel: "PIGEON" }] },
      400,
      ["channel_credentials[0].channel"]
    ],
    ["PATCH", `/apps/${app}`, { retention_policy: { ttl_days: 0 } }, 400, ["retention_policy.ttl_days"]],
    // webhooks
    ["POST", "/webhooks", { app_id: app }, 400, ["target", "triggers"]],
    ["POST", "/webhooks", { app_id: "", target: "https://x", triggers: ["OPT_IN"] }, 400, ["app_id"]],
    ["POST", "/webhooks", { app_id: app, target: "", triggers: ["OPT_IN"] }, 400, ["target"]],
    ["POST", "/webhooks", { app_id: app, target: "ftp://x", triggers: ["OPT_IN"] }, 400, ["target"]],
    ["POST", "/webhooks", { app_id: app, target: "https://x", triggers: [] }, 400, ["triggers"]],
    ["POST", "/webhooks", { app_id: app, target: "https://x", triggers: ["NOPE"] }, 400, ["triggers[0]"]],
    [
      "POST",
      "/webhooks",
      { app_id: app, target: "https://x", triggers: ["UNSPECIFIED_TRIGGER"] },
      400,
      ["triggers[0]"]
    ],
    [
      "POST",
      "/webhooks",
      { app_id: app, target: "https://x", triggers: ["OPT_IN"], target_type: "NOPE" },
      400,
      ["target_type"]
    ],
    [
      "POST",
      "/webhooks",
      { app_id: app, target: "https://x", triggers: ["OPT_IN"], client_credentials: {} },
      400,
      ["client_credentials.client_id", "client_credentials.client_secret", "client_credentials.endpoint"]
    ],
    [
      "POST",
      "/webhooks",
      {
        app_id: app,
        target: "https://x",
        triggers: ["OPT_IN"],
        client_credentials: { client_id: "a", client_secret: "", endpoint: "e" }
      },
      400,
      ["client_credentials.client_secret"]
    ],
    ["POST", "/webhooks", { app_id: app, target: "https://x", triggers: ["OPT_IN"], secret: 1 }, 400, ["secret"]],
    ["PATCH", `/webhooks/${wh}`, { app_id: "other" }, 400, ["app_id"]],
    ["PATCH", `/webhooks/${wh}`, { triggers: [] }, 400, ["triggers"]],
    ["PATCH", `/webhooks/${wh}`, { triggers: ["NOPE"] }, 400, ["triggers[0]"]],
    ["PATCH", `/webhooks/${wh}`, { target: "ftp://x" }, 400, ["target"]],
    ["PATCH", `/webhooks/${wh}`, { target_type: "NOPE" }, 400, ["target_type"]],
    // conversations
    ["POST", "/conversations", { app_id: app }, 400, ["contact_id"]],
    ["POST", "/conversations", { app_id: "", contact_id: contact }, 400, ["app_id"]],
    ["POST", "/conversations", { app_id: app, contact_id: "" }, 400, ["contact_id"]],
    ["POST", "/conversations", { app_id: app, contact_id: contact, active: "yes" }, 400, ["active"]],
    ["POST", "/conversations", { app_id: app, contact_id: contact, metadata_json: "x" }, 400, ["metadata_json"]],
    ["POST", "/conversations", { app_id: app, contact_id: contact }, 400, []],
    ["PATCH", `/conversations/${conv}`, { active: "no" }, 400, ["active"]],
    ["PATCH", `/conversations/${conv}`, { metadata: 1 }, 400, ["metadata"]],
    [
      "PATCH",
      `/conversations/${conv}?metadata_update_strategy=NOPE`,
      { metadata: "x" },
      400,
      ["metadata_update_strategy"]
    ],
    ["POST", `/conversations/${conv}:inject-message`, {}, 400, ["accept_time", "channel_identity", "direction"]],
    [
      "POST",
      `/conversations/${conv}:inject-message`,
      { app_message: text, contact_message: text, channel_identity: ci[0] },
      400,
      ["accept_time", "direction"]
    ],
    [
      "POST",
      `/conversations/${conv}:inject-message`,
      { app_message: text },
      400,
      ["accept_time", "channel_identity", "direction"]
    ],
    [
      "POST",
      `/conversations/${conv}:inject-message`,
      { app_message: text, channel_identity: { channel: "PIGEON", identity: "+1" } },
      400,
      ["accept_time", "direction"]
    ],
    [
      "POST",
      `/conversations/${conv}:inject-message`,
      { app_message: text, channel_identity: { channel: "SMS", identity: "" } },
      400,
      ["accept_time", "direction"]
    ],
    [
      "POST",
      `/conversations/${conv}:inject-message`,
      { app_message: text, channel_identity: ci[0], direction: "UP" },
      400,
      ["accept_time"]
    ],
    [
      "POST",
      `/conversations/${conv}:inject-message`,
      { app_message: text, channel_identity: ci[0], accept_time: "nope" },
      400,
      ["accept_time", "direction"]
    ],
    [
      "POST",
      `/conversations/${conv}:inject-message`,
      { app_message: text, channel_identity: ci[0], contact_id: "other" },
      400,
      ["accept_time", "direction"]
    ],
    [
      "POST",
      `/conversations/${conv}:inject-message`,
      { contact_message: { choice_response_message: { message_id: "" } }, channel_identity: ci[0] },
      400,
      ["contact_message.choice_response_message.postback_data", "accept_time", "direction"]
    ],
    [
      "POST",
      `/conversations/${conv}:inject-message`,
      { app_message: {}, channel_identity: ci[0] },
      400,
      ["accept_time", "direction"]
    ],
    ["POST", `/conversations/${conv}:inject-event`, {}, 400, ["app_event", "accept_time"]],
    [
      "POST",
      `/conversations/${conv}:inject-event`,
      { app_event: {}, contact_event: {}, channel_identity: ci[0] },
      400,
      ["accept_time"]
    ],
    ["POST", `/conversations/${conv}:inject-event`, { app_event: { composing_event: {} } }, 400, ["accept_time"]],
    [
      "POST",
      `/conversations/${conv}:inject-event`,
      { app_event: { composing_event: {} }, channel_identity: { channel: "PIGEON", identity: "1" } },
      400,
      ["accept_time"]
    ],
    [
      "POST",
      `/conversations/${conv}:inject-event`,
      { app_event: { composing_event: {} }, channel_identity: ci[0], direction: "UP" },
      400,
      ["accept_time"]
    ],
    [
      "POST",
      `/conversations/${conv}:inject-event`,
      { app_event: { composing_event: {} }, channel_identity: ci[0], accept_time: "nope" },
      400,
      ["accept_time"]
    ],
    [
      "POST",
      `/conversations/${conv}:inject-event`,
      { app_event: "x", channel_identity: ci[0] },
      400,
      ["app_event", "accept_time"]
    ],
    ["GET", "/conversations?only_active=false", undefined, 400, ["app_id"]],
    ["GET", `/conversations?app_id=${app}&only_active=maybe`, undefined, 400, ["only_active"]],
    ["GET", `/conversations?app_id=${app}&only_active=false&page_token=junk`, undefined, 400, ["page_token"]],
    // app_id is required by the definition's query (ListRecentConversationsRequest), decoded before any rule
    ["GET", "/conversations:recent?order=UP", undefined, 400, ["app_id"]],
    ["GET", `/conversations:recent?app_id=${app}&order=UP`, undefined, 400, ["order"]],
    ["GET", `/conversations:recent?app_id=${app}&page_size=-2`, undefined, 400, ["page_size"]],
    ["GET", `/conversations:recent?app_id=${app}&page_size=1.5`, undefined, 400, ["page_size"]],
    ["GET", `/conversations:recent?app_id=${app}&only_active=maybe`, undefined, 400, ["only_active"]],
    ["GET", `/conversations:recent?app_id=${app}&page_token=junk`, undefined, 400, ["page_token"]],
    // events
    ["POST", "/events:send", { app_id: app, recipient: sms }, 400, ["event"]],
    ["POST", "/events:send", { app_id: app, recipient: sms, event: {} }, 400, ["event"]],
    ["POST", "/events:send", { app_id: "", recipient: sms, event: { composing_event: {} } }, 400, ["app_id"]],
    [
      "POST",
      "/events:send",
      { app_id: app, recipient: {}, event: { composing_event: {} } },
      400,
      ["recipient.contact_id", "recipient.identified_by"]
    ],
    [
      "POST",
      "/events:send",
      { app_id: app, recipient: sms, event: { composing_event: {} }, channel_priority_order: ["PIGEON"] },
      400,
      ["channel_priority_order[0]"]
    ],
    [
      "POST",
      "/events:send",
      { app_id: app, recipient: sms, event: { composing_event: {} }, event_metadata: 1 },
      400,
      ["event_metadata"]
    ],
    ["POST", "/events:send", { app_id: app, recipient: sms, event: "x" }, 400, ["event"]],
    ["GET", "/events?page_token=junk", undefined, 400, ["page_token"]],
    ["GET", "/events?page_size=x", undefined, 400, ["page_size"]],
    // capability, opt-ins
    ["POST", "/capability:query", { app_id: app }, 400, ["recipient"]],
    ["POST", "/capability:query", { app_id: "", recipient: sms }, 400, ["app_id"]],
    [
      "POST",
      "/capability:query",
      { app_id: app, recipient: {} },
      400,
      ["recipient.contact_id", "recipient.identified_by"]
    ],
    ["POST", "/capability:query", { app_id: app, recipient: sms, request_id: 1 }, 400, ["request_id"]],
    ["POST", "/optins:register", { app_id: app, recipient: sms }, 400, ["channels"]],
    ["POST", "/optins:register", { app_id: app, recipient: sms, channels: [] }, 400, ["channels"]],
    ["POST", "/optins:register", { app_id: app, recipient: sms, channels: ["PIGEON"] }, 400, ["channels[0]"]],
    ["POST", "/optins:register", { app_id: "", recipient: sms, channels: ["SMS"] }, 400, ["app_id"]],
    [
      "POST",
      "/optouts:register",
      { app_id: app, recipient: {}, channels: ["SMS"] },
      400,
      ["recipient.contact_id", "recipient.identified_by"]
    ],
    [
      "POST",
      "/optouts:register",
      { app_id: app, recipient: sms, channels: ["SMS"], processing_strategy: 1 },
      400,
      ["processing_strategy"]
    ],
    ["GET", `/apps/${app}/consents/OPT_OUT_ALL?page_size=x`, undefined, 400, ["page_size"]],
    ["GET", `/apps/${app}/consents/OPT_OUT_ALL?page_token=junk`, undefined, 400, ["page_token"]],
    ["GET", `/apps/${app}/consents/NOPE`, undefined, 400, ["list_type"]],
    // settings
    ["PATCH", "/settings", { settings: {} }, 400, ["settings"]],
    ["PATCH", "/settings", { contact_settings: "x" }, 400, ["contact_settings"]],
    [
      "PATCH",
      "/settings",
      { contact_settings: { unified_contact_id_enabled: "yes" } },
      400,
      ["contact_settings.unified_contact_id_enabled"]
    ],
    ["PATCH", "/settings", "[]", 400, ["body"]]
  ]
}

/** An emulator with an app, a contact and a message sent to it (so a conversation). */
const withMessage = Effect.gen(function* () {
  const api = client(yield* Emulator.serve())
  const app = (yield* createApp(api)).id as string
  const identity = { channel_identities: [{ channel: "SMS", identity: "+9" }], language: "EN_US" }
  const contact = (yield* api.post("/contacts", identity)).json.id as string
  const sent = { app_id: app, recipient: { contact_id: contact }, message: { text_message: { text: "x" } } }
  const msg = (yield* api.post("/messages:send", sent)).json.message_id as string
  const conv = (yield* api.get(`/messages/${msg}`)).json.conversation_id as string
  return { api, app, contact, msg, conv }
})

describe("the emulator refuses what it refused before", () => {
  it.scoped("every bad request gets the same status and field violations", () =>
    Effect.gen(function* () {
      const { api, app, contact, conv, msg } = yield* withMessage
      const wh = (yield* api.post("/webhooks", { app_id: app, target: "https://x", triggers: ["OPT_IN"] })).json.id
      assert.strictEqual((yield* api.post("/settings", { contact_settings: {} })).status, 200)
      for (const [method, path, body, status, fields] of refusals(app, contact, conv, msg, wh)) {
        const answer = yield* method === "GET"
          ? api.get(path)
          : method === "POST"
            ? api.post(path, body)
            : api.patch(path, body)
        const label = `${method} ${path} ${JSON.stringify(body)}`
        assert.strictEqual(answer.status, status, label)
        assert.deepStrictEqual(violatedFields(answer), fields, label)
      }
    })
  )
})

describe("list messages: the rules of seed 001 by source", () => {
  it.scoped(
    "CONVERSATION_SOURCE (explicit or the default) needs conversation_id or contact_id; DISPATCH_SOURCE needs app_id",
    () =>
      Effect.gen(function* () {
        const { api, app, contact, conv, msg } = yield* withMessage
        const neither = ["conversation_id", "contact_id"]
        const refused: ReadonlyArray<readonly [string, ReadonlyArray<string>]> = [
          ["/messages", neither],
          ["/messages?messages_source=CONVERSATION_SOURCE", neither],
          [`/messages?app_id=${app}`, neither],
          [`/messages?app_id=${app}&channel=SMS&start_time=2024-01-01T00:00:00Z&page_size=20`, neither],
          ["/messages?conversation_id=&contact_id=", neither],
          [`/messages?channel=PIGEON`, ["channel", ...neither]],
          ["/messages?messages_source=DISPATCH_SOURCE", ["app_id"]],
          [`/messages?contact_id=${contact}&only_recipient_originated=true`, ["only_recipient_originated"]]
        ]
        for (const [path, fields] of refused) {
          const answer = yield* api.get(path)
          assert.strictEqual(answer.status, 400, path)
          // Sinch's error body
          assert.include(answer.json.error, { code: 400, status: "INVALID_ARGUMENT" }, path)
          assert.deepStrictEqual(violatedFields(answer), fields, path)
          for (const v of answer.json.error.details[0].field_violations) assert.isAbove(v.description.length, 0)
        }
        const accepted = [
          `/messages?conversation_id=${conv}`,
          `/messages?contact_id=${contact}`,
          `/messages?contact_id=${contact}&messages_source=CONVERSATION_SOURCE&app_id=${app}`,
          `/messages?messages_source=DISPATCH_SOURCE&app_id=${app}`
        ]
        for (const path of accepted) assert.strictEqual((yield* api.get(path)).status, 200, path)
        assert.deepStrictEqual(
          (yield* api.get(`/messages?conversation_id=${conv}`)).json.messages.map((m: { id: string }) => m.id),
          [msg]
        )
      })
  )
})
