// OAuth2 (the default), HTTP Basic, or your own token source. Run by packages/client/test/docs/configuration.test.ts.
import { Auth, NodeTransport, SinchClient, SinchConfig, SinchError } from "@sinch-effect/client"
import { Effect, Layer, Redacted } from "effect"

// HTTP Basic: the key on every request, no token endpoint. Sinch rate-limits it heavily: for trying things out only.
export const basic = SinchClient.layerConfig({ authMode: "basic" }).pipe(Layer.provide(NodeTransport.layer))

// Your own token source (a token broker shared by many processes, a vault, ...): provide `Auth.Auth` yourself and
// build the client with `SinchClient.make`, which uses whatever `Auth` it finds.
export const withTokenSource = (
  token: Effect.Effect<Redacted.Redacted<string>, SinchError.SinchError>,
  onRejected: Effect.Effect<void>
) =>
  Layer.effect(SinchClient.SinchClient, SinchClient.make).pipe(
    Layer.provide(
      Layer.succeed(Auth.Auth, {
        mode: "oauth2",
        credential: Effect.map(token, (value) => ({
          authorization: Redacted.make(`Bearer ${Redacted.value(value)}`),
          // called when the API answers 401 with this token: drop it and return true to retry once with a new one
          invalidate: Effect.as(onRejected, true)
        }))
      })
    ),
    Layer.provide(SinchConfig.layerConfig()),
    Layer.provide(NodeTransport.layer)
  )

// A tighter timeout per HTTP attempt (the default is 30 seconds); with retries, a call can take a few of them.
export const impatient = SinchClient.layerConfig({ timeout: "200 millis" }).pipe(Layer.provide(NodeTransport.layer))
