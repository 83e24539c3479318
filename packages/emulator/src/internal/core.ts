/**
 * The transport-independent core of the emulator: projects, credentials, tokens, the route table and the
 * request pipeline (route -> auth -> path, query and body decoded with the operation's definition -> handler ->
 * Sinch-shaped reply). The node:http adapter and the in-process HttpClient both call `processRequest`.
 */
import { Operations } from "@sinch-effect/schema"
import * as Either from "effect/Either"
import type * as Schema from "effect/Schema"
import type { Dispatcher } from "./callbacks.js"
import { ignore, type Notify } from "./changes.js"
import {
  type ApiError,
  apiError,
  errorBody,
  invalidArgument,
  isApiError,
  permissionDenied,
  resourceExhausted,
  type Result,
  unauthenticated
} from "./errors.js"
import type { Faults } from "./faults.js"
import { type Env, makeProject, type ProjectState } from "./project.js"
import { maintain } from "./retention.js"
import { makeRouter, type Router } from "./router.js"
import { decoder } from "./schema-check.js"
import { randomSecret, uuid } from "./ulid.js"

/** A reply of a handler. */
export interface Reply {
  readonly status: number
  readonly body: string
  readonly contentType: string
  readonly headers?: Readonly<Record<string, string>> | undefined
}

/** The context of one API request. */
export interface Ctx {
  readonly core: Core
  readonly p: ProjectState
  readonly params: Readonly<Record<string, string>>
  readonly query: URLSearchParams
  readonly body: unknown
  readonly rawBody: string
  readonly headers: Readonly<Record<string, string | Array<string> | undefined>>
}

/** What a handler answers: a JSON value (where `RawJson` values stand as they are), or a full reply. */
export type Answer = object | Reply

/**
 * A JSON value the store keeps serialised (messages, see `messageJson`), typed by the wire shape it holds: an answer
 * embeds it unchanged, so that a page of messages is not parsed to be serialised again.
 */
export class RawJson<out A = unknown> {
  declare readonly _A: (_: never) => A
  constructor(readonly json: string) {}
}

/** A wire value of type `A` where any part may be a `RawJson` of that part's type. */
export type Wire<A> =
  | A
  | RawJson<A>
  | (A extends ReadonlyArray<infer I>
      ? ReadonlyArray<Wire<I>>
      : A extends object
        ? { readonly [K in keyof A]: Wire<A[K]> }
        : never)

/**
 * What the handler of a definition answers: its response as JSON, typed by the encoded side of the definition's
 * response schema (so the compiler holds every handler to the schema the client decodes with); `{}` when the API
 * answers an empty object.
 */
export type Response<D extends Operations.Definition> = D["response"] extends Schema.Schema.AnyNoContext
  ? Wire<Schema.Schema.Encoded<D["response"]>>
  : Record<string, never>

/** Marks a raw value in `JSON.stringify`'s output; the random part keeps any string of an answer from passing for one. */
const RAW_MARK = `raw-${randomSecret(12).replace(/[^A-Za-z0-9]/g, "")}-`
const RAW_QUOTED = new RegExp(`"${RAW_MARK}(\\d+)"`, "g")

/** Serialises an answer: `JSON.stringify`, with each `RawJson` spliced in as it is. */
export const stringify = (answer: object): string => {
  const raws: Array<string> = []
  const text = JSON.stringify(answer, (_key, value: unknown) =>
    value instanceof RawJson ? RAW_MARK + (raws.push(value.json) - 1) : value
  )
  return raws.length === 0 ? text : text.replace(RAW_QUOTED, (_, i: string) => raws[Number(i)]!)
}

/** A handler of the emulator's own routes (control, inspector, token): returns an answer or throws an `ApiError`. */
export type ControlHandler = (ctx: Ctx) => Answer

/**
 * The input of an API operation's handler: its path parameters, query and body, each decoded once with the
 * definition's schemas (the query from the URL's strings, `Operations.queryFromSearch`). `json` is the body as sent,
 * for payloads the emulator stores and echoes unchanged: the body schema accepted it, so it has the schema's encoded
 * shape (plus whatever fields the schema does not model); `search` the query as sent, for what decoding rounds (the
 * microseconds of a timestamp).
 */
export interface Input<D extends Operations.Definition> {
  readonly core: Core
  readonly p: ProjectState
  readonly path: Operations.Params<D>
  readonly query: Operations.Query<D>
  readonly body: Operations.Body<D>
  readonly json: D["body"] extends Schema.Schema.AnyNoContext ? Schema.Schema.Encoded<D["body"]> : unknown
  readonly search: URLSearchParams
}

/** The behaviour of a defined operation: from its decoded input to an answer or a typed Sinch error. */
export type Handler<D extends Operations.Definition> = (input: Input<D>) => Result<Response<D>>

/** The handlers of a group of definitions (`Operations.conversation.messages`, ...), by the definitions' keys. */
export type Handlers<Group> = {
  readonly [K in keyof Group]: Group[K] extends Operations.Definition ? Handler<Group[K]> : never
}

/** A query as `Operations.Search` holds it: each key with all its values. */
const searchOf = (query: URLSearchParams): Operations.Search => {
  const out: Record<string, Array<string>> = {}
  for (const [key, value] of query) {
    const values = Object.hasOwn(out, key) ? out[key]! : undefined
    if (values === undefined) Object.defineProperty(out, key, { value: [value], enumerable: true, writable: true })
    else values.push(value)
  }
  return out
}

/**
 * The route of a defined operation: its path parameters, query and body decoded with its schemas (a 400
 * INVALID_ARGUMENT naming the fields otherwise), then its handler.
 */
export const operation = <D extends Operations.Definition>(definition: D, handler: Handler<D>): RouteDef => {
  const decodePath = decoder(definition.params as Schema.Schema<Operations.Params<D>, unknown>)
  const decodeQuery = decoder(Operations.queryFromSearch(definition) as Schema.Schema<Operations.Query<D>, unknown>)
  const decodeBody =
    definition.body === undefined ? undefined : decoder(definition.body as Schema.Schema<Operations.Body<D>, unknown>)
  return {
    kind: "api",
    run: (ctx) =>
      Either.gen(function* () {
        const path = yield* decodePath(ctx.params)
        const query = yield* decodeQuery(searchOf(ctx.query))
        const body = decodeBody === undefined ? (undefined as Operations.Body<D>) : yield* decodeBody(ctx.body)
        const json = ctx.body as Input<D>["json"]
        return yield* handler({ core: ctx.core, p: ctx.p, path, query, body, json, search: ctx.query })
      })
  }
}

/** Route kinds: Conversation API routes need auth and a project and never throw; the others don't. */
export type RouteDef =
  | { readonly kind: "api"; readonly run: (ctx: Ctx) => Result<Answer> }
  | { readonly kind: "token" | "control"; readonly handler: ControlHandler }

/** Credentials of a project. */
export interface Credentials {
  readonly projectId: string
  readonly keyId: string
  readonly keySecret: string
}

/** A desired delivery outcome for a recipient identity. */
export interface DeliveryOutcome {
  readonly status: "DELIVERED" | "FAILED" | "READ"
  readonly reasonCode?: string | undefined
  readonly description?: string | undefined
}

/** Core configuration. */
export interface CoreConfig {
  /** requests per second per project before 429 (undefined: unlimited) */
  rateLimitPerSecond: number | undefined
  tokenTtlSeconds: number
  deliveryDelayMillis: number
  readonly maxBodyBytes: number
}

/** The emulator core. */
export interface Core {
  readonly env: Env
  readonly config: CoreConfig
  readonly router: Router<RouteDef>
  readonly projects: Map<string, ProjectState>
  readonly credentials: Map<string, Credentials>
  readonly tokens: Map<string, { readonly projectId: string; readonly expiresAtMs: number }>
  readonly dispatcher: Dispatcher
  readonly faults: Faults
  /** `${channel}|${identity}` or `${identity}` -> outcome of deliveries to it */
  readonly outcomes: Map<string, DeliveryOutcome>
  readonly defaultProject: Credentials
  /** token buckets of the per-project rate limit */
  readonly buckets: Map<string, { tokens: number; atMs: number }>
  /** publishes a change to the inspector's live updates (a no-op without the inspector) */
  readonly notify: Notify
}

/** JSON reply helper. */
export const json = (status: number, body: string, headers?: Readonly<Record<string, string>>): Reply => ({
  status,
  body,
  contentType: "application/json",
  headers
})

/** Reply for an API error. */
export const errorReply = (e: ApiError): Reply => json(e.code, errorBody(e), e.headers)

/** Creates a project with fresh (or given) credentials. */
export const addProject = (core: Core, given?: Partial<Credentials>): Credentials => {
  const creds: Credentials = {
    projectId: given?.projectId ?? uuid(),
    keyId: given?.keyId ?? uuid(),
    keySecret: given?.keySecret ?? randomSecret()
  }
  if (!core.projects.has(creds.projectId)) core.projects.set(creds.projectId, makeProject(creds.projectId))
  core.credentials.set(creds.keyId, creds)
  return creds
}

/** Creates the core. */
export const makeCore = (options: {
  readonly env: Env
  readonly config: CoreConfig
  readonly dispatcher: Dispatcher
  readonly faults: Faults
  readonly project?: Partial<Credentials> | undefined
  readonly notify?: Notify | undefined
  readonly register: ReadonlyArray<(router: Router<RouteDef>) => void>
}): Core => {
  const router = makeRouter<RouteDef>()
  for (const r of options.register) r(router)
  const partial = {
    env: options.env,
    config: options.config,
    router,
    projects: new Map<string, ProjectState>(),
    credentials: new Map<string, Credentials>(),
    tokens: new Map<string, { readonly projectId: string; readonly expiresAtMs: number }>(),
    dispatcher: options.dispatcher,
    faults: options.faults,
    outcomes: new Map<string, DeliveryOutcome>()
  }
  const core: Core = {
    ...partial,
    defaultProject: { projectId: "", keyId: "", keySecret: "" },
    buckets: new Map(),
    notify: options.notify ?? ignore
  }
  const creds = addProject(core, options.project)
  return { ...core, defaultProject: creds }
}

const header = (headers: Ctx["headers"], name: string): string | undefined => {
  const v = headers[name]
  return Array.isArray(v) ? v[0] : v
}

/** Decodes `Basic base64(id:secret)`. */
export const parseBasic = (value: string): { id: string; secret: string } | undefined => {
  const decoded = Buffer.from(value, "base64").toString("utf8")
  const sep = decoded.indexOf(":")
  if (sep < 0) return undefined
  return { id: decoded.slice(0, sep), secret: decoded.slice(sep + 1) }
}

/** Authenticates a Conversation API request; returns the project id of the principal. */
const authenticate = (core: Core, headers: Ctx["headers"]): string => {
  const auth = header(headers, "authorization")
  if (auth === undefined || auth === "") throw unauthenticated("Request is missing required authentication credential.")
  const space = auth.indexOf(" ")
  const scheme = space < 0 ? auth.toLowerCase() : auth.slice(0, space).toLowerCase()
  const value = space < 0 ? "" : auth.slice(space + 1).trim()
  if (scheme === "bearer") {
    const t = core.tokens.get(value)
    if (t === undefined) throw unauthenticated()
    if (t.expiresAtMs <= core.env.nowMs()) {
      core.tokens.delete(value)
      throw unauthenticated("Request had invalid authentication credentials: the access token expired.")
    }
    return t.projectId
  }
  if (scheme === "basic") {
    const b = parseBasic(value)
    const creds = b === undefined ? undefined : core.credentials.get(b.id)
    if (b === undefined || creds === undefined || creds.keySecret !== b.secret) throw unauthenticated()
    return creds.projectId
  }
  throw unauthenticated()
}

/** Token bucket: `rate` requests per second with a burst of `rate`; 429 with Retry-After when empty. */
const takeToken = (core: Core, projectId: string, rate: number): void => {
  const now = core.env.nowMs()
  const bucket = core.buckets.get(projectId) ?? { tokens: rate, atMs: now }
  bucket.tokens = Math.min(rate, bucket.tokens + ((now - bucket.atMs) / 1000) * rate)
  bucket.atMs = now
  core.buckets.set(projectId, bucket)
  if (bucket.tokens < 1) throw resourceExhausted(Math.max(1, Math.ceil((1 - bucket.tokens) / rate)))
  bucket.tokens -= 1
}

/** The parts of an incoming request. */
export interface CoreRequest {
  readonly method: string
  readonly url: string
  readonly headers: Ctx["headers"]
  readonly body: string
}

/** Finds the operation name of a request for fault rules (undefined for the emulator's control routes). */
export const operationOf = (core: Core, method: string, url: string): string | undefined => {
  const q = url.indexOf("?")
  const found = core.router.find(method, q < 0 ? url : url.slice(0, q))
  return "route" in found && found.route.handler.kind !== "control" ? found.route.operation : undefined
}

const toReply = (result: Answer): Reply => {
  if (
    typeof (result as Partial<Reply>).contentType === "string" &&
    typeof (result as Partial<Reply>).status === "number"
  )
    return result as Reply
  return json(200, stringify(result))
}

/** Runs one request through the pipeline. Never throws. */
export const processRequest = (core: Core, req: CoreRequest): Reply => {
  try {
    const q = req.url.indexOf("?")
    const path = q < 0 ? req.url : req.url.slice(0, q)
    const found = core.router.find(req.method, path)
    if (!("route" in found)) {
      return found.methodMismatch
        ? errorReply(apiError(405, "UNIMPLEMENTED", `Method ${req.method} is not allowed on ${path}`))
        : errorReply(apiError(404, "NOT_FOUND", `No route for ${req.method} ${path}`))
    }
    const { params, route } = found
    const query = new URLSearchParams(q < 0 ? "" : req.url.slice(q + 1))
    let p: ProjectState
    if (route.handler.kind === "api") {
      const principal = authenticate(core, req.headers)
      const projectId = params["project_id"] ?? ""
      if (principal !== projectId) throw permissionDenied(projectId)
      p = core.projects.get(projectId)!
      if (core.config.rateLimitPerSecond !== undefined) takeToken(core, projectId, core.config.rateLimitPerSecond)
    } else {
      const projectId = params["project_id"]
      const found = projectId === undefined ? undefined : core.projects.get(projectId)
      if (projectId !== undefined && found === undefined) {
        throw apiError(404, "NOT_FOUND", `project ${projectId} not found`)
      }
      p = found ?? core.projects.get(core.defaultProject.projectId)!
    }
    maintain(core.env, p)
    let body: unknown = undefined
    if (req.body.length > 0) {
      if (req.body.length > core.config.maxBodyBytes) {
        throw apiError(413, "INVALID_ARGUMENT", "Request payload is too large")
      }
      const ct = header(req.headers, "content-type") ?? ""
      if (route.handler.kind !== "token" || ct.includes("json")) {
        try {
          body = JSON.parse(req.body)
        } catch (e) {
          throw invalidArgument(
            [],
            `Invalid JSON payload received. ${e instanceof Error ? e.message : "Unexpected token"}`
          )
        }
      }
    }
    const ctx: Ctx = { core, p, params, query, body, rawBody: req.body, headers: req.headers }
    let reply: Reply
    if (route.handler.kind === "api") {
      const result = route.handler.run(ctx)
      reply = Either.isLeft(result) ? errorReply(result.left) : toReply(result.right)
    } else {
      reply = toReply(route.handler.handler(ctx))
    }
    if (req.method !== "GET" && route.handler.kind !== "token" && reply.status < 300)
      core.notify({ _tag: "Data", projectId: p.id })
    return reply
  } catch (e) {
    if (isApiError(e)) return errorReply(e)
    return errorReply(apiError(500, "INTERNAL", e instanceof Error ? `Internal error: ${e.message}` : "Internal error"))
  }
}
