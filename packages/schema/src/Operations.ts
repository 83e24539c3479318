/**
 * The one definition of every API operation: its API (which picks the base URL), name (the client's span name and
 * the emulator's fault name), method, path template relative to the project, path/query/body/response schemas,
 * idempotency and pagination. The client's operations, the emulator's routes and faults and the API reference are
 * all generated from these definitions.
 *
 * Paths are templates such as `/messages/{message_id}` or Google-style custom methods such as `/messages:send` and
 * `/contacts/{destination_id}:merge`; the prefix `/{version}/projects/{project_id}` belongs to the API version
 * ({@link fullPath}). Path values are percent-encoded and must be non-empty ({@link fillPath}, {@link matchPath}).
 *
 * @since 0.2.0
 */
import * as Either from "effect/Either"
import type * as Schema from "effect/Schema"
import * as BatchApi from "./internal/operations/batch.js"
import * as Conversation from "./internal/operations/conversation.js"
import * as Template from "./internal/operations/template.js"
import { define as define_ } from "./internal/operations/define.js"
import * as Query_ from "./internal/operations/query.js"

/**
 * The APIs the SDK covers; each has its own base URL (`SinchConfig`'s `conversationUrl`, `templatesUrl`, `batchUrl`).
 *
 * @since 0.2.0
 * @category models
 */
export type ApiName = "conversation" | "template" | "batch"

/**
 * An HTTP method of the API.
 *
 * @since 0.2.0
 * @category models
 */
export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE"

/**
 * Where a list keeps its items and page tokens, and the largest page the API gives.
 *
 * @since 0.2.0
 * @category models
 */
export interface Pagination<out Items extends string = string> {
  /** The response field that holds the page's items. */
  readonly items: Items
  /** Whether page size and token are sent in the query (a GET list) or the body (a POST list). */
  readonly in: "query" | "body"
  /** The request field of the page size. */
  readonly pageSize: string
  /** The request field of the page token. */
  readonly pageToken: string
  /** The response field of the next page's token (absent or empty on the last page). */
  readonly nextPageToken: string
  /** The largest page size the API accepts. */
  readonly maxPageSize: number
}

/**
 * The definition of one operation. `params` holds the path parameters besides `project_id`, `query` the query
 * parameters (both empty structs when there are none); `body` and `response` are `undefined` when the request has no
 * body or the API answers an empty object.
 *
 * @since 0.2.0
 * @category models
 */
export interface Definition<
  out Name extends string = string,
  out M extends Method = Method,
  out P extends Schema.Schema.AnyNoContext = Schema.Schema.AnyNoContext,
  out Q extends Schema.Schema.AnyNoContext = Schema.Schema.AnyNoContext,
  out B extends Schema.Schema.AnyNoContext | undefined = Schema.Schema.AnyNoContext | undefined,
  out R extends Schema.Schema.AnyNoContext | undefined = Schema.Schema.AnyNoContext | undefined,
  out Pg extends Pagination | undefined = Pagination | undefined
> {
  /** The API, which picks the base URL. */
  readonly api: ApiName
  /** The API version, the first segment of the full path (`v1`, `v2`). */
  readonly version: string
  /** `group.operation`, e.g. `messages.send`: the span name (`Sinch.messages.send`) and the fault name. */
  readonly name: Name
  readonly method: M
  /** The path template relative to the project, e.g. `/messages/{message_id}` or `/messages:send`. */
  readonly path: string
  readonly params: P
  readonly query: Q
  readonly body: B
  readonly response: R
  /** Whether repeating the request has no further effect: it picks the retry schedule. */
  readonly idempotent: boolean
  /** Set on lists. */
  readonly pagination: Pg
}

/**
 * The decoded path parameters of a definition (besides `project_id`).
 *
 * @since 0.2.0
 * @category models
 */
export type Params<D extends Definition> = Schema.Schema.Type<D["params"]>

/**
 * The decoded query of a definition.
 *
 * @since 0.2.0
 * @category models
 */
export type Query<D extends Definition> = Schema.Schema.Type<D["query"]>

/**
 * The decoded body of a definition (`undefined` when it has none).
 *
 * @since 0.2.0
 * @category models
 */
export type Body<D extends Definition> = D["body"] extends Schema.Schema.AnyNoContext
  ? Schema.Schema.Type<D["body"]>
  : undefined

/**
 * The decoded response of a definition (`void` when the API answers an empty object).
 *
 * @since 0.2.0
 * @category models
 */
export type Response<D extends Definition> = D["response"] extends Schema.Schema.AnyNoContext
  ? Schema.Schema.Type<D["response"]>
  : void

/**
 * The type of the items of a list definition (`never` for an operation that is not a list).
 *
 * @since 0.2.0
 * @category models
 */
export type Item<D extends Definition> =
  D["pagination"] extends Pagination<infer K>
    ? Response<D> extends { readonly [P in K]?: ReadonlyArray<infer A> | undefined }
      ? A
      : never
    : never

/**
 * The constructor of one API version's definitions: `define("conversation", "v1")("messages.send", "POST
 * /messages:send", { body, response })`. The method and the path are written once, as a route. Idempotency defaults
 * to every method but POST; a list names its items field and largest page (tokens follow the API's convention:
 * `page_size`/`page_token` in the query of a GET list or the body of a POST list, `next_page_token` in the response).
 *
 * @since 0.2.0
 * @category constructors
 */
export const define: typeof define_ = define_

/**
 * The operations of the Conversation API v1, by group (`conversation.messages.send`, ...).
 *
 * @since 0.2.0
 * @category definitions
 */
export const conversation: typeof Conversation = Conversation

/**
 * The operations of the Template Management API v1 and v2, by group (`template.templatesV2.create`, ...), on the
 * template host.
 *
 * @since 0.2.0
 * @category definitions
 */
export const template: typeof Template = Template

/**
 * The operations of the Conversation Batch API v1 (its own host), one group: `batch.batch.send`, ...
 *
 * @since 0.2.0
 * @category definitions
 */
export const batch: typeof BatchApi = BatchApi

/**
 * A query as the URL carries it: each key with all its values, in order (`contact_ids=a&contact_ids=b`).
 *
 * @since 0.2.0
 * @category query
 */
export type Search = typeof Query_.Search.Type

/**
 * A definition's query schema read from the URL's strings (a {@link Search}): numbers and booleans parsed (`true`/`false`,
 * `1`/`0`), arrays from repeated keys (an empty one is absent), a scalar from its first value, an empty number or boolean
 * absent; a bad value
 * fails with the schema's issue at the field's wire name (`page_size`, `update_mask.paths`). The emulator decodes
 * each request's query with it.
 *
 * @since 0.2.0
 * @category query
 */
export const queryFromSearch = <D extends Pick<Definition, "query">>(
  definition: D
): Schema.Schema<Schema.Schema.Type<D["query"]>, Search> => Query_.fromSearch(definition.query)

/** Every API's groups: adding an API is its file under `internal/operations/` and one line here. */
const apis = { conversation, template, batch }

type NamesOf<Groups> = {
  [G in keyof Groups]: { [K in keyof Groups[G]]: Groups[G][K] extends Definition<infer N> ? N : never }[keyof Groups[G]]
}[keyof Groups]

/**
 * The name of an operation, e.g. `"messages.send"`.
 *
 * @since 0.2.0
 * @category models
 */
export type Name = { [A in keyof typeof apis]: NamesOf<(typeof apis)[A]> }[keyof typeof apis]

/**
 * Every definition, API by API and group by group.
 *
 * @since 0.2.0
 * @category definitions
 */
export const all: ReadonlyArray<Definition<Name>> = Object.values(apis).flatMap((groups) =>
  Object.values(groups).flatMap((group: Record<string, Definition<Name>>) => Object.values(group))
)

/**
 * Every operation name, in the order of {@link all}.
 *
 * @since 0.2.0
 * @category definitions
 */
export const names: ReadonlyArray<Name> = all.map((definition) => definition.name)

/**
 * The path prefix of an API version: `/{version}/projects/{project_id}`.
 *
 * @since 0.2.0
 * @category paths
 */
export const prefix = (version: string): string => `/${version}/projects/{project_id}`

/**
 * The full path template of a definition, e.g. `/v1/projects/{project_id}/messages:send`.
 *
 * @since 0.2.0
 * @category paths
 */
export const fullPath = (definition: Pick<Definition, "version" | "path">): string =>
  prefix(definition.version) + definition.path

/**
 * A full path template (`/v1/projects/{project_id}/messages:send`), or a definition whose full path it is.
 *
 * @since 0.2.0
 * @category paths
 */
export type PathTemplate = string | Pick<Definition, "version" | "path">

/** A full template split once into literal parts and parameter names (even indexes literal, odd names). */
const partsCache = new Map<string, ReadonlyArray<string>>()
const partsOf = (template: PathTemplate): ReadonlyArray<string> => {
  const full = typeof template === "string" ? template : fullPath(template)
  let parts = partsCache.get(full)
  if (parts === undefined) {
    parts = full.split(/\{([a-z_]+)\}/g)
    partsCache.set(full, parts)
  }
  return parts
}

/**
 * The names of a definition's path parameters, `project_id` first.
 *
 * @since 0.2.0
 * @category paths
 */
export const pathParams = (template: PathTemplate): ReadonlyArray<string> =>
  partsOf(template).filter((_, i) => i % 2 === 1)

/**
 * Fills the full path of a definition: every value percent-encoded (`encodeURIComponent`) and non-empty (an empty id
 * would address another resource). Fails with a message naming the parameter.
 *
 * @since 0.2.0
 * @category paths
 */
export const fillPath = (
  template: PathTemplate,
  params: Readonly<Record<string, unknown>>
): Either.Either<string, string> => {
  const parts = partsOf(template)
  let path = parts[0]!
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i]!
    const value = params[name]
    if (typeof value !== "string" || value === "") {
      return Either.left(`path parameter ${name} must be a non-empty string`)
    }
    path += encodeURIComponent(value) + parts[i + 1]!
  }
  return Either.right(path)
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
const patternCache = new Map<string, RegExp>()

/**
 * Matches a request path (as sent: percent-encoded, without the query) against a definition's full path: the decoded
 * path parameters, `project_id` included, or `undefined` when it does not match. A value is one non-empty path
 * segment without a `:` ({@link fillPath} sends one as `%3A`), so `:method` suffixes are literal
 * (`/contacts/a:merge` gives `destination_id` `a`, and `GET /contacts/a:merge` is not a `contacts.get`).
 *
 * @since 0.2.0
 * @category paths
 */
export const matchPath = (template: PathTemplate, pathname: string): Record<string, string> | undefined => {
  const parts = partsOf(template)
  const key = parts.join("\n")
  let pattern = patternCache.get(key)
  if (pattern === undefined) {
    pattern = new RegExp("^" + parts.map((part, i) => (i % 2 === 0 ? escapeRegExp(part) : "([^/:]+)")).join("") + "$")
    patternCache.set(key, pattern)
  }
  const m = pattern.exec(pathname)
  if (m === null) return undefined
  const params: Record<string, string> = {}
  for (let i = 1; i < parts.length; i += 2) {
    try {
      params[parts[i]!] = decodeURIComponent(m[(i + 1) / 2]!)
    } catch {
      return undefined
    }
  }
  return params
}
