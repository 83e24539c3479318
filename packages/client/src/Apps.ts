/**
 * The `apps` group: create, get, list, update and delete Conversation API apps.
 *
 * @since 0.1.0
 */
import { Apps, Ids } from "@sinch-effect/schema"
import * as Effect from "effect/Effect"
import * as Api from "./internal/api.js"
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

const base = "/v1/projects/{project_id}/apps"

/**
 * The operation name, HTTP method, path template and idempotency of each `apps` operation: the name is used for the
 * operation's span (`Sinch.apps.create`) and emulator fault, `idempotent` picks its retry schedule (`Retry.Policy`).
 *
 * @since 0.1.0
 * @category endpoints
 */
export const endpoints = {
  create: { operation: "apps.create", method: "POST", path: base, idempotent: false },
  get: { operation: "apps.get", method: "GET", path: `${base}/{app_id}`, idempotent: true },
  list: { operation: "apps.list", method: "GET", path: base, idempotent: true },
  update: { operation: "apps.update", method: "PATCH", path: `${base}/{app_id}`, idempotent: true },
  delete: { operation: "apps.delete", method: "DELETE", path: `${base}/{app_id}`, idempotent: true }
} as const satisfies Record<string, Api.Endpoint>

const encodeCreate = Api.encoder(Apps.CreateAppRequest)
const encodeUpdate = Api.encoder(Apps.UpdateAppRequest)
const decodeApp = Api.decoder(Apps.App)
const decodeList = Api.decoder(Apps.ListAppsResponse)

/** @internal */
export const make = (api: Api.Api): AppsApi => ({
  create: (request) =>
    Effect.flatMap(Api.encode(endpoints.create.operation, encodeCreate, request), (body) =>
      api.request(endpoints.create, { body }, decodeApp)
    ),
  get: ({ app_id }) => api.request(endpoints.get, { params: { app_id } }, decodeApp),
  list: () => api.request(endpoints.list, {}, decodeList),
  update: ({ app_id, body, update_mask }) =>
    Effect.flatMap(Api.encode(endpoints.update.operation, encodeUpdate, body), (encoded) =>
      api.request(
        endpoints.update,
        { params: { app_id }, query: { "update_mask.paths": update_mask }, body: encoded },
        decodeApp
      )
    ),
  delete: ({ app_id }) => Effect.asVoid(api.json(endpoints.delete, { params: { app_id } }))
})
