/**
 * A stateful Sinch Conversation API on localhost: a real `node:http` server that answers every operation on
 * the real paths, with Sinch's auth, errors, pagination and signed callbacks, plus a control API that plays
 * the contact's side, seeds data and injects faults.
 *
 * @since 0.1.0
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as FiberSet from "effect/FiberSet"
import * as Layer from "effect/Layer"
import * as PubSub from "effect/PubSub"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import type * as Scope from "effect/Scope"
import type * as Fault from "./Fault.js"
import { type DeliveryRecord, makeDispatcher, type RetryPolicy } from "./internal/callbacks.js"
import {
  addProject,
  type Core,
  type DeliveryOutcome as CoreOutcome,
  makeCore,
  operationOf,
  processRequest
} from "./internal/core.js"
import { type ApiError, isApiError, orThrow } from "./internal/errors.js"
import type { Change } from "./internal/changes.js"
import { makeFaults } from "./internal/faults.js"
import { makeInspector } from "./internal/inspector/http.js"
import { recordInbound, recordInboundEvent } from "./internal/flows.js"
import { eventWire, getApp, messageWire, type ProjectState } from "./internal/project.js"
import * as ApiRoutes from "./internal/routes/api.js"
import * as AuthRoutes from "./internal/routes/auth.js"
import * as ControlRoutes from "./internal/routes/control.js"
import * as InspectorRoutes from "./internal/routes/inspector.js"
import { PREFIX as BatchPrefix } from "./internal/batch.js"
import { purge } from "./internal/retention.js"
import { seedProject } from "./internal/seed.js"
import { close, faultReply, listen, makeServer, shapeReply } from "./internal/server.js"
import { makeUlidGenerator } from "./internal/ulid.js"

/**
 * Options of `serve`.
 *
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** TCP port; 0 (the default) picks a free one */
  readonly port?: number | undefined
  /** interface to bind (default 127.0.0.1) */
  readonly host?: string | undefined
  /** id of the default project (default: a random UUID) */
  readonly projectId?: string | undefined
  /** access key id of the default project (default: a random UUID) */
  readonly keyId?: string | undefined
  /** access key secret of the default project (default: random) */
  readonly keySecret?: string | Redacted.Redacted<string> | undefined
  /** lifetime of OAuth2 access tokens in seconds (default 3600) */
  readonly tokenTtlSeconds?: number | undefined
  /** delay between QUEUED_ON_CHANNEL and DELIVERED delivery reports (default 20 ms) */
  readonly deliveryDelayMillis?: number | undefined
  /** retry policy of callback deliveries */
  readonly callbackRetry?: Partial<RetryPolicy> | undefined
  /**
   * Callbacks in flight to one webhook target (scheme, host and port) at a time, over keep-alive connections
   * (default 16); the others wait in the order they were emitted. 1 delivers one after the other.
   */
  readonly callbackConcurrency?: number | undefined
  /** seed the default project on start */
  readonly seed?: SeedOptions | undefined
  /**
   * Which clock stamps messages, expires tokens and paces callback retries: "system" (default) is wall-clock
   * time; "effect" uses the `Clock` of the serving fiber (so `TestClock.adjust` expires tokens in tests).
   */
  readonly clock?: "system" | "effect" | undefined
  /**
   * Requests per second per project before the API answers 429 RESOURCE_EXHAUSTED with `Retry-After`
   * (Sinch allows 800); unlimited by default so benchmarks measure the client.
   */
  readonly rateLimitPerSecond?: number | undefined
  /** maximum accepted request body in bytes (default 10 MiB) */
  readonly maxBodyBytes?: number | undefined
  /**
   * Serve the inspector, a web page to watch and drive the emulator, at `{url}/inspector/` (default false; the
   * `sinch-emulator` bin turns it on).
   */
  readonly inspector?: boolean | undefined
}

/**
 * Seeding options.
 *
 * @since 0.1.0
 * @category models
 */
export interface SeedOptions {
  /** contacts to create (default 100) */
  readonly contacts?: number | undefined
  /** messages to create, spread round-robin over the contacts' conversations (default 1000) */
  readonly messages?: number | undefined
  /** seed into an existing app instead of creating one */
  readonly appId?: string | undefined
  /** microseconds between consecutive seeded messages (default 1 s) */
  readonly spacingMicros?: number | undefined
  /** project to seed (default: the default project) */
  readonly projectId?: string | undefined
}

/**
 * What a seeding run created.
 *
 * @since 0.1.0
 * @category models
 */
export interface SeedResult {
  readonly appId: string
  readonly contacts: number
  readonly conversations: number
  readonly messages: number
  readonly firstContactId: string | undefined
  readonly millis: number
}

/**
 * Credentials of a project.
 *
 * @since 0.1.0
 * @category models
 */
export interface ProjectCredentials {
  readonly projectId: string
  readonly keyId: string
  readonly keySecret: Redacted.Redacted<string>
}

/**
 * A contact's inbound message, as the control API simulates it.
 *
 * @since 0.1.0
 * @category models
 */
export interface InboundMessage {
  readonly appId: string
  readonly channel: string
  readonly identity: string
  /** a ContactMessage in wire shape, e.g. `{ text_message: { text: "hi" } }` */
  readonly contactMessage: Record<string, unknown>
  readonly senderId?: string | undefined
  readonly metadata?: string | undefined
  readonly projectId?: string | undefined
}

/**
 * A contact's inbound event (e.g. `{ composing_event: {} }`).
 *
 * @since 0.1.0
 * @category models
 */
export interface InboundEvent {
  readonly appId: string
  readonly channel: string
  readonly identity: string
  readonly contactEvent: Record<string, unknown>
  readonly projectId?: string | undefined
}

/**
 * The outcome the emulated channel reports for messages to an identity.
 *
 * @since 0.1.0
 * @category models
 */
export interface DeliveryOutcome {
  readonly status: "DELIVERED" | "FAILED" | "READ"
  /** reason code of a FAILED report (default RECIPIENT_NOT_REACHABLE) */
  readonly reasonCode?: string | undefined
  readonly description?: string | undefined
}

/**
 * One callback the emulator sent (or is still trying to send).
 *
 * @since 0.1.0
 * @category models
 */
export interface Delivery {
  readonly id: number
  readonly webhookId: string
  readonly target: string
  readonly trigger: string
  /** the raw JSON body that was signed and POSTed */
  readonly body: string
  readonly attempts: ReadonlyArray<{
    readonly status: number | "error"
    /** when the attempt ended */
    readonly atMs: number
    /** how long the attempt took */
    readonly millis: number
    /** the signature headers it carried */
    readonly headers: Readonly<Record<string, string>>
  }>
  readonly outcome: "pending" | "delivered" | "rejected" | "gave_up" | "cancelled"
}

/**
 * Counts of what a project stores.
 *
 * @since 0.1.0
 * @category models
 */
export interface Stats {
  readonly apps: number
  readonly webhooks: number
  readonly contacts: number
  readonly conversations: number
  readonly messages: number
  readonly events: number
}

/**
 * A failure of the control API (unknown app, invalid input): the same status and message the HTTP API gives.
 *
 * @since 0.1.0
 * @category errors
 */
export class ControlError extends Schema.TaggedError<ControlError>()("ControlError", {
  code: Schema.Number,
  status: Schema.String,
  message: Schema.String
}) {}

/**
 * The server could not start (e.g. the port is taken).
 *
 * @since 0.1.0
 * @category errors
 */
export class ServeError extends Schema.TaggedError<ServeError>()("ServeError", {
  host: Schema.String,
  port: Schema.Number,
  message: Schema.String
}) {}

/**
 * What a client needs to talk to the emulator's default project: its credentials and the URL of every API it serves
 * (`SinchConfig.Options` of `@sinch-effect/client`, so `SinchClient.layerWith(emu.clientOptions)` is such a client).
 *
 * @since 0.2.0
 * @category models
 */
export interface ClientOptions {
  readonly projectId: string
  readonly keyId: string
  readonly keySecret: Redacted.Redacted<string>
  readonly conversationUrl: string
  readonly templatesUrl: string
  readonly batchUrl: string
  readonly authUrl: string
}

/**
 * A running emulator.
 *
 * @since 0.1.0
 * @category models
 */
export interface Running {
  /** base URL of the Conversation API, e.g. `http://127.0.0.1:43123` */
  readonly url: string
  /** base URL of the Template Management API (the same server as `url`) */
  readonly templatesUrl: string
  /** base URL of the auth server (`POST {authUrl}/oauth2/token`) */
  readonly authUrl: string
  /** base URL of the Conversation Batch API (`{url}/batch`), for `SINCH_BATCH_URL` */
  readonly batchUrl: string
  /** the inspector page (`{url}/inspector/`) when the `inspector` option is on */
  readonly inspectorUrl: string | undefined
  readonly port: number
  /** the default project and credentials that work for it */
  readonly projectId: string
  readonly keyId: string
  readonly keySecret: Redacted.Redacted<string>
  /** SINCH_PROJECT_ID, SINCH_KEY_ID, SINCH_KEY_SECRET, SINCH_CONVERSATION_URL, SINCH_TEMPLATES_URL, SINCH_AUTH_URL,
   * SINCH_BATCH_URL */
  readonly env: Readonly<Record<string, string>>
  /** the options of a client of the default project: `SinchClient.layerWith(emu.clientOptions)` */
  readonly clientOptions: ClientOptions
  /** another project with its own credentials (use them on the default project to get 403) */
  readonly createProject: Effect.Effect<ProjectCredentials>
  /** a contact sends a message to an app (MESSAGE_INBOUND); returns the stored message (wire shape) */
  readonly inboundMessage: (input: InboundMessage) => Effect.Effect<Record<string, unknown>, ControlError>
  /** a contact sends an event to an app (EVENT_INBOUND); returns the stored event (wire shape) */
  readonly inboundEvent: (input: InboundEvent) => Effect.Effect<Record<string, unknown>, ControlError>
  /** how deliveries to an identity end (optionally per channel) */
  readonly setDeliveryOutcome: (identity: string, outcome: DeliveryOutcome, channel?: string) => Effect.Effect<void>
  /** fills a project with contacts, conversations and messages (no callbacks) */
  readonly seed: (options?: SeedOptions) => Effect.Effect<SeedResult, ControlError>
  /** fault injection */
  readonly addFault: (rule: Fault.Rule) => Effect.Effect<number>
  readonly removeFault: (id: number) => Effect.Effect<void>
  readonly clearFaults: Effect.Effect<void>
  /** every callback sent so far (most recent 10 000) */
  readonly deliveries: Effect.Effect<ReadonlyArray<Delivery>>
  /** waits until no callback delivery is pending */
  readonly awaitCallbacks: Effect.Effect<void>
  /** counts of a project's data (what expired under the apps' retention policies is dropped first) */
  readonly stats: (projectId?: string) => Effect.Effect<Stats>
  /** changes the token lifetime for tokens issued from now on */
  readonly setTokenTtl: (seconds: number) => Effect.Effect<void>
}

/**
 * The emulator as a service.
 *
 * @since 0.1.0
 * @category tags
 */
export class Emulator extends Context.Tag("@sinch-effect/emulator/Emulator")<Emulator, Running>() {}

const toControlError = (e: unknown): ControlError =>
  isApiError(e)
    ? new ControlError({ code: (e as ApiError).code, status: (e as ApiError).status, message: (e as ApiError).message })
    : new ControlError({ code: 500, status: "INTERNAL", message: e instanceof Error ? e.message : String(e) })

const attempt = <A>(f: () => A): Effect.Effect<A, ControlError> => Effect.try({ try: f, catch: toControlError })

const projectOf = (core: Core, projectId: string | undefined): ProjectState => {
  const p = core.projects.get(projectId ?? core.defaultProject.projectId)
  if (p === undefined) {
    throw { _tag: "ApiError", code: 404, status: "NOT_FOUND", message: `project ${projectId} not found` }
  }
  return p
}

/**
 * Starts the emulator on a real socket; it stops (server closed, callback deliveries interrupted) when the
 * Scope closes.
 *
 * @since 0.1.0
 * @category constructors
 */
export const serve = (options: Options = {}): Effect.Effect<Running, ServeError, Scope.Scope> =>
  Effect.gen(function* () {
    const ambient = yield* Effect.clock
    const clock = options.clock === "effect" ? ambient : Clock.make()
    const fibers = yield* FiberSet.make<void, never>()
    const runFork = yield* FiberSet.runtime(fibers)<never>()
    const nowMs = () => clock.unsafeCurrentTimeMillis()
    // the emulator's changes, for the inspector's live updates (nothing is published without the inspector)
    const changes = options.inspector === true ? yield* PubSub.sliding<Change>(4096) : undefined
    const notify = changes === undefined ? undefined : (change: Change) => void changes.unsafeOffer(change)
    const dispatcher = makeDispatcher({
      onChange: notify === undefined ? undefined : (id) => notify({ _tag: "Delivery", id }),
      fork: (effect) => {
        runFork(Effect.withClock(effect, clock))
      },
      nowMs,
      concurrency: Number.isFinite(options.callbackConcurrency)
        ? Math.max(1, Math.floor(options.callbackConcurrency!))
        : 16,
      retry: {
        initialDelayMillis: options.callbackRetry?.initialDelayMillis ?? 500,
        maxDelayMillis: options.callbackRetry?.maxDelayMillis ?? 30_000,
        maxRetries: options.callbackRetry?.maxRetries ?? 5,
        timeoutMillis: options.callbackRetry?.timeoutMillis ?? 10_000
      }
    })
    yield* Effect.addFinalizer(() => Effect.sync(dispatcher.close))
    const secret = options.keySecret
    const core = makeCore({
      env: { ids: makeUlidGenerator(), nowMs },
      config: {
        rateLimitPerSecond: options.rateLimitPerSecond,
        tokenTtlSeconds: options.tokenTtlSeconds ?? 3600,
        deliveryDelayMillis: options.deliveryDelayMillis ?? 20,
        maxBodyBytes: options.maxBodyBytes ?? 10 * 1024 * 1024
      },
      dispatcher,
      faults: makeFaults(Math.random, notify === undefined ? undefined : () => notify({ _tag: "Faults" })),
      notify,
      project: {
        ...(options.projectId !== undefined ? { projectId: options.projectId } : {}),
        ...(options.keyId !== undefined ? { keyId: options.keyId } : {}),
        ...(secret !== undefined ? { keySecret: Redacted.isRedacted(secret) ? Redacted.value(secret) : secret } : {})
      },
      register: [AuthRoutes.register, ApiRoutes.register, ControlRoutes.register, InspectorRoutes.register]
    })
    if (options.seed !== undefined) {
      const p = core.projects.get(core.defaultProject.projectId)!
      seedProject(core, p, options.seed)
    }
    const host = options.host ?? "127.0.0.1"
    const server = makeServer(core, changes === undefined ? undefined : makeInspector(changes, runFork))
    const port = yield* Effect.acquireRelease(
      Effect.tryPromise({
        try: () => listen(server, options.port ?? 0, host),
        catch: (e) =>
          new ServeError({ host, port: options.port ?? 0, message: e instanceof Error ? e.message : String(e) })
      }),
      () => Effect.promise(() => close(server))
    )
    const hostForUrl = host.includes(":") ? `[${host}]` : host
    const url = `http://${hostForUrl}:${port}`
    const creds = core.defaultProject
    yield* Effect.annotateCurrentSpan({ "emulator.url": url })
    const clientOptions: ClientOptions = {
      projectId: creds.projectId,
      keyId: creds.keyId,
      keySecret: Redacted.make(creds.keySecret),
      conversationUrl: url,
      templatesUrl: url,
      batchUrl: `${url}${BatchPrefix}`,
      authUrl: url
    }
    const running: Running = {
      url,
      templatesUrl: url,
      authUrl: url,
      batchUrl: clientOptions.batchUrl,
      inspectorUrl: changes === undefined ? undefined : `${url}/inspector/`,
      port,
      projectId: creds.projectId,
      keyId: creds.keyId,
      keySecret: clientOptions.keySecret,
      env: {
        SINCH_PROJECT_ID: creds.projectId,
        SINCH_KEY_ID: creds.keyId,
        SINCH_KEY_SECRET: creds.keySecret,
        SINCH_CONVERSATION_URL: url,
        SINCH_TEMPLATES_URL: url,
        SINCH_BATCH_URL: clientOptions.batchUrl,
        SINCH_AUTH_URL: url
      },
      clientOptions,
      createProject: Effect.sync(() => {
        const c = addProject(core)
        return { projectId: c.projectId, keyId: c.keyId, keySecret: Redacted.make(c.keySecret) }
      }),
      inboundMessage: (input) =>
        attempt(() => {
          const p = projectOf(core, input.projectId)
          const app = orThrow(getApp(p, input.appId))
          const m = messageWire(recordInbound(core, p, app, input))
          core.notify({ _tag: "Data", projectId: p.id })
          return m
        }),
      inboundEvent: (input) =>
        attempt(() => {
          const p = projectOf(core, input.projectId)
          const app = orThrow(getApp(p, input.appId))
          const e = eventWire(recordInboundEvent(core, p, app, input))
          core.notify({ _tag: "Data", projectId: p.id })
          return e
        }),
      setDeliveryOutcome: (identity, outcome, channel) =>
        Effect.sync(() => {
          core.outcomes.set(channel !== undefined ? `${channel}|${identity}` : identity, outcome as CoreOutcome)
        }),
      seed: (seedOptions = {}) =>
        attempt(() => {
          const p = projectOf(core, seedOptions.projectId)
          const result = seedProject(core, p, seedOptions)
          core.notify({ _tag: "Data", projectId: p.id })
          return result
        }).pipe(Effect.withSpan("Emulator.seed")),
      addFault: (rule) => Effect.sync(() => core.faults.add(rule)),
      removeFault: (id) => Effect.sync(() => core.faults.remove(id)),
      clearFaults: Effect.sync(() => core.faults.clear()),
      deliveries: Effect.sync(() =>
        dispatcher.deliveries.toArray().map((d: DeliveryRecord) => ({ ...d, attempts: [...d.attempts] }))
      ),
      awaitCallbacks: Effect.async<void>((resume) => {
        dispatcher.onIdle(() => resume(Effect.void))
      }),
      stats: (projectId) =>
        Effect.sync(() => {
          const p = core.projects.get(projectId ?? creds.projectId)
          if (p !== undefined) purge(core.env, p)
          return {
            apps: p?.apps.size ?? 0,
            webhooks: p?.webhooks.size ?? 0,
            contacts: p?.contacts.size ?? 0,
            conversations: p?.conversations.size ?? 0,
            messages: p?.messages.size ?? 0,
            events: p?.events.size ?? 0
          }
        }),
      setTokenTtl: (seconds) =>
        Effect.sync(() => {
          core.config.tokenTtlSeconds = seconds
        })
    }
    cores.set(running, core)
    return running
  }).pipe(Effect.withSpan("Emulator.serve"))

const cores = new WeakMap<Running, Core>()

const requestBody = (request: HttpClientRequest.HttpClientRequest): string | undefined => {
  const body = request.body
  switch (body._tag) {
    case "Empty":
      return ""
    case "Uint8Array":
      return Buffer.from(body.body).toString("utf8")
    case "Raw":
      return typeof body.body === "string"
        ? body.body
        : body.body instanceof Uint8Array
          ? Buffer.from(body.body).toString("utf8")
          : undefined
    default:
      return undefined
  }
}

/**
 * An `HttpClient` that answers from a running emulator in-process, without sockets: the same routes, auth,
 * errors and faults (a dropped connection becomes a `RequestError` with reason "Transport"). Meant for fast unit
 * tests; integration tests should use the socket (`url`).
 *
 * @since 0.1.0
 * @category http client
 */
export const makeHttpClient = (emulator: Running): HttpClient.HttpClient => {
  const core = cores.get(emulator)!
  return HttpClient.make((request, url, signal) =>
    Effect.gen(function* () {
      const transport = (description: string) =>
        new HttpClientError.RequestError({ request, reason: "Transport", description })
      // a client that gives up (a timeout, an interrupted caller) aborts the signal, like closing a socket
      const aborted = Effect.async<never, HttpClientError.RequestError>((resume) => {
        const onAbort = () => resume(Effect.fail(transport("request aborted by the client")))
        if (signal.aborted) return onAbort()
        signal.addEventListener("abort", onAbort, { once: true })
        return Effect.sync(() => signal.removeEventListener("abort", onAbort))
      })
      const body = requestBody(request)
      if (body === undefined) {
        return yield* new HttpClientError.RequestError({
          request,
          reason: "Encode",
          description: "the in-process emulator client supports string and byte bodies only"
        })
      }
      const path = `${url.pathname}${url.search}`
      const coreRequest = { method: request.method, url: path, headers: request.headers, body }
      const operation = operationOf(core, request.method, path)
      const fault = operation === undefined ? undefined : core.faults.pick(operation)
      if (fault?._tag === "Latency") yield* Effect.raceFirst(Effect.sleep(fault.millis), aborted)
      if (fault?._tag === "DropBeforeProcessing") return yield* transport("connection closed before processing")
      const reply = faultReply(fault) ?? processRequest(core, coreRequest)
      if (fault?._tag === "DropAfterProcessing") return yield* transport("connection closed after processing")
      const shaped = shapeReply(fault, reply, coreRequest)
      return HttpClientResponse.fromWeb(
        request,
        new Response(shaped.body, {
          status: shaped.status,
          headers: { "content-type": shaped.contentType, ...shaped.headers }
        })
      )
    })
  )
}

/**
 * Provides an in-process `HttpClient` bound to the `Emulator` service.
 *
 * @since 0.1.0
 * @category http client
 */
export const layerHttpClient: Layer.Layer<HttpClient.HttpClient, never, Emulator> = Layer.effect(
  HttpClient.HttpClient,
  Effect.map(Emulator, makeHttpClient)
)

/**
 * The emulator as a scoped layer.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (options: Options = {}): Layer.Layer<Emulator, ServeError> =>
  Layer.scoped(Emulator, serve(options))
