/**
 * The `contacts` group: create, get, list, update, delete, merge, channel profiles and identity conflicts.
 *
 * @since 0.1.0
 */
import { Contacts, Ids, Operations } from "@sinch-effect/schema"
import type * as Effect from "effect/Effect"
import type * as Stream from "effect/Stream"
import type * as Api from "./internal/api.js"
import * as Operation from "./internal/operation.js"
import type * as Pagination from "./Pagination.js"
import type * as SinchError from "./SinchError.js"

/**
 * Parameters of `contacts.listIdentityConflicts`.
 *
 * @since 0.1.0
 * @category models
 */
export interface ListIdentityConflictsParams {
  readonly page_size?: number | undefined
  readonly page_token?: string | undefined
}

/**
 * The operations of the `contacts` group (`SinchClient.Service["contacts"]`).
 *
 * @since 0.1.0
 * @category models
 */
export interface ContactsApi {
  /** `POST /contacts`. Not idempotent. */
  readonly create: (request: Contacts.CreateContactRequest) => Effect.Effect<Contacts.Contact, SinchError.SinchError>
  /** `GET /contacts/{contact_id}`. */
  readonly get: (request: {
    readonly contact_id: Ids.ContactId | string
  }) => Effect.Effect<Contacts.Contact, SinchError.SinchError>
  /** `GET /contacts`, every page. */
  readonly list: (
    params?: Contacts.ListContactsRequest,
    options?: Pagination.Options
  ) => Stream.Stream<Contacts.Contact, SinchError.SinchError | SinchError.PaginationError>
  /** `GET /contacts`, page by page. */
  readonly listPages: (
    params?: Contacts.ListContactsRequest,
    options?: Pagination.Options
  ) => Stream.Stream<Pagination.Page<Contacts.Contact>, SinchError.SinchError | SinchError.PaginationError>
  /** `GET /contacts`, page by page, each contact the JSON value the API returned (unknown fields kept). */
  readonly listRawPages: (
    params?: Contacts.ListContactsRequest,
    options?: Pagination.Options
  ) => Stream.Stream<Pagination.Page<unknown>, SinchError.SinchError | SinchError.PaginationError>
  /** `PATCH /contacts/{contact_id}`. */
  readonly update: (request: {
    readonly contact_id: Ids.ContactId | string
    readonly body: Contacts.UpdateContactRequest
    readonly update_mask?: ReadonlyArray<string> | undefined
  }) => Effect.Effect<Contacts.Contact, SinchError.SinchError>
  /** `DELETE /contacts/{contact_id}`. */
  readonly delete: (request: {
    readonly contact_id: Ids.ContactId | string
  }) => Effect.Effect<void, SinchError.SinchError>
  /** `POST /contacts/{destination_id}:merge`: moves the source contact into the destination. Not idempotent. */
  readonly mergeContact: (request: {
    readonly destination_id: Ids.ContactId | string
    readonly body: Contacts.MergeContactRequest
  }) => Effect.Effect<Contacts.Contact, SinchError.SinchError>
  /** `POST /contacts:getChannelProfile` (a read). */
  readonly getChannelProfile: (
    request: Contacts.GetChannelProfileRequest
  ) => Effect.Effect<Contacts.GetChannelProfileResponse, SinchError.SinchError>
  /** `GET /contacts:identityConflicts`, every page. */
  readonly listIdentityConflicts: (
    params?: ListIdentityConflictsParams,
    options?: Pagination.Options
  ) => Stream.Stream<Contacts.IdentityConflict, SinchError.SinchError | SinchError.PaginationError>
  /** `GET /contacts:identityConflicts`, page by page. */
  readonly listIdentityConflictsPages: (
    params?: ListIdentityConflictsParams,
    options?: Pagination.Options
  ) => Stream.Stream<Pagination.Page<Contacts.IdentityConflict>, SinchError.SinchError | SinchError.PaginationError>
  /** `GET /contacts:identityConflicts`, page by page, as the JSON the API returned. */
  readonly listIdentityConflictsRawPages: (
    params?: ListIdentityConflictsParams,
    options?: Pagination.Options
  ) => Stream.Stream<Pagination.Page<unknown>, SinchError.SinchError | SinchError.PaginationError>
}

/**
 * The operation name, HTTP method, path template and idempotency of each `contacts` operation (a view of
 * `Operations.conversation.contacts`): the name is used for the operation's span (`Sinch.contacts.create`) and emulator
 * fault, `idempotent` picks its retry schedule (`Retry.Policy`).
 *
 * @since 0.1.0
 * @category endpoints
 */
export const endpoints = Operation.endpoints(Operations.conversation.contacts)

/** @internal */
export const make = (api: Api.Api): ContactsApi => {
  const definitions = Operations.conversation.contacts
  return {
    create: Operation.call(api, definitions.create),
    get: Operation.call(api, definitions.get),
    list: Operation.items(api, definitions.list),
    listPages: Operation.pages(api, definitions.list),
    listRawPages: Operation.rawPages(api, definitions.list),
    update: Operation.call(api, definitions.update),
    delete: Operation.call(api, definitions.delete),
    mergeContact: Operation.call(api, definitions.mergeContact),
    getChannelProfile: Operation.call(api, definitions.getChannelProfile),
    listIdentityConflicts: Operation.items(api, definitions.listIdentityConflicts),
    listIdentityConflictsPages: Operation.pages(api, definitions.listIdentityConflicts),
    listIdentityConflictsRawPages: Operation.rawPages(api, definitions.listIdentityConflicts)
  }
}
