/**
 * The `templates` group: the Template Management API v1 and v2 with the official Node SDK's operations, on the
 * template host of the region (`templatesUrl`, `SINCH_TEMPLATES_URL`) with the Conversation API's credentials.
 *
 * @since 0.2.0
 */
import { Operations, Templates } from "@sinch-effect/schema"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import type * as Api from "./internal/api.js"
import * as Operation from "./internal/operation.js"
import type * as Pagination from "./Pagination.js"
import type * as SinchError from "./SinchError.js"

/**
 * A template addressed by id.
 *
 * @since 0.2.0
 * @category models
 */
export interface TemplateRef {
  readonly template_id: string
}

/**
 * The v1 operations (`sinch.templates.v1`): translations hold their message as a JSON string.
 *
 * @since 0.2.0
 * @category models
 */
export interface TemplatesV1Api {
  /** `GET /v1/projects/{project_id}/templates` (not paginated). */
  readonly list: () => Effect.Effect<Templates.ListTemplatesResponse, SinchError.SinchError>
  /** `GET /v1/projects/{project_id}/templates/{template_id}`. */
  readonly get: (request: TemplateRef) => Effect.Effect<Templates.Template, SinchError.SinchError>
  /** `POST /v1/projects/{project_id}/templates`. Not idempotent. */
  readonly create: (template: Templates.Template) => Effect.Effect<Templates.Template, SinchError.SinchError>
  /** `PATCH /v1/projects/{project_id}/templates/{template_id}`: the given fields (those of `update_mask`) replace. */
  readonly update: (
    request: TemplateRef & {
      readonly body: Templates.Template
      readonly update_mask?: ReadonlyArray<string> | undefined
    }
  ) => Effect.Effect<Templates.Template, SinchError.SinchError>
  /** `DELETE /v1/projects/{project_id}/templates/{template_id}`. */
  readonly delete: (request: TemplateRef) => Effect.Effect<void, SinchError.SinchError>
  /** `GET /v1/projects/{project_id}/templates` as one page of the JSON values the API returned: for exports. */
  readonly listRawPages: () => Stream.Stream<Pagination.Page<unknown>, SinchError.SinchError>
}

/**
 * The v2 operations (`sinch.templates.v2`): typed translations, versions, channel template overrides.
 *
 * @since 0.2.0
 * @category models
 */
export interface TemplatesV2Api {
  /** `GET /v2/projects/{project_id}/templates` (not paginated). */
  readonly list: () => Effect.Effect<Templates.ListTemplatesV2Response, SinchError.SinchError>
  /** `GET /v2/projects/{project_id}/templates/{template_id}`. */
  readonly get: (request: TemplateRef) => Effect.Effect<Templates.TemplateV2, SinchError.SinchError>
  /** `POST /v2/projects/{project_id}/templates`: version 1. Not idempotent. */
  readonly create: (
    template: Templates.CreateTemplateV2Request
  ) => Effect.Effect<Templates.TemplateV2, SinchError.SinchError>
  /**
   * `PUT /v2/projects/{project_id}/templates/{template_id}`: replaces the whole template; `body.version` must be the
   * stored version. Not retried once it may have been applied (a repeat would be refused as stale).
   */
  readonly update: (
    request: TemplateRef & { readonly body: Templates.UpdateTemplateV2Request }
  ) => Effect.Effect<Templates.TemplateV2, SinchError.SinchError>
  /** `DELETE /v2/projects/{project_id}/templates/{template_id}`. */
  readonly delete: (request: TemplateRef) => Effect.Effect<void, SinchError.SinchError>
  /** `GET /v2/projects/{project_id}/templates/{template_id}/translations`, by language and version (`latest` too). */
  readonly listTranslations: (
    request: TemplateRef & Templates.ListTranslationsV2Request
  ) => Effect.Effect<Templates.ListTranslationsV2Response, SinchError.SinchError>
  /** `GET /v2/projects/{project_id}/templates` as one page of the JSON values the API returned: for exports. */
  readonly listRawPages: () => Stream.Stream<Pagination.Page<unknown>, SinchError.SinchError>
}

/**
 * The `templates` group (`SinchClient.Service["templates"]`): `v1` and `v2`.
 *
 * @since 0.2.0
 * @category models
 */
export interface TemplatesApi {
  readonly v1: TemplatesV1Api
  readonly v2: TemplatesV2Api
}

/** The list as one page of the JSON values the API returned (templates are not paginated). */
const rawList =
  (api: Api.Api, definition: Operations.Definition) =>
  (): Stream.Stream<Pagination.Page<unknown>, SinchError.SinchError> =>
    Stream.fromEffect(
      Effect.map(
        api.request(
          Operation.endpoint(definition),
          {},
          Operation.rawPage({ items: "templates", nextPageToken: "next_page_token" })
        ),
        (page) => ({ items: page.items, pageToken: undefined, nextPageToken: undefined, index: 0 })
      )
    )

/** @internal */
export const make = (api: Api.Api): TemplatesApi => {
  const { templatesV1: d1, templatesV2: d2 } = Operations.template
  const list1 = Operation.call(api, d1.list)
  const list2 = Operation.call(api, d2.list)
  return {
    v1: {
      list: () => list1(),
      get: Operation.call(api, d1.get),
      create: Operation.call(api, d1.create),
      update: Operation.call(api, d1.update),
      delete: Operation.call(api, d1.delete),
      listRawPages: rawList(api, d1.list)
    },
    v2: {
      list: () => list2(),
      get: Operation.call(api, d2.get),
      create: Operation.call(api, d2.create),
      update: Operation.call(api, d2.update),
      delete: Operation.call(api, d2.delete),
      listTranslations: Operation.call(api, d2.listTranslations),
      listRawPages: rawList(api, d2.list)
    }
  }
}
