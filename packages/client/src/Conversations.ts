/**
 * The `conversations` group: create, get, list, recent, update, delete, stop, and inject messages and events.
 *
 * @since 0.1.0
 */
import { Conversations, Enums, Events, Ids, Operations } from "@sinch-effect/schema"
import type * as Effect from "effect/Effect"
import type * as Stream from "effect/Stream"
import type * as Api from "./internal/api.js"
import * as Operation from "./internal/operation.js"
import type * as Pagination from "./Pagination.js"
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

/**
 * The operation name, HTTP method, path template and idempotency of each `conversations` operation (a view of
 * `Operations.conversation.conversations`): the name is used for the operation's span (`Sinch.conversations.create`) and emulator
 * fault, `idempotent` picks its retry schedule (`Retry.Policy`).
 *
 * @since 0.1.0
 * @category endpoints
 */
export const endpoints = Operation.endpoints(Operations.conversation.conversations)

/** @internal */
export const make = (api: Api.Api): ConversationsApi => {
  const definitions = Operations.conversation.conversations
  return {
    create: Operation.call(api, definitions.create),
    get: Operation.call(api, definitions.get),
    list: Operation.items(api, definitions.list),
    listPages: Operation.pages(api, definitions.list),
    listRawPages: Operation.rawPages(api, definitions.list),
    listRecent: Operation.items(api, definitions.listRecent),
    listRecentPages: Operation.pages(api, definitions.listRecent),
    listRecentRawPages: Operation.rawPages(api, definitions.listRecent),
    update: Operation.call(api, definitions.update),
    delete: Operation.call(api, definitions.delete),
    stopActive: Operation.call(api, definitions.stopActive),
    injectMessage: Operation.call(api, definitions.injectMessage),
    injectEvent: Operation.call(api, definitions.injectEvent)
  }
}
