/**
 * The `apps` group: create, get, list, update and delete Conversation API apps.
 *
 * @since 0.1.0
 */
import { Apps, Ids, Operations } from "@sinch-effect/schema"
import type * as Effect from "effect/Effect"
import type * as Api from "./internal/api.js"
import * as Operation from "./internal/operation.js"
import type * as SinchError from "./SinchError.js"

/**
 * The operations of the `apps` group (`SinchClient.Service["apps"]`).
 *
 * @since 0.1.0
 * @category models
 */
export interface AppsApi {
  /** `POST /apps`. Not idempotent: never retried after it may have been processed. */
  readonly create: (request: Apps.CreateAppRequest) => Effect.Effect<Apps.App, SinchError.SinchError>
  /** `GET /apps/{app_id}`. */
  readonly get: (request: { readonly app_id: Ids.AppId | string }) => Effect.Effect<Apps.App, SinchError.SinchError>
  /** `GET /apps` (not paginated). */
  readonly list: () => Effect.Effect<Apps.ListAppsResponse, SinchError.SinchError>
  /** `PATCH /apps/{app_id}`: the given fields replace the stored ones (`update_mask` limits which). */
  readonly update: (request: {
    readonly app_id: Ids.AppId | string
    readonly body: Apps.UpdateAppRequest
    readonly update_mask?: ReadonlyArray<string> | undefined
  }) => Effect.Effect<Apps.App, SinchError.SinchError>
  /** `DELETE /apps/{app_id}`. */
  readonly delete: (request: { readonly app_id: Ids.AppId | string }) => Effect.Effect<void, SinchError.SinchError>
}

/**
 * The operation name, HTTP method, path template and idempotency of each `apps` operation (a view of
 * `Operations.conversation.apps`): the name is used for the operation's span (`Sinch.apps.create`) and emulator
 * fault, `idempotent` picks its retry schedule (`Retry.Policy`).
 *
 * @since 0.1.0
 * @category endpoints
 */
export const endpoints = Operation.endpoints(Operations.conversation.apps)

/** @internal */
export const make = (api: Api.Api): AppsApi => {
  const definitions = Operations.conversation.apps
  const list = Operation.call(api, definitions.list)
  return {
    create: Operation.call(api, definitions.create),
    get: Operation.call(api, definitions.get),
    list: () => list(),
    update: Operation.call(api, definitions.update),
    delete: Operation.call(api, definitions.delete)
  }
}
