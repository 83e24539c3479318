/**
 * Shapes shared by many operations: channel identities, recipients, failure reasons.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Enums from "./Enums.js"
import * as Ids from "./Ids.js"
import { optional } from "./internal/schema.js"

/**
 * How a contact is known on one channel (a phone number on SMS, a page-scoped ID on Messenger, ...).
 * `app_id` is set for channels whose identities are scoped to an app.
 *
 * @since 0.1.0
 * @category models
 */
export const ChannelIdentity = Schema.Struct({
  channel: Enums.ConversationChannel,
  identity: Schema.String,
  app_id: optional(Schema.String)
}).annotations({ identifier: "ChannelIdentity" })
/**
 * @since 0.1.0
 * @category models
 */
export type ChannelIdentity = typeof ChannelIdentity.Type

/**
 * A channel and the recipient's identity on it, as used to address a recipient directly.
 *
 * @since 0.1.0
 * @category models
 */
export const ChannelRecipientIdentity = Schema.Struct({
  channel: Enums.ConversationChannel,
  identity: Schema.String
}).annotations({ identifier: "ChannelRecipientIdentity" })
/**
 * @since 0.1.0
 * @category models
 */
export type ChannelRecipientIdentity = typeof ChannelRecipientIdentity.Type

/**
 * A recipient given by its channel identities rather than by a contact ID.
 *
 * @since 0.1.0
 * @category models
 */
export const IdentifiedBy = Schema.Struct({
  channel_identities: Schema.Array(ChannelRecipientIdentity)
}).annotations({ identifier: "IdentifiedBy" })
/**
 * @since 0.1.0
 * @category models
 */
export type IdentifiedBy = typeof IdentifiedBy.Type

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

/**
 * Why something failed: a code, a finer sub code and a human-readable description.
 *
 * @since 0.1.0
 * @category models
 */
export const Reason = Schema.Struct({
  code: optional(Enums.ReasonCode),
  description: optional(Schema.String),
  sub_code: optional(Enums.ReasonSubCode),
  channel_code: optional(Schema.String)
}).annotations({ identifier: "Reason" })
/**
 * @since 0.1.0
 * @category models
 */
export type Reason = typeof Reason.Type

/**
 * A point on earth.
 *
 * @since 0.1.0
 * @category models
 */
export const Coordinates = Schema.Struct({
  latitude: Schema.JsonNumber,
  longitude: Schema.JsonNumber
}).annotations({ identifier: "Coordinates" })
/**
 * @since 0.1.0
 * @category models
 */
export type Coordinates = typeof Coordinates.Type
