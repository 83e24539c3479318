import * as Schema from "effect/Schema"
import type * as Operations from "../../Operations.js"

/** The path or query of an operation without parameters. */
export const Empty = Schema.Struct({})

/** A path value: a non-empty string (percent-encoded on the wire). */
export const PathValue = Schema.NonEmptyString

/** A `METHOD /path` route: the method and the path template relative to the project, e.g. `POST /messages:send`. */
export type Route = `${Operations.Method} /${string}`

/** The method of a route. */
export type MethodOf<R extends Route> = R extends `${infer M extends Operations.Method} ${string}` ? M : never

/** What a definition states beside its API, name and route; what it leaves out has a default. */
export interface Options<
  P extends Schema.Schema.AnyNoContext,
  Q extends Schema.Schema.AnyNoContext,
  B extends Schema.Schema.AnyNoContext | undefined,
  R extends Schema.Schema.AnyNoContext | undefined,
  I extends string
> {
  /** The path parameters besides `project_id` (default: none). */
  readonly params?: P
  /** The query parameters (default: none). */
  readonly query?: Q
  /** The JSON body (default: none). */
  readonly body?: B
  /** The JSON response (default: an empty object, which the client returns as `void`). */
  readonly response?: R
  /** Default: every method but POST. */
  readonly idempotent?: boolean
  /** A list: where its items and page tokens are, and the largest page. */
  readonly pagination?: { readonly items: I; readonly maxPageSize: number }
}

/**
 * The constructor of the definitions of one API version, e.g. `define("conversation", "v1")`.
 *
 * Page tokens follow the API's convention: `page_size` and `page_token` in the query of a GET list or the body of a
 * POST list, `next_page_token` in the response.
 */
export const define =
  (api: Operations.ApiName, version: string) =>
  <
    const Name extends string,
    const R extends Route,
    P extends Schema.Schema.AnyNoContext = typeof Empty,
    Q extends Schema.Schema.AnyNoContext = typeof Empty,
    B extends Schema.Schema.AnyNoContext | undefined = undefined,
    Res extends Schema.Schema.AnyNoContext | undefined = undefined,
    const I extends string = never
  >(
    name: Name,
    route: R,
    options: Options<P, Q, B, Res, I>
  ): Operations.Definition<
    Name,
    MethodOf<R>,
    P,
    Q,
    B,
    Res,
    [I] extends [never] ? undefined : Operations.Pagination<I>
  > => {
    const space = route.indexOf(" ")
    const method = route.slice(0, space) as MethodOf<R>
    const paging = options.pagination
    return {
      api,
      version,
      name,
      method,
      path: route.slice(space + 1),
      params: (options.params ?? Empty) as P,
      query: (options.query ?? Empty) as Q,
      body: options.body as B,
      response: options.response as Res,
      idempotent: options.idempotent ?? method !== "POST",
      pagination: (paging === undefined
        ? undefined
        : {
            items: paging.items,
            in: method === "GET" ? "query" : "body",
            pageSize: "page_size",
            pageToken: "page_token",
            nextPageToken: "next_page_token",
            maxPageSize: paging.maxPageSize
          }) as [I] extends [never] ? undefined : Operations.Pagination<I>
    }
  }
