/**
 * Project settings (`/v1/projects/{project_id}/settings`).
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import * as Ids from "./Ids.js"
import { optional, struct } from "./internal/schema.js"

const Settings_ = struct("Settings", {
  contact_settings: optional(struct("ContactSettings", { unified_contact_id_enabled: optional(Schema.Boolean) }))
})

/**
 * The settings of a project.
 *
 * @since 0.1.0
 * @category models
 */
export const Settings: SettingsSchema = Settings_
/**
 * The schema of {@link Settings}, as a struct.
 *
 * @since 0.1.0
 * @category models
 */
export interface SettingsSchema extends Schema.Struct<typeof Settings_.fields> {}
/**
 * @since 0.1.0
 * @category models
 */
export interface Settings extends Schema.Schema.Type<typeof Settings_> {}

const ProjectSettingsRequest_ = struct("ProjectSettingsRequest", Settings_.fields)

/**
 * The body of create and update: `contact_settings` at the top level (not under `settings`), as every official SDK
 * sends it.
 *
 * @since 0.1.0
 * @category requests
 */
export const ProjectSettingsRequest: ProjectSettingsRequestSchema = ProjectSettingsRequest_
/**
 * The schema of {@link ProjectSettingsRequest}, as a struct.
 *
 * @since 0.1.0
 * @category requests
 */
export interface ProjectSettingsRequestSchema extends Schema.Struct<typeof ProjectSettingsRequest_.fields> {}
/**
 * @since 0.1.0
 * @category requests
 */
export interface ProjectSettingsRequest extends Schema.Schema.Type<typeof ProjectSettingsRequest_> {}

const ProjectSettingsResponse_ = struct("ProjectSettingsResponse", {
  project_id: optional(Ids.ProjectId),
  settings: optional(Settings)
})

/**
 * A project's settings as the API returns them.
 *
 * @since 0.1.0
 * @category responses
 */
export const ProjectSettingsResponse: ProjectSettingsResponseSchema = ProjectSettingsResponse_
/**
 * The schema of {@link ProjectSettingsResponse}, as a struct.
 *
 * @since 0.1.0
 * @category responses
 */
export interface ProjectSettingsResponseSchema extends Schema.Struct<typeof ProjectSettingsResponse_.fields> {}
/**
 * @since 0.1.0
 * @category responses
 */
export interface ProjectSettingsResponse extends Schema.Schema.Type<typeof ProjectSettingsResponse_> {}
