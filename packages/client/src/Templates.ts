/**
 * The `templates` group: the Template Management API v1 and v2 with the official Node SDK's operations, on the
 * template host of the region (`templatesUrl`, `SINCH_TEMPLATES_URL`) with the Conversation API's credentials.
 *
 * @since 0.2.0
 */
import { Operations, Templates } from "@sinch-effect/schema"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import * as Api from "./internal/api.js"
import * as Ops from "./internal/ops.js"
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

/**
 * One operation run from its definition: the path parameters, the query and the body encoded with the definition's
 * schemas, the answer decoded with its response schema (an empty answer when it has none).
 */
const operation = (api: Api.Api, definition: Operations.Definition) => {
  const endpoint: Api.Endpoint = {
    api: definition.api,
    operation: definition.name,
    method: definition.method,
    path: Operations.fullPath(definition),
    idempotent: definition.idempotent
  }
  const encodeQuery = Api.encoder(definition.query)
  const encodeBody = definition.body === undefined ? undefined : Api.encoder(definition.body)
  const decode = definition.response === undefined ? Ops.decodeEmpty : Api.decoder(definition.response)
  const run = (input: {
    readonly params?: Readonly<Record<string, string>>
    readonly query?: unknown
    readonly body?: unknown
  }): Effect.Effect<unknown, SinchError.SinchError> =>
    Effect.gen(function* () {
      const query =
        input.query === undefined ? undefined : yield* Ops.encodeQuery(definition.name, encodeQuery, input.query)
      const body =
        input.body === undefined || encodeBody === undefined
          ? undefined
          : yield* Api.encode(definition.name, encodeBody, input.body)
      return yield* api.request(endpoint, { params: input.params, query, body }, decode)
    })
  /** The list as one page of the JSON values the API returned (templates are not paginated). */
  const rawPages = (items: string): Stream.Stream<Pagination.Page<unknown>, SinchError.SinchError> =>
    Stream.fromEffect(
      Effect.map(api.request(endpoint, {}, Ops.rawPage(items)), (page) => ({
        items: page.items,
        pageToken: undefined,
        nextPageToken: undefined,
        index: 0
      }))
    )
  return { run, rawPages }
}

const ref = (request: TemplateRef) => ({ template_id: request.template_id })

/** @internal */
export const make = (api: Api.Api): TemplatesApi => {
  const { templatesV1: d1, templatesV2: d2 } = Operations.template
  const v1 = {
    list: operation(api, d1.list),
    get: operation(api, d1.get),
    create: operation(api, d1.create),
    update: operation(api, d1.update),
    delete: operation(api, d1.delete)
  }
  const v2 = {
    list: operation(api, d2.list),
    get: operation(api, d2.get),
    create: operation(api, d2.create),
    update: operation(api, d2.update),
    delete: operation(api, d2.delete),
    listTranslations: operation(api, d2.listTranslations)
  }
  return {
    v1: {
      list: () => v1.list.run({}) as Effect.Effect<Templates.ListTemplatesResponse, SinchError.SinchError>,
      get: (request) =>
        v1.get.run({ params: ref(request) }) as Effect.Effect<Templates.Template, SinchError.SinchError>,
      create: (template) =>
        v1.create.run({ body: template }) as Effect.Effect<Templates.Template, SinchError.SinchError>,
      update: (request) =>
        v1.update.run({
          params: ref(request),
          query: { update_mask: request.update_mask },
          body: request.body
        }) as Effect.Effect<Templates.Template, SinchError.SinchError>,
      delete: (request) => Effect.asVoid(v1.delete.run({ params: ref(request) })),
      listRawPages: () => v1.list.rawPages("templates")
    },
    v2: {
      list: () => v2.list.run({}) as Effect.Effect<Templates.ListTemplatesV2Response, SinchError.SinchError>,
      get: (request) =>
        v2.get.run({ params: ref(request) }) as Effect.Effect<Templates.TemplateV2, SinchError.SinchError>,
      create: (template) =>
        v2.create.run({ body: template }) as Effect.Effect<Templates.TemplateV2, SinchError.SinchError>,
      update: (request) =>
        v2.update.run({ params: ref(request), body: request.body }) as Effect.Effect<
          Templates.TemplateV2,
          SinchError.SinchError
        >,
      delete: (request) => Effect.asVoid(v2.delete.run({ params: ref(request) })),
      listTranslations: ({ template_id, ...query }) =>
        v2.listTranslations.run({ params: { template_id }, query }) as Effect.Effect<
          Templates.ListTranslationsV2Response,
          SinchError.SinchError
        >,
      listRawPages: () => v2.list.rawPages("templates")
    }
  }
}
