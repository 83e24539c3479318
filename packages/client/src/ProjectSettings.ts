/**
 * The `projectSettings` group: create, get, update and delete the settings of the project.
 *
 * @since 0.1.0
 */
import { Operations, ProjectSettings } from "@sinch-effect/schema"
import type * as Effect from "effect/Effect"
import type * as Api from "./internal/api.js"
import * as Operation from "./internal/operation.js"
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

/**
 * The operation name, HTTP method, path template and idempotency of each `projectSettings` operation (a view of
 * `Operations.conversation.projectSettings`): the name is used for the operation's span (`Sinch.projectSettings.create`) and emulator
 * fault, `idempotent` picks its retry schedule (`Retry.Policy`).
 *
 * @since 0.1.0
 * @category endpoints
 */
export const endpoints = Operation.endpoints(Operations.conversation.projectSettings)

/** @internal */
export const make = (api: Api.Api): ProjectSettingsApi => {
  const definitions = Operations.conversation.projectSettings
  const get = Operation.call(api, definitions.get)
  const remove = Operation.call(api, definitions.delete)
  return {
    create: Operation.call(api, definitions.create),
    get: () => get(),
    update: Operation.call(api, definitions.update),
    delete: () => remove()
  }
}
