/**
 * Project settings (`/v1/projects/{project_id}/settings`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Ids from "./Ids.js"
import { optional, struct } from "./internal/schema.js"

/**
 * The settings of a project.
 *
 * @since 0.1.0
 * @category models
 */
export const Settings = struct("Settings", {
  contact_settings: optional(struct("ContactSettings", { unified_contact_id_enabled: optional(Schema.Boolean) }))
})
/**
 * @since 0.1.0
 * @category models
 */
export type Settings = typeof Settings.Type

/**
 * The body of create and update.
 *
 * @since 0.1.0
 * @category requests
 */
export const ProjectSettingsRequest = struct("ProjectSettingsRequest", { settings: Settings })
/**
 * @since 0.1.0
 * @category requests
 */
export type ProjectSettingsRequest = typeof ProjectSettingsRequest.Type

/**
 * A project's settings as the API returns them.
 *
 * @since 0.1.0
 * @category responses
 */
export const ProjectSettingsResponse = struct("ProjectSettingsResponse", {
  project_id: optional(Ids.ProjectId),
  settings: optional(Settings)
})
/**
 * @since 0.1.0
 * @category responses
 */
export type ProjectSettingsResponse = typeof ProjectSettingsResponse.Type
