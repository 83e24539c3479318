/** Realistic wire payloads for the decoding benchmark: a mix of message kinds and callbacks, as the API sends them. */

const iso = (i: number) => new Date(Date.UTC(2024, 1, 22, 7, 40, 46) - i * 61_000).toISOString().replace("Z", "123Z")

const appMessages = [
  (i: number) => ({
    text_message: { text: `Your order #${i} has shipped and will arrive tomorrow between 9 and 12.` }
  }),
  (i: number) => ({
    media_message: { url: `https://cdn.example.com/receipts/${i}.pdf`, thumbnail_url: "https://cdn.example.com/t.png" }
  }),
  (i: number) => ({
    choice_message: {
      text_message: { text: `Confirm your appointment ${i} tomorrow at 10:00?` },
      choices: [
        { text_message: { text: "Confirm" }, postback_data: `confirm-${i}` },
        { text_message: { text: "Cancel" }, postback_data: `cancel-${i}` },
        { url_message: { title: "Reschedule", url: "https://example.com/r" } }
      ]
    }
  }),
  (i: number) => ({
    card_message: {
      title: "Weekly deals",
      description: `Deal number ${i}: 20% off everything in store this week only.`,
      media_message: { url: "https://cdn.example.com/deal.png" },
      choices: [{ url_message: { title: "Shop now", url: "https://example.com/shop" } }]
    }
  }),
  (i: number) => ({
    template_message: {
      omni_template: {
        template_id: "01HTEMPLATE",
        version: "3",
        language_code: "en-US",
        parameters: { name: `Ada ${i}` }
      }
    }
  }),
  () => ({
    location_message: { title: "Store", label: "Main street 1", coordinates: { latitude: 55.6, longitude: 13.0 } }
  })
]

const contactMessages = [
  (i: number) => ({ text_message: { text: `Thanks! See you then (${i}).` } }),
  (i: number) => ({ choice_response_message: { message_id: `01HQMSG${i}`, postback_data: `confirm-${i}` } }),
  (i: number) => ({
    media_message: { url: `https://mms.example.com/in/${i}.jpg` },
    reply_to: { message_id: `01HQ${i}` }
  })
]

const channels = ["SMS", "WHATSAPP", "RCS", "MESSENGER", "VIBERBM"]

/** One stored message as `GET messages` returns it. */
export const message = (i: number) => {
  const fromContact = i % 3 === 0
  const channel = channels[i % channels.length]
  return {
    id: `01HQ7W4Z1R1267DBBR8S47NVP${i}`,
    direction: fromContact ? "TO_APP" : "TO_CONTACT",
    ...(fromContact
      ? { contact_message: contactMessages[i % contactMessages.length]!(i) }
      : { app_message: appMessages[i % appMessages.length]!(i) }),
    channel_identity: { channel, identity: `4670${String(1000000 + i)}`, app_id: "" },
    conversation_id: `01HQ7W4Z1R1267DBBR8S4CONV${i % 97}`,
    contact_id: `01HQ7W4Z1R1267DBBR8S4CONT${i % 97}`,
    metadata: i % 2 === 0 ? `{"order":${i}}` : "",
    accept_time: iso(i),
    sender_id: fromContact ? "46700000000" : "",
    processing_mode: "CONVERSATION",
    injected: false
  }
}

/** A `GET messages` page body of `size` messages. */
export const listMessagesPage = (size: number) =>
  JSON.stringify({
    messages: Array.from({ length: size }, (_, i) => message(i)),
    next_page_token: "ChowMUhRN1c0WjFSMTI2N0RCQlI4UzQ3TlZQOEoGCP70264G"
  })

const envelope = (i: number) => ({
  app_id: "01EB37HMH1M6SV18BSNS3G135H",
  project_id: "c36f3d3d-1513-2edd-ae42-11995557ff61",
  accepted_time: iso(i),
  event_time: iso(i + 1),
  message_metadata: "",
  correlation_id: `corr-${i}`
})

/** A mix of callback bodies: delivery reports dominate, as in production, then inbound messages and the rest. */
export const callbacks = (count: number) =>
  Array.from({ length: count }, (_, i) => {
    const m = message(i * 3)
    const body = (() => {
      switch (i % 10) {
        case 0:
        case 1:
        case 2:
        case 3:
          return {
            message_delivery_report: {
              message_id: m.id,
              conversation_id: m.conversation_id,
              status: i % 4 === 0 ? "QUEUED_ON_CHANNEL" : "DELIVERED",
              channel_identity: m.channel_identity,
              contact_id: m.contact_id,
              metadata: "",
              processing_mode: "CONVERSATION"
            }
          }
        case 4:
        case 5:
          return { message: m }
        case 6:
          return {
            event: {
              id: `ev${i}`,
              direction: "TO_APP",
              contact_event: { composing_event: {} },
              channel_identity: m.channel_identity,
              contact_id: m.contact_id,
              conversation_id: m.conversation_id,
              accept_time: iso(i),
              processing_mode: "CONVERSATION"
            }
          }
        case 7:
          return {
            conversation_start_notification: {
              conversation: {
                id: m.conversation_id,
                app_id: "01EB37HMH1M6SV18BSNS3G135H",
                contact_id: m.contact_id,
                active: true,
                active_channel: "SMS",
                last_received: iso(i),
                metadata: ""
              }
            }
          }
        case 8:
          return {
            contact_create_notification: {
              contact: {
                id: m.contact_id,
                channel_identities: [m.channel_identity],
                channel_priority: ["SMS"],
                display_name: `Contact ${i}`,
                email: "",
                external_id: "",
                metadata: "",
                language: "EN_US"
              }
            }
          }
        default:
          return {
            message_submit_notification: {
              message_id: m.id,
              conversation_id: m.conversation_id,
              channel_identity: m.channel_identity,
              contact_id: m.contact_id,
              submitted_message: appMessages[i % appMessages.length]!(i),
              metadata: "",
              processing_mode: "CONVERSATION"
            }
          }
      }
    })()
    return JSON.stringify({ ...envelope(i), ...body })
  })
