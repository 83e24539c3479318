/**
 * Webhooks: where the API posts callbacks, for which triggers, signed with which secret.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Enums from "./Enums.js"
import * as Ids from "./Ids.js"
import { optional, struct } from "./internal/schema.js"

const ClientCredentials_ = struct("ClientCredentials", {
  client_id: Schema.String,
  client_secret: Schema.String,
  endpoint: Schema.String,
  scope: optional(Schema.String),
  response_type: optional(Schema.String),
  token_request_type: optional(Enums.ClientCredentialsTokenRequestType)
})

/**
 * OAuth2 client credentials the API uses to get a token before posting to the webhook.
 *
 * @since 0.1.0
 * @category models
 */
export const ClientCredentials: ClientCredentialsSchema = ClientCredentials_
/**
 * The schema of {@link ClientCredentials}, as a struct.
 *
 * @since 0.1.0
 * @category models
 */
export interface ClientCredentialsSchema extends Schema.Struct<typeof ClientCredentials_.fields> {}
/**
 * @since 0.1.0
 * @category models
 */
export interface ClientCredentials extends Schema.Schema.Type<typeof ClientCredentials_> {}

const webhookFields = {
  target_type: optional(Enums.WebhookTargetType),
  secret: optional(Schema.String),
  client_credentials: optional(ClientCredentials)
}

const Webhook_ = struct("Webhook", {
  id: optional(Ids.WebhookId),
  app_id: Ids.AppId,
  target: Schema.String,
  triggers: Schema.Array(Enums.WebhookTrigger),
  ...webhookFields
})

/**
 * A webhook (at most 5 per app). `target` is at most 742 characters.
 *
 * @since 0.1.0
 * @category models
 */
export const Webhook: WebhookSchema = Webhook_
/**
 * The schema of {@link Webhook}, as a struct.
 *
 * @since 0.1.0
 * @category models
 */
export interface WebhookSchema extends Schema.Struct<typeof Webhook_.fields> {}
/**
 * @since 0.1.0
 * @category models
 */
export interface Webhook extends Schema.Schema.Type<typeof Webhook_> {}

const CreateWebhookRequest_ = struct("CreateWebhookRequest", {
  app_id: Ids.AppId,
  target: Schema.String.pipe(Schema.maxLength(742)),
  triggers: Schema.Array(Enums.WebhookTrigger).pipe(Schema.minItems(1)),
  ...webhookFields
})

/**
 * The body of `POST /v1/projects/{project_id}/webhooks`.
 *
 * @since 0.1.0
 * @category requests
 */
export const CreateWebhookRequest: CreateWebhookRequestSchema = CreateWebhookRequest_
/**
 * The schema of {@link CreateWebhookRequest}, as a struct.
 *
 * @since 0.1.0
 * @category requests
 */
export interface CreateWebhookRequestSchema extends Schema.Struct<typeof CreateWebhookRequest_.fields> {}
/**
 * @since 0.1.0
 * @category requests
 */
export interface CreateWebhookRequest extends Schema.Schema.Type<typeof CreateWebhookRequest_> {}

const UpdateWebhookRequest_ = struct("UpdateWebhookRequest", {
  app_id: optional(Ids.AppId),
  target: optional(Schema.String.pipe(Schema.maxLength(742))),
  triggers: optional(Schema.Array(Enums.WebhookTrigger)),
  ...webhookFields
})

/**
 * The body of `PATCH /v1/projects/{project_id}/webhooks/{webhook_id}` (with `update_mask.paths` as query).
 *
 * @since 0.1.0
 * @category requests
 */
export const UpdateWebhookRequest: UpdateWebhookRequestSchema = UpdateWebhookRequest_
/**
 * The schema of {@link UpdateWebhookRequest}, as a struct.
 *
 * @since 0.1.0
 * @category requests
 */
export interface UpdateWebhookRequestSchema extends Schema.Struct<typeof UpdateWebhookRequest_.fields> {}
/**
 * @since 0.1.0
 * @category requests
 */
export interface UpdateWebhookRequest extends Schema.Schema.Type<typeof UpdateWebhookRequest_> {}

const ListWebhooksResponse_ = struct("ListWebhooksResponse", { webhooks: optional(Schema.Array(Webhook)) })

/**
 * The answer of `GET /v1/projects/{project_id}/apps/{app_id}/webhooks`.
 *
 * @since 0.1.0
 * @category responses
 */
export const ListWebhooksResponse: ListWebhooksResponseSchema = ListWebhooksResponse_
/**
 * The schema of {@link ListWebhooksResponse}, as a struct.
 *
 * @since 0.1.0
 * @category responses
 */
export interface ListWebhooksResponseSchema extends Schema.Struct<typeof ListWebhooksResponse_.fields> {}
/**
 * @since 0.1.0
 * @category responses
 */
export interface ListWebhooksResponse extends Schema.Schema.Type<typeof ListWebhooksResponse_> {}
