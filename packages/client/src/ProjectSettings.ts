/**
 * The `projectSettings` group: create, get, update and delete the settings of the project.
 *
 * @since 0.1.0
 */
import { ProjectSettings } from "@sinch-effect/schema"
import * as Effect from "effect/Effect"
import * as Api from "./internal/api.js"
import type * as SinchError from "./SinchError.js"

/**
 * The operations of the `projectSettings` group (`SinchClient.Service["projectSettings"]`).
 *
 * @since 0.1.0
 * @category models
 */
export interface ProjectSettingsApi {
  /** `POST /settings`. Not idempotent. */
  readonly create: (
    request: ProjectSettings.ProjectSettingsRequest
  ) => Effect.Effect<ProjectSettings.ProjectSettingsResponse, SinchError.SinchError>
  /** `GET /settings`. */
  readonly get: () => Effect.Effect<ProjectSettings.ProjectSettingsResponse, SinchError.SinchError>
  /** `PATCH /settings`. */
  readonly update: (
    request: ProjectSettings.ProjectSettingsRequest
  ) => Effect.Effect<ProjectSettings.ProjectSettingsResponse, SinchError.SinchError>
  /** `DELETE /settings`. */
  readonly delete: () => Effect.Effect<void, SinchError.SinchError>
}

const path = "/v1/projects/{project_id}/settings"

/**
 * The operation name, HTTP method, path template and idempotency of each `projectSettings` operation: the name is used
 * for the operation's span (`Sinch.projectSettings.create`) and emulator fault, `idempotent` picks its retry schedule
 * (`Retry.Policy`).
 *
 * @since 0.1.0
 * @category endpoints
 */
export const endpoints = {
  create: { operation: "projectSettings.create", method: "POST", path, idempotent: false },
  get: { operation: "projectSettings.get", method: "GET", path, idempotent: true },
  update: { operation: "projectSettings.update", method: "PATCH", path, idempotent: true },
  delete: { operation: "projectSettings.delete", method: "DELETE", path, idempotent: true }
} as const satisfies Record<string, Api.Endpoint>

const encodeRequest = Api.encoder(ProjectSettings.ProjectSettingsRequest)
const decodeResponse = Api.decoder(ProjectSettings.ProjectSettingsResponse)

/** @internal */
export const make = (api: Api.Api): ProjectSettingsApi => ({
  create: (request) =>
    Effect.flatMap(Api.encode(endpoints.create.operation, encodeRequest, request), (body) =>
      api.request(endpoints.create, { body }, decodeResponse)
    ),
  get: () => api.request(endpoints.get, {}, decodeResponse),
  update: (request) =>
    Effect.flatMap(Api.encode(endpoints.update.operation, encodeRequest, request), (body) =>
      api.request(endpoints.update, { body }, decodeResponse)
    ),
  delete: () => Effect.asVoid(api.json(endpoints.delete, {}))
})
