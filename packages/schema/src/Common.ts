/**
 * Shapes shared by many operations: channel identities, recipients, failure reasons.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Enums from "./Enums.js"
import * as Ids from "./Ids.js"
import { optional, struct } from "./internal/schema.js"

const ChannelIdentity_ = struct("ChannelIdentity", {
  channel: Enums.ConversationChannel,
  identity: Schema.String,
  app_id: optional(Schema.String)
})

/**
 * How a contact is known on one channel (a phone number on SMS, a page-scoped ID on Messenger, ...).
 * `app_id` is set for channels whose identities are scoped to an app.
 *
 * @since 0.1.0
 * @category models
 */
export const ChannelIdentity: ChannelIdentitySchema = ChannelIdentity_
/**
 * The schema of {@link ChannelIdentity}, as a struct.
 *
 * @since 0.1.0
 * @category models
 */
export interface ChannelIdentitySchema extends Schema.Struct<typeof ChannelIdentity_.fields> {}
/**
 * @since 0.1.0
 * @category models
 */
export interface ChannelIdentity extends Schema.Schema.Type<typeof ChannelIdentity_> {}

const ChannelRecipientIdentity_ = struct("ChannelRecipientIdentity", {
  channel: Enums.ConversationChannel,
  identity: Schema.String
})

/**
 * A channel and the recipient's identity on it, as used to address a recipient directly.
 *
 * @since 0.1.0
 * @category models
 */
export const ChannelRecipientIdentity: ChannelRecipientIdentitySchema = ChannelRecipientIdentity_
/**
 * The schema of {@link ChannelRecipientIdentity}, as a struct.
 *
 * @since 0.1.0
 * @category models
 */
export interface ChannelRecipientIdentitySchema extends Schema.Struct<typeof ChannelRecipientIdentity_.fields> {}
/**
 * @since 0.1.0
 * @category models
 */
export interface ChannelRecipientIdentity extends Schema.Schema.Type<typeof ChannelRecipientIdentity_> {}

const IdentifiedBy_ = struct("IdentifiedBy", {
  channel_identities: Schema.Array(ChannelRecipientIdentity)
})

/**
 * A recipient given by its channel identities rather than by a contact ID.
 *
 * @since 0.1.0
 * @category models
 */
export const IdentifiedBy: IdentifiedBySchema = IdentifiedBy_
/**
 * The schema of {@link IdentifiedBy}, as a struct.
 *
 * @since 0.1.0
 * @category models
 */
export interface IdentifiedBySchema extends Schema.Struct<typeof IdentifiedBy_.fields> {}
/**
 * @since 0.1.0
 * @category models
 */
export interface IdentifiedBy extends Schema.Schema.Type<typeof IdentifiedBy_> {}

/**
 * The recipient of a message, event, capability query or opt-in: either a `contact_id` or `identified_by`
 * (dispatch mode accepts only `identified_by`).
 *
 * @since 0.1.0
 * @category models
 */
export const Recipient = Schema.Union(
  Schema.Struct({ contact_id: Ids.ContactId }),
  Schema.Struct({ identified_by: IdentifiedBy })
).annotations({ identifier: "Recipient" })
/**
 * @since 0.1.0
 * @category models
 */
export type Recipient = typeof Recipient.Type

const Reason_ = struct("Reason", {
  code: optional(Enums.ReasonCode),
  description: optional(Schema.String),
  sub_code: optional(Enums.ReasonSubCode),
  channel_code: optional(Schema.String)
})

/**
 * Why something failed: a code, a finer sub code and a human-readable description.
 *
 * @since 0.1.0
 * @category models
 */
export const Reason: ReasonSchema = Reason_
/**
 * The schema of {@link Reason}, as a struct.
 *
 * @since 0.1.0
 * @category models
 */
export interface ReasonSchema extends Schema.Struct<typeof Reason_.fields> {}
/**
 * @since 0.1.0
 * @category models
 */
export interface Reason extends Schema.Schema.Type<typeof Reason_> {}

const Coordinates_ = struct("Coordinates", {
  latitude: Schema.JsonNumber,
  longitude: Schema.JsonNumber
})

/**
 * A point on earth.
 *
 * @since 0.1.0
 * @category models
 */
export const Coordinates: CoordinatesSchema = Coordinates_
/**
 * The schema of {@link Coordinates}, as a struct.
 *
 * @since 0.1.0
 * @category models
 */
export interface CoordinatesSchema extends Schema.Struct<typeof Coordinates_.fields> {}
/**
 * @since 0.1.0
 * @category models
 */
export interface Coordinates extends Schema.Schema.Type<typeof Coordinates_> {}
