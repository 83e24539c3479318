/**
 * Configuration of the Sinch client: project, credentials, region (or explicit URLs), auth mode and timeouts.
 *
 * @since 0.1.0
 */
import * as Config from "effect/Config"
import * as ConfigError from "effect/ConfigError"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as InternalRateLimit from "./internal/rateLimit.js"
import type * as RateLimit from "./RateLimit.js"

/**
 * The regions the Conversation API runs in.
 *
 * @since 0.1.0
 * @category models
 */
export type Region = "us" | "eu" | "br"

/**
 * Every `Region`; `region` (`SINCH_REGION`) must be one of them.
 *
 * @since 0.1.0
 * @category constants
 */
export const regions: ReadonlyArray<Region> = ["us", "eu", "br"]

/**
 * How requests are authenticated: OAuth2 client credentials (production) or HTTP Basic (testing only, heavily rate
 * limited by Sinch).
 *
 * @since 0.1.0
 * @category models
 */
export type AuthMode = "oauth2" | "basic"

/**
 * The default OAuth2 server.
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultAuthUrl = "https://auth.sinch.com"

/**
 * The Conversation API base URL of a region.
 *
 * @since 0.1.0
 * @category constructors
 */
export const regionUrl = (region: Region): string => `https://${region}.conversation.api.sinch.com`

/**
 * The Template Management API base URL of a region.
 *
 * @since 0.2.0
 * @category constructors
 */
export const templatesRegionUrl = (region: Region): string => `https://${region}.template.api.sinch.com`

/**
 * The Batch API base URL of a region.
 *
 * @since 0.2.0
 * @category constructors
 */
export const batchRegionUrl = (region: Region): string => `https://${region}.conversationbatch.api.sinch.com`

/**
 * The resolved configuration.
 *
 * @since 0.1.0
 * @category models
 */
export interface Service {
  readonly projectId: string
  readonly keyId: string
  readonly keySecret: Redacted.Redacted<string>
  readonly region: Region
  /** Base URL of the Conversation API, without trailing slash. */
  readonly conversationUrl: string
  /** Base URL of the Template Management API, without trailing slash. */
  readonly templatesUrl: string
  /** Base URL of the Batch API, without trailing slash. */
  readonly batchUrl: string
  /** Base URL of the OAuth2 server (the token endpoint is `{authUrl}/oauth2/token`), without trailing slash. */
  readonly authUrl: string
  readonly authMode: AuthMode
  /** Timeout of one HTTP attempt. */
  readonly timeout: Duration.Duration
  /** The longest one call takes, all its attempts, token requests and retry delays included. */
  readonly deadline: Duration.Duration
  /** The largest response body read, in bytes; a larger one is a `ResponseTooLarge` error. */
  readonly maxResponseBytes: number
  /** Whether W3C trace headers are sent to Sinch (off by default). */
  readonly tracePropagation: boolean
  /** The limits of the client's rate limiter; `undefined` when it is off. */
  readonly rateLimit: RateLimit.Settings | undefined
}

/**
 * The configuration service.
 *
 * @since 0.1.0
 * @category tags
 */
export class SinchConfig extends Context.Tag("@sinch-effect/client/SinchConfig")<SinchConfig, Service>() {}

/**
 * Options accepted by {@link make} and {@link layer}.
 *
 * @since 0.1.0
 * @category models
 */
export interface Options {
  readonly projectId: string
  readonly keyId: string
  readonly keySecret: Redacted.Redacted<string> | string
  /** Defaults to `"us"`. */
  readonly region?: Region | undefined
  /** Overrides the regional URL (an emulator, a proxy). */
  readonly conversationUrl?: string | undefined
  /** Overrides the regional URL of the Template Management API. */
  readonly templatesUrl?: string | undefined
  /** Overrides the regional URL of the Batch API. */
  readonly batchUrl?: string | undefined
  /** Defaults to {@link defaultAuthUrl}. */
  readonly authUrl?: string | undefined
  /** Defaults to `"oauth2"`. */
  readonly authMode?: AuthMode | undefined
  /** Timeout of one HTTP attempt; defaults to 30 seconds. */
  readonly timeout?: Duration.DurationInput | undefined
  /**
   * The longest one call may take, all its attempts, token requests and retry delays included; defaults to 3 times
   * the timeout plus a minute (2.5 minutes with the default timeout): the default policy's three attempts and room for
   * backoff and a `Retry-After`. At least the timeout.
   */
  readonly deadline?: Duration.DurationInput | undefined
  /** The largest response body read, in bytes; defaults to {@link defaultMaxResponseBytes}. */
  readonly maxResponseBytes?: number | undefined
  /** Send W3C trace headers to Sinch; defaults to `false`. */
  readonly tracePropagation?: boolean | undefined
  /**
   * The rate limiter applied before every request (see `RateLimit`): defaults to Sinch's 800 requests per second per
   * project; `false` turns it off.
   */
  readonly rateLimit?: RateLimit.Options | false | undefined
}

/**
 * The default limit of a response body: 16 MiB. The largest real responses are list pages (at most 1000 messages of a
 * few kilobytes each); anything much larger is not the Conversation API.
 *
 * @since 0.1.0
 * @category constants
 */
export const defaultMaxResponseBytes = 16 * 1024 * 1024

const isRegion = (u: unknown): u is Region => u === "us" || u === "eu" || u === "br"

const trimSlash = (url: string) => url.replace(/\/+$/, "")

const validUrl = (name: string, value: string): Either.Either<string, ConfigError.ConfigError> => {
  try {
    const url = new URL(value)
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      return Either.left(ConfigError.InvalidData([name], `${name} must be an http(s) URL, got "${value}"`))
    }
    return Either.right(trimSlash(value))
  } catch {
    return Either.left(ConfigError.InvalidData([name], `${name} must be an absolute URL, got "${value}"`))
  }
}

/** A required string: a missing one (e.g. `undefined` from an unset variable in JavaScript) or an empty one is named. */
const nonEmpty = (name: string, value: unknown): Either.Either<string, ConfigError.ConfigError> =>
  typeof value !== "string"
    ? Either.left(ConfigError.MissingData([name], `${name} is not set`))
    : value.trim() === ""
      ? Either.left(ConfigError.InvalidData([name], `${name} must not be empty`))
      : Either.right(value)

/** The secret, checked like the other required settings without ever showing it. */
const secret = (value: unknown): Either.Either<Redacted.Redacted<string>, ConfigError.ConfigError> =>
  Either.map(nonEmpty("SINCH_KEY_SECRET", Redacted.isRedacted(value) ? Redacted.value(value) : value), (checked) =>
    Redacted.isRedacted(value) ? (value as Redacted.Redacted<string>) : Redacted.make(checked)
  )

/**
 * Validates options into a {@link Service}. An unknown region, an empty id or a malformed URL is a `ConfigError`
 * whose message names the setting.
 *
 * @since 0.1.0
 * @category constructors
 */
export const validate = (options: Options): Either.Either<Service, ConfigError.ConfigError> => {
  const region: unknown = options.region ?? "us"
  if (!isRegion(region)) {
    return Either.left(
      ConfigError.InvalidData(["SINCH_REGION"], `SINCH_REGION must be one of us, eu, br; got "${String(region)}"`)
    )
  }
  const authMode: unknown = options.authMode ?? "oauth2"
  if (authMode !== "oauth2" && authMode !== "basic") {
    return Either.left(
      ConfigError.InvalidData(["SINCH_AUTH_MODE"], `SINCH_AUTH_MODE must be oauth2 or basic; got "${String(authMode)}"`)
    )
  }
  const timeout = Duration.decodeUnknown(options.timeout ?? Duration.seconds(30))
  if (Option.isNone(timeout) || !Duration.greaterThan(timeout.value, Duration.zero)) {
    return Either.left(ConfigError.InvalidData(["SINCH_TIMEOUT"], "SINCH_TIMEOUT must be a positive duration"))
  }
  const rateLimit = InternalRateLimit.settings(options.rateLimit)
  if (typeof rateLimit === "string") {
    return Either.left(ConfigError.InvalidData(["SINCH_RATE_LIMIT"], rateLimit))
  }
  const deadline = Duration.decodeUnknown(
    options.deadline ?? Duration.sum(Duration.times(timeout.value, 3), Duration.minutes(1))
  )
  if (Option.isNone(deadline) || Duration.lessThan(deadline.value, timeout.value)) {
    return Either.left(
      ConfigError.InvalidData(["SINCH_DEADLINE"], "SINCH_DEADLINE must be a duration at least as long as SINCH_TIMEOUT")
    )
  }
  const maxResponseBytes: unknown = options.maxResponseBytes ?? defaultMaxResponseBytes
  if (typeof maxResponseBytes !== "number" || !Number.isSafeInteger(maxResponseBytes) || maxResponseBytes < 1) {
    return Either.left(
      ConfigError.InvalidData(["SINCH_MAX_RESPONSE_BYTES"], "SINCH_MAX_RESPONSE_BYTES must be a positive integer")
    )
  }
  return Either.all({
    projectId: nonEmpty("SINCH_PROJECT_ID", options.projectId),
    keyId: nonEmpty("SINCH_KEY_ID", options.keyId),
    keySecret: secret(options.keySecret),
    conversationUrl: validUrl("SINCH_CONVERSATION_URL", options.conversationUrl ?? regionUrl(region)),
    templatesUrl: validUrl("SINCH_TEMPLATES_URL", options.templatesUrl ?? templatesRegionUrl(region)),
    batchUrl: validUrl("SINCH_BATCH_URL", options.batchUrl ?? batchRegionUrl(region)),
    authUrl: validUrl("SINCH_AUTH_URL", options.authUrl ?? defaultAuthUrl)
  }).pipe(
    Either.map(({ authUrl, batchUrl, conversationUrl, keyId, keySecret, projectId, templatesUrl }): Service => ({
      projectId,
      keyId,
      keySecret,
      region,
      conversationUrl,
      templatesUrl,
      batchUrl,
      authUrl,
      authMode,
      timeout: timeout.value,
      deadline: deadline.value,
      maxResponseBytes,
      tracePropagation: options.tracePropagation ?? false,
      rateLimit: rateLimit.settings
    }))
  )
}

/**
 * Effectful {@link validate}.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (options: Options): Effect.Effect<Service, ConfigError.ConfigError> => validate(options)

/**
 * A layer from explicit options.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (options: Options): Layer.Layer<SinchConfig, ConfigError.ConfigError> =>
  Layer.effect(SinchConfig, make(options))

const fromEnv = (overrides: Partial<Options>): Config.Config<Service> => {
  const pick = <A>(value: A | undefined, fallback: Config.Config<A>): Config.Config<A> =>
    value === undefined ? fallback : Config.succeed(value)
  return Config.all({
    projectId: pick(overrides.projectId, Config.string("SINCH_PROJECT_ID")),
    keyId: pick(overrides.keyId, Config.string("SINCH_KEY_ID")),
    keySecret: pick(
      overrides.keySecret === undefined
        ? undefined
        : Redacted.isRedacted(overrides.keySecret)
          ? overrides.keySecret
          : Redacted.make(overrides.keySecret),
      // read as a string and redacted at once: `Config.redacted` also hides the "missing" message
      Config.string("SINCH_KEY_SECRET").pipe(Config.map(Redacted.make))
    ),
    region: pick<string>(overrides.region, Config.string("SINCH_REGION").pipe(Config.withDefault("us"))),
    conversationUrl: pick(
      overrides.conversationUrl,
      Config.string("SINCH_CONVERSATION_URL").pipe(Config.option, Config.map(Option.getOrUndefined))
    ),
    templatesUrl: pick(
      overrides.templatesUrl,
      Config.string("SINCH_TEMPLATES_URL").pipe(Config.option, Config.map(Option.getOrUndefined))
    ),
    batchUrl: pick(
      overrides.batchUrl,
      Config.string("SINCH_BATCH_URL").pipe(Config.option, Config.map(Option.getOrUndefined))
    ),
    authUrl: pick(
      overrides.authUrl,
      Config.string("SINCH_AUTH_URL").pipe(Config.option, Config.map(Option.getOrUndefined))
    ),
    authMode: pick<string>(overrides.authMode, Config.string("SINCH_AUTH_MODE").pipe(Config.withDefault("oauth2"))),
    timeout: pick<Duration.DurationInput | undefined>(
      overrides.timeout,
      Config.duration("SINCH_TIMEOUT").pipe(Config.option, Config.map(Option.getOrUndefined))
    ),
    deadline: pick<Duration.DurationInput | undefined>(
      overrides.deadline,
      Config.duration("SINCH_DEADLINE").pipe(Config.option, Config.map(Option.getOrUndefined))
    ),
    maxResponseBytes: pick<number | undefined>(
      overrides.maxResponseBytes,
      Config.integer("SINCH_MAX_RESPONSE_BYTES").pipe(Config.option, Config.map(Option.getOrUndefined))
    ),
    tracePropagation: pick(
      overrides.tracePropagation,
      Config.boolean("SINCH_TRACE_PROPAGATION").pipe(Config.withDefault(false))
    ),
    rateLimit: pick<RateLimit.Options | false | undefined>(
      overrides.rateLimit,
      // requests per second of the project, or "off"
      Config.string("SINCH_RATE_LIMIT").pipe(
        Config.option,
        Config.map(Option.getOrUndefined),
        Config.mapOrFail((raw): Either.Either<RateLimit.Options | false | undefined, ConfigError.ConfigError> => {
          if (raw === undefined) return Either.right(undefined)
          if (raw.trim().toLowerCase() === "off") return Either.right(false as const)
          const n = Number(raw)
          return Number.isFinite(n) && n > 0 && raw.trim() !== ""
            ? Either.right({ requestsPerSecond: n })
            : Either.left(
                ConfigError.InvalidData([], `SINCH_RATE_LIMIT must be a positive number of requests/s or "off"`)
              )
        })
      )
    )
  }).pipe(
    Config.mapOrFail((raw) =>
      validate({
        ...raw,
        region: raw.region.trim().toLowerCase() as Region,
        authMode: raw.authMode.trim().toLowerCase() as AuthMode
      })
    )
  )
}

/**
 * Reads the configuration with Effect's `Config`:
 * `SINCH_PROJECT_ID`, `SINCH_KEY_ID`, `SINCH_KEY_SECRET` (redacted), `SINCH_REGION` (us | eu | br, default us),
 * `SINCH_CONVERSATION_URL`, `SINCH_TEMPLATES_URL`, `SINCH_BATCH_URL` (each defaults to the region's host),
 * `SINCH_AUTH_URL`, `SINCH_AUTH_MODE` (oauth2 | basic, default oauth2), `SINCH_TIMEOUT` (a
 * duration such as `"30 seconds"`), `SINCH_DEADLINE` (a duration, default 3 times the timeout plus a minute),
 * `SINCH_MAX_RESPONSE_BYTES` (default 16 MiB), `SINCH_TRACE_PROPAGATION` (boolean, default false), `SINCH_RATE_LIMIT`
 * (requests per second of the project, default 800, or `off`).
 *
 * @since 0.1.0
 * @category config
 */
export const config: Config.Config<Service> = fromEnv({})

/**
 * {@link config} with `overrides`: the fields given win over the environment.
 *
 * @since 0.2.0
 * @category config
 */
export const configWith = (overrides?: Partial<Options>): Config.Config<Service> =>
  overrides === undefined ? config : fromEnv(overrides)

/**
 * A layer reading {@link config} from the current `ConfigProvider` (environment variables by default). Fields given
 * in `overrides` win over the environment.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfig = (overrides?: Partial<Options>): Layer.Layer<SinchConfig, ConfigError.ConfigError> =>
  Layer.effect(SinchConfig, configWith(overrides))
