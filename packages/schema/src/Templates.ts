/**
 * Templates of the Template Management API (v1 and v2), as the API returns them.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Messages from "./Messages.js"
import { OpenEnum, optional, record, struct, Timestamp } from "./internal/schema.js"

const TemplateVariable_ = struct("TemplateVariable", {
  key: Schema.String,
  preview_value: optional(Schema.String)
})

/**
 * A variable of a template translation, with a preview value.
 *
 * @since 0.1.0
 * @category models
 */
export const TemplateVariable: TemplateVariableSchema = TemplateVariable_
/**
 * The schema of {@link TemplateVariable}, as a struct.
 *
 * @since 0.1.0
 * @category models
 */
export interface TemplateVariableSchema extends Schema.Struct<typeof TemplateVariable_.fields> {}
/**
 * @since 0.1.0
 * @category models
 */
export interface TemplateVariable extends Schema.Schema.Type<typeof TemplateVariable_> {}

const TemplateTranslation_ = struct("TemplateTranslation", {
  language_code: Schema.String,
  content: optional(Schema.String),
  version: optional(Schema.String),
  create_time: optional(Timestamp),
  update_time: optional(Timestamp),
  variables: optional(Schema.Array(TemplateVariable))
})

/**
 * A v1 translation: the message content as a JSON string.
 *
 * @since 0.1.0
 * @category models
 */
export const TemplateTranslation: TemplateTranslationSchema = TemplateTranslation_
/**
 * The schema of {@link TemplateTranslation}, as a struct.
 *
 * @since 0.1.0
 * @category models
 */
export interface TemplateTranslationSchema extends Schema.Struct<typeof TemplateTranslation_.fields> {}
/**
 * @since 0.1.0
 * @category models
 */
export interface TemplateTranslation extends Schema.Schema.Type<typeof TemplateTranslation_> {}

/**
 * The channel a v1 template is meant for (`UNSPECIFIED` and `CONVERSATION`: every channel).
 *
 * @since 0.1.0
 * @category enums
 */
export const TemplateChannel = OpenEnum(
  "TemplateChannel",
  ["UNSPECIFIED", "CONVERSATION", "MESSENGER", "WHATSAPP", "RCS", "SMS", "VIBER", "VIBERBM"],
  "The channel of a v1 template."
)
/**
 * @since 0.1.0
 * @category enums
 */
export type TemplateChannel = typeof TemplateChannel.Type

const Template_ = struct("Template", {
  id: optional(Schema.String),
  description: optional(Schema.String),
  translations: optional(Schema.Array(TemplateTranslation)),
  default_translation: optional(Schema.String),
  create_time: optional(Timestamp),
  update_time: optional(Timestamp),
  channel: optional(TemplateChannel)
})

/**
 * A v1 template.
 *
 * @since 0.1.0
 * @category models
 */
export const Template: TemplateSchema = Template_
/**
 * The schema of {@link Template}, as a struct.
 *
 * @since 0.1.0
 * @category models
 */
export interface TemplateSchema extends Schema.Struct<typeof Template_.fields> {}
/**
 * @since 0.1.0
 * @category models
 */
export interface Template extends Schema.Schema.Type<typeof Template_> {}

const ListTemplatesResponse_ = struct("ListTemplatesResponse", { templates: optional(Schema.Array(Template)) })

/**
 * The answer of the v1 template list.
 *
 * @since 0.1.0
 * @category responses
 */
export const ListTemplatesResponse: ListTemplatesResponseSchema = ListTemplatesResponse_
/**
 * The schema of {@link ListTemplatesResponse}, as a struct.
 *
 * @since 0.1.0
 * @category responses
 */
export interface ListTemplatesResponseSchema extends Schema.Struct<typeof ListTemplatesResponse_.fields> {}
/**
 * @since 0.1.0
 * @category responses
 */
export interface ListTemplatesResponse extends Schema.Schema.Type<typeof ListTemplatesResponse_> {}

const ChannelTemplateOverride_ = struct("ChannelTemplateOverride", {
  template_reference: optional(Messages.TemplateReference),
  parameter_mappings: optional(record({ key: Schema.String, value: Schema.String }))
})

/**
 * A v2 translation's override for one channel (the key of `channel_template_overrides`, `WHATSAPP` or `KAKAOTALK`):
 * the channel-specific template to send instead of the omni-channel content, and which of its parameters take which
 * template variable.
 *
 * @since 0.1.0
 * @category models
 */
export const ChannelTemplateOverride: ChannelTemplateOverrideSchema = ChannelTemplateOverride_
/**
 * The schema of {@link ChannelTemplateOverride}, as a struct.
 *
 * @since 0.1.0
 * @category models
 */
export interface ChannelTemplateOverrideSchema extends Schema.Struct<typeof ChannelTemplateOverride_.fields> {}
/**
 * @since 0.1.0
 * @category models
 */
export interface ChannelTemplateOverride extends Schema.Schema.Type<typeof ChannelTemplateOverride_> {}

const TemplateTranslationV2_ = struct("TemplateTranslationV2", {
  language_code: Schema.String,
  version: optional(Schema.String),
  channel_template_overrides: optional(record({ key: Schema.String, value: ChannelTemplateOverride })),
  variables: optional(Schema.Array(TemplateVariable)),
  create_time: optional(Timestamp),
  update_time: optional(Timestamp),
  text_message: optional(Messages.TextMessage),
  media_message: optional(Messages.MediaMessage),
  template_message: optional(Messages.TemplateMessage),
  choice_message: optional(Messages.ChoiceMessage),
  card_message: optional(Messages.CardMessage),
  carousel_message: optional(Messages.CarouselMessage),
  location_message: optional(Messages.LocationMessage),
  list_message: optional(Messages.ListMessage),
  contact_info_message: optional(Messages.ContactInfoMessage)
})

/**
 * A v2 translation: the message content as an `AppMessage` kind and per-channel overrides.
 *
 * @since 0.1.0
 * @category models
 */
export const TemplateTranslationV2: TemplateTranslationV2Schema = TemplateTranslationV2_
/**
 * The schema of {@link TemplateTranslationV2}, as a struct.
 *
 * @since 0.1.0
 * @category models
 */
export interface TemplateTranslationV2Schema extends Schema.Struct<typeof TemplateTranslationV2_.fields> {}
/**
 * @since 0.1.0
 * @category models
 */
export interface TemplateTranslationV2 extends Schema.Schema.Type<typeof TemplateTranslationV2_> {}

const TemplateV2_ = struct("TemplateV2", {
  id: optional(Schema.String),
  description: optional(Schema.String),
  version: optional(Schema.JsonNumber),
  default_translation: optional(Schema.String),
  translations: optional(Schema.Array(TemplateTranslationV2)),
  create_time: optional(Timestamp),
  update_time: optional(Timestamp)
})

/**
 * A v2 template.
 *
 * @since 0.1.0
 * @category models
 */
export const TemplateV2: TemplateV2Schema = TemplateV2_
/**
 * The schema of {@link TemplateV2}, as a struct.
 *
 * @since 0.1.0
 * @category models
 */
export interface TemplateV2Schema extends Schema.Struct<typeof TemplateV2_.fields> {}
/**
 * @since 0.1.0
 * @category models
 */
export interface TemplateV2 extends Schema.Schema.Type<typeof TemplateV2_> {}

const ListTemplatesV2Response_ = struct("ListTemplatesV2Response", {
  templates: optional(Schema.Array(TemplateV2))
})

/**
 * The answer of the v2 template list.
 *
 * @since 0.1.0
 * @category responses
 */
export const ListTemplatesV2Response: ListTemplatesV2ResponseSchema = ListTemplatesV2Response_
/**
 * The schema of {@link ListTemplatesV2Response}, as a struct.
 *
 * @since 0.1.0
 * @category responses
 */
export interface ListTemplatesV2ResponseSchema extends Schema.Struct<typeof ListTemplatesV2Response_.fields> {}
/**
 * @since 0.1.0
 * @category responses
 */
export interface ListTemplatesV2Response extends Schema.Schema.Type<typeof ListTemplatesV2Response_> {}

const ListTranslationsV2Response_ = struct("ListTranslationsV2Response", {
  translations: optional(Schema.Array(TemplateTranslationV2))
})

/**
 * The answer of the v2 translation list of a template.
 *
 * @since 0.1.0
 * @category responses
 */
export const ListTranslationsV2Response: ListTranslationsV2ResponseSchema = ListTranslationsV2Response_
/**
 * The schema of {@link ListTranslationsV2Response}, as a struct.
 *
 * @since 0.1.0
 * @category responses
 */
export interface ListTranslationsV2ResponseSchema extends Schema.Struct<typeof ListTranslationsV2Response_.fields> {}
/**
 * @since 0.1.0
 * @category responses
 */
export interface ListTranslationsV2Response extends Schema.Schema.Type<typeof ListTranslationsV2Response_> {}

const CreateTemplateV2Request_ = struct("CreateTemplateV2Request", {
  id: optional(Schema.String),
  description: optional(Schema.String),
  version: optional(Schema.JsonNumber),
  default_translation: Schema.String,
  translations: Schema.Array(TemplateTranslationV2)
})

/**
 * The body of the v2 create (`POST /v2/projects/{project_id}/templates`): `id` is generated when absent, `version`
 * starts at 1, `default_translation` must be the language of one of the translations.
 *
 * @since 0.1.0
 * @category requests
 */
export const CreateTemplateV2Request: CreateTemplateV2RequestSchema = CreateTemplateV2Request_
/**
 * The schema of {@link CreateTemplateV2Request}, as a struct.
 *
 * @since 0.1.0
 * @category requests
 */
export interface CreateTemplateV2RequestSchema extends Schema.Struct<typeof CreateTemplateV2Request_.fields> {}
/**
 * @since 0.1.0
 * @category requests
 */
export interface CreateTemplateV2Request extends Schema.Schema.Type<typeof CreateTemplateV2Request_> {}

const UpdateTemplateV2Request_ = struct("UpdateTemplateV2Request", {
  description: optional(Schema.String),
  version: Schema.JsonNumber,
  default_translation: Schema.String,
  translations: Schema.Array(TemplateTranslationV2)
})

/**
 * The body of the v2 update (`PUT /v2/projects/{project_id}/templates/{template_id}`): the whole template, replacing
 * the stored one; `version` must be the stored (latest) version, and the answer carries the next one.
 *
 * @since 0.1.0
 * @category requests
 */
export const UpdateTemplateV2Request: UpdateTemplateV2RequestSchema = UpdateTemplateV2Request_
/**
 * The schema of {@link UpdateTemplateV2Request}, as a struct.
 *
 * @since 0.1.0
 * @category requests
 */
export interface UpdateTemplateV2RequestSchema extends Schema.Struct<typeof UpdateTemplateV2Request_.fields> {}
/**
 * @since 0.1.0
 * @category requests
 */
export interface UpdateTemplateV2Request extends Schema.Schema.Type<typeof UpdateTemplateV2Request_> {}

const ListTranslationsV2Request_ = struct("ListTranslationsV2Request", {
  language_code: optional(Schema.String),
  translation_version: optional(Schema.String)
})

/**
 * The query of the v2 translation list: only the translations of a language, or of a version (`latest` for the
 * newest of each language).
 *
 * @since 0.1.0
 * @category requests
 */
export const ListTranslationsV2Request: ListTranslationsV2RequestSchema = ListTranslationsV2Request_
/**
 * The schema of {@link ListTranslationsV2Request}, as a struct.
 *
 * @since 0.1.0
 * @category requests
 */
export interface ListTranslationsV2RequestSchema extends Schema.Struct<typeof ListTranslationsV2Request_.fields> {}
/**
 * @since 0.1.0
 * @category requests
 */
export interface ListTranslationsV2Request extends Schema.Schema.Type<typeof ListTranslationsV2Request_> {}
