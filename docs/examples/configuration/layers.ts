// The ways to configure the client. Run by packages/client/test/docs/configuration.test.ts.
import { NodeTransport, SinchClient, SinchConfig } from "@sinch-effect/client"
import { Config, Effect, Layer, Redacted } from "effect"

// 1. Everything from the SINCH_* variables: the usual production setup.
export const fromEnvironment = SinchClient.layerConfig().pipe(Layer.provide(NodeTransport.layer))

// 2. The environment, with settings fixed in code: an override wins over its variable.
export const inEurope = SinchClient.layerConfig({ region: "eu", timeout: "10 seconds" }).pipe(
  Layer.provide(NodeTransport.layer)
)

// 3. Your own names for the settings (or values from a secrets manager): build the options yourself.
export const fromMyOwnVariables = Layer.unwrapEffect(
  Effect.gen(function* () {
    const projectId = yield* Config.string("MYAPP_SINCH_PROJECT")
    const keyId = yield* Config.string("MYAPP_SINCH_KEY")
    const keySecret = yield* Config.redacted("MYAPP_SINCH_SECRET") // never a plain string in memory dumps or logs
    const region = yield* Config.literal("us", "eu", "br")("MYAPP_SINCH_REGION").pipe(Config.withDefault("us"))
    return SinchClient.layerWith({ projectId, keyId, keySecret, region })
  })
).pipe(Layer.provide(NodeTransport.layer))

// 4. The resolved configuration as a service of its own, next to the client (to log it, or to build other layers).
export const withConfig = SinchClient.layer.pipe(
  Layer.provideMerge(SinchConfig.layerConfig()),
  Layer.provide(NodeTransport.layer)
)

/** What the client will talk to, safe to log: the secret prints as `<redacted>`. */
export const describeConfig = Effect.gen(function* () {
  const config = yield* SinchConfig.SinchConfig
  yield* Effect.log(`Sinch project ${config.projectId}, key ${config.keyId} (${config.keySecret})`)
  return {
    api: config.conversationUrl,
    auth: `${config.authMode} via ${config.authUrl}`,
    timeout: config.timeout,
    secretLength: Redacted.value(config.keySecret).length
  }
})
