/**
 * The `consents` group: identities of a consent list and the audit records of an identity.
 *
 * @since 0.1.0
 */
import { Consents, Enums, Ids } from "@sinch-effect/schema"
import * as Effect from "effect/Effect"
import type * as Stream from "effect/Stream"
import * as Api from "./internal/api.js"
import * as Ops from "./internal/ops.js"
import * as Pagination from "./Pagination.js"
import type * as SinchError from "./SinchError.js"

/**
 * Parameters of `consents.listIdentities` (and its `Pages` and `RawPages` variants): the app, the consent list and the
 * page size.
 *
 * @since 0.1.0
 * @category models
 */
export interface ListIdentitiesParams {
  readonly app_id: Ids.AppId | string
  /** The consent list, e.g. `OPT_OUT_ALL`. */
  readonly list_type: Enums.ConsentListType
  readonly page_size?: number | undefined
  readonly page_token?: string | undefined
}

/**
 * The operations of the `consents` group (`SinchClient.Service["consents"]`).
 *
 * @since 0.1.0
 * @category models
 */
export interface ConsentsApi {
  /** `GET /apps/{app_id}/consents/{list_type}`, every page. */
  readonly listIdentities: (
    params: ListIdentitiesParams,
    options?: Pagination.Options
  ) => Stream.Stream<Consents.ConsentIdentity, SinchError.SinchError | SinchError.PaginationError>
  /** `GET /apps/{app_id}/consents/{list_type}`, page by page. */
  readonly listIdentitiesPages: (
    params: ListIdentitiesParams,
    options?: Pagination.Options
  ) => Stream.Stream<Pagination.Page<Consents.ConsentIdentity>, SinchError.SinchError | SinchError.PaginationError>
  /** `GET /apps/{app_id}/consents/{list_type}`, page by page, as the JSON the API returned. */
  readonly listIdentitiesRawPages: (
    params: ListIdentitiesParams,
    options?: Pagination.Options
  ) => Stream.Stream<Pagination.Page<unknown>, SinchError.SinchError | SinchError.PaginationError>
  /** `GET /apps/{app_id}/consents/identities/{identity}`. */
  readonly listAuditRecords: (request: {
    readonly app_id: Ids.AppId | string
    readonly identity: string
  }) => Effect.Effect<Consents.ListAuditRecordsResponse, SinchError.SinchError>
}

const base = "/v1/projects/{project_id}/apps/{app_id}/consents"

/**
 * The operation name, HTTP method, path template and idempotency of each `consents` operation: the name is used for the
 * operation's span (`Sinch.consents.listIdentities`) and emulator fault, `idempotent` picks its retry schedule
 * (`Retry.Policy`).
 *
 * @since 0.1.0
 * @category endpoints
 */
export const endpoints = {
  listIdentities: {
    operation: "consents.listIdentities",
    method: "GET",
    path: `${base}/{list_type}`,
    idempotent: true
  },
  listAuditRecords: {
    operation: "consents.listAuditRecords",
    method: "GET",
    path: `${base}/identities/{identity}`,
    idempotent: true
  }
} as const satisfies Record<string, Api.Endpoint>

const encodePaging = Api.encoder(Consents.ListIdentitiesRequest)
const decodeIdentities = Api.decoder(Consents.ListIdentitiesResponse)
const decodeAudit = Api.decoder(Consents.ListAuditRecordsResponse)

/** @internal */
export const make = (api: Api.Api): ConsentsApi => {
  const identitySpec: Ops.ListSpec<ListIdentitiesParams, Consents.ListIdentitiesResponse, Consents.ConsentIdentity> = {
    endpoint: endpoints.listIdentities,
    encodeParams: (params) =>
      Ops.encodeQuery(
        endpoints.listIdentities.operation,
        encodePaging,
        Ops.defined({ page_size: params.page_size, page_token: params.page_token }) as {
          readonly page_size?: number
          readonly page_token?: string
        }
      ),
    pathParams: (params) => ({ app_id: params.app_id, list_type: params.list_type }),
    decode: decodeIdentities,
    items: (res) => res.identities,
    nextPageToken: (res) => res.next_page_token
  }
  const identityPages = Ops.listPages(api, identitySpec)
  const identityRawPages = Ops.listPages(api, Ops.rawSpec(identitySpec, "identities"))
  return {
    listIdentities: (params, options) => Pagination.items(identityPages(params, options)),
    listIdentitiesPages: (params, options) => identityPages(params, options),
    listIdentitiesRawPages: (params, options) => identityRawPages(params, options),
    listAuditRecords: ({ app_id, identity }) =>
      api.request(endpoints.listAuditRecords, { params: { app_id, identity } }, decodeAudit)
  }
}
