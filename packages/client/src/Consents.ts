/**
 * The `consents` group: identities of a consent list and the audit records of an identity.
 *
 * @since 0.1.0
 */
import { Consents, Enums, Ids, Operations } from "@sinch-effect/schema"
import type * as Effect from "effect/Effect"
import type * as Stream from "effect/Stream"
import type * as Api from "./internal/api.js"
import * as Operation from "./internal/operation.js"
import type * as Pagination from "./Pagination.js"
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

/**
 * The operation name, HTTP method, path template and idempotency of each `consents` operation (a view of
 * `Operations.conversation.consents`): the name is used for the operation's span (`Sinch.consents.listIdentities`) and emulator
 * fault, `idempotent` picks its retry schedule (`Retry.Policy`).
 *
 * @since 0.1.0
 * @category endpoints
 */
export const endpoints = Operation.endpoints(Operations.conversation.consents)

/** @internal */
export const make = (api: Api.Api): ConsentsApi => {
  const definitions = Operations.conversation.consents
  return {
    listIdentities: Operation.items(api, definitions.listIdentities),
    listIdentitiesPages: Operation.pages(api, definitions.listIdentities),
    listIdentitiesRawPages: Operation.rawPages(api, definitions.listIdentities),
    listAuditRecords: Operation.call(api, definitions.listAuditRecords)
  }
}
