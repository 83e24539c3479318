/**
 * The `webhooks` group: create, get, list, update and delete the webhooks of an app.
 *
 * @since 0.1.0
 */
import { Ids, Operations, Webhooks } from "@sinch-effect/schema"
import type * as Effect from "effect/Effect"
import type * as Api from "./internal/api.js"
import * as Operation from "./internal/operation.js"
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

/**
 * The operation name, HTTP method, path template and idempotency of each `webhooks` operation (a view of
 * `Operations.conversation.webhooks`): the name is used for the operation's span (`Sinch.webhooks.create`) and emulator
 * fault, `idempotent` picks its retry schedule (`Retry.Policy`).
 *
 * @since 0.1.0
 * @category endpoints
 */
export const endpoints = Operation.endpoints(Operations.conversation.webhooks)

/** @internal */
export const make = (api: Api.Api): WebhooksApi => {
  const definitions = Operations.conversation.webhooks
  return {
    create: Operation.call(api, definitions.create),
    get: Operation.call(api, definitions.get),
    list: Operation.call(api, definitions.list),
    update: Operation.call(api, definitions.update),
    delete: Operation.call(api, definitions.delete)
  }
}
