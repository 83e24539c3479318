// Choosing the HttpClient. Run by packages/client/test/docs/configuration.test.ts (with NodeTransport, FetchHttpClient
// and NodeHttpClient from @effect/platform-node).
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import type * as HttpClient from "@effect/platform/HttpClient"
import { NodeTransport, SinchClient } from "@sinch-effect/client"
import { Layer } from "effect"

// The client requires an HttpClient and never picks one itself: the transport is yours to choose.
export const clientOver = <E>(transport: Layer.Layer<HttpClient.HttpClient, E>) =>
  SinchClient.layerConfig().pipe(Layer.provide(transport))

// Node: the client's requests over node:http with a keep-alive agent (what the guides use).
export const overNode = clientOver(NodeTransport.layer)

// fetch: Node 20+, Bun, Deno, browsers, edge runtimes.
export const overFetch = clientOver(FetchHttpClient.layer)

// fetch with options for every request (here: a keep-alive hint and no cache), through FetchHttpClient.RequestInit.
export const overTunedFetch = clientOver(
  FetchHttpClient.layer.pipe(
    Layer.provide(Layer.succeed(FetchHttpClient.RequestInit, { keepalive: true, cache: "no-store" }))
  )
)

// On Node you can also use @effect/platform-node:
//   import { NodeHttpClient } from "@effect/platform-node"
//   clientOver(NodeHttpClient.layerUndici)   // undici, with its own connection pool
//   clientOver(NodeHttpClient.layer)         // node:http / node:https with a keep-alive agent
