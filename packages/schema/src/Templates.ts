/**
 * Templates of the Template Management API (v1 and v2), as the API returns them.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Enums from "./Enums.js"
import * as Messages from "./Messages.js"
import { optional, struct, Timestamp } from "./internal/schema.js"

/**
 * A variable of a template translation, with a preview value.
 *
 * @since 0.1.0
 * @category models
 */
export const TemplateVariable = struct("TemplateVariable", {
  key: Schema.String,
  preview_value: optional(Schema.String)
})
/**
 * @since 0.1.0
 * @category models
 */
export type TemplateVariable = typeof TemplateVariable.Type

/**
 * A v1 translation: the message content as a JSON string.
 *
 * @since 0.1.0
 * @category models
 */
export const TemplateTranslation = struct("TemplateTranslation", {
  language_code: Schema.String,
  content: optional(Schema.String),
  version: optional(Schema.String),
  create_time: optional(Timestamp),
  update_time: optional(Timestamp),
  variables: optional(Schema.Array(TemplateVariable))
})
/**
 * @since 0.1.0
 * @category models
 */
export type TemplateTranslation = typeof TemplateTranslation.Type

/**
 * A v1 template.
 *
 * @since 0.1.0
 * @category models
 */
export const Template = struct("Template", {
  id: optional(Schema.String),
  description: optional(Schema.String),
  translations: optional(Schema.Array(TemplateTranslation)),
  default_translation: optional(Schema.String),
  create_time: optional(Timestamp),
  update_time: optional(Timestamp),
  channel: optional(Enums.ConversationChannel)
})
/**
 * @since 0.1.0
 * @category models
 */
export type Template = typeof Template.Type

/**
 * The answer of the v1 template list.
 *
 * @since 0.1.0
 * @category responses
 */
export const ListTemplatesResponse = struct("ListTemplatesResponse", { templates: optional(Schema.Array(Template)) })
/**
 * @since 0.1.0
 * @category responses
 */
export type ListTemplatesResponse = typeof ListTemplatesResponse.Type

/**
 * A v2 translation: the message content as an `AppMessage` kind and per-channel overrides.
 *
 * @since 0.1.0
 * @category models
 */
export const TemplateTranslationV2 = struct("TemplateTranslationV2", {
  language_code: Schema.String,
  version: optional(Schema.String),
  channel_template_overrides: optional(
    Schema.Record({
      key: Schema.String,
      value: struct("ChannelTemplateOverride", {
        template_reference: optional(Messages.TemplateReference),
        parameter_mappings: optional(Schema.Record({ key: Schema.String, value: Schema.String }))
      })
    })
  ),
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
 * @since 0.1.0
 * @category models
 */
export type TemplateTranslationV2 = typeof TemplateTranslationV2.Type

/**
 * A v2 template.
 *
 * @since 0.1.0
 * @category models
 */
export const TemplateV2 = struct("TemplateV2", {
  id: optional(Schema.String),
  description: optional(Schema.String),
  version: optional(Schema.JsonNumber),
  default_translation: optional(Schema.String),
  translations: optional(Schema.Array(TemplateTranslationV2)),
  create_time: optional(Timestamp),
  update_time: optional(Timestamp)
})
/**
 * @since 0.1.0
 * @category models
 */
export type TemplateV2 = typeof TemplateV2.Type

/**
 * The answer of the v2 template list.
 *
 * @since 0.1.0
 * @category responses
 */
export const ListTemplatesV2Response = struct("ListTemplatesV2Response", {
  templates: optional(Schema.Array(TemplateV2))
})
/**
 * @since 0.1.0
 * @category responses
 */
export type ListTemplatesV2Response = typeof ListTemplatesV2Response.Type

/**
 * The answer of the v2 translation list of a template.
 *
 * @since 0.1.0
 * @category responses
 */
export const ListTranslationsV2Response = struct("ListTranslationsV2Response", {
  translations: optional(Schema.Array(TemplateTranslationV2))
})
/**
 * @since 0.1.0
 * @category responses
 */
export type ListTranslationsV2Response = typeof ListTranslationsV2Response.Type
