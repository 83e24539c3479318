/**
 * The `events` group: send, get, delete and list conversation events.
 *
 * @since 0.1.0
 */
import { Events, Ids } from "@sinch-effect/schema"
import * as Effect from "effect/Effect"
import type * as Stream from "effect/Stream"
import * as Api from "./internal/api.js"
import * as Ops from "./internal/ops.js"
import * as Pagination from "./Pagination.js"
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

const base = "/v1/projects/{project_id}/events"

/**
 * The operation name, HTTP method, path template and idempotency of each `events` operation: the name is used for the
 * operation's span (`Sinch.events.send`) and emulator fault, `idempotent` picks its retry schedule (`Retry.Policy`).
 *
 * @since 0.1.0
 * @category endpoints
 */
export const endpoints = {
  send: { operation: "events.send", method: "POST", path: `${base}:send`, idempotent: false },
  get: { operation: "events.get", method: "GET", path: `${base}/{event_id}`, idempotent: true },
  delete: { operation: "events.delete", method: "DELETE", path: `${base}/{event_id}`, idempotent: true },
  list: { operation: "events.list", method: "GET", path: base, idempotent: true }
} as const satisfies Record<string, Api.Endpoint>

const encodeSend = Api.encoder(Events.SendEventRequest)
const decodeSend = Api.decoder(Events.SendEventResponse)
const decodeEvent = Api.decoder(Events.ConversationEvent)
const encodeList = Api.encoder(Events.ListEventsRequest)
const decodeList = Api.decoder(Events.ListEventsResponse)

/** @internal */
export const make = (api: Api.Api): EventsApi => {
  const listSpec: Ops.ListSpec<Events.ListEventsRequest, Events.ListEventsResponse, Events.ConversationEvent> = {
    endpoint: endpoints.list,
    encodeParams: (params) => Ops.encodeQuery(endpoints.list.operation, encodeList, params),
    decode: decodeList,
    items: (res) => res.events,
    nextPageToken: (res) => res.next_page_token
  }
  const listPages = Ops.listPages(api, listSpec)
  const listRawPages = Ops.listPages(api, Ops.rawSpec(listSpec, "events"))
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
    get: ({ event_id }) => api.request(endpoints.get, { params: { event_id } }, decodeEvent),
    delete: ({ event_id }) => Effect.asVoid(api.json(endpoints.delete, { params: { event_id } })),
    list: (params, options) => Pagination.items(listPages(params ?? {}, options)),
    listPages: (params, options) => listPages(params ?? {}, options),
    listRawPages: (params, options) => listRawPages(params ?? {}, options)
  }
}
