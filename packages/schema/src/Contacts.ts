/**
 * Contacts: people with their channel identities, merging, channel profiles and identity conflicts.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Common from "./Common.js"
import * as Enums from "./Enums.js"
import * as Ids from "./Ids.js"
import { nextPageToken, optional, page, struct } from "./internal/schema.js"

const contactFields = {
  channel_priority: optional(Schema.Array(Enums.ConversationChannel)),
  display_name: optional(Schema.String),
  email: optional(Schema.String),
  external_id: optional(Schema.String),
  metadata: optional(Schema.String),
  language: optional(Enums.ContactLanguage)
}
const { language: _language, ...createFields } = contactFields

/**
 * A contact: a person and how to reach them on each channel.
 *
 * @since 0.1.0
 * @category models
 */
export const Contact = struct("Contact", {
  id: optional(Ids.ContactId),
  channel_identities: optional(Schema.Array(Common.ChannelIdentity)),
  ...contactFields
})
/**
 * @since 0.1.0
 * @category models
 */
export type Contact = typeof Contact.Type

/**
 * The body of `POST /v1/projects/{project_id}/contacts`: at least one channel identity, and a language.
 *
 * @since 0.1.0
 * @category requests
 */
export const CreateContactRequest = struct("CreateContactRequest", {
  channel_identities: Schema.Array(Common.ChannelIdentity).pipe(Schema.minItems(1)),
  language: Enums.ContactLanguage,
  ...createFields
})
/**
 * @since 0.1.0
 * @category requests
 */
export type CreateContactRequest = typeof CreateContactRequest.Type

/**
 * The body of `PATCH /v1/projects/{project_id}/contacts/{contact_id}` (with `update_mask.paths` as query).
 *
 * @since 0.1.0
 * @category requests
 */
export const UpdateContactRequest = struct("UpdateContactRequest", {
  channel_identities: optional(Schema.Array(Common.ChannelIdentity)),
  ...contactFields
})
/**
 * @since 0.1.0
 * @category requests
 */
export type UpdateContactRequest = typeof UpdateContactRequest.Type

/**
 * The query of `GET /v1/projects/{project_id}/contacts` (`page_size` default 10, at most 20).
 *
 * @since 0.1.0
 * @category requests
 */
export const ListContactsRequest = struct("ListContactsRequest", {
  page_size: optional(Schema.Int),
  page_token: optional(Schema.String),
  external_id: optional(Schema.String),
  channel: optional(Enums.ConversationChannel),
  identity: optional(Schema.String)
})
/**
 * @since 0.1.0
 * @category requests
 */
export type ListContactsRequest = typeof ListContactsRequest.Type

/**
 * One page of contacts.
 *
 * @since 0.1.0
 * @category responses
 */
export const ListContactsResponse = struct("ListContactsResponse", {
  contacts: page(Contact),
  next_page_token: nextPageToken
})
/**
 * @since 0.1.0
 * @category responses
 */
export type ListContactsResponse = typeof ListContactsResponse.Type

/**
 * The body of `POST /v1/projects/{project_id}/contacts/{destination_id}:merge`: the contact to merge into the
 * destination and remove.
 *
 * @since 0.1.0
 * @category requests
 */
export const MergeContactRequest = struct("MergeContactRequest", {
  source_id: Ids.ContactId,
  strategy: optional(Enums.ConversationMergeStrategy)
})
/**
 * @since 0.1.0
 * @category requests
 */
export type MergeContactRequest = typeof MergeContactRequest.Type

/**
 * The body of `POST /v1/projects/{project_id}/contacts:getChannelProfile`.
 *
 * @since 0.1.0
 * @category requests
 */
export const GetChannelProfileRequest = struct("GetChannelProfileRequest", {
  app_id: Ids.AppId,
  recipient: Common.Recipient,
  channel: Enums.GetChannelProfileChannel
})
/**
 * @since 0.1.0
 * @category requests
 */
export type GetChannelProfileRequest = typeof GetChannelProfileRequest.Type

/**
 * The contact's name as the channel knows it.
 *
 * @since 0.1.0
 * @category responses
 */
export const GetChannelProfileResponse = struct("GetChannelProfileResponse", {
  profile_name: optional(Schema.String)
})
/**
 * @since 0.1.0
 * @category responses
 */
export type GetChannelProfileResponse = typeof GetChannelProfileResponse.Type

/**
 * One identity claimed by several contacts.
 *
 * @since 0.1.0
 * @category models
 */
export const IdentityConflict = struct("IdentityConflict", {
  identity: optional(Schema.String),
  channels: optional(Schema.Array(Enums.ConversationChannel)),
  contact_ids: optional(Schema.Array(Ids.ContactId))
})
/**
 * @since 0.1.0
 * @category models
 */
export type IdentityConflict = typeof IdentityConflict.Type

/**
 * The query of `GET /v1/projects/{project_id}/contacts:identityConflicts`.
 *
 * @since 0.1.0
 * @category requests
 */
export const ListIdentityConflictsRequest = struct("ListIdentityConflictsRequest", {
  page_size: optional(Schema.Int),
  page_token: optional(Schema.String)
})
/**
 * @since 0.1.0
 * @category requests
 */
export type ListIdentityConflictsRequest = typeof ListIdentityConflictsRequest.Type

/**
 * One page of `GET /v1/projects/{project_id}/contacts:identityConflicts`.
 *
 * @since 0.1.0
 * @category responses
 */
export const ListIdentityConflictsResponse = struct("ListIdentityConflictsResponse", {
  conflicts: page(IdentityConflict),
  next_page_token: nextPageToken
})
/**
 * @since 0.1.0
 * @category responses
 */
export type ListIdentityConflictsResponse = typeof ListIdentityConflictsResponse.Type
