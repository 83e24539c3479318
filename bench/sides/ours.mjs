// Our side: the built packages (dist), as a user installs them, used as the guides show.
import { pool, sendBody, WEBHOOK_SECRET } from "./common.mjs"

// what a program that uses the client imports; the other transports and the webhooks package are imported only where
// they are used (importing `@effect/platform-node/NodeHttpClient` loads undici, whose WebAssembly parser is then
// compiled in the background and instantiated on the main thread, in the middle of whatever runs next)
const { Effect, Layer, ManagedRuntime, Redacted } = await import("effect")
const { Export, NodeTransport, SinchClient } = await import("@sinch-effect/client")
const { Ids } = await import("@sinch-effect/schema")
const NodeFileSystem = await import("@effect/platform-node/NodeFileSystem")

/**
 * The transport: `NodeTransport.layer` (the guides' choice) by default, or `fetch` (FetchHttpClient), `undici`
 * (NodeHttpClient.layerUndici) or `node` (NodeHttpClient over node:http keep-alive).
 */
const transportLayer = await (async () => {
  switch (process.env.BENCH_TRANSPORT) {
    case "fetch":
      return (await import("@effect/platform/FetchHttpClient")).layer
    case "undici":
      return (await import("@effect/platform-node/NodeHttpClient")).layerUndici
    case "node": {
      const NodeHttpClient = await import("@effect/platform-node/NodeHttpClient")
      return NodeHttpClient.layerWithoutAgent.pipe(Layer.provide(NodeHttpClient.makeAgentLayer({ keepAlive: true })))
    }
    default:
      return NodeTransport.layer
  }
})()

/**
 * Builds the side for one process: the client over the transport, and the `FileSystem` the exports write with
 * (`NodeFileSystem.layer`, as the export guide provides it).
 */
export const side = (env) => {
  const layer = SinchClient.layerWith({
    projectId: env.SINCH_PROJECT_ID,
    keyId: env.SINCH_KEY_ID,
    keySecret: env.SINCH_KEY_SECRET,
    conversationUrl: env.SINCH_CONVERSATION_URL,
    authUrl: env.SINCH_AUTH_URL,
    // like the official SDK, no pacing to Sinch's 800 requests/s: the bench measures the client
    rateLimit: false
  }).pipe(Layer.provideMerge(transportLayer), Layer.provideMerge(NodeFileSystem.layer))
  const runtime = ManagedRuntime.make(layer)
  const run = (effect) => runtime.runPromise(effect)
  return {
    fresh: () => side(env),
    /** Builds the client's layer (no request is sent: the token is requested by the first call). */
    ready: () => runtime.runtime(),
    get: (ids, concurrency) =>
      run(
        Effect.flatMap(SinchClient.SinchClient, (sinch) =>
          Effect.forEach(ids, (id) => sinch.messages.get({ message_id: id }), { concurrency, discard: true })
        )
      ),
    send: (n, concurrency, appId) =>
      run(
        Effect.flatMap(SinchClient.SinchClient, (sinch) =>
          Effect.forEach(
            Array.from({ length: n }, (_, i) => i),
            (i) => {
              const body = sendBody(appId, i)
              return sinch.messages.send({ ...body, app_id: Ids.AppId.make(appId) })
            },
            { concurrency, discard: true }
          )
        )
      ),
    /** The app's messages, conversation by conversation (`shards`: that many conversations at a time). */
    export: ({ appId, path, shards }) => {
      const options = { path, mode: "overwrite" }
      const exported = Export.toFile(Export.projectMessages({ app_id: appId, page_size: 20 }), { ...options, shards })
      return run(Effect.map(exported, (progress) => progress.items))
    },
    /** The webhooks package, imported only where used. */
    loadWebhooks: () => import("@sinch-effect/webhooks"),
    webhooks: async () => {
      const { NonceStore, Webhooks } = await import("@sinch-effect/webhooks")
      // the bench verifies the same signed requests pass after pass: a store that remembers every nonce would refuse
      // them from the second pass on, so this one remembers none (never do this in a server); like
      // NonceStore.memory(), it answers synchronously too
      const nonceStore = NonceStore.NonceStore.of({ remember: () => Effect.succeed(true), rememberSync: () => true })
      // warmed up when built, as a server that chooses it does before it listens (the worker reports its cost apart)
      const webhook = Webhooks.make({ secrets: Redacted.make(WEBHOOK_SECRET), nonceStore, warmUp: true })
      // `parseExit`, the synchronous path (no fiber per callback), or with BENCH_WEBHOOKS=parse the Effect API run by
      // Effect.runSync for each callback
      if (process.env.BENCH_WEBHOOKS === "parse")
        return (body, headers) => Effect.runSync(webhook.parse(body, headers)).event
      return (body, headers) => {
        const exit = webhook.parseExit(body, headers)
        if (exit._tag === "Failure") throw new Error(`callback refused: ${exit.cause}`)
        return exit.value.event
      }
    },
    close: () => runtime.dispose()
  }
}
