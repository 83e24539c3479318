/**
 * Which API the CLI talks to, and with which credentials: the `SINCH_*` environment variables of the client
 * configuration, flags that override them, or (with `--emulator`) a fresh embedded emulator. The choice is always
 * explicit and announced: a local URL is never used for "the real API" without a notice, and `--emulator` refuses
 * flags that name a real project.
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import { Auth, NodeTransport, SinchClient, SinchConfig, type SinchError } from "@sinch-effect/client"
import { Emulator } from "@sinch-effect/emulator"
import * as Config from "effect/Config"
import * as ConfigError from "effect/ConfigError"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import type * as Redacted from "effect/Redacted"
import type * as Scope from "effect/Scope"
import * as CliError from "./CliError.js"
import { Stdio } from "./Stdio.js"

/**
 * The connection flags shared by the commands that call the API. `Option.none()` means "not given".
 *
 * @since 0.1.0
 * @category models
 */
export interface Flags {
  readonly projectId: Option.Option<string>
  readonly keyId: Option.Option<string>
  readonly keySecret: Option.Option<Redacted.Redacted<string>>
  readonly region: Option.Option<string>
  readonly conversationUrl: Option.Option<string>
  readonly templatesUrl: Option.Option<string>
  readonly batchUrl: Option.Option<string>
  readonly authUrl: Option.Option<string>
  readonly authMode: Option.Option<string>
  /** Run against a fresh embedded emulator. */
  readonly emulator: boolean
  /** With `--emulator`: messages to seed it with. */
  readonly seed: Option.Option<number>
}

/**
 * Flags with nothing given.
 *
 * @since 0.1.0
 * @category constructors
 */
export const emptyFlags: Flags = {
  projectId: Option.none(),
  keyId: Option.none(),
  keySecret: Option.none(),
  region: Option.none(),
  conversationUrl: Option.none(),
  templatesUrl: Option.none(),
  batchUrl: Option.none(),
  authUrl: Option.none(),
  authMode: Option.none(),
  emulator: false,
  seed: Option.none()
}

/**
 * Where each credential came from (`--key-id` or `SINCH_KEY_ID`), to name it in error messages.
 *
 * @since 0.1.0
 * @category models
 */
export interface Sources {
  readonly projectId: string
  readonly keyId: string
  readonly keySecret: string
  readonly region: string
}

/**
 * A resolved connection.
 *
 * @since 0.1.0
 * @category models
 */
export interface Connection {
  readonly config: SinchConfig.Service
  readonly sources: Sources
  /** The embedded emulator, with `--emulator`. */
  readonly emulator: Option.Option<Emulator.Running>
  /** A one-line description of the target, without secrets. */
  readonly description: string
}

const settings = {
  projectId: { env: "SINCH_PROJECT_ID", flag: "--project-id" },
  keyId: { env: "SINCH_KEY_ID", flag: "--key-id" },
  keySecret: { env: "SINCH_KEY_SECRET", flag: "--key-secret" },
  region: { env: "SINCH_REGION", flag: "--region" },
  conversationUrl: { env: "SINCH_CONVERSATION_URL", flag: "--conversation-url" },
  templatesUrl: { env: "SINCH_TEMPLATES_URL", flag: "--templates-url" },
  batchUrl: { env: "SINCH_BATCH_URL", flag: "--batch-url" },
  authUrl: { env: "SINCH_AUTH_URL", flag: "--auth-url" },
  authMode: { env: "SINCH_AUTH_MODE", flag: "--auth-mode" }
} as const

type Setting = keyof typeof settings

const flagByEnv = new Map<string, string>(Object.values(settings).map((s) => [s.env, s.flag]))

const collect = (error: ConfigError.ConfigError, missing: Array<string>, invalid: Array<[string, string]>): void => {
  switch (error._op) {
    case "And":
    case "Or":
      collect(error.left, missing, invalid)
      collect(error.right, missing, invalid)
      return
    case "MissingData":
      missing.push(error.path.join("."))
      return
    case "InvalidData":
      invalid.push([error.path.join("."), error.message])
      return
    default:
      invalid.push([error.path.join("."), error.message])
  }
}

/**
 * Turns a configuration error into a message that names the environment variable and the flag.
 *
 * @since 0.1.0
 * @category errors
 */
export const fromConfigError = (
  error: ConfigError.ConfigError
): CliError.MissingCredentials | CliError.InvalidSetting => {
  const missing: Array<string> = []
  const invalid: Array<[string, string]> = []
  collect(error, missing, invalid)
  const first = invalid[0]
  if (first !== undefined) {
    const flag = flagByEnv.get(first[0])
    const message = first[1].replace(/^Expected (\S+) to be/, "$1 must be")
    return new CliError.InvalidSetting({
      setting: first[0],
      message: flag === undefined ? message : `${message} (environment variable ${first[0]} or flag ${flag})`
    })
  }
  return new CliError.MissingCredentials({
    missing: [...new Set(missing)].map((env) => {
      const flag = flagByEnv.get(env)
      return flag === undefined ? env : `${env} (${flag})`
    })
  })
}

const isSinchHost = (url: string): boolean => {
  try {
    const host = new URL(url).hostname
    return host === "sinch.com" || host.endsWith(".sinch.com")
  } catch {
    return false
  }
}

const given = (flags: Flags): ReadonlyArray<string> =>
  (Object.keys(settings) as Array<Setting>)
    .filter((k) => Option.isSome(flags[k] as Option.Option<unknown>))
    .map((k) => settings[k].flag)

const fromEmulator = (flags: Flags) =>
  Effect.gen(function* () {
    const conflicting = given(flags)
    if (conflicting.length > 0) {
      return yield* new CliError.UsageError({
        message:
          `--emulator runs against a fresh local emulator with its own credentials; ${conflicting.join(", ")} ` +
          `would be ignored. Remove ${conflicting.length === 1 ? "it" : "them"}, or drop --emulator to use the real API.`
      })
    }
    const emu = yield* Emulator.serve({ port: 0 }).pipe(
      Effect.mapError((e) => new CliError.Failed({ message: `the embedded emulator did not start: ${e.message}` }))
    )
    if (Option.isSome(flags.seed)) {
      const messages = flags.seed.value
      yield* emu
        .seed({ messages, contacts: Math.max(1, Math.min(100, Math.ceil(messages / 10))) })
        .pipe(Effect.mapError((e) => new CliError.Failed({ message: `seeding the emulator failed: ${e.message}` })))
    }
    const config = yield* SinchConfig.make(emu.clientOptions).pipe(Effect.mapError(fromConfigError))
    const connection: Connection = {
      config,
      sources: { projectId: "the emulator", keyId: "the emulator", keySecret: "the emulator", region: "the emulator" },
      emulator: Option.some(emu),
      description: `a fresh embedded emulator at ${emu.url} (project ${emu.projectId}); SINCH_* settings are not used`
    }
    return connection
  })

const fromSettings = (flags: Flags) =>
  Effect.gen(function* () {
    if (Option.isSome(flags.seed)) {
      return yield* new CliError.UsageError({
        message: "--seed only applies to --emulator: it would write test data into the real project"
      })
    }
    const overrides: Partial<SinchConfig.Options> = {
      ...(Option.isSome(flags.projectId) ? { projectId: flags.projectId.value } : {}),
      ...(Option.isSome(flags.keyId) ? { keyId: flags.keyId.value } : {}),
      ...(Option.isSome(flags.keySecret) ? { keySecret: flags.keySecret.value } : {}),
      ...(Option.isSome(flags.region) ? { region: flags.region.value as SinchConfig.Region } : {}),
      ...(Option.isSome(flags.conversationUrl) ? { conversationUrl: flags.conversationUrl.value } : {}),
      ...(Option.isSome(flags.templatesUrl) ? { templatesUrl: flags.templatesUrl.value } : {}),
      ...(Option.isSome(flags.batchUrl) ? { batchUrl: flags.batchUrl.value } : {}),
      ...(Option.isSome(flags.authUrl) ? { authUrl: flags.authUrl.value } : {}),
      ...(Option.isSome(flags.authMode) ? { authMode: flags.authMode.value as SinchConfig.AuthMode } : {})
    }
    const config = yield* SinchConfig.SinchConfig.pipe(
      Effect.provide(SinchConfig.layerConfig(overrides)),
      Effect.mapError(fromConfigError)
    )
    const source = (k: Setting) =>
      Option.isSome(flags[k] as Option.Option<unknown>) ? settings[k].flag : settings[k].env
    const regionSet =
      Option.isSome(flags.region) ||
      Option.isSome(yield* Config.option(Config.string("SINCH_REGION")).pipe(Effect.orElseSucceed(() => Option.none())))
    const sinchApi = isSinchHost(config.conversationUrl)
    // basic auth sends the key with every request and never asks a token endpoint: only the API URL matters
    if (config.authMode !== "basic" && sinchApi !== isSinchHost(config.authUrl)) {
      return yield* new CliError.UsageError({
        message:
          `the API URL (${config.conversationUrl}, ${source("conversationUrl")}) and the token URL ` +
          `(${config.authUrl}, ${source("authUrl")}) point at different systems: one is Sinch, the other is not. ` +
          "Set both SINCH_CONVERSATION_URL and SINCH_AUTH_URL to the emulator (or use --emulator), or neither for Sinch."
      })
    }
    const description = sinchApi
      ? `Sinch ${config.conversationUrl} (region ${config.region}), project ${config.projectId}`
      : `${config.conversationUrl} (from ${source("conversationUrl")}; not a Sinch endpoint), project ${config.projectId}`
    const connection: Connection = {
      config,
      sources: {
        projectId: source("projectId"),
        keyId: source("keyId"),
        keySecret: source("keySecret"),
        region: regionSet ? source("region") : "the default; set SINCH_REGION or --region"
      },
      emulator: Option.none(),
      description
    }
    return connection
  })

/**
 * Resolves the connection. With `--emulator`, starts the emulator in the current scope.
 *
 * @since 0.1.0
 * @category constructors
 */
export const resolve = (flags: Flags): Effect.Effect<Connection, CliError.CliError, Scope.Scope> =>
  flags.emulator ? fromEmulator(flags) : fromSettings(flags)

/**
 * Prints where the CLI is about to talk to, on stderr, when it is not Sinch's default endpoint (an emulator, a
 * proxy): a local target is never used silently.
 *
 * @since 0.1.0
 * @category notices
 */
export const announce = (connection: Connection): Effect.Effect<void, never, Stdio> =>
  Effect.flatMap(Stdio, (io) =>
    Option.isSome(connection.emulator) || !isSinchHost(connection.config.conversationUrl)
      ? io.stderr(`note: using ${connection.description}\n`)
      : Effect.void
  )

/**
 * The services the API commands need: the client, its configuration and auth (one token cache), and an
 * `HttpClient` (`NodeTransport`'s: the client's requests go over `node:http` with a keep-alive agent).
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (
  connection: Connection
): Layer.Layer<SinchClient.SinchClient | SinchConfig.SinchConfig | Auth.Auth | HttpClient.HttpClient> =>
  Layer.effect(SinchClient.SinchClient, SinchClient.make).pipe(
    Layer.provideMerge(Auth.layer),
    Layer.provideMerge(Layer.succeed(SinchConfig.SinchConfig, connection.config)),
    Layer.provideMerge(NodeTransport.layer)
  )

/**
 * Turns a client error into a CLI error. 401 and 403 name the credential or the project to check (never a secret).
 *
 * @since 0.1.0
 * @category errors
 */
export const fromSinchError = (
  connection: Connection,
  error: SinchError.SinchError | SinchError.PaginationError
): CliError.AuthFailed | CliError.ApiFailed => {
  const { config, sources } = connection
  const said = (e: { readonly error?: { readonly message?: string | undefined } | undefined }) =>
    e.error?.message === undefined || e.error.message === "" ? "" : ` Sinch said: "${e.error.message}".`
  const tokenRejected = error._tag === "TokenError" && (error.status === 401 || error.status === 403)
  if (error._tag === "Unauthorized" || tokenRejected) {
    const where = tokenRejected
      ? `the token endpoint ${config.authUrl}/oauth2/token rejected the access key`
      : `the API rejected the credentials of ${error.operation}`
    return new CliError.AuthFailed({
      status: 401,
      message:
        `authentication failed (401): ${where}. Check the key id ${config.keyId} (from ${sources.keyId}) and its ` +
        `secret (from ${sources.keySecret}); the secret is shown only once in the Sinch dashboard, create a new key ` +
        `if it is lost.${said(error)}`
    })
  }
  if (error._tag === "Forbidden") {
    return new CliError.AuthFailed({
      status: 403,
      message:
        `access denied (403) on ${error.operation}: the key ${config.keyId} (from ${sources.keyId}) is valid but has ` +
        `no access to project ${config.projectId} (from ${sources.projectId}). Check that the project id belongs to ` +
        `the key${config.region === undefined ? "" : ` and that the project uses region ${config.region} (from ${sources.region})`}.` +
        said(error)
    })
  }
  return new CliError.ApiFailed({ reason: error._tag, message: error.message })
}
