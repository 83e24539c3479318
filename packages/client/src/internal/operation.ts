/**
 * The one generic path from an operation's definition (`@sinch-effect/schema`'s `Operations`) and a typed input to a
 * decoded response, and from a list's definition to its pages: the group modules are built from these.
 */
import { Encoder, Operations } from "@sinch-effect/schema"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type * as ParseResult from "effect/ParseResult"
import * as Predicate from "effect/Predicate"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import * as Pagination from "../Pagination.js"
import * as SinchError from "../SinchError.js"
import * as Api from "./api.js"
import * as Http from "./http.js"

type OptionalKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? K : never }[keyof T]

/** Path and query fields as callers write them: an optional field may also be given as `undefined`. */
type Loose<T> = { readonly [K in Exclude<keyof T, OptionalKeys<T>>]: T[K] } & {
  readonly [K in OptionalKeys<T>]?: T[K] | undefined
}

/**
 * The typed input of an operation: its body itself when it has no path or query parameters (`messages.send`), otherwise
 * its path and query parameters with the body, if any, under `body` (`apps.update`: `{ app_id, update_mask, body }`).
 *
 * @internal
 */
export type Input<D extends Operations.Definition> = [keyof Operations.Params<D> | keyof Operations.Query<D>] extends [
  never
]
  ? D["body"] extends Schema.Schema.AnyNoContext
    ? Operations.Body<D>
    : void
  : Loose<Operations.Params<D> & Operations.Query<D>> &
      (D["body"] extends Schema.Schema.AnyNoContext ? { readonly body: Operations.Body<D> } : {})

/** What the client derives once from a definition. */
interface Prepared {
  readonly endpoint: Api.Endpoint
  /** The path parameters besides `project_id`. */
  readonly pathNames: ReadonlyArray<string>
  /** The query fields (their names in the input). */
  readonly queryNames: ReadonlyArray<string>
  readonly bodyIsInput: boolean
  readonly encodeQuery: (u: unknown) => Either.Either<unknown, ParseResult.ParseError>
  readonly encodeBody: ((u: unknown) => Either.Either<unknown, ParseResult.ParseError>) | undefined
}

const preparedOf = new WeakMap<Operations.Definition, Prepared>()

/**
 * `f`'s value, computed on the first call: a client builds the functions of every group, a program calls a few of them,
 * so what an operation derives from its definition (path, encoders, decoder) waits for its first call.
 */
const once = <A>(f: () => A): (() => A) => {
  let value: A | undefined
  return () => (value ??= f())
}

const fieldsOf = (schema: Schema.Schema.AnyNoContext): ReadonlyArray<string> =>
  Predicate.hasProperty(schema, "fields") && Predicate.isRecord(schema.fields) ? Object.keys(schema.fields) : []

const prepare = (definition: Operations.Definition): Prepared => {
  let p = preparedOf.get(definition)
  if (p === undefined) {
    const pathNames = Operations.pathParams(definition).filter((name) => name !== "project_id")
    const queryNames = fieldsOf(definition.query)
    p = {
      endpoint: endpoint(definition),
      pathNames,
      queryNames,
      bodyIsInput: pathNames.length === 0 && queryNames.length === 0,
      encodeQuery: Encoder.make(definition.query),
      encodeBody: definition.body === undefined ? undefined : Encoder.make(definition.body)
    }
    preparedOf.set(definition, p)
  }
  return p
}

const endpointOf = new WeakMap<Operations.Definition, Api.Endpoint>()

/**
 * The client's view of a definition: its API, name, method, full path template and idempotency.
 *
 * @internal
 */
export const endpoint = (definition: Operations.Definition): Api.Endpoint => {
  let e = endpointOf.get(definition)
  if (e === undefined) {
    e = {
      api: definition.api,
      operation: definition.name,
      method: definition.method,
      path: Operations.fullPath(definition),
      idempotent: definition.idempotent
    }
    endpointOf.set(definition, e)
  }
  return e
}

/**
 * The endpoints of a group of definitions, by the same keys.
 *
 * @internal
 */
export const endpoints = <G extends Record<string, Operations.Definition>>(
  group: G
): { readonly [K in keyof G]: Api.Endpoint } =>
  Object.fromEntries(Object.entries(group).map(([key, definition]) => [key, endpoint(definition)])) as {
    readonly [K in keyof G]: Api.Endpoint
  }

const invalid = (p: Prepared, error: ParseResult.ParseError) =>
  new SinchError.InvalidRequest({ operation: p.endpoint.operation, where: Http.formatParseError(error) })

/** The correlation id a non-idempotent request reports (`SendOutcomeUnknown`): the body's `correlation_id`. */
const correlationIdOf = (body: unknown): string | undefined =>
  Predicate.hasProperty(body, "correlation_id") && typeof body.correlation_id === "string"
    ? body.correlation_id
    : undefined

/** Splits a typed input into the call's path parameters, query and body, encoded with the definition's schemas. */
const toCall = (p: Prepared, input: unknown): Either.Either<Api.Call, SinchError.InvalidRequest> => {
  let params: Record<string, string | undefined> | undefined
  let query: Api.Call["query"]
  let raw: unknown
  if (p.bodyIsInput) {
    raw = input
  } else {
    const record: Readonly<Record<string, unknown>> = Predicate.isRecord(input) ? input : {}
    if (p.pathNames.length > 0) {
      params = {}
      for (const name of p.pathNames) {
        const value = record[name]
        params[name] = typeof value === "string" ? value : undefined
      }
    }
    // only the fields given go through the query schema (an operation called without them encodes nothing)
    let given: Record<string, unknown> | undefined
    for (const name of p.queryNames) {
      const value = record[name]
      if (value !== undefined) (given ??= {})[name] = value
    }
    if (given !== undefined) {
      const encoded = p.encodeQuery(given)
      if (Either.isLeft(encoded)) return Either.left(invalid(p, encoded.left))
      query = encoded.right as Api.Call["query"]
    }
    raw = record["body"]
  }
  let body: unknown
  if (p.encodeBody !== undefined) {
    const encoded = p.encodeBody(raw)
    if (Either.isLeft(encoded)) return Either.left(invalid(p, encoded.left))
    body = encoded.right
  }
  const correlationId = p.endpoint.idempotent ? undefined : correlationIdOf(raw)
  return Either.right({ params, query, body, correlationId })
}

const decoderOf = new WeakMap<Operations.Definition, Api.Decoder<unknown>>()

const decoder = (definition: Operations.Definition): Api.Decoder<unknown> | undefined => {
  if (definition.response === undefined) return undefined
  let d = decoderOf.get(definition)
  if (d === undefined) {
    d = Api.decoder(definition.response)
    decoderOf.set(definition, d)
  }
  return d
}

/**
 * An operation as a function: the typed input encoded into path, query and body, the request run (auth, retries,
 * timeouts), the response decoded (`void` when the API answers an empty object).
 *
 * @internal
 */
export const call = <D extends Operations.Definition>(
  api: Api.Api,
  definition: D
): ((input: Input<D>) => Effect.Effect<Operations.Response<D>, SinchError.SinchError>) => {
  const prepared = once(() => ({ p: prepare(definition), decode: decoder(definition) }))
  return (input) => {
    const { decode, p } = prepared()
    const c = toCall(p, input)
    if (Either.isLeft(c)) return Effect.fail(c.left)
    return (
      decode === undefined ? Effect.asVoid(api.json(p.endpoint, c.right)) : api.request(p.endpoint, c.right, decode)
    ) as Effect.Effect<Operations.Response<D>, SinchError.SinchError>
  }
}

/** A page of a list as the API returned it: its items are the JSON values of the response. @internal */
export interface RawPageResult {
  readonly items: ReadonlyArray<unknown>
  readonly nextPageToken: string | undefined
}

/** Decodes the JSON of a list page without touching its items (unknown fields kept). @internal */
export const rawPage =
  (paging: Pick<Operations.Pagination, "items" | "nextPageToken">): Api.Decoder<RawPageResult> =>
  (u) => {
    if (!Predicate.isRecord(u)) return Api.decodeFailure("expected a JSON object")
    const items = u[paging.items]
    if (items !== undefined && !Array.isArray(items))
      return Api.decodeFailure(`expected ${paging.items} to be an array`)
    const token = u[paging.nextPageToken]
    if (token !== undefined && token !== null && typeof token !== "string") {
      return Api.decodeFailure(`expected ${paging.nextPageToken} to be a string`)
    }
    return Api.decodeSuccess({
      items: (items as ReadonlyArray<unknown> | undefined) ?? [],
      nextPageToken: token ?? undefined
    })
  }

const withoutKey = (value: unknown, key: string): Record<string, unknown> => {
  const { [key]: _, ...rest } = Predicate.isRecord(value) ? value : {}
  return rest
}

/**
 * The pages of a list, decoded (`raw` false) or as the JSON the API returned (`raw` true): the input's page token (or
 * `options.pageToken`) starts it, each next page token goes where the definition says (query or body).
 */
const pagesOf = (
  api: Api.Api,
  definition: Operations.Definition,
  raw: boolean
): ((
  input: unknown,
  options?: Pagination.Options
) => Stream.Stream<Pagination.Page<unknown>, SinchError.SinchError | SinchError.PaginationError>) => {
  const paging = definition.pagination!
  const prepared = once(() => ({ p: prepare(definition), decode: raw ? rawPage(paging) : decoder(definition)! }))
  const itemsOf = raw
    ? (res: unknown) => (res as RawPageResult).items
    : (res: unknown) => ((res as Record<string, unknown>)[paging.items] as ReadonlyArray<unknown> | undefined) ?? []
  const tokenOf = raw
    ? (res: unknown) => (res as RawPageResult).nextPageToken
    : (res: unknown) => (res as Record<string, string | undefined>)[paging.nextPageToken]
  return (input, options) => {
    const { decode, p } = prepared()
    const c = toCall(p, input ?? {})
    if (Either.isLeft(c)) return Stream.fail(c.left)
    const inBody = paging.in === "body"
    const first = inBody ? withoutKey(c.right.body, paging.pageToken) : withoutKey(c.right.query, paging.pageToken)
    const fromInput = Predicate.hasProperty(input, paging.pageToken) ? input[paging.pageToken] : undefined
    return Pagination.pages(
      p.endpoint.operation,
      (token) => {
        const wire = token === undefined ? first : { ...first, [paging.pageToken]: token }
        const request: Api.Call = inBody ? { ...c.right, body: wire } : { ...c.right, query: wire as Api.Call["query"] }
        return Effect.map(api.request(p.endpoint, request, decode), (res) => ({
          items: itemsOf(res),
          nextPageToken: tokenOf(res)
        }))
      },
      { ...options, pageToken: options?.pageToken ?? (typeof fromInput === "string" ? fromInput : undefined) }
    )
  }
}

/**
 * A list, page by page, each page decoded.
 *
 * @internal
 */
export const pages = <D extends Operations.Definition>(
  api: Api.Api,
  definition: D
): ((
  input: Input<D> | undefined,
  options?: Pagination.Options
) => Stream.Stream<Pagination.Page<Operations.Item<D>>, SinchError.SinchError | SinchError.PaginationError>) =>
  pagesOf(api, definition, false) as ReturnType<typeof pages<D>>

/**
 * A list, page by page, each item the JSON value the API returned (unknown fields kept, nothing decoded).
 *
 * @internal
 */
export const rawPages = <D extends Operations.Definition>(
  api: Api.Api,
  definition: D
): ((
  input: Input<D> | undefined,
  options?: Pagination.Options
) => Stream.Stream<Pagination.Page<unknown>, SinchError.SinchError | SinchError.PaginationError>) =>
  pagesOf(api, definition, true)

/**
 * A list's items, every page.
 *
 * @internal
 */
export const items = <D extends Operations.Definition>(
  api: Api.Api,
  definition: D
): ((
  input: Input<D> | undefined,
  options?: Pagination.Options
) => Stream.Stream<Operations.Item<D>, SinchError.SinchError | SinchError.PaginationError>) => {
  const paged = pages(api, definition)
  return (input, options) => Pagination.items(paged(input, options))
}

/**
 * A send that reports a correlation id when its outcome is unknown (`SendOutcomeUnknown`): the request's
 * `correlation_id`, or a fresh one (each run of the effect its own) when it has none.
 *
 * @internal
 */
export const correlated =
  <I extends { readonly correlation_id?: string | undefined }, A>(
    send: (request: I) => Effect.Effect<A, SinchError.SinchError>
  ): ((request: I) => Effect.Effect<A, SinchError.SinchError>) =>
  (request) =>
    request.correlation_id === undefined
      ? Effect.suspend(() => send({ ...request, correlation_id: globalThis.crypto.randomUUID() }))
      : send(request)
