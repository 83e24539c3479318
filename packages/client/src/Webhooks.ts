/**
 * The `webhooks` group: create, get, list, update and delete the webhooks of an app.
 *
 * @since 0.1.0
 */
import { Ids, Webhooks } from "@sinch-effect/schema"
import * as Effect from "effect/Effect"
import * as Api from "./internal/api.js"
import type * as SinchError from "./SinchError.js"

interface WebhookRef {
  readonly webhook_id: Ids.WebhookId | string
}

/**
 * The operations of the `webhooks` group (`SinchClient.Service["webhooks"]`).
 *
 * @since 0.1.0
 * @category models
 */
export interface WebhooksApi {
  /** `POST /webhooks`. Not idempotent. */
  readonly create: (request: Webhooks.CreateWebhookRequest) => Effect.Effect<Webhooks.Webhook, SinchError.SinchError>
  /** `GET /webhooks/{webhook_id}`. */
  readonly get: (request: WebhookRef) => Effect.Effect<Webhooks.Webhook, SinchError.SinchError>
  /** `GET /apps/{app_id}/webhooks` (not paginated). */
  readonly list: (request: {
    readonly app_id: Ids.AppId | string
  }) => Effect.Effect<Webhooks.ListWebhooksResponse, SinchError.SinchError>
  /** `PATCH /webhooks/{webhook_id}`. */
  readonly update: (
    request: WebhookRef & {
      readonly body: Webhooks.UpdateWebhookRequest
      readonly update_mask?: ReadonlyArray<string> | undefined
    }
  ) => Effect.Effect<Webhooks.Webhook, SinchError.SinchError>
  /** `DELETE /webhooks/{webhook_id}`. */
  readonly delete: (request: WebhookRef) => Effect.Effect<void, SinchError.SinchError>
}

const base = "/v1/projects/{project_id}"

/**
 * The operation name, HTTP method, path template and idempotency of each `webhooks` operation: the name is used for the
 * operation's span (`Sinch.webhooks.create`) and emulator fault, `idempotent` picks its retry schedule
 * (`Retry.Policy`).
 *
 * @since 0.1.0
 * @category endpoints
 */
export const endpoints = {
  create: { operation: "webhooks.create", method: "POST", path: `${base}/webhooks`, idempotent: false },
  get: { operation: "webhooks.get", method: "GET", path: `${base}/webhooks/{webhook_id}`, idempotent: true },
  list: { operation: "webhooks.list", method: "GET", path: `${base}/apps/{app_id}/webhooks`, idempotent: true },
  update: { operation: "webhooks.update", method: "PATCH", path: `${base}/webhooks/{webhook_id}`, idempotent: true },
  delete: { operation: "webhooks.delete", method: "DELETE", path: `${base}/webhooks/{webhook_id}`, idempotent: true }
} as const satisfies Record<string, Api.Endpoint>

const encodeCreate = Api.encoder(Webhooks.CreateWebhookRequest)
const encodeUpdate = Api.encoder(Webhooks.UpdateWebhookRequest)
const decodeWebhook = Api.decoder(Webhooks.Webhook)
const decodeList = Api.decoder(Webhooks.ListWebhooksResponse)

/** @internal */
export const make = (api: Api.Api): WebhooksApi => ({
  create: (request) =>
    Effect.flatMap(Api.encode(endpoints.create.operation, encodeCreate, request), (body) =>
      api.request(endpoints.create, { body }, decodeWebhook)
    ),
  get: ({ webhook_id }) => api.request(endpoints.get, { params: { webhook_id } }, decodeWebhook),
  list: ({ app_id }) => api.request(endpoints.list, { params: { app_id } }, decodeList),
  update: ({ body, update_mask, webhook_id }) =>
    Effect.flatMap(Api.encode(endpoints.update.operation, encodeUpdate, body), (encoded) =>
      api.request(
        endpoints.update,
        { params: { webhook_id }, query: { "update_mask.paths": update_mask }, body: encoded },
        decodeWebhook
      )
    ),
  delete: ({ webhook_id }) => Effect.asVoid(api.json(endpoints.delete, { params: { webhook_id } }))
})
