/**
 * Callbacks: the JSON bodies the API posts to webhooks. Every callback has the same envelope (`app_id`,
 * `project_id`, `accepted_time`, `event_time`, `message_metadata`, `correlation_id`) and one top-level field that
 * says which trigger sent it (`message`, `message_delivery_report`, ...).
 *
 * `Callback` decodes any callback into a union tagged by trigger (`_tag: "MESSAGE_INBOUND"`, ...). A callback whose
 * trigger field this SDK does not know decodes as `{ _tag: "Unknown", raw }` instead of failing, so a new Sinch
 * trigger never breaks a server.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Predicate from "effect/Predicate"
import * as Schema from "effect/Schema"
import * as Common from "./Common.js"
import * as Contacts from "./Contacts.js"
import * as Conversations from "./Conversations.js"
import * as Enums from "./Enums.js"
import * as Events from "./Events.js"
import * as Ids from "./Ids.js"
import * as Messages from "./Messages.js"
import { FAIL, type Fast, type FastDecoder, FastDecoderId } from "./internal/fast.js"
import { JsonObject, optional, struct, Timestamp } from "./internal/schema.js"

/**
 * The fields every callback carries.
 *
 * @since 0.1.0
 * @category envelope
 */
export const EnvelopeFields = {
  app_id: optional(Ids.AppId),
  project_id: Ids.ProjectId,
  accepted_time: optional(Timestamp),
  event_time: optional(Timestamp),
  message_metadata: optional(Schema.String),
  correlation_id: optional(Schema.String)
}

// ---------------------------------------------------------------------------------------------------------------------
// Bodies
// ---------------------------------------------------------------------------------------------------------------------

const MessageDeliveryReport_ = struct("MessageDeliveryReport", {
  message_id: optional(Ids.MessageId),
  conversation_id: optional(Ids.ConversationId),
  status: optional(Enums.DeliveryStatus),
  channel_identity: optional(Common.ChannelIdentity),
  contact_id: optional(Ids.ContactId),
  reason: optional(Common.Reason),
  metadata: optional(Schema.String),
  processing_mode: optional(Enums.ProcessingMode)
})

/**
 * A delivery report of a message (MESSAGE_DELIVERY): `QUEUED_ON_CHANNEL`, then `DELIVERED`, `READ` or `FAILED`.
 *
 * @since 0.1.0
 * @category bodies
 */
export const MessageDeliveryReport: MessageDeliveryReportSchema = MessageDeliveryReport_
/**
 * The schema of {@link MessageDeliveryReport}, as a struct.
 *
 * @since 0.1.0
 * @category bodies
 */
export interface MessageDeliveryReportSchema extends Schema.Struct<typeof MessageDeliveryReport_.fields> {}
/**
 * @since 0.1.0
 * @category bodies
 */
export interface MessageDeliveryReport extends Schema.Schema.Type<typeof MessageDeliveryReport_> {}

const MessageSubmitNotification_ = struct("MessageSubmitNotification", {
  message_id: optional(Ids.MessageId),
  conversation_id: optional(Ids.ConversationId),
  channel_identity: optional(Common.ChannelIdentity),
  contact_id: optional(Ids.ContactId),
  submitted_message: optional(Messages.AppMessage),
  metadata: optional(Schema.String),
  processing_mode: optional(Enums.ProcessingMode)
})

/**
 * A message handed to a channel (MESSAGE_SUBMIT), with the submitted content.
 *
 * @since 0.1.0
 * @category bodies
 */
export const MessageSubmitNotification: MessageSubmitNotificationSchema = MessageSubmitNotification_
/**
 * The schema of {@link MessageSubmitNotification}, as a struct.
 *
 * @since 0.1.0
 * @category bodies
 */
export interface MessageSubmitNotificationSchema extends Schema.Struct<typeof MessageSubmitNotification_.fields> {}
/**
 * @since 0.1.0
 * @category bodies
 */
export interface MessageSubmitNotification extends Schema.Schema.Type<typeof MessageSubmitNotification_> {}

const InboundEvent_ = struct("InboundEvent", {
  id: optional(Ids.EventId),
  direction: optional(Enums.ConversationDirection),
  contact_event: optional(Events.ContactEvent),
  contact_message_event: optional(Events.ContactMessageEvent),
  channel_identity: optional(Common.ChannelIdentity),
  contact_id: optional(Ids.ContactId),
  conversation_id: optional(Ids.ConversationId),
  accept_time: optional(Timestamp),
  processing_mode: optional(Enums.ProcessingMode)
})

/**
 * An event from a contact (EVENT_INBOUND).
 *
 * @since 0.1.0
 * @category bodies
 */
export const InboundEvent: InboundEventSchema = InboundEvent_
/**
 * The schema of {@link InboundEvent}, as a struct.
 *
 * @since 0.1.0
 * @category bodies
 */
export interface InboundEventSchema extends Schema.Struct<typeof InboundEvent_.fields> {}
/**
 * @since 0.1.0
 * @category bodies
 */
export interface InboundEvent extends Schema.Schema.Type<typeof InboundEvent_> {}

const EventDeliveryReport_ = struct("EventDeliveryReport", {
  event_id: optional(Ids.EventId),
  status: optional(Enums.DeliveryStatus),
  channel_identity: optional(Common.ChannelIdentity),
  contact_id: optional(Ids.ContactId),
  reason: optional(Common.Reason),
  metadata: optional(Schema.String),
  processing_mode: optional(Enums.ProcessingMode)
})

/**
 * A delivery report of an event (EVENT_DELIVERY).
 *
 * @since 0.1.0
 * @category bodies
 */
export const EventDeliveryReport: EventDeliveryReportSchema = EventDeliveryReport_
/**
 * The schema of {@link EventDeliveryReport}, as a struct.
 *
 * @since 0.1.0
 * @category bodies
 */
export interface EventDeliveryReportSchema extends Schema.Struct<typeof EventDeliveryReport_.fields> {}
/**
 * @since 0.1.0
 * @category bodies
 */
export interface EventDeliveryReport extends Schema.Schema.Type<typeof EventDeliveryReport_> {}

const ConversationNotification_ = struct("ConversationNotification", {
  conversation: optional(Conversations.Conversation)
})

/**
 * A conversation that started, stopped or was deleted.
 *
 * @since 0.1.0
 * @category bodies
 */
export const ConversationNotification: ConversationNotificationSchema = ConversationNotification_
/**
 * The schema of {@link ConversationNotification}, as a struct.
 *
 * @since 0.1.0
 * @category bodies
 */
export interface ConversationNotificationSchema extends Schema.Struct<typeof ConversationNotification_.fields> {}
/**
 * @since 0.1.0
 * @category bodies
 */
export interface ConversationNotification extends Schema.Schema.Type<typeof ConversationNotification_> {}

const ContactNotification_ = struct("ContactNotification", { contact: optional(Contacts.Contact) })

/**
 * A contact that was created, updated or deleted.
 *
 * @since 0.1.0
 * @category bodies
 */
export const ContactNotification: ContactNotificationSchema = ContactNotification_
/**
 * The schema of {@link ContactNotification}, as a struct.
 *
 * @since 0.1.0
 * @category bodies
 */
export interface ContactNotificationSchema extends Schema.Struct<typeof ContactNotification_.fields> {}
/**
 * @since 0.1.0
 * @category bodies
 */
export interface ContactNotification extends Schema.Schema.Type<typeof ContactNotification_> {}

const ContactMergeNotification_ = struct("ContactMergeNotification", {
  preserved_contact: optional(Contacts.Contact),
  deleted_contact: optional(Contacts.Contact)
})

/**
 * Two contacts merged into one (CONTACT_MERGE).
 *
 * @since 0.1.0
 * @category bodies
 */
export const ContactMergeNotification: ContactMergeNotificationSchema = ContactMergeNotification_
/**
 * The schema of {@link ContactMergeNotification}, as a struct.
 *
 * @since 0.1.0
 * @category bodies
 */
export interface ContactMergeNotificationSchema extends Schema.Struct<typeof ContactMergeNotification_.fields> {}
/**
 * @since 0.1.0
 * @category bodies
 */
export interface ContactMergeNotification extends Schema.Schema.Type<typeof ContactMergeNotification_> {}

const DuplicatedIdentitiesNotification_ = struct("DuplicatedIdentitiesNotification", {
  duplicated_identities: optional(
    Schema.Array(
      struct("DuplicatedIdentities", {
        channel: optional(Enums.ConversationChannel),
        contact_ids: optional(Schema.Array(Ids.ContactId))
      })
    )
  )
})

/**
 * Identities found on several contacts (CONTACT_IDENTITIES_DUPLICATION).
 *
 * @since 0.1.0
 * @category bodies
 */
export const DuplicatedIdentitiesNotification: DuplicatedIdentitiesNotificationSchema =
  DuplicatedIdentitiesNotification_
/**
 * The schema of {@link DuplicatedIdentitiesNotification}, as a struct.
 *
 * @since 0.1.0
 * @category bodies
 */
export interface DuplicatedIdentitiesNotificationSchema extends Schema.Struct<
  typeof DuplicatedIdentitiesNotification_.fields
> {}
/**
 * @since 0.1.0
 * @category bodies
 */
export interface DuplicatedIdentitiesNotification extends Schema.Schema.Type<
  typeof DuplicatedIdentitiesNotification_
> {}

const CapabilityNotification_ = struct("CapabilityNotification", {
  contact_id: optional(Ids.ContactId),
  identity: optional(Schema.String),
  channel: optional(Enums.ConversationChannel),
  capability_status: optional(Enums.CapabilityStatus),
  request_id: optional(Schema.String),
  channel_capabilities: optional(Schema.Array(Schema.String)),
  reason: optional(Common.Reason)
})

/**
 * The result of a capability query on one channel (CAPABILITY).
 *
 * @since 0.1.0
 * @category bodies
 */
export const CapabilityNotification: CapabilityNotificationSchema = CapabilityNotification_
/**
 * The schema of {@link CapabilityNotification}, as a struct.
 *
 * @since 0.1.0
 * @category bodies
 */
export interface CapabilityNotificationSchema extends Schema.Struct<typeof CapabilityNotification_.fields> {}
/**
 * @since 0.1.0
 * @category bodies
 */
export interface CapabilityNotification extends Schema.Schema.Type<typeof CapabilityNotification_> {}

const optFields = {
  request_id: optional(Schema.String),
  contact_id: optional(Ids.ContactId),
  channel: optional(Enums.ConversationChannel),
  identity: optional(Schema.String),
  error_details: optional(struct("OptErrorDetails", { description: optional(Schema.String) })),
  processing_mode: optional(Enums.ProcessingMode)
}

const OptInNotification_ = struct("OptInNotification", { ...optFields, status: optional(Enums.OptInStatus) })

/**
 * The outcome of an opt-in registration (OPT_IN).
 *
 * @since 0.1.0
 * @category bodies
 */
export const OptInNotification: OptInNotificationSchema = OptInNotification_
/**
 * The schema of {@link OptInNotification}, as a struct.
 *
 * @since 0.1.0
 * @category bodies
 */
export interface OptInNotificationSchema extends Schema.Struct<typeof OptInNotification_.fields> {}
/**
 * @since 0.1.0
 * @category bodies
 */
export interface OptInNotification extends Schema.Schema.Type<typeof OptInNotification_> {}

const OptOutNotification_ = struct("OptOutNotification", { ...optFields, status: optional(Enums.OptOutStatus) })

/**
 * The outcome of an opt-out registration (OPT_OUT).
 *
 * @since 0.1.0
 * @category bodies
 */
export const OptOutNotification: OptOutNotificationSchema = OptOutNotification_
/**
 * The schema of {@link OptOutNotification}, as a struct.
 *
 * @since 0.1.0
 * @category bodies
 */
export interface OptOutNotificationSchema extends Schema.Struct<typeof OptOutNotification_.fields> {}
/**
 * @since 0.1.0
 * @category bodies
 */
export interface OptOutNotification extends Schema.Schema.Type<typeof OptOutNotification_> {}

const ChannelEventNotification_ = struct("ChannelEventNotification", {
  channel_event: struct("ChannelEvent", {
    channel: optional(Enums.ConversationChannel),
    event_type: optional(Schema.String),
    additional_data: optional(JsonObject)
  })
})

/**
 * Something that happened on a channel, e.g. a WhatsApp quality rating change (CHANNEL_EVENT).
 *
 * @since 0.1.0
 * @category bodies
 */
export const ChannelEventNotification: ChannelEventNotificationSchema = ChannelEventNotification_
/**
 * The schema of {@link ChannelEventNotification}, as a struct.
 *
 * @since 0.1.0
 * @category bodies
 */
export interface ChannelEventNotificationSchema extends Schema.Struct<typeof ChannelEventNotification_.fields> {}
/**
 * @since 0.1.0
 * @category bodies
 */
export interface ChannelEventNotification extends Schema.Schema.Type<typeof ChannelEventNotification_> {}

const UnsupportedCallback_ = struct("UnsupportedCallback", {
  channel: optional(Enums.ConversationChannel),
  payload: optional(Schema.String),
  processing_mode: optional(Enums.ProcessingMode),
  id: optional(Schema.String),
  contact_id: optional(Ids.ContactId),
  conversation_id: optional(Ids.ConversationId),
  channel_identity: optional(Common.ChannelIdentity)
})

/**
 * A channel callback the API does not support natively (UNSUPPORTED). `payload` is the channel's raw JSON, as a
 * string.
 *
 * @since 0.1.0
 * @category bodies
 */
export const UnsupportedCallback: UnsupportedCallbackSchema = UnsupportedCallback_
/**
 * The schema of {@link UnsupportedCallback}, as a struct.
 *
 * @since 0.1.0
 * @category bodies
 */
export interface UnsupportedCallbackSchema extends Schema.Struct<typeof UnsupportedCallback_.fields> {}
/**
 * @since 0.1.0
 * @category bodies
 */
export interface UnsupportedCallback extends Schema.Schema.Type<typeof UnsupportedCallback_> {}

const scored = <F extends Schema.Struct.Fields>(identifier: string, fields: F) =>
  struct(identifier, { ...fields, score: optional(Schema.JsonNumber) })

const SmartConversationNotification_ = struct("SmartConversationNotification", {
  contact_id: optional(Ids.ContactId),
  channel_identity: optional(Schema.String),
  channel: optional(Enums.ConversationChannel),
  message_id: optional(Ids.MessageId),
  conversation_id: optional(Ids.ConversationId),
  analysis_results: optional(
    struct("AnalysisResults", {
      ml_sentiment_result: optional(
        Schema.Array(
          scored("SentimentResult", {
            message: optional(Schema.String),
            sentiment: optional(Enums.Sentiment),
            results: optional(Schema.Array(scored("Sentiment", { sentiment: optional(Enums.Sentiment) })))
          })
        )
      ),
      ml_nlu_result: optional(
        Schema.Array(
          scored("NluResult", {
            message: optional(Schema.String),
            intent: optional(Schema.String),
            results: optional(Schema.Array(scored("Intent", { intent: optional(Schema.String) })))
          })
        )
      ),
      ml_image_recognition_result: optional(
        Schema.Array(
          struct("ImageRecognitionResult", {
            url: optional(Schema.String),
            document_image_classification: optional(
              struct("DocumentImageClassification", {
                doc_type: optional(Schema.String),
                confidence: optional(Schema.JsonNumber)
              })
            ),
            optical_character_recognition: optional(
              struct("OpticalCharacterRecognition", {
                result: optional(Schema.Array(struct("OcrResult", { data: optional(Schema.Array(Schema.String)) })))
              })
            ),
            document_field_classification: optional(
              struct("DocumentFieldClassification", { result: optional(Schema.Array(JsonObject)) })
            )
          })
        )
      ),
      ml_pii_result: optional(
        Schema.Array(struct("PiiResult", { message: optional(Schema.String), masked: optional(Schema.String) }))
      ),
      ml_offensive_analysis_result: optional(
        Schema.Array(
          scored("OffensiveAnalysisResult", {
            message: optional(Schema.String),
            url: optional(Schema.String),
            evaluation: optional(Enums.OffensiveEvaluation)
          })
        )
      )
    })
  )
})

/**
 * The analyses Smart Conversations ran on a message (SMART_CONVERSATIONS).
 *
 * @since 0.1.0
 * @category bodies
 */
export const SmartConversationNotification: SmartConversationNotificationSchema = SmartConversationNotification_
/**
 * The schema of {@link SmartConversationNotification}, as a struct.
 *
 * @since 0.1.0
 * @category bodies
 */
export interface SmartConversationNotificationSchema extends Schema.Struct<
  typeof SmartConversationNotification_.fields
> {}
/**
 * @since 0.1.0
 * @category bodies
 */
export interface SmartConversationNotification extends Schema.Schema.Type<typeof SmartConversationNotification_> {}

const RecordNotification_ = struct("RecordNotification", {
  entity_id: optional(Schema.String),
  record_status: optional(Enums.RecordStatus),
  channel_identity: optional(Common.ChannelIdentity),
  contact_id: optional(Ids.ContactId),
  conversation_id: optional(Ids.ConversationId),
  reason: optional(Common.Reason),
  processing_mode: optional(Enums.ProcessingMode)
})

/**
 * A message or event stored by the API (RECORD_NOTIFICATION).
 *
 * @since 0.1.0
 * @category bodies
 */
export const RecordNotification: RecordNotificationSchema = RecordNotification_
/**
 * The schema of {@link RecordNotification}, as a struct.
 *
 * @since 0.1.0
 * @category bodies
 */
export interface RecordNotificationSchema extends Schema.Struct<typeof RecordNotification_.fields> {}
/**
 * @since 0.1.0
 * @category bodies
 */
export interface RecordNotification extends Schema.Schema.Type<typeof RecordNotification_> {}

const BatchStatusUpdateNotification_ = struct("BatchStatusUpdateNotification", {
  batch_id: optional(Ids.BatchId),
  batch_status: optional(Enums.BatchNotificationStatus),
  batch_type: optional(Enums.BatchType),
  additional_data: optional(
    struct("BatchAdditionalData", {
      message_batch_data: optional(
        struct("MessageBatchData", { send_after: optional(Timestamp), batch_metadata: optional(JsonObject) })
      )
    })
  )
})

/**
 * A batch of the Batch API changed status (BATCH_STATUS_UPDATE); for a batch of messages, a delivery report of each
 * message follows (its `metadata` holds the batch ID as `_batch_id`).
 *
 * @since 0.2.0
 * @category bodies
 */
export const BatchStatusUpdateNotification: BatchStatusUpdateNotificationSchema = BatchStatusUpdateNotification_
/**
 * The schema of {@link BatchStatusUpdateNotification}, as a struct.
 *
 * @since 0.2.0
 * @category bodies
 */
export interface BatchStatusUpdateNotificationSchema extends Schema.Struct<
  typeof BatchStatusUpdateNotification_.fields
> {}
/**
 * @since 0.2.0
 * @category bodies
 */
export interface BatchStatusUpdateNotification extends Schema.Schema.Type<typeof BatchStatusUpdateNotification_> {}

// ---------------------------------------------------------------------------------------------------------------------
// Callbacks, one per trigger
// ---------------------------------------------------------------------------------------------------------------------

const callback = <const Tag extends string, const Key extends string, B extends Schema.Schema.AnyNoContext>(
  tag: Tag,
  key: Key,
  body: B
) => {
  const fields = { ...EnvelopeFields, ...({ [key]: body } as { readonly [K in Key]: B }) }
  return Object.assign(Schema.TaggedStruct(tag, fields).annotations({ identifier: tag }), {
    /** The trigger name. */
    trigger: tag,
    /** The top-level field that carries the body. */
    key,
    /** The wire shape, without `_tag`. */
    wire: Schema.Struct(fields)
  })
}

/**
 * MESSAGE_INBOUND: a message from a contact.
 *
 * @since 0.1.0
 * @category callbacks
 */
export const MessageInbound = callback("MESSAGE_INBOUND", "message", Messages.ConversationMessage)
/**
 * MESSAGE_INBOUND_SMART_CONVERSATION_REDACTION: an inbound message with personal data redacted.
 *
 * @since 0.1.0
 * @category callbacks
 */
export const MessageInboundSmartConversationRedaction = callback(
  "MESSAGE_INBOUND_SMART_CONVERSATION_REDACTION",
  "message_redaction",
  Messages.ConversationMessage
)
/**
 * MESSAGE_SUBMIT: a message handed to the channel.
 *
 * @since 0.1.0
 * @category callbacks
 */
export const MessageSubmit = callback("MESSAGE_SUBMIT", "message_submit_notification", MessageSubmitNotification)
/**
 * MESSAGE_DELIVERY: a delivery report of a message.
 *
 * @since 0.1.0
 * @category callbacks
 */
export const MessageDelivery = callback("MESSAGE_DELIVERY", "message_delivery_report", MessageDeliveryReport)
/**
 * EVENT_INBOUND: an event from a contact.
 *
 * @since 0.1.0
 * @category callbacks
 */
export const EventInbound = callback("EVENT_INBOUND", "event", InboundEvent)
/**
 * EVENT_DELIVERY: a delivery report of an event.
 *
 * @since 0.1.0
 * @category callbacks
 */
export const EventDelivery = callback("EVENT_DELIVERY", "event_delivery_report", EventDeliveryReport)
/**
 * CONVERSATION_START.
 *
 * @since 0.1.0
 * @category callbacks
 */
export const ConversationStart = callback(
  "CONVERSATION_START",
  "conversation_start_notification",
  ConversationNotification
)
/**
 * CONVERSATION_STOP.
 *
 * @since 0.1.0
 * @category callbacks
 */
export const ConversationStop = callback(
  "CONVERSATION_STOP",
  "conversation_stop_notification",
  ConversationNotification
)
/**
 * CONVERSATION_DELETE.
 *
 * @since 0.1.0
 * @category callbacks
 */
export const ConversationDelete = callback(
  "CONVERSATION_DELETE",
  "conversation_delete_notification",
  ConversationNotification
)
/**
 * CONTACT_CREATE.
 *
 * @since 0.1.0
 * @category callbacks
 */
export const ContactCreate = callback("CONTACT_CREATE", "contact_create_notification", ContactNotification)
/**
 * CONTACT_DELETE.
 *
 * @since 0.1.0
 * @category callbacks
 */
export const ContactDelete = callback("CONTACT_DELETE", "contact_delete_notification", ContactNotification)
/**
 * CONTACT_MERGE.
 *
 * @since 0.1.0
 * @category callbacks
 */
export const ContactMerge = callback("CONTACT_MERGE", "contact_merge_notification", ContactMergeNotification)
/**
 * CONTACT_UPDATE.
 *
 * @since 0.1.0
 * @category callbacks
 */
export const ContactUpdate = callback("CONTACT_UPDATE", "contact_update_notification", ContactNotification)
/**
 * CONTACT_IDENTITIES_DUPLICATION.
 *
 * @since 0.1.0
 * @category callbacks
 */
export const ContactIdentitiesDuplication = callback(
  "CONTACT_IDENTITIES_DUPLICATION",
  "duplicated_contact_identities_notification",
  DuplicatedIdentitiesNotification
)
/**
 * CAPABILITY: the result of a capability query.
 *
 * @since 0.1.0
 * @category callbacks
 */
export const Capability = callback("CAPABILITY", "capability_notification", CapabilityNotification)
/**
 * OPT_IN.
 *
 * @since 0.1.0
 * @category callbacks
 */
export const OptIn = callback("OPT_IN", "opt_in_notification", OptInNotification)
/**
 * OPT_OUT.
 *
 * @since 0.1.0
 * @category callbacks
 */
export const OptOut = callback("OPT_OUT", "opt_out_notification", OptOutNotification)
/**
 * CHANNEL_EVENT.
 *
 * @since 0.1.0
 * @category callbacks
 */
export const ChannelEvent = callback("CHANNEL_EVENT", "channel_event_notification", ChannelEventNotification)
/**
 * UNSUPPORTED: a channel callback passed through as is.
 *
 * @since 0.1.0
 * @category callbacks
 */
export const Unsupported = callback("UNSUPPORTED", "unsupported_callback", UnsupportedCallback)
/**
 * SMART_CONVERSATIONS: analyses of a message.
 *
 * @since 0.1.0
 * @category callbacks
 */
export const SmartConversations = callback(
  "SMART_CONVERSATIONS",
  "smart_conversation_notification",
  SmartConversationNotification
)
/**
 * RECORD_NOTIFICATION: a message or event was stored.
 *
 * @since 0.1.0
 * @category callbacks
 */
export const Record = callback("RECORD_NOTIFICATION", "record_notification", RecordNotification)
/**
 * BATCH_STATUS_UPDATE: a batch of the Batch API changed status.
 *
 * @since 0.2.0
 * @category callbacks
 */
export const BatchStatusUpdate = callback(
  "BATCH_STATUS_UPDATE",
  "batch_status_update_notification",
  BatchStatusUpdateNotification
)

/**
 * A callback of a trigger this SDK does not know: the whole JSON object, untouched.
 *
 * @since 0.1.0
 * @category callbacks
 */
export const UnknownCallback = Schema.TaggedStruct("Unknown", { raw: JsonObject }).annotations({
  identifier: "UnknownCallback"
})
/**
 * @since 0.1.0
 * @category callbacks
 */
export type UnknownCallback = typeof UnknownCallback.Type

const known = [
  MessageInbound,
  MessageInboundSmartConversationRedaction,
  MessageSubmit,
  MessageDelivery,
  EventInbound,
  EventDelivery,
  ConversationStart,
  ConversationStop,
  ConversationDelete,
  ContactCreate,
  ContactDelete,
  ContactMerge,
  ContactUpdate,
  ContactIdentitiesDuplication,
  Capability,
  OptIn,
  OptOut,
  ChannelEvent,
  Unsupported,
  SmartConversations,
  Record,
  BatchStatusUpdate
] as const

type Known = (typeof known)[number]

/**
 * Any callback, tagged by trigger. Match on it with `switch (callback._tag)` or `Match.valueTags`.
 *
 * @since 0.1.0
 * @category callbacks
 */
export type Callback = Known["Type"] | UnknownCallback

/**
 * The wire JSON of any callback.
 *
 * @since 0.1.0
 * @category callbacks
 */
export type CallbackEncoded = Known["wire"]["Encoded"] | { readonly [key: string]: unknown }

/**
 * The trigger names of the callbacks this SDK knows, as in `Callback["_tag"]`.
 *
 * @since 0.1.0
 * @category callbacks
 */
export type Trigger = Known["trigger"]

/**
 * For each known trigger, the top-level field of its body (`MESSAGE_INBOUND` → `message`).
 *
 * @since 0.1.0
 * @category callbacks
 */
export const triggerFields: ReadonlyMap<Trigger, string> = new Map(known.map((schema) => [schema.trigger, schema.key]))

const wires: ReadonlyArray<Schema.Schema.AnyNoContext> = known.map((schema) => schema.wire)

const isUnknownCallback = (u: Record<PropertyKey, unknown>): u is UnknownCallback =>
  u._tag === "Unknown" && Predicate.isRecord(u.raw)

const triggerByKey = new Map<string, number>(known.map((schema, i) => [schema.key, i]))

/**
 * The index in `known` of a callback's trigger, found among its own keys (with several trigger fields, never sent, the
 * first in `known` order wins), or `known.length` when it has none.
 */
const triggerOf = (input: Record<PropertyKey, unknown>): number => {
  let found: number = known.length
  for (const key in input) {
    const i = triggerByKey.get(key)
    if (i !== undefined && i < found && input[key] !== undefined) found = i
  }
  return found
}

const unknownCallback = (input: Record<PropertyKey, unknown>): UnknownCallback =>
  isUnknownCallback(input) ? input : { _tag: "Unknown" as const, raw: input }

/**
 * Decodes a callback's JSON (already parsed) into `Callback`: the trigger is found from the top-level field, the
 * body must then match that trigger's schema (a `ParseError` with the path otherwise), and an object with no known
 * trigger field becomes `Unknown`. Encoding gives the wire JSON back.
 *
 * The trigger schemas are the declaration's type parameters, so `Schema.typeSchema(Callback)` (and `Schema.is`)
 * checks decoded callbacks with their type-side schemas.
 *
 * @since 0.1.0
 * @category callbacks
 */
export const Callback: Schema.Schema<Callback, CallbackEncoded> = Schema.declare<
  Callback,
  CallbackEncoded,
  ReadonlyArray<Schema.Schema.AnyNoContext>
>(wires, {
  decode: (...members) => {
    // Effect's own parser, only the trigger's schema: the reference that the compiled decoder below must agree with
    const decoders = members.map((member) => ParseResult.decodeUnknownEither(member))
    return (input, options, ast) => {
      if (!Predicate.isRecord(input)) {
        return ParseResult.fail(new ParseResult.Type(ast, input, "Expected a callback: a JSON object"))
      }
      const found = triggerOf(input)
      const decoder = decoders[found]
      if (decoder === undefined) return ParseResult.succeed(unknownCallback(input))
      const result = decoder(input, options)
      if (Either.isLeft(result)) return result
      // The body is a fresh object from the parser: tag it in place rather than copying it.
      const body = result.right as { _tag?: string }
      body._tag = known[found]!.trigger
      return Either.right(body as Callback)
    }
  },
  encode: (...members) => {
    const byTrigger = new Map(
      members.map((member, i) => [known[i]!.trigger as string, ParseResult.encodeUnknownEither(member)])
    )
    return (input, options, ast) => {
      if (!Predicate.isRecord(input) || typeof input._tag !== "string") {
        return ParseResult.fail(new ParseResult.Type(ast, input, "Expected a Callback"))
      }
      if (input._tag === "Unknown") {
        return isUnknownCallback(input)
          ? ParseResult.succeed(input.raw)
          : ParseResult.fail(new ParseResult.Type(ast, input, "Expected the raw JSON object of an unknown callback"))
      }
      const encode = byTrigger.get(input._tag)
      return encode === undefined
        ? ParseResult.fail(new ParseResult.Type(ast, input, `Unknown callback tag ${input._tag}`))
        : Either.map(encode(input, options), (wire) => wire as CallbackEncoded)
    }
  }
}).annotations({
  identifier: "Callback",
  // the same dispatch for the compiled decoders (Decoder.make, Decoder.makeJson), on the triggers' compiled decoders
  // (copying or in place, as `compile` is), each compiled on its first callback: a trigger without one, or a body it
  // refuses, gives FAIL, and the caller decodes again with Effect's parser. The body is the decoder's own answer (a
  // new object, or in place the input the caller gave up): it is tagged in place.
  [FastDecoderId]: ((compile) => {
    const decoders: Array<Fast | undefined | null> = known.map(() => null)
    return (input) => {
      if (!Predicate.isRecord(input)) return FAIL
      const found = triggerOf(input)
      if (found === known.length) return unknownCallback(input)
      let decoder = decoders[found]
      if (decoder === null) decoder = decoders[found] = compile(known[found]!.wire.ast)
      if (decoder === undefined) return FAIL
      const body = decoder(input)
      if (body === FAIL) return FAIL
      ;(body as { _tag?: string })._tag = known[found]!.trigger
      return body
    }
  }) satisfies FastDecoder
})

const isPlainObject = (u: unknown): u is Readonly<Record<string, unknown>> =>
  typeof u === "object" && u !== null && !Array.isArray(u)

const missingPaths = (original: unknown, kept: unknown, at: string, out: Array<string>): void => {
  if (Array.isArray(original) && Array.isArray(kept)) {
    original.forEach((item, i) => missingPaths(item, kept[i], `${at}[${i}]`, out))
  } else if (isPlainObject(original) && isPlainObject(kept)) {
    for (const key of Object.keys(original)) {
      if (Object.hasOwn(kept, key)) missingPaths(original[key], kept[key], `${at}.${key}`, out)
      else out.push(`${at}.${key}`)
    }
  }
}

/**
 * The properties of a callback body that decoding does not keep: fields Sinch added that this SDK does not model
 * yet, as paths (`$.message.contact_message.a_new_kind`). Decoding a known trigger ignores them (the decoded value
 * and its encoding leave them out); this reports them, e.g. to log what a server did not read. A callback of an
 * unknown trigger keeps its whole JSON (`raw`), so nothing is reported for it. Fails like decoding on a body that is
 * not a valid callback.
 *
 * @since 0.2.0
 * @category unknown fields
 */
export const unknownFields = (json: unknown): Either.Either<ReadonlyArray<string>, ParseResult.ParseError> =>
  Either.flatMap(Schema.decodeUnknownEither(Callback)(json), (callback) =>
    Either.map(Schema.encodeEither(Callback)(callback), (kept) => {
      const out: Array<string> = []
      missingPaths(json, kept, "$", out)
      return out
    })
  )
