/**
 * The `events` group: send, get, delete and list conversation events.
 *
 * @since 0.1.0
 */
import { Events, Ids, Operations } from "@sinch-effect/schema"
import * as Effect from "effect/Effect"
import type * as Stream from "effect/Stream"
import type * as Api from "./internal/api.js"
import * as Operation from "./internal/operation.js"
import type * as Pagination from "./Pagination.js"
import type * as SinchError from "./SinchError.js"

interface EventRef {
  readonly event_id: Ids.EventId | string
}

/**
 * The operations of the `events` group (`SinchClient.Service["events"]`).
 *
 * @since 0.1.0
 * @category models
 */
export interface EventsApi {
  /**
   * `POST /events:send`. Not idempotent: an ambiguous failure is `SendOutcomeUnknown` with the request's
   * `correlation_id` (filled with a fresh id when absent).
   */
  readonly send: (request: Events.SendEventRequest) => Effect.Effect<Events.SendEventResponse, SinchError.SinchError>
  /** `GET /events/{event_id}`. */
  readonly get: (request: EventRef) => Effect.Effect<Events.ConversationEvent, SinchError.SinchError>
  /** `DELETE /events/{event_id}`. */
  readonly delete: (request: EventRef) => Effect.Effect<void, SinchError.SinchError>
  /** `GET /events`, every page. */
  readonly list: (
    params?: Events.ListEventsRequest,
    options?: Pagination.Options
  ) => Stream.Stream<Events.ConversationEvent, SinchError.SinchError | SinchError.PaginationError>
  /** `GET /events`, page by page. */
  readonly listPages: (
    params?: Events.ListEventsRequest,
    options?: Pagination.Options
  ) => Stream.Stream<Pagination.Page<Events.ConversationEvent>, SinchError.SinchError | SinchError.PaginationError>
  /** `GET /events`, page by page, each event the JSON value the API returned (unknown fields kept). */
  readonly listRawPages: (
    params?: Events.ListEventsRequest,
    options?: Pagination.Options
  ) => Stream.Stream<Pagination.Page<unknown>, SinchError.SinchError | SinchError.PaginationError>
}

/**
 * The operation name, HTTP method, path template and idempotency of each `events` operation (a view of
 * `Operations.conversation.events`): the name is used for the operation's span (`Sinch.events.send`) and emulator
 * fault, `idempotent` picks its retry schedule (`Retry.Policy`).
 *
 * @since 0.1.0
 * @category endpoints
 */
export const endpoints = Operation.endpoints(Operations.conversation.events)

/** @internal */
export const make = (api: Api.Api): EventsApi => {
  const definitions = Operations.conversation.events
  const send = Operation.call(api, definitions.send)
  return {
    // what only sends do: a correlation id, fresh when absent, that an ambiguous failure reports
    send: Operation.correlated(send),
    get: Operation.call(api, definitions.get),
    delete: Operation.call(api, definitions.delete),
    list: Operation.items(api, definitions.list),
    listPages: Operation.pages(api, definitions.list),
    listRawPages: Operation.rawPages(api, definitions.list)
  }
}
