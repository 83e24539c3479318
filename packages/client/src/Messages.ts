/**
 * The `messages` group: send, get, delete, update metadata, list, and the last message per channel identity.
 *
 * @since 0.1.0
 */
import { Ids, Messages, Operations } from "@sinch-effect/schema"
import * as Effect from "effect/Effect"
import type * as Stream from "effect/Stream"
import type * as Api from "./internal/api.js"
import * as Operation from "./internal/operation.js"
import * as Pagination from "./Pagination.js"
import type * as SinchError from "./SinchError.js"

/**
 * Parameters of `messages.list` (the query of `GET /messages`, without the page token unless resuming). The API needs
 * a `conversation_id` or a `contact_id` for the messages of conversations (`CONVERSATION_SOURCE`, the default), and an
 * `app_id` for `DISPATCH_SOURCE`: `{ app_id }` alone is refused with a 400, so it does not compile. The messages of a
 * whole project or app are `Export.projectMessages`.
 *
 * @since 0.1.0
 * @category models
 */
export type ListParams = Messages.ListMessagesRequest &
  (
    | { readonly conversation_id: Ids.ConversationId }
    | { readonly contact_id: Ids.ContactId }
    | { readonly messages_source: "DISPATCH_SOURCE"; readonly app_id: Ids.AppId }
  )

/**
 * The message addressed by `messages.get`, `delete` and `update`: its id, and optionally which store to look in
 * (`messages_source`).
 *
 * @since 0.1.0
 * @category models
 */
export interface MessageRef {
  readonly message_id: Ids.MessageId | string
  /** `CONVERSATION_SOURCE` (default on the API side) or `DISPATCH_SOURCE`. */
  readonly messages_source?: Messages.ListMessagesRequest["messages_source"] | undefined
}

/**
 * A page of messages as the API returned them: every message is the JSON value of the response, unknown fields
 * included.
 *
 * @since 0.1.0
 * @category models
 */
export type RawPage = Pagination.Page<unknown>

/**
 * The operations of the `messages` group.
 *
 * @since 0.1.0
 * @category models
 */
export interface MessagesApi {
  /**
   * `POST /messages:send`. Not idempotent: retried only when the request provably was not processed; otherwise an
   * ambiguous failure is `SendOutcomeUnknown` carrying the request's `correlation_id` (filled with a fresh id when
   * absent).
   */
  readonly send: (
    request: Messages.SendMessageRequest
  ) => Effect.Effect<Messages.SendMessageResponse, SinchError.SinchError>
  /** `GET /messages/{message_id}`. */
  readonly get: (ref: MessageRef) => Effect.Effect<Messages.ConversationMessage, SinchError.SinchError>
  /** `DELETE /messages/{message_id}`. */
  readonly delete: (ref: MessageRef) => Effect.Effect<void, SinchError.SinchError>
  /** `PATCH /messages/{message_id}`: replaces the message metadata. */
  readonly update: (
    request: MessageRef & { readonly metadata: string }
  ) => Effect.Effect<Messages.ConversationMessage, SinchError.SinchError>
  /** `GET /messages`, every page, as a stream of messages. */
  readonly list: (
    params: ListParams,
    options?: Pagination.Options
  ) => Stream.Stream<Messages.ConversationMessage, SinchError.SinchError | SinchError.PaginationError>
  /** `GET /messages`, page by page (checkpoint with `nextPageToken`, resume with `options.pageToken`). */
  readonly listPages: (
    params: ListParams,
    options?: Pagination.Options
  ) => Stream.Stream<Pagination.Page<Messages.ConversationMessage>, SinchError.SinchError | SinchError.PaginationError>
  /** `GET /messages`, one page. */
  readonly listPage: (params: ListParams) => Effect.Effect<Messages.ListMessagesResponse, SinchError.SinchError>
  /**
   * `GET /messages`, page by page, each message the JSON value the API returned (unknown fields kept, nothing
   * decoded): for lossless exports.
   */
  readonly listRawPages: (
    params: ListParams,
    options?: Pagination.Options
  ) => Stream.Stream<RawPage, SinchError.SinchError | SinchError.PaginationError>
  /** `POST /messages:fetch-last-message`: the last message of each channel identity or contact, every page. */
  readonly listLastMessagesByChannelIdentity: (
    request: Messages.ListLastMessagesByChannelIdentityRequest,
    options?: Pagination.Options
  ) => Stream.Stream<Messages.ConversationMessage, SinchError.SinchError | SinchError.PaginationError>
  /** Page-level variant of {@link MessagesApi.listLastMessagesByChannelIdentity}. */
  readonly listLastMessagesByChannelIdentityPages: (
    request: Messages.ListLastMessagesByChannelIdentityRequest,
    options?: Pagination.Options
  ) => Stream.Stream<Pagination.Page<Messages.ConversationMessage>, SinchError.SinchError | SinchError.PaginationError>
}

const definitions = Operations.conversation.messages

/**
 * The operation name, HTTP method, path template and idempotency of each `messages` operation (a view of
 * `Operations.conversation.messages`): the name is used for the operation's span (`Sinch.messages.send`) and emulator
 * fault, `idempotent` picks its retry schedule (`Retry.Policy`).
 *
 * @since 0.1.0
 * @category endpoints
 */
export const endpoints = Operation.endpoints(definitions)

/** @internal */
export const make = (api: Api.Api): MessagesApi => {
  const send = Operation.call(api, definitions.send)
  const update = Operation.call(api, definitions.update)
  const listPages = Operation.pages(api, definitions.list)
  const listPage = Operation.call(api, definitions.list)
  const lastPages = Operation.pages(api, definitions.listLastMessagesByChannelIdentity)
  return {
    // what only sends do: a correlation id, fresh when absent, that an ambiguous failure reports
    send: Operation.correlated(send),
    get: Operation.call(api, definitions.get),
    delete: Operation.call(api, definitions.delete),
    update: ({ metadata, ...ref }) => update({ ...ref, body: { metadata } }),
    list: Operation.items(api, definitions.list),
    listPages,
    listPage,
    listRawPages: Operation.rawPages(api, definitions.list),
    listLastMessagesByChannelIdentity: (request, options) => Pagination.items(lastPages(request, options)),
    listLastMessagesByChannelIdentityPages: lastPages
  }
}
