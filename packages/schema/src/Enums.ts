/**
 * Every enum of the API. All of them are open: a value Sinch adds later decodes as a plain string instead of failing
 * the object around it, while known values keep their literal types (`Enums.ConversationChannel.is(x)` narrows).
 *
 * @since 0.1.0
 */
import { OpenEnum } from "./internal/schema.js"

/**
 * A messaging channel.
 *
 * @since 0.1.0
 * @category enums
 */
export const ConversationChannel = OpenEnum(
  "ConversationChannel",
  [
    "WHATSAPP",
    "RCS",
    "SMS",
    "MESSENGER",
    "VIBER",
    "VIBERBM",
    "MMS",
    "INSTAGRAM",
    "TELEGRAM",
    "KAKAOTALK",
    "KAKAOTALKCHAT",
    "LINE",
    "WECHAT",
    "APPLEBC"
  ],
  "A messaging channel."
)
/**
 * @since 0.1.0
 * @category enums
 */
export type ConversationChannel = typeof ConversationChannel.Type

/**
 * A channel that supports reading a user's profile.
 *
 * @since 0.1.0
 * @category enums
 */
export const GetChannelProfileChannel = OpenEnum(
  "GetChannelProfileChannel",
  ["MESSENGER", "INSTAGRAM", "VIBER", "LINE"],
  "A channel that supports reading a user's profile."
)
/**
 * @since 0.1.0
 * @category enums
 */
export type GetChannelProfileChannel = typeof GetChannelProfileChannel.Type

/**
 * Whether the API stores contacts and conversations for an app.
 *
 * @since 0.1.0
 * @category enums
 */
export const ProcessingMode = OpenEnum(
  "ProcessingMode",
  ["CONVERSATION", "DISPATCH"],
  "Whether the API stores contacts and conversations for an app."
)
/**
 * @since 0.1.0
 * @category enums
 */
export type ProcessingMode = typeof ProcessingMode.Type

/**
 * Overrides the app's processing mode for one request.
 *
 * @since 0.1.0
 * @category enums
 */
export const ProcessingStrategy = OpenEnum(
  "ProcessingStrategy",
  ["DEFAULT", "DISPATCH_ONLY"],
  "Overrides the app's processing mode for one request."
)
/**
 * @since 0.1.0
 * @category enums
 */
export type ProcessingStrategy = typeof ProcessingStrategy.Type

/**
 * Whether a message went to the app or to the contact.
 *
 * @since 0.1.0
 * @category enums
 */
export const ConversationDirection = OpenEnum(
  "ConversationDirection",
  ["UNDEFINED_DIRECTION", "TO_APP", "TO_CONTACT"],
  "Whether a message went to the app or to the contact."
)
/**
 * @since 0.1.0
 * @category enums
 */
export type ConversationDirection = typeof ConversationDirection.Type

/**
 * Which processing mode's message store an operation reads.
 *
 * @since 0.1.0
 * @category enums
 */
export const MessagesSource = OpenEnum(
  "MessagesSource",
  ["CONVERSATION_SOURCE", "DISPATCH_SOURCE"],
  "Which processing mode's message store an operation reads."
)
/**
 * @since 0.1.0
 * @category enums
 */
export type MessagesSource = typeof MessagesSource.Type

/**
 * How much conversation metadata callbacks carry.
 *
 * @since 0.1.0
 * @category enums
 */
export const ConversationMetadataReportView = OpenEnum(
  "ConversationMetadataReportView",
  ["NONE", "FULL"],
  "How much conversation metadata callbacks carry."
)
/**
 * @since 0.1.0
 * @category enums
 */
export type ConversationMetadataReportView = typeof ConversationMetadataReportView.Type

/**
 * Whether listed messages carry their metadata.
 *
 * @since 0.1.0
 * @category enums
 */
export const ConversationMessagesView = OpenEnum(
  "ConversationMessagesView",
  ["WITH_METADATA", "WITHOUT_METADATA"],
  "Whether listed messages carry their metadata."
)
/**
 * @since 0.1.0
 * @category enums
 */
export type ConversationMessagesView = typeof ConversationMessagesView.Type

/**
 * An event a webhook subscribes to.
 *
 * @since 0.1.0
 * @category enums
 */
export const WebhookTrigger = OpenEnum(
  "WebhookTrigger",
  [
    "UNSPECIFIED_TRIGGER",
    "MESSAGE_DELIVERY",
    "MESSAGE_SUBMIT",
    "EVENT_DELIVERY",
    "MESSAGE_INBOUND",
    "MESSAGE_INBOUND_SMART_CONVERSATION_REDACTION",
    "EVENT_INBOUND",
    "CONVERSATION_START",
    "CONVERSATION_STOP",
    "CONVERSATION_DELETE",
    "CONTACT_CREATE",
    "CONTACT_DELETE",
    "CONTACT_MERGE",
    "CONTACT_UPDATE",
    "CONTACT_IDENTITIES_DUPLICATION",
    "UNSUPPORTED",
    "OPT_IN",
    "OPT_OUT",
    "CAPABILITY",
    "CHANNEL_EVENT",
    "SMART_CONVERSATIONS",
    "RECORD_NOTIFICATION",
    "BATCH_STATUS_UPDATE"
  ],
  "An event a webhook subscribes to."
)
/**
 * @since 0.1.0
 * @category enums
 */
export type WebhookTrigger = typeof WebhookTrigger.Type

/**
 * How callbacks reach a webhook.
 *
 * @since 0.1.0
 * @category enums
 */
export const WebhookTargetType = OpenEnum(
  "WebhookTargetType",
  ["DISMISS", "GRPC", "HTTP"],
  "How callbacks reach a webhook."
)
/**
 * @since 0.1.0
 * @category enums
 */
export type WebhookTargetType = typeof WebhookTargetType.Type

/**
 * How a webhook's OAuth2 token request is sent.
 *
 * @since 0.1.0
 * @category enums
 */
export const ClientCredentialsTokenRequestType = OpenEnum(
  "ClientCredentialsTokenRequestType",
  ["BASIC", "FORM"],
  "How a webhook's OAuth2 token request is sent."
)
/**
 * @since 0.1.0
 * @category enums
 */
export type ClientCredentialsTokenRequestType = typeof ClientCredentialsTokenRequestType.Type

/**
 * The state of a message or event on its way to the contact.
 *
 * @since 0.1.0
 * @category enums
 */
export const DeliveryStatus = OpenEnum(
  "DeliveryStatus",
  ["QUEUED_ON_CHANNEL", "DELIVERED", "READ", "FAILED", "SWITCHING_CHANNEL"],
  "The state of a message or event on its way to the contact."
)
/**
 * @since 0.1.0
 * @category enums
 */
export type DeliveryStatus = typeof DeliveryStatus.Type

/**
 * Why a message, event or request failed.
 *
 * @since 0.1.0
 * @category enums
 */
export const ReasonCode = OpenEnum(
  "ReasonCode",
  [
    "UNKNOWN",
    "INTERNAL_ERROR",
    "RATE_LIMITED",
    "RECIPIENT_INVALID_CHANNEL_IDENTITY",
    "RECIPIENT_NOT_REACHABLE",
    "RECIPIENT_NOT_OPTED_IN",
    "OUTSIDE_ALLOWED_SENDING_WINDOW",
    "CHANNEL_FAILURE",
    "CHANNEL_BAD_CONFIGURATION",
    "CHANNEL_CONFIGURATION_MISSING",
    "MEDIA_TYPE_UNSUPPORTED",
    "MEDIA_TOO_LARGE",
    "MEDIA_NOT_REACHABLE",
    "NO_CHANNELS_LEFT",
    "TEMPLATE_NOT_FOUND",
    "TEMPLATE_INSUFFICIENT_PARAMETERS",
    "TEMPLATE_NON_EXISTING_LANGUAGE_OR_VERSION",
    "DELIVERY_TIMED_OUT",
    "DELIVERY_REJECTED_DUE_TO_POLICY",
    "CONTACT_NOT_FOUND",
    "BAD_REQUEST",
    "UNKNOWN_APP",
    "NO_CHANNEL_IDENTITY_FOR_CONTACT",
    "CHANNEL_REJECT",
    "NO_PERMISSION",
    "NO_PROFILE_AVAILABLE",
    "UNSUPPORTED_OPERATION",
    "INACTIVE_CREDENTIAL",
    "MESSAGE_EXPIRED",
    "MESSAGE_SPLIT_REQUIRED",
    "DELIVERY_REPORT_TIME_OUT"
  ],
  "Why a message, event or request failed."
)
/**
 * @since 0.1.0
 * @category enums
 */
export type ReasonCode = typeof ReasonCode.Type

/**
 * A finer reason for a failure.
 *
 * @since 0.1.0
 * @category enums
 */
export const ReasonSubCode = OpenEnum(
  "ReasonSubCode",
  ["UNSPECIFIED_SUB_CODE", "ATTACHMENT_REJECTED", "MEDIA_TYPE_UNDETERMINED", "INACTIVE_SENDER"],
  "A finer reason for a failure."
)
/**
 * @since 0.1.0
 * @category enums
 */
export type ReasonSubCode = typeof ReasonSubCode.Type

/**
 * How long an app keeps messages and conversations.
 *
 * @since 0.1.0
 * @category enums
 */
export const RetentionPolicyType = OpenEnum(
  "RetentionPolicyType",
  ["MESSAGE_EXPIRE_POLICY", "CONVERSATION_EXPIRE_POLICY", "PERSIST_RETENTION_POLICY"],
  "How long an app keeps messages and conversations."
)
/**
 * @since 0.1.0
 * @category enums
 */
export type RetentionPolicyType = typeof RetentionPolicyType.Type

/**
 * How long an app keeps messages sent in dispatch mode.
 *
 * @since 0.1.0
 * @category enums
 */
export const DispatchRetentionPolicyType = OpenEnum(
  "DispatchRetentionPolicyType",
  ["MESSAGE_EXPIRE_POLICY"],
  "How long an app keeps messages sent in dispatch mode."
)
/**
 * @since 0.1.0
 * @category enums
 */
export type DispatchRetentionPolicyType = typeof DispatchRetentionPolicyType.Type

/**
 * A contact's language.
 *
 * @since 0.1.0
 * @category enums
 */
export const ContactLanguage = OpenEnum(
  "ContactLanguage",
  [
    "UNSPECIFIED",
    "AF",
    "SQ",
    "AR",
    "AZ",
    "BN",
    "BG",
    "CA",
    "ZH",
    "ZH_CN",
    "ZH_HK",
    "ZH_TW",
    "HR",
    "CS",
    "DA",
    "NL",
    "EN",
    "EN_GB",
    "EN_US",
    "ET",
    "FIL",
    "FI",
    "FR",
    "DE",
    "EL",
    "GU",
    "HA",
    "HE",
    "HI",
    "HU",
    "ID",
    "GA",
    "IT",
    "JA",
    "KN",
    "KK",
    "KO",
    "LO",
    "LV",
    "LT",
    "MK",
    "MS",
    "ML",
    "MR",
    "NB",
    "FA",
    "PL",
    "PT",
    "PT_BR",
    "PT_PT",
    "PA",
    "RO",
    "RU",
    "SR",
    "SK",
    "SL",
    "ES",
    "ES_AR",
    "ES_ES",
    "ES_MX",
    "SW",
    "SV",
    "TA",
    "TE",
    "TH",
    "TR",
    "UK",
    "UR",
    "UZ",
    "VI",
    "ZU"
  ],
  "A contact's language."
)
/**
 * @since 0.1.0
 * @category enums
 */
export type ContactLanguage = typeof ContactLanguage.Type

/**
 * The height of a card.
 *
 * @since 0.1.0
 * @category enums
 */
export const CardHeight = OpenEnum(
  "CardHeight",
  ["UNSPECIFIED_HEIGHT", "SHORT", "MEDIUM", "TALL"],
  "The height of a card."
)
/**
 * @since 0.1.0
 * @category enums
 */
export type CardHeight = typeof CardHeight.Type

/**
 * The priority queue of a sent message.
 *
 * @since 0.1.0
 * @category enums
 */
export const MessageQueue = OpenEnum(
  "MessageQueue",
  ["NORMAL_PRIORITY", "HIGH_PRIORITY"],
  "The priority queue of a sent message."
)
/**
 * @since 0.1.0
 * @category enums
 */
export type MessageQueue = typeof MessageQueue.Type

/**
 * How an update changes a conversation's metadata.
 *
 * @since 0.1.0
 * @category enums
 */
export const MetadataUpdateStrategy = OpenEnum(
  "MetadataUpdateStrategy",
  ["REPLACE", "MERGE_PATCH"],
  "How an update changes a conversation's metadata."
)
/**
 * @since 0.1.0
 * @category enums
 */
export type MetadataUpdateStrategy = typeof MetadataUpdateStrategy.Type

/**
 * What a message is about, for consent management.
 *
 * @since 0.1.0
 * @category enums
 */
export const MessageContentType = OpenEnum(
  "MessageContentType",
  ["CONTENT_UNKNOWN", "CONTENT_MARKETING", "CONTENT_NOTIFICATION"],
  "What a message is about, for consent management."
)
/**
 * @since 0.1.0
 * @category enums
 */
export type MessageContentType = typeof MessageContentType.Type

/**
 * How merging two contacts treats their conversations.
 *
 * @since 0.1.0
 * @category enums
 */
export const ConversationMergeStrategy = OpenEnum(
  "ConversationMergeStrategy",
  ["MERGE"],
  "How merging two contacts treats their conversations."
)
/**
 * @since 0.1.0
 * @category enums
 */
export type ConversationMergeStrategy = typeof ConversationMergeStrategy.Type

/**
 * Whether a contact can be reached on a channel.
 *
 * @since 0.1.0
 * @category enums
 */
export const CapabilityStatus = OpenEnum(
  "CapabilityStatus",
  ["CAPABILITY_UNKNOWN", "CAPABILITY_FULL", "CAPABILITY_PARTIAL", "NO_CAPABILITY"],
  "Whether a contact can be reached on a channel."
)
/**
 * @since 0.1.0
 * @category enums
 */
export type CapabilityStatus = typeof CapabilityStatus.Type

/**
 * The outcome of an opt-in registration.
 *
 * @since 0.1.0
 * @category enums
 */
export const OptInStatus = OpenEnum(
  "OptInStatus",
  ["OPT_IN_STATUS_UNSPECIFIED", "OPT_IN_SUCCEEDED", "OPT_IN_FAILED"],
  "The outcome of an opt-in registration."
)
/**
 * @since 0.1.0
 * @category enums
 */
export type OptInStatus = typeof OptInStatus.Type

/**
 * The outcome of an opt-out registration.
 *
 * @since 0.1.0
 * @category enums
 */
export const OptOutStatus = OpenEnum(
  "OptOutStatus",
  ["OPT_OUT_STATUS_UNSPECIFIED", "OPT_OUT_SUCCEEDED", "OPT_OUT_FAILED"],
  "The outcome of an opt-out registration."
)
/**
 * @since 0.1.0
 * @category enums
 */
export type OptOutStatus = typeof OptOutStatus.Type

/**
 * Who answers on the app's side.
 *
 * @since 0.1.0
 * @category enums
 */
export const AgentType = OpenEnum("AgentType", ["UNKNOWN_AGENT_TYPE", "HUMAN", "BOT"], "Who answers on the app's side.")
/**
 * @since 0.1.0
 * @category enums
 */
export type AgentType = typeof AgentType.Type

/**
 * The kind of a channel-specific message.
 *
 * @since 0.1.0
 * @category enums
 */
export const ChannelSpecificMessageType = OpenEnum(
  "ChannelSpecificMessageType",
  [
    "FLOWS",
    "ORDER_DETAILS",
    "ORDER_STATUS",
    "PAYMENT_LINK",
    "CALL_PERMISSION_REQUEST",
    "COMMERCE",
    "CAROUSEL_COMMERCE",
    "NOTIFICATION_MESSAGE_TEMPLATE"
  ],
  "The kind of a channel-specific message."
)
/**
 * @since 0.1.0
 * @category enums
 */
export type ChannelSpecificMessageType = typeof ChannelSpecificMessageType.Type

/**
 * The state of an app's channel credential.
 *
 * @since 0.1.0
 * @category enums
 */
export const ChannelCredentialStatus = OpenEnum(
  "ChannelCredentialStatus",
  ["PENDING", "ACTIVE", "FAILING"],
  "The state of an app's channel credential."
)
/**
 * @since 0.1.0
 * @category enums
 */
export type ChannelCredentialStatus = typeof ChannelCredentialStatus.Type

/**
 * A consent list.
 *
 * @since 0.1.0
 * @category enums
 */
export const ConsentListType = OpenEnum(
  "ConsentListType",
  ["OPT_OUT_ALL", "OPT_IN_MARKETING", "OPT_IN_NOTIFICATION", "OPT_OUT_MARKETING", "OPT_OUT_NOTIFICATION"],
  "A consent list."
)
/**
 * @since 0.1.0
 * @category enums
 */
export type ConsentListType = typeof ConsentListType.Type

/**
 * What changed a consent list.
 *
 * @since 0.1.0
 * @category enums
 */
export const ConsentAuditOrigin = OpenEnum(
  "ConsentAuditOrigin",
  ["ORIGIN_API", "ORIGIN_MO_KEYWORD", "ORIGIN_MO", "ORIGIN_DASHBOARD", "ORIGIN_BATCH"],
  "What changed a consent list."
)
/**
 * @since 0.1.0
 * @category enums
 */
export type ConsentAuditOrigin = typeof ConsentAuditOrigin.Type

/**
 * How a consent list changed.
 *
 * @since 0.1.0
 * @category enums
 */
export const ConsentAuditOperation = OpenEnum(
  "ConsentAuditOperation",
  ["OPERATION_INSERT", "OPERATION_UPDATE", "OPERATION_DELETE"],
  "How a consent list changed."
)
/**
 * @since 0.1.0
 * @category enums
 */
export type ConsentAuditOperation = typeof ConsentAuditOperation.Type

/**
 * What a record notification reports.
 *
 * @since 0.1.0
 * @category enums
 */
export const RecordStatus = OpenEnum(
  "RecordStatus",
  ["EVENT_RECORD_STORED", "MESSAGE_RECORD_STORED", "RECORD_STATUS_UNSPECIFIED"],
  "What a record notification reports."
)
/**
 * @since 0.1.0
 * @category enums
 */
export type RecordStatus = typeof RecordStatus.Type

/**
 * The sentiment Smart Conversations found in a message.
 *
 * @since 0.2.0
 * @category enums
 */
export const Sentiment = OpenEnum(
  "Sentiment",
  ["positive", "negative", "neutral"],
  "The sentiment Smart Conversations found in a message."
)
/**
 * @since 0.2.0
 * @category enums
 */
export type Sentiment = typeof Sentiment.Type

/**
 * Whether a contact added or removed a reaction.
 *
 * @since 0.1.0
 * @category enums
 */
export const ReactionAction = OpenEnum(
  "ReactionAction",
  ["REACTION_ACTION_UNKNOWN", "REACTION_ACTION_REACT", "REACTION_ACTION_UNREACT"],
  "Whether a contact added or removed a reaction."
)
/**
 * @since 0.1.0
 * @category enums
 */
export type ReactionAction = typeof ReactionAction.Type

/**
 * The order of listed recent conversations.
 *
 * @since 0.1.0
 * @category enums
 */
export const ConversationsListOrder = OpenEnum(
  "ConversationsListOrder",
  ["ASC", "DESC"],
  "The order of listed recent conversations."
)
/**
 * @since 0.1.0
 * @category enums
 */
export type ConversationsListOrder = typeof ConversationsListOrder.Type

/**
 * The verdict of offensive-content analysis.
 *
 * @since 0.1.0
 * @category enums
 */
export const OffensiveEvaluation = OpenEnum(
  "OffensiveEvaluation",
  ["SAFE", "UNSAFE"],
  "The verdict of offensive-content analysis."
)
/**
 * @since 0.1.0
 * @category enums
 */
export type OffensiveEvaluation = typeof OffensiveEvaluation.Type

/**
 * A key of a send request's `channel_properties`: a channel setting for this one message.
 *
 * @since 0.2.0
 * @category enums
 */
export const ChannelPropertyKey = OpenEnum(
  "ChannelPropertyKey",
  [
    "MESSENGER_MESSAGING_TYPE",
    "MESSENGER_MESSAGE_TAG",
    "MESSENGER_NOTIFICATION_TYPE",
    "INSTAGRAM_MESSAGE_TAG",
    "VIBER_SENDER_NAME",
    "VIBER_SENDER_AVATAR",
    "SMS_FLASH_MESSAGE",
    "SMS_SENDER",
    "SMS_MAX_NUMBER_OF_MESSAGE_PARTS",
    "MMS_SENDER",
    "MMS_STRICT_VALIDATION",
    "TELEGRAM_DISABLE_LINK_PREVIEW",
    "KAKAOTALK_AUTHENTICATION",
    "LINE_VIDEO_TRACKING_ID"
  ],
  "A key of a send request's channel_properties."
)
/**
 * @since 0.2.0
 * @category enums
 */
export type ChannelPropertyKey = typeof ChannelPropertyKey.Type

/**
 * The status of a payment in a contact's payment status update.
 *
 * @since 0.2.0
 * @category enums
 */
export const PaymentStatus = OpenEnum(
  "PaymentStatus",
  [
    "PAYMENT_STATUS_UNKNOWN",
    "PAYMENT_STATUS_NEW",
    "PAYMENT_STATUS_PENDING",
    "PAYMENT_STATUS_CAPTURED",
    "PAYMENT_STATUS_CANCELED",
    "PAYMENT_STATUS_FAILED"
  ],
  "The status of a payment."
)
/**
 * @since 0.2.0
 * @category enums
 */
export type PaymentStatus = typeof PaymentStatus.Type

/**
 * The status of a payment transaction in a contact's payment status update.
 *
 * @since 0.2.0
 * @category enums
 */
export const PaymentTransactionStatus = OpenEnum(
  "PaymentTransactionStatus",
  [
    "PAYMENT_STATUS_TRANSACTION_UNKNOWN",
    "PAYMENT_STATUS_TRANSACTION_PENDING",
    "PAYMENT_STATUS_TRANSACTION_FAILED",
    "PAYMENT_STATUS_TRANSACTION_SUCCESS",
    "PAYMENT_STATUS_TRANSACTION_CANCELED"
  ],
  "The status of a payment transaction."
)
/**
 * @since 0.2.0
 * @category enums
 */
export type PaymentTransactionStatus = typeof PaymentTransactionStatus.Type

/**
 * Where a comment of a contact was made (Instagram).
 *
 * @since 0.2.0
 * @category enums
 */
export const CommentType = OpenEnum("CommentType", ["FEED", "LIVE"], "Where a comment was made.")
/**
 * @since 0.2.0
 * @category enums
 */
export type CommentType = typeof CommentType.Type

/**
 * The kind of a channel-specific message sent by a contact (`nfm_reply`: a WhatsApp Flows or address reply).
 *
 * @since 0.2.0
 * @category enums
 */
export const ChannelSpecificContactMessageType = OpenEnum(
  "ChannelSpecificContactMessageType",
  ["nfm_reply"],
  "The kind of a channel-specific message sent by a contact."
)
/**
 * @since 0.2.0
 * @category enums
 */
export type ChannelSpecificContactMessageType = typeof ChannelSpecificContactMessageType.Type

/**
 * The status of a batch of messages of the Batch API, as its status endpoints report it.
 *
 * @since 0.2.0
 * @category enums
 */
export const BatchStatus = OpenEnum(
  "BatchStatus",
  ["READY", "SCHEDULED", "PROCESSED", "CANCELLED"],
  "The status of a batch of messages of the Batch API."
)
/**
 * @since 0.2.0
 * @category enums
 */
export type BatchStatus = typeof BatchStatus.Type

/**
 * The status of a batch in a BATCH_STATUS_UPDATE callback.
 *
 * @since 0.2.0
 * @category enums
 */
export const BatchNotificationStatus = OpenEnum(
  "BatchNotificationStatus",
  [
    "BATCH_STATUS_READY",
    "BATCH_STATUS_SCHEDULED",
    "BATCH_STATUS_PROCESSED",
    "BATCH_STATUS_CANCELLED",
    "BATCH_STATUS_FAILED"
  ],
  "The status of a batch in a BATCH_STATUS_UPDATE callback."
)
/**
 * @since 0.2.0
 * @category enums
 */
export type BatchNotificationStatus = typeof BatchNotificationStatus.Type

/**
 * What a batch of the Batch API holds.
 *
 * @since 0.2.0
 * @category enums
 */
export const BatchType = OpenEnum(
  "BatchType",
  ["BATCH_TYPE_MESSAGES", "BATCH_TYPE_CONTACTS", "BATCH_TYPE_CONSENTS"],
  "What a batch of the Batch API holds."
)
/**
 * @since 0.2.0
 * @category enums
 */
export type BatchType = typeof BatchType.Type
