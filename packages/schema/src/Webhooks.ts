/**
 * Webhooks: where the API posts callbacks, for which triggers, signed with which secret.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Enums from "./Enums.js"
import * as Ids from "./Ids.js"
import { optional, struct } from "./internal/schema.js"

/**
 * OAuth2 client credentials the API uses to get a token before posting to the webhook.
 *
 * @since 0.1.0
 * @category models
 */
export const ClientCredentials = struct("ClientCredentials", {
  client_id: Schema.String,
  client_secret: Schema.String,
  endpoint: Schema.String,
  scope: optional(Schema.String),
  response_type: optional(Schema.String),
  token_request_type: optional(Enums.ClientCredentialsTokenRequestType)
})
/**
 * @since 0.1.0
 * @category models
 */
export type ClientCredentials = typeof ClientCredentials.Type

const webhookFields = {
  target_type: optional(Enums.WebhookTargetType),
  secret: optional(Schema.String),
  client_credentials: optional(ClientCredentials)
}

/**
 * A webhook (at most 5 per app). `target` is at most 742 characters.
 *
 * @since 0.1.0
 * @category models
 */
export const Webhook = struct("Webhook", {
  id: optional(Ids.WebhookId),
  app_id: Ids.AppId,
  target: Schema.String,
  triggers: Schema.Array(Enums.WebhookTrigger),
  ...webhookFields
})
/**
 * @since 0.1.0
 * @category models
 */
export type Webhook = typeof Webhook.Type

/**
 * The body of `POST /v1/projects/{project_id}/webhooks`.
 *
 * @since 0.1.0
 * @category requests
 */
export const CreateWebhookRequest = struct("CreateWebhookRequest", {
  app_id: Ids.AppId,
  target: Schema.String.pipe(Schema.maxLength(742)),
  triggers: Schema.Array(Enums.WebhookTrigger).pipe(Schema.minItems(1)),
  ...webhookFields
})
/**
 * @since 0.1.0
 * @category requests
 */
export type CreateWebhookRequest = typeof CreateWebhookRequest.Type

/**
 * The body of `PATCH /v1/projects/{project_id}/webhooks/{webhook_id}` (with `update_mask.paths` as query).
 *
 * @since 0.1.0
 * @category requests
 */
export const UpdateWebhookRequest = struct("UpdateWebhookRequest", {
  app_id: optional(Ids.AppId),
  target: optional(Schema.String.pipe(Schema.maxLength(742))),
  triggers: optional(Schema.Array(Enums.WebhookTrigger)),
  ...webhookFields
})
/**
 * @since 0.1.0
 * @category requests
 */
export type UpdateWebhookRequest = typeof UpdateWebhookRequest.Type

/**
 * The answer of `GET /v1/projects/{project_id}/apps/{app_id}/webhooks`.
 *
 * @since 0.1.0
 * @category responses
 */
export const ListWebhooksResponse = struct("ListWebhooksResponse", { webhooks: optional(Schema.Array(Webhook)) })
/**
 * @since 0.1.0
 * @category responses
 */
export type ListWebhooksResponse = typeof ListWebhooksResponse.Type
