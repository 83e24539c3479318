/**
 * Apps: channel credentials, processing mode, retention and callback settings.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Enums from "./Enums.js"
import * as Ids from "./Ids.js"
import { Int64, optional, optionalNullable, struct } from "./internal/schema.js"

const token = struct("StaticTokenCredential", { token: Schema.String })

const lineEnterprisePair = struct("LineEnterpriseCredentialsPair", { token: Schema.String, secret: Schema.String })

const ChannelCredential_ = struct("ChannelCredential", {
  channel: Enums.ConversationChannel,
  static_bearer: optional(struct("StaticBearerCredential", { claimed_identity: Schema.String, token: Schema.String })),
  static_token: optional(token),
  mms_credentials: optional(
    struct("MMSCredentials", {
      account_id: Schema.String,
      api_key: Schema.String,
      basic_auth: optional(struct("BasicAuthCredential", { username: Schema.String, password: Schema.String })),
      default_sender: optional(Schema.String)
    })
  ),
  kakaotalk_credentials: optional(
    struct("KakaoTalkCredentials", { kakaotalk_plus_friend_id: Schema.String, kakaotalk_sender_key: Schema.String })
  ),
  kakaotalkchat_credentials: optional(
    struct("KakaoTalkChatCredentials", { kakaotalk_plus_friend_id: Schema.String, api_key: optional(Schema.String) })
  ),
  telegram_credentials: optional(struct("TelegramCredentials", { token: Schema.String })),
  line_credentials: optional(
    struct("LineCredentials", { token: Schema.String, secret: Schema.String, is_default: optional(Schema.Boolean) })
  ),
  line_enterprise_credentials: optional(
    struct("LineEnterpriseCredentials", {
      line_japan: optional(lineEnterprisePair),
      line_thailand: optional(lineEnterprisePair),
      is_default: optional(Schema.Boolean)
    })
  ),
  wechat_credentials: optional(
    struct("WeChatCredentials", {
      app_id: Schema.String,
      app_secret: Schema.String,
      token: Schema.String,
      aes_key: Schema.String
    })
  ),
  instagram_credentials: optional(
    struct("InstagramCredentials", { token: Schema.String, business_account_id: optional(Schema.String) })
  ),
  applebc_credentials: optional(
    struct("AppleBcCredentials", {
      business_chat_account_id: Schema.String,
      merchant_id: optional(Schema.String),
      apple_pay_certificate_reference: optional(Schema.String),
      apple_pay_certificate_password: optional(Schema.String)
    })
  ),
  callback_secret: optional(Schema.String),
  state: optional(
    struct("ChannelCredentialState", { status: Enums.ChannelCredentialStatus, description: optional(Schema.String) })
  ),
  channel_known_id: optional(Schema.String),
  credential_ordinal_number: optional(Schema.Int)
})

/**
 * The credential of one channel of an app. Exactly one of the credential fields is set, matching `channel`.
 * `callback_secret` verifies the channel's own callbacks; `state` and `channel_known_id` are output only.
 * `credential_ordinal_number` tells apart several credentials of one channel (LINE: `line_credentials` and
 * `line_enterprise_credentials` for Japan or Thailand); it is 0 for other channels.
 *
 * @since 0.1.0
 * @category models
 */
export const ChannelCredential: ChannelCredentialSchema = ChannelCredential_
/**
 * The schema of {@link ChannelCredential}, as a struct.
 *
 * @since 0.1.0
 * @category models
 */
export interface ChannelCredentialSchema extends Schema.Struct<typeof ChannelCredential_.fields> {}
/**
 * @since 0.1.0
 * @category models
 */
export interface ChannelCredential extends Schema.Schema.Type<typeof ChannelCredential_> {}

const RetentionPolicy_ = struct("RetentionPolicy", {
  retention_type: optional(Enums.RetentionPolicyType),
  ttl_days: optional(Int64)
})

/**
 * How long messages and conversations are kept (`ttl_days` 1-3650, default 180).
 *
 * @since 0.1.0
 * @category models
 */
export const RetentionPolicy: RetentionPolicySchema = RetentionPolicy_
/**
 * The schema of {@link RetentionPolicy}, as a struct.
 *
 * @since 0.1.0
 * @category models
 */
export interface RetentionPolicySchema extends Schema.Struct<typeof RetentionPolicy_.fields> {}
/**
 * @since 0.1.0
 * @category models
 */
export interface RetentionPolicy extends Schema.Schema.Type<typeof RetentionPolicy_> {}

const DispatchRetentionPolicy_ = struct("DispatchRetentionPolicy", {
  retention_type: optional(Enums.DispatchRetentionPolicyType),
  ttl_days: optional(Int64)
})

/**
 * How long dispatch-mode messages are kept (`ttl_days` 0-7; 0 keeps none).
 *
 * @since 0.1.0
 * @category models
 */
export const DispatchRetentionPolicy: DispatchRetentionPolicySchema = DispatchRetentionPolicy_
/**
 * The schema of {@link DispatchRetentionPolicy}, as a struct.
 *
 * @since 0.1.0
 * @category models
 */
export interface DispatchRetentionPolicySchema extends Schema.Struct<typeof DispatchRetentionPolicy_.fields> {}
/**
 * @since 0.1.0
 * @category models
 */
export interface DispatchRetentionPolicy extends Schema.Schema.Type<typeof DispatchRetentionPolicy_> {}

const RateLimits_ = struct("RateLimits", {
  inbound: optional(Int64),
  outbound: optional(Int64),
  webhooks: optional(Int64)
})

/**
 * Messages and events per second an app handles, from and to channels and towards webhooks.
 *
 * @since 0.1.0
 * @category models
 */
export const RateLimits: RateLimitsSchema = RateLimits_
/**
 * The schema of {@link RateLimits}, as a struct.
 *
 * @since 0.1.0
 * @category models
 */
export interface RateLimitsSchema extends Schema.Struct<typeof RateLimits_.fields> {}
/**
 * @since 0.1.0
 * @category models
 */
export interface RateLimits extends Schema.Schema.Type<typeof RateLimits_> {}

const enabled = (identifier: string) => struct(identifier, { enabled: optional(Schema.Boolean) })

/**
 * App settings that are not about channels, shared by create, update and the app itself.
 *
 * @since 0.1.0
 * @category models
 */
export const AppSettingsFields = {
  conversation_metadata_report_view: optional(Enums.ConversationMetadataReportView),
  retention_policy: optional(RetentionPolicy),
  dispatch_retention_policy: optional(DispatchRetentionPolicy),
  processing_mode: optional(Enums.ProcessingMode),
  smart_conversation: optional(enabled("SmartConversation")),
  callback_settings: optional(
    struct("CallbackSettings", { secret_for_overridden_callback_urls: optional(Schema.String) })
  ),
  delivery_report_based_fallback: optional(
    struct("DeliveryReportBasedFallback", {
      enabled: optional(Schema.Boolean),
      delivery_report_waiting_time: optional(Schema.JsonNumber)
    })
  ),
  message_retry_settings: optionalNullable(
    struct("MessageRetrySettings", { retry_duration: optional(Schema.JsonNumber) })
  ),
  persist_message_status: optional(enabled("PersistMessageStatus")),
  message_search: optional(enabled("MessageSearch"))
}

const CreateAppRequest_ = struct("CreateAppRequest", {
  display_name: Schema.String,
  channel_credentials: Schema.Array(ChannelCredential),
  ...AppSettingsFields
})

/**
 * The body of `POST /v1/projects/{project_id}/apps`.
 *
 * @since 0.1.0
 * @category requests
 */
export const CreateAppRequest: CreateAppRequestSchema = CreateAppRequest_
/**
 * The schema of {@link CreateAppRequest}, as a struct.
 *
 * @since 0.1.0
 * @category requests
 */
export interface CreateAppRequestSchema extends Schema.Struct<typeof CreateAppRequest_.fields> {}
/**
 * @since 0.1.0
 * @category requests
 */
export interface CreateAppRequest extends Schema.Schema.Type<typeof CreateAppRequest_> {}

const UpdateAppRequest_ = struct("UpdateAppRequest", {
  display_name: optional(Schema.String),
  channel_credentials: optional(Schema.Array(ChannelCredential)),
  ...AppSettingsFields
})

/**
 * The body of `PATCH /v1/projects/{project_id}/apps/{app_id}`. Lists replace the stored ones: to add a credential,
 * send the existing ones too. `update_mask.paths` (a query parameter) limits which fields change.
 *
 * @since 0.1.0
 * @category requests
 */
export const UpdateAppRequest: UpdateAppRequestSchema = UpdateAppRequest_
/**
 * The schema of {@link UpdateAppRequest}, as a struct.
 *
 * @since 0.1.0
 * @category requests
 */
export interface UpdateAppRequestSchema extends Schema.Struct<typeof UpdateAppRequest_.fields> {}
/**
 * @since 0.1.0
 * @category requests
 */
export interface UpdateAppRequest extends Schema.Schema.Type<typeof UpdateAppRequest_> {}

const App_ = struct("App", {
  id: optional(Ids.AppId),
  display_name: optional(Schema.String),
  channel_credentials: optional(Schema.Array(ChannelCredential)),
  rate_limits: optional(RateLimits),
  queue_stats: optional(struct("QueueStats", { outbound_size: optional(Int64), outbound_limit: optional(Int64) })),
  ...AppSettingsFields
})

/**
 * An app as the API returns it.
 *
 * @since 0.1.0
 * @category models
 */
export const App: AppSchema = App_
/**
 * The schema of {@link App}, as a struct.
 *
 * @since 0.1.0
 * @category models
 */
export interface AppSchema extends Schema.Struct<typeof App_.fields> {}
/**
 * @since 0.1.0
 * @category models
 */
export interface App extends Schema.Schema.Type<typeof App_> {}

const ListAppsResponse_ = struct("ListAppsResponse", { apps: optional(Schema.Array(App)) })

/**
 * The answer of `GET /v1/projects/{project_id}/apps` (not paginated).
 *
 * @since 0.1.0
 * @category responses
 */
export const ListAppsResponse: ListAppsResponseSchema = ListAppsResponse_
/**
 * The schema of {@link ListAppsResponse}, as a struct.
 *
 * @since 0.1.0
 * @category responses
 */
export interface ListAppsResponseSchema extends Schema.Struct<typeof ListAppsResponse_.fields> {}
/**
 * @since 0.1.0
 * @category responses
 */
export interface ListAppsResponse extends Schema.Schema.Type<typeof ListAppsResponse_> {}
