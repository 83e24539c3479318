import * as Effect from "effect/Effect"
import * as Predicate from "effect/Predicate"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import * as Pagination from "../Pagination.js"
import type * as SinchError from "../SinchError.js"
import * as Api from "./api.js"

/** @internal */
export const Empty = Schema.Struct({})

/** @internal */
export const decodeEmpty: Api.Decoder<unknown> = Api.decoder(Schema.Unknown)

/** A fresh correlation id for a non-idempotent request. @internal */
export const freshCorrelationId: Effect.Effect<string> = Effect.sync(() => globalThis.crypto.randomUUID())

/** @internal */
export type Query = Readonly<Record<string, Api.QueryValue>>

/** Encodes a query struct with its schema into wire query values (dates as ISO strings). @internal */
export const encodeQuery = <A>(
  operation: string,
  enc: Api.Encoder<A>,
  value: A
): Effect.Effect<Query, SinchError.InvalidRequest> => Effect.map(Api.encode(operation, enc, value), (u) => u as Query)

/** Keys of `self` whose value is not undefined, as a query. @internal */
export const query = (self: Readonly<Record<string, Api.QueryValue>>): Query => self

/** @internal */
export interface ListSpec<Params, Res, A> {
  readonly endpoint: Api.Endpoint
  /** Encodes the list parameters (without page token) to query values, or to a body for POST lists. */
  readonly encodeParams: (params: Params) => Effect.Effect<Query, SinchError.InvalidRequest>
  /** Path parameters taken from the list parameters. */
  readonly pathParams?: (params: Params) => Readonly<Record<string, string | undefined>>
  readonly decode: Api.Decoder<Res>
  readonly items: (response: Res) => ReadonlyArray<A> | undefined
  readonly nextPageToken: (response: Res) => string | undefined
  /** Whether the page token and the parameters travel in a JSON body (POST lists). */
  readonly inBody?: boolean
}

/** A page-level stream for a list operation. @internal */
export const listPages =
  <Params, Res, A>(api: Api.Api, spec: ListSpec<Params, Res, A>) =>
  (
    params: Params,
    options?: Pagination.Options
  ): Stream.Stream<Pagination.Page<A>, SinchError.SinchError | SinchError.PaginationError> =>
    Stream.unwrap(
      Effect.map(spec.encodeParams(params), (encoded) => {
        const pathParams = spec.pathParams?.(params)
        return Pagination.pages(
          spec.endpoint.operation,
          (pageToken) => {
            const wire = { ...withoutPageToken(encoded), ...(pageToken === undefined ? {} : { page_token: pageToken }) }
            const call: Api.Call = spec.inBody
              ? { params: pathParams, body: wire }
              : { params: pathParams, query: wire }
            return Effect.map(api.request(spec.endpoint, call, spec.decode), (res) => ({
              items: spec.items(res) ?? [],
              nextPageToken: spec.nextPageToken(res)
            }))
          },
          withStartToken(params, options)
        )
      })
    )

const withStartToken = (params: unknown, options: Pagination.Options | undefined): Pagination.Options => {
  const fromParams =
    Predicate.hasProperty(params, "page_token") && typeof params.page_token === "string" ? params.page_token : undefined
  return { ...options, pageToken: options?.pageToken ?? fromParams }
}

const withoutPageToken = (query: Query): Query => {
  if (!("page_token" in query)) return query
  const { page_token: _, ...rest } = query
  return rest
}

/** A page of a list as the API returned it: its items are the JSON values of the response. @internal */
export interface RawPageResult {
  readonly items: ReadonlyArray<unknown>
  readonly nextPageToken: string | undefined
}

/** Decodes the JSON of a list page without touching its items (unknown fields kept). @internal */
export const rawPage =
  (itemsKey: string): Api.Decoder<RawPageResult> =>
  (u) => {
    if (!Predicate.isRecord(u)) return Api.decodeFailure("expected a JSON object")
    const items = u[itemsKey]
    if (items !== undefined && !Array.isArray(items)) return Api.decodeFailure(`expected ${itemsKey} to be an array`)
    const token = u["next_page_token"]
    if (token !== undefined && token !== null && typeof token !== "string") {
      return Api.decodeFailure("expected next_page_token to be a string")
    }
    return Api.decodeSuccess({
      items: (items as ReadonlyArray<unknown> | undefined) ?? [],
      nextPageToken: token ?? undefined
    })
  }

/**
 * The raw variant of a list: same endpoint, parameters and paging, but pages keep the JSON the API returned.
 *
 * @internal
 */
export const rawSpec = <Params>(
  spec: Pick<ListSpec<Params, unknown, unknown>, "endpoint" | "encodeParams" | "pathParams" | "inBody">,
  itemsKey: string
): ListSpec<Params, RawPageResult, unknown> => ({
  endpoint: spec.endpoint,
  encodeParams: spec.encodeParams,
  ...(spec.pathParams === undefined ? {} : { pathParams: spec.pathParams }),
  ...(spec.inBody === undefined ? {} : { inBody: spec.inBody }),
  decode: rawPage(itemsKey),
  items: (res) => res.items,
  nextPageToken: (res) => res.nextPageToken
})

/** Drops the keys whose value is `undefined` (for exact optional schemas). @internal */
export const defined = <A extends object>(a: A): A =>
  Object.fromEntries(Object.entries(a).filter(([, v]) => v !== undefined)) as A
