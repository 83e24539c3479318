/**
 * The callbacks a webhook's warm-up decodes (`Webhooks.make({ warmUp: true })`): at least one body of every trigger
 * the callback union knows, shaped as Sinch sends them (the envelope first, then the trigger's field; the common kinds
 * of inbound messages and delivery reports). Each is typed by its trigger's wire shape, and a test decodes every one
 * with Effect's own parser and finds no field that decoding drops, so a schema change that breaks a sample fails.
 * Made-up identifiers and text, no real data.
 *
 * @internal
 */
import type { Callbacks } from "@sinch-effect/schema"

type Wire<T extends Callbacks.Trigger> = Extract<
  (typeof Callbacks)[keyof typeof Callbacks],
  { readonly trigger: T }
>["wire"]["Encoded"]

const sample = <T extends Callbacks.Trigger>(_trigger: T, body: Wire<T>): Wire<T> => body

const app_id = "01HV3Q8J7W2K5N9R4T6Y1ZB0CD"
const project_id = "5c3e4f1a-8b2d-4e6f-9a7c-1d2e3f4a5b6c"
const contact_id = "01HV3Q9M2P7S4X8B1C5D6E7F8G"
const conversation_id = "01HV3QA0H4J6K8L1M3N5P7Q9RS"
const messenger = { channel: "MESSENGER", identity: "7234610987654321", app_id }
const whatsapp = { channel: "WHATSAPP", identity: "46732000001" }
const sms = { channel: "SMS", identity: "46732000001" }
const envelope = (at: string, received: string) => ({
  app_id,
  accepted_time: received,
  event_time: at,
  project_id,
  message_metadata: "",
  correlation_id: ""
})
const contact = {
  id: contact_id,
  channel_identities: [whatsapp, sms],
  channel_priority: ["WHATSAPP", "SMS"],
  display_name: "Ada Lovelace",
  email: "ada@example.com",
  external_id: "crm-4711",
  metadata: "",
  language: "EN_US"
}

const inbound = (id: string, at: string, message: Wire<"MESSAGE_INBOUND">["message"]) =>
  sample("MESSAGE_INBOUND", {
    ...envelope(at, "2024-05-14T09:30:12.418522Z"),
    message: {
      id,
      direction: "TO_APP",
      channel_identity: whatsapp,
      conversation_id,
      contact_id,
      metadata: "",
      accept_time: "2024-05-14T09:30:12.398116Z",
      sender_id: "",
      processing_mode: "CONVERSATION",
      injected: false,
      ...message
    }
  })

const delivery = (
  id: string,
  status: string,
  at: string,
  reason?: Wire<"MESSAGE_DELIVERY">["message_delivery_report"]
) =>
  sample("MESSAGE_DELIVERY", {
    ...envelope(at, "2024-05-14T09:31:02.114907Z"),
    message_delivery_report: {
      message_id: id,
      conversation_id,
      status,
      channel_identity: whatsapp,
      contact_id,
      metadata: "order-1187",
      processing_mode: "CONVERSATION",
      ...reason
    }
  })

/** The built-in samples, as JSON values, built when a warm-up asks for them (not at import). */
export const samples = (): ReadonlyArray<object> => [
  inbound("01HV3QB1T5V7W9X2Y4Z6A8B0C2", "2024-05-14T09:30:11Z", {
    contact_message: { text_message: { text: "Hi, is my order on its way?" } }
  }),
  inbound("01HV3QBQG9J1L3N5Q7S9U1W3Y5", "2024-05-14T09:31:45Z", {
    contact_message: {
      text_message: {
        text:
          "Hello again. I ordered the blue rain jacket (order 1187) on Friday and the confirmation said it would " +
          "arrive within two working days, but the tracking page still shows that the parcel is waiting at the " +
          "warehouse. I am leaving for a trip on Thursday morning and I really need the jacket before then. Could " +
          "you check whether it has actually been sent, and if not, whether it can go out today with express " +
          "delivery? If that is not possible I would rather cancel the order and buy one in a shop here, so please " +
          "let me know either way. I can also pick it up myself if there is a pickup point near the city centre. " +
          "My phone number is the one this message comes from, and my email address is in the order. Thank you!"
      }
    }
  }),
  inbound("01HV3QB2D4F6G8H0J2K4M6N8P0", "2024-05-14T09:32:40Z", {
    contact_message: {
      text_message: { text: "Thanks, that's the one" },
      reply_to: { message_id: "01HV3QB0A2C4E6G8J0L2N4Q6S8" }
    }
  }),
  inbound("01HV3QB3Q5S7U9W1Y3A5C7E9G1", "2024-05-14T09:33:05Z", {
    contact_message: {
      media_message: {
        url: "https://media.example.com/inbound/7f3c2a/photo.jpg",
        thumbnail_url: "https://media.example.com/inbound/7f3c2a/thumb.jpg"
      }
    }
  }),
  inbound("01HV3QB4H6K8M0P2R4T6V8X0Z2", "2024-05-14T09:34:17Z", {
    channel_identity: messenger,
    contact_message: {
      choice_response_message: { message_id: "01HV3QB1X3Z5B7D9F1H3K5M7P9", postback_data: "delivery_slot_2" }
    }
  }),
  inbound("01HV3QB5B7D9F1H3K5M7P9R1T3", "2024-05-14T09:35:50Z", {
    contact_message: {
      location_message: {
        coordinates: { latitude: 59.33258, longitude: 18.0649 },
        title: "Home",
        label: "Drottninggatan 1, Stockholm"
      }
    }
  }),
  inbound("01HV3QB6V8X0Z2B4D6F8H0K2M4", "2024-05-14T09:36:22Z", {
    channel_identity: sms,
    contact_message: {
      fallback_message: {
        raw_message: '{"type":"sticker"}',
        reason: {
          code: "UNSUPPORTED_OPERATION",
          description: "sticker messages are not supported",
          sub_code: "UNSPECIFIED_SUB_CODE"
        }
      }
    }
  }),
  inbound("01HV3QB7N9Q1S3U5W7Y9A1C3E5", "2024-05-14T09:37:03Z", {
    contact_message: {
      contact_info_message: {
        name: { full_name: "Grace Hopper", first_name: "Grace", last_name: "Hopper" },
        phone_numbers: [{ phone_number: "+46732000002", type: "MOBILE" }],
        email_addresses: [{ email_address: "grace@example.com", type: "WORK" }]
      }
    }
  }),
  sample("MESSAGE_INBOUND_SMART_CONVERSATION_REDACTION", {
    ...envelope("2024-05-14T09:38:44Z", "2024-05-14T09:38:45.207731Z"),
    message_redaction: {
      id: "01HV3QB8F0H2K4M6P8R0T2V4X6",
      direction: "TO_APP",
      channel_identity: whatsapp,
      conversation_id,
      contact_id,
      metadata: "",
      accept_time: "2024-05-14T09:38:45.190218Z",
      sender_id: "",
      processing_mode: "CONVERSATION",
      injected: false,
      contact_message: { text_message: { text: "My card number is {CREDIT_CARD}" } }
    }
  }),
  sample("MESSAGE_SUBMIT", {
    ...envelope("2024-05-14T09:30:30Z", "2024-05-14T09:30:30.771240Z"),
    message_submit_notification: {
      message_id: "01HV3QB9Z1B3D5F7H9K1M3P5R7",
      conversation_id,
      channel_identity: whatsapp,
      contact_id,
      submitted_message: { text_message: { text: "Your order #1187 left our warehouse today." } },
      metadata: "order-1187",
      processing_mode: "CONVERSATION"
    }
  }),
  sample("MESSAGE_SUBMIT", {
    ...envelope("2024-05-14T09:34:01Z", "2024-05-14T09:34:01.305517Z"),
    message_submit_notification: {
      message_id: "01HV3QBAS3U5W7Y9A1C3E5G7J9",
      conversation_id,
      channel_identity: messenger,
      contact_id,
      submitted_message: {
        choice_message: {
          text_message: { text: "When should we deliver?" },
          choices: [
            { text_message: { text: "Morning" }, postback_data: "delivery_slot_1" },
            { text_message: { text: "Afternoon" }, postback_data: "delivery_slot_2" }
          ]
        }
      },
      metadata: "",
      processing_mode: "CONVERSATION"
    }
  }),
  sample("MESSAGE_SUBMIT", {
    ...envelope("2024-05-14T09:45:10Z", "2024-05-14T09:45:10.220874Z"),
    message_submit_notification: {
      message_id: "01HV3QBPW7Y9A1C3E5G7J9L1N3",
      conversation_id,
      channel_identity: messenger,
      contact_id,
      submitted_message: {
        carousel_message: {
          cards: [
            {
              title: "Trail runner 2",
              description: "Light trail shoe with a grippy outsole, for wet and rocky paths. Sizes 36 to 47.",
              media_message: { url: "https://cdn.example.com/catalog/trail-runner-2/front.jpg" },
              choices: [
                { url_message: { title: "See details", url: "https://shop.example.com/p/trail-runner-2" } },
                { text_message: { text: "Add to cart" }, postback_data: "cart_add:trail-runner-2" }
              ]
            },
            {
              title: "Road racer",
              description: "Cushioned road shoe for long distances, breathable mesh upper. Sizes 38 to 46.",
              media_message: { url: "https://cdn.example.com/catalog/road-racer/front.jpg" },
              choices: [
                { url_message: { title: "See details", url: "https://shop.example.com/p/road-racer" } },
                { text_message: { text: "Add to cart" }, postback_data: "cart_add:road-racer" }
              ]
            },
            {
              title: "Winter hiker GTX",
              description: "Waterproof hiking boot with an insulated lining for cold days. Sizes 37 to 48.",
              media_message: { url: "https://cdn.example.com/catalog/winter-hiker-gtx/front.jpg" },
              choices: [
                { url_message: { title: "See details", url: "https://shop.example.com/p/winter-hiker-gtx" } },
                { text_message: { text: "Add to cart" }, postback_data: "cart_add:winter-hiker-gtx" }
              ]
            }
          ],
          choices: [{ call_message: { title: "Call the shop", phone_number: "+46812345678" } }]
        }
      },
      metadata: "campaign:spring-shoes",
      processing_mode: "CONVERSATION"
    }
  }),
  delivery("01HV3QB9Z1B3D5F7H9K1M3P5R7", "QUEUED_ON_CHANNEL", "2024-05-14T09:30:31Z"),
  delivery("01HV3QB9Z1B3D5F7H9K1M3P5R7", "DELIVERED", "2024-05-14T09:30:33Z"),
  delivery("01HV3QB9Z1B3D5F7H9K1M3P5R7", "READ", "2024-05-14T09:31:02Z"),
  delivery("01HV3QBBK5M7P9R1T3V5X7Z9B1", "FAILED", "2024-05-14T09:40:12Z", {
    reason: {
      code: "RECIPIENT_NOT_REACHABLE",
      description: "The recipient could not be reached on the channel",
      sub_code: "UNSPECIFIED_SUB_CODE",
      channel_code: "131026"
    }
  }),
  sample("EVENT_INBOUND", {
    ...envelope("2024-05-14T09:32:10Z", "2024-05-14T09:32:10.512093Z"),
    event: {
      id: "01HV3QBCD7F9H1K3M5P7R9T1V3",
      direction: "TO_APP",
      contact_event: { composing_event: {} },
      channel_identity: messenger,
      contact_id,
      conversation_id,
      accept_time: "2024-05-14T09:32:10.498355Z",
      processing_mode: "CONVERSATION"
    }
  }),
  sample("EVENT_INBOUND", {
    ...envelope("2024-05-14T09:33:21Z", "2024-05-14T09:33:21.830164Z"),
    event: {
      id: "01HV3QBDX9Z1B3D5F7H9K1M3P5",
      direction: "TO_APP",
      contact_message_event: {
        reaction_event: {
          emoji: "👍",
          action: "REACTION_ACTION_REACT",
          message_id: "01HV3QB9Z1B3D5F7H9K1M3P5R7"
        }
      },
      channel_identity: whatsapp,
      contact_id,
      conversation_id,
      accept_time: "2024-05-14T09:33:21.811470Z",
      processing_mode: "CONVERSATION"
    }
  }),
  sample("EVENT_DELIVERY", {
    ...envelope("2024-05-14T09:32:15Z", "2024-05-14T09:32:15.207183Z"),
    event_delivery_report: {
      event_id: "01HV3QBEQ1S3U5W7Y9A1C3E5G7",
      status: "DELIVERED",
      channel_identity: messenger,
      contact_id,
      metadata: "",
      processing_mode: "CONVERSATION"
    }
  }),
  sample("CONVERSATION_START", {
    ...envelope("2024-05-14T09:30:11Z", "2024-05-14T09:30:12.402881Z"),
    conversation_start_notification: {
      conversation: {
        id: conversation_id,
        app_id,
        contact_id,
        active: true,
        active_channel: "WHATSAPP",
        last_received: "2024-05-14T09:30:11Z",
        metadata: "",
        correlation_id: ""
      }
    }
  }),
  sample("CONVERSATION_STOP", {
    ...envelope("2024-05-14T10:12:00Z", "2024-05-14T10:12:00.661502Z"),
    conversation_stop_notification: {
      conversation: {
        id: conversation_id,
        app_id,
        contact_id,
        active: false,
        active_channel: "WHATSAPP",
        last_received: "2024-05-14T09:37:03Z",
        metadata: "",
        metadata_json: { ticket: "T-2291", resolved: true },
        correlation_id: ""
      }
    }
  }),
  sample("CONVERSATION_DELETE", {
    ...envelope("2024-05-15T08:00:00Z", "2024-05-15T08:00:00.118306Z"),
    conversation_delete_notification: {
      conversation: { id: conversation_id, app_id, contact_id, active: false, active_channel: "WHATSAPP" }
    }
  }),
  sample("CONTACT_CREATE", {
    ...envelope("2024-05-14T09:30:11Z", "2024-05-14T09:30:12.391705Z"),
    contact_create_notification: { contact }
  }),
  sample("CONTACT_UPDATE", {
    ...envelope("2024-05-14T11:02:47Z", "2024-05-14T11:02:47.940218Z"),
    contact_update_notification: { contact: { ...contact, display_name: "Ada King", metadata: "vip" } }
  }),
  sample("CONTACT_DELETE", {
    ...envelope("2024-05-16T07:45:19Z", "2024-05-16T07:45:19.377654Z"),
    contact_delete_notification: { contact }
  }),
  sample("CONTACT_MERGE", {
    ...envelope("2024-05-14T12:20:05Z", "2024-05-14T12:20:05.582911Z"),
    contact_merge_notification: {
      preserved_contact: contact,
      deleted_contact: {
        id: "01HV3QBFH3K5M7P9R1T3V5X7Z9",
        channel_identities: [messenger],
        channel_priority: ["MESSENGER"],
        display_name: "Ada L.",
        email: "",
        external_id: "",
        metadata: "",
        language: "UNSPECIFIED"
      }
    }
  }),
  sample("CONTACT_IDENTITIES_DUPLICATION", {
    ...envelope("2024-05-14T12:25:40Z", "2024-05-14T12:25:40.203447Z"),
    duplicated_contact_identities_notification: {
      duplicated_identities: [
        { channel: "SMS", contact_ids: [contact_id, "01HV3QBFH3K5M7P9R1T3V5X7Z9"] },
        { channel: "WHATSAPP", contact_ids: [contact_id, "01HV3QBGB5D7F9H1K3M5P7R9T1"] }
      ]
    }
  }),
  sample("CAPABILITY", {
    ...envelope("2024-05-14T09:29:58Z", "2024-05-14T09:29:58.675120Z"),
    capability_notification: {
      contact_id,
      identity: "46732000001",
      channel: "WHATSAPP",
      capability_status: "CAPABILITY_FULL",
      request_id: "01HV3QBH5X7Z9B1D3F5H7K9M1P",
      channel_capabilities: ["TEXT", "MEDIA", "CHOICE", "LOCATION"]
    }
  }),
  sample("OPT_IN", {
    ...envelope("2024-05-14T09:29:40Z", "2024-05-14T09:29:40.910384Z"),
    opt_in_notification: {
      request_id: "01HV3QBJZ9B1D3F5H7K9M1P3R5",
      contact_id,
      channel: "WHATSAPP",
      identity: "46732000001",
      status: "OPT_IN_SUCCEEDED",
      processing_mode: "CONVERSATION"
    }
  }),
  sample("OPT_OUT", {
    ...envelope("2024-05-20T16:03:12Z", "2024-05-20T16:03:12.447209Z"),
    opt_out_notification: {
      request_id: "01HV3QBKS1U3W5Y7A9C1E3G5J7",
      contact_id,
      channel: "WHATSAPP",
      identity: "46732000001",
      status: "OPT_OUT_FAILED",
      error_details: { description: "the contact has no opt-in on this channel" },
      processing_mode: "CONVERSATION"
    }
  }),
  sample("CHANNEL_EVENT", {
    ...envelope("2024-05-14T13:00:00Z", "2024-05-14T13:00:00.305871Z"),
    channel_event_notification: {
      channel_event: {
        channel: "WHATSAPP",
        event_type: "WHATSAPP_QUALITY_RATING_CHANGED",
        additional_data: { quality_rating: "YELLOW", previous_quality_rating: "GREEN" }
      }
    }
  }),
  sample("UNSUPPORTED", {
    ...envelope("2024-05-14T09:41:30Z", "2024-05-14T09:41:30.734226Z"),
    unsupported_callback: {
      channel: "MESSENGER",
      payload: '{"object":"page","entry":[{"id":"1087","time":1715679690}]}',
      processing_mode: "CONVERSATION",
      id: "01HV3QBMK3M5P7R9T1V3X5Z7B9",
      contact_id,
      conversation_id,
      channel_identity: messenger
    }
  }),
  sample("SMART_CONVERSATIONS", {
    ...envelope("2024-05-14T09:30:13Z", "2024-05-14T09:30:13.588104Z"),
    smart_conversation_notification: {
      contact_id,
      channel_identity: "46732000001",
      channel: "WHATSAPP",
      message_id: "01HV3QB1T5V7W9X2Y4Z6A8B0C2",
      conversation_id,
      analysis_results: {
        ml_sentiment_result: [
          {
            message: "Hi, is my order on its way?",
            sentiment: "neutral",
            score: 0.87,
            results: [
              { sentiment: "neutral", score: 0.87 },
              { sentiment: "positive", score: 0.09 },
              { sentiment: "negative", score: 0.04 }
            ]
          }
        ],
        ml_nlu_result: [
          {
            message: "Hi, is my order on its way?",
            intent: "order.status",
            score: 0.93,
            results: [
              { intent: "order.status", score: 0.93 },
              { intent: "general.greeting", score: 0.05 }
            ]
          }
        ],
        ml_offensive_analysis_result: [{ message: "Hi, is my order on its way?", evaluation: "SAFE", score: 0.99 }]
      }
    }
  }),
  sample("RECORD_NOTIFICATION", {
    ...envelope("2024-05-14T09:30:12Z", "2024-05-14T09:30:12.611935Z"),
    record_notification: {
      entity_id: "01HV3QB1T5V7W9X2Y4Z6A8B0C2",
      record_status: "MESSAGE_RECORD_STORED",
      channel_identity: whatsapp,
      contact_id,
      conversation_id,
      processing_mode: "CONVERSATION"
    }
  }),
  sample("BATCH_STATUS_UPDATE", {
    ...envelope("2024-05-14T14:00:02Z", "2024-05-14T14:00:02.090473Z"),
    batch_status_update_notification: {
      batch_id: "01HV3QBND5F7H9K1M3P5R7T9V1",
      batch_status: "BATCH_STATUS_SCHEDULED",
      batch_type: "BATCH_TYPE_MESSAGES",
      additional_data: {
        message_batch_data: { send_after: "2024-05-15T08:00:00Z", batch_metadata: { campaign: "spring-sale" } }
      }
    }
  })
]
