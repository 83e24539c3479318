/**
 * The `contacts` group: create, get, list, update, delete, merge, channel profiles and identity conflicts.
 *
 * @since 0.1.0
 */
import { Contacts, Ids } from "@sinch-effect/schema"
import * as Effect from "effect/Effect"
import type * as Stream from "effect/Stream"
import * as Api from "./internal/api.js"
import * as Ops from "./internal/ops.js"
import * as Pagination from "./Pagination.js"
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

const base = "/v1/projects/{project_id}/contacts"

/**
 * The operation name, HTTP method, path template and idempotency of each `contacts` operation: the name is used for the
 * operation's span (`Sinch.contacts.create`) and emulator fault, `idempotent` picks its retry schedule
 * (`Retry.Policy`).
 *
 * @since 0.1.0
 * @category endpoints
 */
export const endpoints = {
  create: { operation: "contacts.create", method: "POST", path: base, idempotent: false },
  get: { operation: "contacts.get", method: "GET", path: `${base}/{contact_id}`, idempotent: true },
  list: { operation: "contacts.list", method: "GET", path: base, idempotent: true },
  update: { operation: "contacts.update", method: "PATCH", path: `${base}/{contact_id}`, idempotent: true },
  delete: { operation: "contacts.delete", method: "DELETE", path: `${base}/{contact_id}`, idempotent: true },
  mergeContact: {
    operation: "contacts.mergeContact",
    method: "POST",
    path: `${base}/{destination_id}:merge`,
    idempotent: false
  },
  getChannelProfile: {
    operation: "contacts.getChannelProfile",
    method: "POST",
    path: `${base}:getChannelProfile`,
    idempotent: true
  },
  listIdentityConflicts: {
    operation: "contacts.listIdentityConflicts",
    method: "GET",
    path: `${base}:identityConflicts`,
    idempotent: true
  }
} as const satisfies Record<string, Api.Endpoint>

const encodeCreate = Api.encoder(Contacts.CreateContactRequest)
const encodeUpdate = Api.encoder(Contacts.UpdateContactRequest)
const encodeMerge = Api.encoder(Contacts.MergeContactRequest)
const encodeProfile = Api.encoder(Contacts.GetChannelProfileRequest)
const encodeList = Api.encoder(Contacts.ListContactsRequest)
const encodeConflicts = Api.encoder(Contacts.ListIdentityConflictsRequest)
const decodeContact = Api.decoder(Contacts.Contact)
const decodeProfile = Api.decoder(Contacts.GetChannelProfileResponse)
const decodeList = Api.decoder(Contacts.ListContactsResponse)
const decodeConflicts = Api.decoder(Contacts.ListIdentityConflictsResponse)

/** @internal */
export const make = (api: Api.Api): ContactsApi => {
  const listSpec: Ops.ListSpec<Contacts.ListContactsRequest, Contacts.ListContactsResponse, Contacts.Contact> = {
    endpoint: endpoints.list,
    encodeParams: (params) => Ops.encodeQuery(endpoints.list.operation, encodeList, params),
    decode: decodeList,
    items: (res) => res.contacts,
    nextPageToken: (res) => res.next_page_token
  }
  const listPages = Ops.listPages(api, listSpec)
  const listRawPages = Ops.listPages(api, Ops.rawSpec(listSpec, "contacts"))
  const conflictSpec: Ops.ListSpec<
    ListIdentityConflictsParams,
    Contacts.ListIdentityConflictsResponse,
    Contacts.IdentityConflict
  > = {
    endpoint: endpoints.listIdentityConflicts,
    encodeParams: (params: ListIdentityConflictsParams) =>
      Ops.encodeQuery(
        endpoints.listIdentityConflicts.operation,
        encodeConflicts,
        Ops.defined(params) as { readonly page_size?: number; readonly page_token?: string }
      ),
    decode: decodeConflicts,
    items: (res) => res.conflicts,
    nextPageToken: (res) => res.next_page_token
  }
  const conflictPages = Ops.listPages(api, conflictSpec)
  const conflictRawPages = Ops.listPages(api, Ops.rawSpec(conflictSpec, "conflicts"))
  return {
    create: (request) =>
      Effect.flatMap(Api.encode(endpoints.create.operation, encodeCreate, request), (body) =>
        api.request(endpoints.create, { body }, decodeContact)
      ),
    get: ({ contact_id }) => api.request(endpoints.get, { params: { contact_id } }, decodeContact),
    list: (params, options) => Pagination.items(listPages(params ?? {}, options)),
    listPages: (params, options) => listPages(params ?? {}, options),
    listRawPages: (params, options) => listRawPages(params ?? {}, options),
    update: ({ body, contact_id, update_mask }) =>
      Effect.flatMap(Api.encode(endpoints.update.operation, encodeUpdate, body), (encoded) =>
        api.request(
          endpoints.update,
          { params: { contact_id }, query: { "update_mask.paths": update_mask }, body: encoded },
          decodeContact
        )
      ),
    delete: ({ contact_id }) => Effect.asVoid(api.json(endpoints.delete, { params: { contact_id } })),
    mergeContact: ({ body, destination_id }) =>
      Effect.flatMap(Api.encode(endpoints.mergeContact.operation, encodeMerge, body), (encoded) =>
        api.request(endpoints.mergeContact, { params: { destination_id }, body: encoded }, decodeContact)
      ),
    getChannelProfile: (request) =>
      Effect.flatMap(Api.encode(endpoints.getChannelProfile.operation, encodeProfile, request), (body) =>
        api.request(endpoints.getChannelProfile, { body }, decodeProfile)
      ),
    listIdentityConflicts: (params, options) => Pagination.items(conflictPages(params ?? {}, options)),
    listIdentityConflictsPages: (params, options) => conflictPages(params ?? {}, options),
    listIdentityConflictsRawPages: (params, options) => conflictRawPages(params ?? {}, options)
  }
}
