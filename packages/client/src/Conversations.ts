/**
 * The `conversations` group: create, get, list, recent, update, delete, stop, and inject messages and events.
 *
 * @since 0.1.0
 */
import { Conversations, Enums, Events, Ids } from "@sinch-effect/schema"
import * as Effect from "effect/Effect"
import type * as Stream from "effect/Stream"
import * as Api from "./internal/api.js"
import * as Ops from "./internal/ops.js"
import * as Pagination from "./Pagination.js"
import type * as SinchError from "./SinchError.js"

interface ConversationRef {
  readonly conversation_id: Ids.ConversationId | string
}

/**
 * The operations of the `conversations` group (`SinchClient.Service["conversations"]`).
 *
 * @since 0.1.0
 * @category models
 */
export interface ConversationsApi {
  /** `POST /conversations`. Not idempotent. */
  readonly create: (
    request: Conversations.CreateConversationRequest
  ) => Effect.Effect<Conversations.Conversation, SinchError.SinchError>
  /** `GET /conversations/{conversation_id}`. */
  readonly get: (request: ConversationRef) => Effect.Effect<Conversations.Conversation, SinchError.SinchError>
  /** `GET /conversations`, every page. */
  readonly list: (
    params: Conversations.ListConversationsRequest,
    options?: Pagination.Options
  ) => Stream.Stream<Conversations.Conversation, SinchError.SinchError | SinchError.PaginationError>
  /** `GET /conversations`, page by page. */
  readonly listPages: (
    params: Conversations.ListConversationsRequest,
    options?: Pagination.Options
  ) => Stream.Stream<Pagination.Page<Conversations.Conversation>, SinchError.SinchError | SinchError.PaginationError>
  /** `GET /conversations`, page by page, each conversation the JSON value the API returned (unknown fields kept). */
  readonly listRawPages: (
    params: Conversations.ListConversationsRequest,
    options?: Pagination.Options
  ) => Stream.Stream<Pagination.Page<unknown>, SinchError.SinchError | SinchError.PaginationError>
  /** `GET /conversations:recent`: conversations with their last message, every page. */
  readonly listRecent: (
    params: Conversations.ListRecentConversationsRequest,
    options?: Pagination.Options
  ) => Stream.Stream<Conversations.ConversationWithLastMessage, SinchError.SinchError | SinchError.PaginationError>
  /** `GET /conversations:recent`, page by page. */
  readonly listRecentPages: (
    params: Conversations.ListRecentConversationsRequest,
    options?: Pagination.Options
  ) => Stream.Stream<
    Pagination.Page<Conversations.ConversationWithLastMessage>,
    SinchError.SinchError | SinchError.PaginationError
  >
  /** `GET /conversations:recent`, page by page, as the JSON the API returned. */
  readonly listRecentRawPages: (
    params: Conversations.ListRecentConversationsRequest,
    options?: Pagination.Options
  ) => Stream.Stream<Pagination.Page<unknown>, SinchError.SinchError | SinchError.PaginationError>
  /** `PATCH /conversations/{conversation_id}`. */
  readonly update: (
    request: ConversationRef & {
      readonly body: Conversations.UpdateConversationRequest
      readonly update_mask?: ReadonlyArray<string> | undefined
      readonly metadata_update_strategy?: Enums.MetadataUpdateStrategy | undefined
    }
  ) => Effect.Effect<Conversations.Conversation, SinchError.SinchError>
  /** `DELETE /conversations/{conversation_id}`. */
  readonly delete: (request: ConversationRef) => Effect.Effect<void, SinchError.SinchError>
  /** `POST /conversations/{conversation_id}:stop` (stopping twice has no further effect: retried like a read). */
  readonly stopActive: (request: ConversationRef) => Effect.Effect<void, SinchError.SinchError>
  /** `POST /conversations/{conversation_id}:inject-message`. Not idempotent. */
  readonly injectMessage: (
    request: ConversationRef & { readonly body: Conversations.InjectMessageRequest }
  ) => Effect.Effect<void, SinchError.SinchError>
  /** `POST /conversations/{conversation_id}:inject-event`. Not idempotent. */
  readonly injectEvent: (
    request: ConversationRef & { readonly body: Events.InjectEventRequest }
  ) => Effect.Effect<Events.InjectEventResponse, SinchError.SinchError>
}

const base = "/v1/projects/{project_id}/conversations"

/**
 * The operation name, HTTP method, path template and idempotency of each `conversations` operation: the name is used
 * for the operation's span (`Sinch.conversations.create`) and emulator fault, `idempotent` picks its retry schedule
 * (`Retry.Policy`).
 *
 * @since 0.1.0
 * @category endpoints
 */
export const endpoints = {
  create: { operation: "conversations.create", method: "POST", path: base, idempotent: false },
  get: { operation: "conversations.get", method: "GET", path: `${base}/{conversation_id}`, idempotent: true },
  list: { operation: "conversations.list", method: "GET", path: base, idempotent: true },
  listRecent: { operation: "conversations.listRecent", method: "GET", path: `${base}:recent`, idempotent: true },
  update: { operation: "conversations.update", method: "PATCH", path: `${base}/{conversation_id}`, idempotent: true },
  delete: { operation: "conversations.delete", method: "DELETE", path: `${base}/{conversation_id}`, idempotent: true },
  stopActive: {
    operation: "conversations.stopActive",
    method: "POST",
    path: `${base}/{conversation_id}:stop`,
    idempotent: true
  },
  injectMessage: {
    operation: "conversations.injectMessage",
    method: "POST",
    path: `${base}/{conversation_id}:inject-message`,
    idempotent: false
  },
  injectEvent: {
    operation: "conversations.injectEvent",
    method: "POST",
    path: `${base}/{conversation_id}:inject-event`,
    idempotent: false
  }
} as const satisfies Record<string, Api.Endpoint>

const encodeCreate = Api.encoder(Conversations.CreateConversationRequest)
const encodeUpdate = Api.encoder(Conversations.UpdateConversationRequest)
const encodeList = Api.encoder(Conversations.ListConversationsRequest)
const encodeRecent = Api.encoder(Conversations.ListRecentConversationsRequest)
const encodeInjectMessage = Api.encoder(Conversations.InjectMessageRequest)
const encodeInjectEvent = Api.encoder(Events.InjectEventRequest)
const decodeConversation = Api.decoder(Conversations.Conversation)
const decodeList = Api.decoder(Conversations.ListConversationsResponse)
const decodeRecent = Api.decoder(Conversations.ListRecentConversationsResponse)
const decodeInjectEvent = Api.decoder(Events.InjectEventResponse)

/** @internal */
export const make = (api: Api.Api): ConversationsApi => {
  const listSpec: Ops.ListSpec<
    Conversations.ListConversationsRequest,
    Conversations.ListConversationsResponse,
    Conversations.Conversation
  > = {
    endpoint: endpoints.list,
    encodeParams: (params) => Ops.encodeQuery(endpoints.list.operation, encodeList, params),
    decode: decodeList,
    items: (res) => res.conversations,
    nextPageToken: (res) => res.next_page_token
  }
  const recentSpec: Ops.ListSpec<
    Conversations.ListRecentConversationsRequest,
    Conversations.ListRecentConversationsResponse,
    Conversations.ConversationWithLastMessage
  > = {
    endpoint: endpoints.listRecent,
    encodeParams: (params) => Ops.encodeQuery(endpoints.listRecent.operation, encodeRecent, params),
    decode: decodeRecent,
    items: (res) => res.conversations,
    nextPageToken: (res) => res.next_page_token
  }
  const listPages = Ops.listPages(api, listSpec)
  const listRawPages = Ops.listPages(api, Ops.rawSpec(listSpec, "conversations"))
  const recentPages = Ops.listPages(api, recentSpec)
  const recentRawPages = Ops.listPages(api, Ops.rawSpec(recentSpec, "conversations"))
  return {
    create: (request) =>
      Effect.flatMap(Api.encode(endpoints.create.operation, encodeCreate, request), (body) =>
        api.request(endpoints.create, { body, correlationId: request.correlation_id }, decodeConversation)
      ),
    get: ({ conversation_id }) => api.request(endpoints.get, { params: { conversation_id } }, decodeConversation),
    list: (params, options) => Pagination.items(listPages(params, options)),
    listPages: (params, options) => listPages(params, options),
    listRawPages: (params, options) => listRawPages(params, options),
    listRecent: (params, options) => Pagination.items(recentPages(params, options)),
    listRecentPages: (params, options) => recentPages(params, options),
    listRecentRawPages: (params, options) => recentRawPages(params, options),
    update: ({ body, conversation_id, metadata_update_strategy, update_mask }) =>
      Effect.flatMap(Api.encode(endpoints.update.operation, encodeUpdate, body), (encoded) =>
        api.request(
          endpoints.update,
          {
            params: { conversation_id },
            query: { "update_mask.paths": update_mask, metadata_update_strategy },
            body: encoded
          },
          decodeConversation
        )
      ),
    delete: ({ conversation_id }) => Effect.asVoid(api.json(endpoints.delete, { params: { conversation_id } })),
    stopActive: ({ conversation_id }) => Effect.asVoid(api.json(endpoints.stopActive, { params: { conversation_id } })),
    injectMessage: ({ body, conversation_id }) =>
      Effect.flatMap(Api.encode(endpoints.injectMessage.operation, encodeInjectMessage, body), (encoded) =>
        Effect.asVoid(api.json(endpoints.injectMessage, { params: { conversation_id }, body: encoded }))
      ),
    injectEvent: ({ body, conversation_id }) =>
      Effect.flatMap(Api.encode(endpoints.injectEvent.operation, encodeInjectEvent, body), (encoded) =>
        api.request(endpoints.injectEvent, { params: { conversation_id }, body: encoded }, decodeInjectEvent)
      )
  }
}
