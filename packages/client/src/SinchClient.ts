/**
 * The Sinch Conversation API client: one service with the operations grouped like the official SDK
 * (`messages`, `apps`, `contacts`, `conversations`, `events`, `webhooks`, ...).
 *
 * ```ts
 * import { FetchHttpClient } from "@effect/platform"
 * import { SinchClient } from "@sinch-effect/client"
 * import { Effect } from "effect"
 *
 * const program = Effect.gen(function* () {
 *   const sinch = yield* SinchClient.SinchClient
 *   return yield* sinch.messages.send({ app_id, recipient, message: { text_message: { text: "Hi" } } })
 * })
 *
 * program.pipe(Effect.provide(SinchClient.layerConfig()), Effect.provide(FetchHttpClient.layer))
 * ```
 *
 * The client requires an `HttpClient` (FetchHttpClient, NodeHttpClient, ...); it never picks a transport itself.
 *
 * @since 0.1.0
 */
import * as HttpClient from "@effect/platform/HttpClient"
import type * as ConfigError from "effect/ConfigError"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Apps from "./Apps.js"
import * as Auth from "./Auth.js"
import * as Batch from "./Batch.js"
import * as Capability from "./Capability.js"
import * as Consents from "./Consents.js"
import * as Contacts from "./Contacts.js"
import * as Conversations from "./Conversations.js"
import * as Events from "./Events.js"
import * as Api from "./internal/api.js"
import * as Messages from "./Messages.js"
import * as OptIns from "./OptIns.js"
import * as ProjectSettings from "./ProjectSettings.js"
import * as SinchConfig from "./SinchConfig.js"
import * as Templates from "./Templates.js"
import * as Transcoding from "./Transcoding.js"
import * as Webhooks from "./Webhooks.js"

/**
 * The client: the project and Conversation API URL it addresses, and one field per operation group (`messages`, `apps`,
 * `contacts`, ...).
 *
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** The project every request addresses. */
  readonly projectId: string
  /** The base URL of the Conversation API the client talks to (a region's, or an override). */
  readonly conversationUrl: string
  readonly messages: Messages.MessagesApi
  readonly transcoding: Transcoding.TranscodingApi
  readonly capability: Capability.CapabilityApi
  readonly apps: Apps.AppsApi
  readonly contacts: Contacts.ContactsApi
  readonly conversations: Conversations.ConversationsApi
  readonly events: Events.EventsApi
  readonly webhooks: Webhooks.WebhooksApi
  readonly consents: Consents.ConsentsApi
  readonly optIns: OptIns.OptInsApi
  readonly optOuts: OptIns.OptOutsApi
  readonly projectSettings: ProjectSettings.ProjectSettingsApi
  /** The Template Management API (`v1`, `v2`), on the template host. */
  readonly templates: Templates.TemplatesApi
  /** The Conversation Batch API, on its own host (`batchUrl`). */
  readonly batch: Batch.BatchApi
}

/**
 * The client service: `yield* SinchClient.SinchClient` in a program, provided by `layer`, `layerWith` or `layerConfig`.
 *
 * @since 0.1.0
 * @category tags
 */
export class SinchClient extends Context.Tag("@sinch-effect/client/SinchClient")<SinchClient, Service>() {}

/** The service over a request path: each group's operations are prepared when first called. */
const serviceOf = (api: Api.Api): Service => ({
  projectId: api.projectId,
  conversationUrl: api.conversationUrl,
  messages: Messages.make(api),
  transcoding: Transcoding.make(api),
  capability: Capability.make(api),
  apps: Apps.make(api),
  contacts: Contacts.make(api),
  conversations: Conversations.make(api),
  events: Events.make(api),
  webhooks: Webhooks.make(api),
  consents: Consents.make(api),
  optIns: OptIns.makeOptIns(api),
  optOuts: OptIns.makeOptOuts(api),
  projectSettings: ProjectSettings.make(api),
  templates: Templates.make(api),
  batch: Batch.make(api)
})

/**
 * Builds the client from the configuration, an `Auth` service and an `HttpClient`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Service, never, SinchConfig.SinchConfig | Auth.Auth | HttpClient.HttpClient> =
  Effect.flatMap(Effect.context<SinchConfig.SinchConfig | Auth.Auth | HttpClient.HttpClient>(), (context) =>
    Effect.map(
      Api.make(
        Context.get(context, SinchConfig.SinchConfig),
        Context.get(context, Auth.Auth),
        Context.get(context, HttpClient.HttpClient)
      ),
      serviceOf
    )
  )

/**
 * The client of a configuration with the default `Auth`, in one step: the layers below build it as one service rather
 * than a layer per service (each layer of a graph costs its own memoization, scope and fibers when it is built).
 */
const fromConfig = (config: SinchConfig.Service): Effect.Effect<Service, never, HttpClient.HttpClient> =>
  Effect.flatMap(HttpClient.HttpClient, (httpClient) =>
    Effect.flatMap(Effect.provideService(Auth.make, SinchConfig.SinchConfig, config), (auth) =>
      Effect.map(Api.make(config, auth, httpClient), serviceOf)
    )
  )

/**
 * The client with the default `Auth` (OAuth2 or Basic, from the configuration).
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<SinchClient, never, SinchConfig.SinchConfig | HttpClient.HttpClient> = Layer.effect(
  SinchClient,
  Effect.flatMap(SinchConfig.SinchConfig, fromConfig)
)

/**
 * The client configured from explicit options.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerWith = (
  options: SinchConfig.Options
): Layer.Layer<SinchClient, ConfigError.ConfigError, HttpClient.HttpClient> =>
  Layer.effect(SinchClient, Effect.flatMap(SinchConfig.make(options), fromConfig))

/**
 * The client configured from the environment (`SINCH_*` variables, see `SinchConfig.config`); `overrides` win.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfig = (
  overrides?: Partial<SinchConfig.Options>
): Layer.Layer<SinchClient, ConfigError.ConfigError, HttpClient.HttpClient> =>
  Layer.effect(SinchClient, Effect.flatMap(SinchConfig.configWith(overrides), fromConfig))
