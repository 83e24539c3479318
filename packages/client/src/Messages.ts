/**
 * The `messages` group: send, get, delete, update metadata, list, and the last message per channel identity.
 *
 * @since 0.1.0
 */
import { Ids, Messages } from "@sinch-effect/schema"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import * as Api from "./internal/api.js"
import * as Ops from "./internal/ops.js"
import * as Pagination from "./Pagination.js"
import * as SinchError from "./SinchError.js"

/**
 * Parameters of `messages.list` (the query of `GET /messages`, without the page token unless resuming).
 *
 * @since 0.1.0
 * @category models
 */
export type ListParams = Messages.ListMessagesRequest

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
    params?: ListParams,
    options?: Pagination.Options
  ) => Stream.Stream<Messages.ConversationMessage, SinchError.SinchError | SinchError.PaginationError>
  /** `GET /messages`, page by page (checkpoint with `nextPageToken`, resume with `options.pageToken`). */
  readonly listPages: (
    params?: ListParams,
    options?: Pagination.Options
  ) => Stream.Stream<Pagination.Page<Messages.ConversationMessage>, SinchError.SinchError | SinchError.PaginationError>
  /** `GET /messages`, one page. */
  readonly listPage: (params?: ListParams) => Effect.Effect<Messages.ListMessagesResponse, SinchError.SinchError>
  /**
   * `GET /messages`, page by page, each message the JSON value the API returned (unknown fields kept, nothing
   * decoded): for lossless exports.
   */
  readonly listRawPages: (
    params?: ListParams,
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

const base = "/v1/projects/{project_id}"

/**
 * The operation name, HTTP method, path template and idempotency of each `messages` operation: the name is used for the
 * operation's span (`Sinch.messages.send`) and emulator fault, `idempotent` picks its retry schedule (`Retry.Policy`).
 *
 * @since 0.1.0
 * @category endpoints
 */
export const endpoints = {
  send: { operation: "messages.send", method: "POST", path: `${base}/messages:send`, idempotent: false },
  get: { operation: "messages.get", method: "GET", path: `${base}/messages/{message_id}`, idempotent: true },
  delete: { operation: "messages.delete", method: "DELETE", path: `${base}/messages/{message_id}`, idempotent: true },
  update: { operation: "messages.update", method: "PATCH", path: `${base}/messages/{message_id}`, idempotent: true },
  list: { operation: "messages.list", method: "GET", path: `${base}/messages`, idempotent: true },
  listLastMessagesByChannelIdentity: {
    operation: "messages.listLastMessagesByChannelIdentity",
    method: "POST",
    path: `${base}/messages:fetch-last-message`,
    idempotent: true
  }
} as const satisfies Record<string, Api.Endpoint>

const encodeSend = Api.encoder(Messages.SendMessageRequest)
const decodeSend = Api.decoder(Messages.SendMessageResponse)
const decodeMessage = Api.decoder(Messages.ConversationMessage)
const encodeUpdate = Api.encoder(Messages.UpdateMessageMetadataRequest)
const encodeList = Api.encoder(Messages.ListMessagesRequest)
const decodeList = Api.decoder(Messages.ListMessagesResponse)
const encodeLast = Api.encoder(Messages.ListLastMessagesByChannelIdentityRequest)

const sourceQuery = (ref: MessageRef) =>
  ref.messages_source === undefined ? undefined : { messages_source: ref.messages_source }

/** @internal */
export const make = (api: Api.Api): MessagesApi => {
  const listSpec: Ops.ListSpec<ListParams, Messages.ListMessagesResponse, Messages.ConversationMessage> = {
    endpoint: endpoints.list,
    encodeParams: (params) => Ops.encodeQuery(endpoints.list.operation, encodeList, params),
    decode: decodeList,
    items: (res) => res.messages,
    nextPageToken: (res) => res.next_page_token
  }
  const listPages = Ops.listPages(api, listSpec)
  const lastSpec: Ops.ListSpec<
    Messages.ListLastMessagesByChannelIdentityRequest,
    Messages.ListMessagesResponse,
    Messages.ConversationMessage
  > = {
    endpoint: endpoints.listLastMessagesByChannelIdentity,
    encodeParams: (params) =>
      Ops.encodeQuery(endpoints.listLastMessagesByChannelIdentity.operation, encodeLast, params),
    decode: decodeList,
    items: (res) => res.messages,
    nextPageToken: (res) => res.next_page_token,
    inBody: true
  }
  const lastPages = Ops.listPages(api, lastSpec)

  const rawPages = Ops.listPages(api, Ops.rawSpec(listSpec, "messages"))

  return {
    send: (request) =>
      Effect.gen(function* () {
        const correlationId = request.correlation_id ?? (yield* Ops.freshCorrelationId)
        const body = yield* Api.encode(endpoints.send.operation, encodeSend, {
          ...request,
          correlation_id: correlationId
        })
        return yield* api.request(endpoints.send, { body, correlationId }, decodeSend)
      }),
    get: (ref) =>
      api.request(endpoints.get, { params: { message_id: ref.message_id }, query: sourceQuery(ref) }, decodeMessage),
    delete: (ref) =>
      Effect.asVoid(api.json(endpoints.delete, { params: { message_id: ref.message_id }, query: sourceQuery(ref) })),
    update: (request) =>
      Effect.flatMap(Api.encode(endpoints.update.operation, encodeUpdate, { metadata: request.metadata }), (body) =>
        api.request(
          endpoints.update,
          { params: { message_id: request.message_id }, query: sourceQuery(request), body },
          decodeMessage
        )
      ),
    list: (params, options) => Pagination.items(listPages(params ?? {}, options)),
    listPages: (params, options) => listPages(params ?? {}, options),
    listPage: (params) =>
      Effect.flatMap(Ops.encodeQuery(endpoints.list.operation, encodeList, params ?? {}), (query) =>
        api.request(endpoints.list, { query }, decodeList)
      ),
    listRawPages: (params, options) => rawPages(params ?? {}, options),
    listLastMessagesByChannelIdentity: (request, options) => Pagination.items(lastPages(request, options)),
    listLastMessagesByChannelIdentityPages: (request, options) => lastPages(request, options)
  }
}
