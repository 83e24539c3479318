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

const Contact_ = struct("Contact", {
  id: optional(Ids.ContactId),
  channel_identities: optional(Schema.Array(Common.ChannelIdentity)),
  ...contactFields
})

/**
 * A contact: a person and how to reach them on each channel.
 *
 * @since 0.1.0
 * @category models
 */
export const Contact: ContactSchema = Contact_
/**
 * The schema of {@link Contact}, as a struct.
 *
 * @since 0.1.0
 * @category models
 */
export interface ContactSchema extends Schema.Struct<typeof Contact_.fields> {}
/**
 * @since 0.1.0
 * @category models
 */
export interface Contact extends Schema.Schema.Type<typeof Contact_> {}

const CreateContactRequest_ = struct("CreateContactRequest", {
  channel_identities: Schema.Array(Common.ChannelIdentity).pipe(Schema.minItems(1)),
  language: Enums.ContactLanguage,
  ...createFields
})

/**
 * The body of `POST /v1/projects/{project_id}/contacts`: at least one channel identity, and a language.
 *
 * @since 0.1.0
 * @category requests
 */
export const CreateContactRequest: CreateContactRequestSchema = CreateContactRequest_
/**
 * The schema of {@link CreateContactRequest}, as a struct.
 *
 * @since 0.1.0
 * @category requests
 */
export interface CreateContactRequestSchema extends Schema.Struct<typeof CreateContactRequest_.fields> {}
/**
 * @since 0.1.0
 * @category requests
 */
export interface CreateContactRequest extends Schema.Schema.Type<typeof CreateContactRequest_> {}

const UpdateContactRequest_ = struct("UpdateContactRequest", {
  channel_identities: optional(Schema.Array(Common.ChannelIdentity)),
  ...contactFields
})

/**
 * The body of `PATCH /v1/projects/{project_id}/contacts/{contact_id}` (with `update_mask.paths` as query).
 *
 * @since 0.1.0
 * @category requests
 */
export const UpdateContactRequest: UpdateContactRequestSchema = UpdateContactRequest_
/**
 * The schema of {@link UpdateContactRequest}, as a struct.
 *
 * @since 0.1.0
 * @category requests
 */
export interface UpdateContactRequestSchema extends Schema.Struct<typeof UpdateContactRequest_.fields> {}
/**
 * @since 0.1.0
 * @category requests
 */
export interface UpdateContactRequest extends Schema.Schema.Type<typeof UpdateContactRequest_> {}

const ListContactsRequest_ = struct("ListContactsRequest", {
  page_size: optional(Schema.Int),
  page_token: optional(Schema.String),
  external_id: optional(Schema.String),
  channel: optional(Enums.ConversationChannel),
  identity: optional(Schema.String)
})

/**
 * The query of `GET /v1/projects/{project_id}/contacts` (`page_size` default 10, at most 20).
 *
 * @since 0.1.0
 * @category requests
 */
export const ListContactsRequest: ListContactsRequestSchema = ListContactsRequest_
/**
 * The schema of {@link ListContactsRequest}, as a struct.
 *
 * @since 0.1.0
 * @category requests
 */
export interface ListContactsRequestSchema extends Schema.Struct<typeof ListContactsRequest_.fields> {}
/**
 * @since 0.1.0
 * @category requests
 */
export interface ListContactsRequest extends Schema.Schema.Type<typeof ListContactsRequest_> {}

const ListContactsResponse_ = struct("ListContactsResponse", {
  contacts: page(Contact),
  next_page_token: nextPageToken
})

/**
 * One page of contacts.
 *
 * @since 0.1.0
 * @category responses
 */
export const ListContactsResponse: ListContactsResponseSchema = ListContactsResponse_
/**
 * The schema of {@link ListContactsResponse}, as a struct.
 *
 * @since 0.1.0
 * @category responses
 */
export interface ListContactsResponseSchema extends Schema.Struct<typeof ListContactsResponse_.fields> {}
/**
 * @since 0.1.0
 * @category responses
 */
export interface ListContactsResponse extends Schema.Schema.Type<typeof ListContactsResponse_> {}

const MergeContactRequest_ = struct("MergeContactRequest", {
  source_id: Ids.ContactId,
  strategy: optional(Enums.ConversationMergeStrategy)
})

/**
 * The body of `POST /v1/projects/{project_id}/contacts/{destination_id}:merge`: the contact to merge into the
 * destination and remove.
 *
 * @since 0.1.0
 * @category requests
 */
export const MergeContactRequest: MergeContactRequestSchema = MergeContactRequest_
/**
 * The schema of {@link MergeContactRequest}, as a struct.
 *
 * @since 0.1.0
 * @category requests
 */
export interface MergeContactRequestSchema extends Schema.Struct<typeof MergeContactRequest_.fields> {}
/**
 * @since 0.1.0
 * @category requests
 */
export interface MergeContactRequest extends Schema.Schema.Type<typeof MergeContactRequest_> {}

const GetChannelProfileRequest_ = struct("GetChannelProfileRequest", {
  app_id: Ids.AppId,
  recipient: Common.Recipient,
  channel: Enums.GetChannelProfileChannel
})

/**
 * The body of `POST /v1/projects/{project_id}/contacts:getChannelProfile`.
 *
 * @since 0.1.0
 * @category requests
 */
export const GetChannelProfileRequest: GetChannelProfileRequestSchema = GetChannelProfileRequest_
/**
 * The schema of {@link GetChannelProfileRequest}, as a struct.
 *
 * @since 0.1.0
 * @category requests
 */
export interface GetChannelProfileRequestSchema extends Schema.Struct<typeof GetChannelProfileRequest_.fields> {}
/**
 * @since 0.1.0
 * @category requests
 */
export interface GetChannelProfileRequest extends Schema.Schema.Type<typeof GetChannelProfileRequest_> {}

const GetChannelProfileResponse_ = struct("GetChannelProfileResponse", {
  profile_name: optional(Schema.String)
})

/**
 * The contact's name as the channel knows it.
 *
 * @since 0.1.0
 * @category responses
 */
export const GetChannelProfileResponse: GetChannelProfileResponseSchema = GetChannelProfileResponse_
/**
 * The schema of {@link GetChannelProfileResponse}, as a struct.
 *
 * @since 0.1.0
 * @category responses
 */
export interface GetChannelProfileResponseSchema extends Schema.Struct<typeof GetChannelProfileResponse_.fields> {}
/**
 * @since 0.1.0
 * @category responses
 */
export interface GetChannelProfileResponse extends Schema.Schema.Type<typeof GetChannelProfileResponse_> {}

const IdentityConflict_ = struct("IdentityConflict", {
  identity: optional(Schema.String),
  channels: optional(Schema.Array(Enums.ConversationChannel)),
  contact_ids: optional(Schema.Array(Ids.ContactId))
})

/**
 * One identity claimed by several contacts.
 *
 * @since 0.1.0
 * @category models
 */
export const IdentityConflict: IdentityConflictSchema = IdentityConflict_
/**
 * The schema of {@link IdentityConflict}, as a struct.
 *
 * @since 0.1.0
 * @category models
 */
export interface IdentityConflictSchema extends Schema.Struct<typeof IdentityConflict_.fields> {}
/**
 * @since 0.1.0
 * @category models
 */
export interface IdentityConflict extends Schema.Schema.Type<typeof IdentityConflict_> {}

const ListIdentityConflictsRequest_ = struct("ListIdentityConflictsRequest", {
  page_size: optional(Schema.Int),
  page_token: optional(Schema.String)
})

/**
 * The query of `GET /v1/projects/{project_id}/contacts:identityConflicts`.
 *
 * @since 0.1.0
 * @category requests
 */
export const ListIdentityConflictsRequest: ListIdentityConflictsRequestSchema = ListIdentityConflictsRequest_
/**
 * The schema of {@link ListIdentityConflictsRequest}, as a struct.
 *
 * @since 0.1.0
 * @category requests
 */
export interface ListIdentityConflictsRequestSchema extends Schema.Struct<
  typeof ListIdentityConflictsRequest_.fields
> {}
/**
 * @since 0.1.0
 * @category requests
 */
export interface ListIdentityConflictsRequest extends Schema.Schema.Type<typeof ListIdentityConflictsRequest_> {}

const ListIdentityConflictsResponse_ = struct("ListIdentityConflictsResponse", {
  conflicts: page(IdentityConflict),
  next_page_token: nextPageToken
})

/**
 * One page of `GET /v1/projects/{project_id}/contacts:identityConflicts`.
 *
 * @since 0.1.0
 * @category responses
 */
export const ListIdentityConflictsResponse: ListIdentityConflictsResponseSchema = ListIdentityConflictsResponse_
/**
 * The schema of {@link ListIdentityConflictsResponse}, as a struct.
 *
 * @since 0.1.0
 * @category responses
 */
export interface ListIdentityConflictsResponseSchema extends Schema.Struct<
  typeof ListIdentityConflictsResponse_.fields
> {}
/**
 * @since 0.1.0
 * @category responses
 */
export interface ListIdentityConflictsResponse extends Schema.Schema.Type<typeof ListIdentityConflictsResponse_> {}
