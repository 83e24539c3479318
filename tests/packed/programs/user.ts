// A user's program against the installed packages, written once and compiled as ESM (`user.mts`) and CommonJS
// (`user.cts`) by tests/packed/packed.test.ts. It talks to an emulator started from the installed bin (the `SINCH_*`
// variables it printed) and prints one JSON line of results for the test to check.
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { Cli } from "@sinch-effect/cli"
import { SinchClient, SinchError } from "@sinch-effect/client"
import { Emulator } from "@sinch-effect/emulator"
import { Callbacks, Ids, Messages } from "@sinch-effect/schema"
import { EventQueue, Node, NonceStore, Signature, Web, Webhooks } from "@sinch-effect/webhooks"
import { Chunk, Effect, Either, Layer, Schema, Stream } from "effect"
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"

const secret = "packed-secret"

// schema: branded ids and models are values and types at once
const appIdOf = (raw: string): Effect.Effect<Ids.AppId, Error> =>
  Schema.decodeUnknown(Ids.AppId)(raw).pipe(Effect.mapError((e) => new Error(e.message)))
const textOf = (message: Messages.ConversationMessage): string | undefined => message.app_message?.text_message?.text

const deliveryBody = (messageId: string) =>
  JSON.stringify({
    app_id: "app",
    project_id: "project",
    accepted_time: "2026-01-01T00:00:00Z",
    message_delivery_report: {
      message_id: messageId,
      status: "DELIVERED",
      channel_identity: { channel: "SMS", identity: "+46700000001" }
    }
  })

// client: the environment's SINCH_* variables, every list a Stream, failures typed
const client = Effect.gen(function* () {
  const sinch = yield* SinchClient.SinchClient
  const app = yield* sinch.apps.create({
    display_name: "packed",
    channel_credentials: [{ channel: "SMS", static_bearer: { claimed_identity: "packed", token: "t" } }]
  })
  const appId = yield* appIdOf(app.id ?? "")
  const sent = yield* sinch.messages.send({
    app_id: appId,
    recipient: { identified_by: { channel_identities: [{ channel: "SMS", identity: "+46700000001" }] } },
    message: { text_message: { text: "Hello from the packed packages" } }
  })
  const stored = yield* sinch.messages.get({ message_id: sent.message_id ?? "" })
  // (the API lists the messages of conversations per conversation or contact)
  const listed = yield* sinch.messages
    .list({ conversation_id: Ids.ConversationId.make(stored.conversation_id ?? "") })
    .pipe(Stream.map(textOf), Stream.runCollect)
  const missing = yield* sinch.messages.get({ message_id: "no-such-message" }).pipe(
    Effect.flip,
    Effect.map((error: SinchError.SinchError) => error._tag)
  )
  return { messageId: sent.message_id, text: textOf(stored), listed: Chunk.toReadonlyArray(listed), missing }
}).pipe(Effect.provide(SinchClient.layerConfig().pipe(Layer.provide(FetchHttpClient.layer))))

// webhooks: the core, dispatch, the Web and Node adapters and the event queue, on signed bodies
const webhooks = Effect.gen(function* () {
  const webhook = Webhooks.make({ secrets: secret, nonceStore: NonceStore.memory() })
  const body = deliveryBody("m-1")
  const seen: Array<string> = []
  const onEvent = Webhooks.dispatch(
    {
      MESSAGE_DELIVERY: (event: typeof Callbacks.MessageDelivery.Type) =>
        Effect.sync(() =>
          seen.push(`${event.message_delivery_report.message_id}:${event.message_delivery_report.status}`)
        )
    },
    (other) => Effect.sync(() => seen.push(`other:${other._tag}`))
  )
  const parsed = yield* webhook.parse(body, Signature.sign(body, secret))
  yield* onEvent(parsed.event, parsed.verified)

  const web = Web.handler(webhook, (event) => {
    seen.push(`web:${event._tag}`)
  })
  const post = (headers: Record<string, string>) =>
    new Request("http://localhost/callbacks", { method: "POST", headers, body })
  const webOk = yield* Effect.promise(() => web(post(Signature.sign(body, secret))))
  const webForged = yield* Effect.promise(() => web(post(Signature.sign(body, "wrong"))))

  const node = Node.handler(webhook, (event) => {
    seen.push(`node:${event._tag}`)
  })
  const server = createServer((req, res) => void node(req, res))
  yield* Effect.async<void>((resume) => {
    server.listen(0, "127.0.0.1", () => resume(Effect.void))
  })
  const nodeStatus = yield* Effect.promise(() =>
    fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, {
      method: "POST",
      headers: Signature.sign(body, secret),
      body
    }).then((response) => response.status)
  ).pipe(
    Effect.ensuring(
      Effect.async<void>((resume) => {
        server.close(() => resume(Effect.void))
      })
    )
  )

  const queued = yield* Effect.scoped(
    Effect.gen(function* () {
      const queue = yield* EventQueue.make<Webhooks.Event>({ capacity: 1 })
      yield* queue.handler(parsed.event, parsed.verified)
      const received = yield* queue.take
      return received.event._tag
    })
  )
  const undecodable = Either.isLeft(Webhooks.parseJson("{not json"))
  return { seen, web: [webOk.status, webForged.status], node: nodeStatus, queued, undecodable }
})

// emulator: served in-process, and as a layer with its in-process HttpClient
const emulator = Effect.scoped(
  Effect.gen(function* () {
    const served = yield* Emulator.serve()
    // without a token, the served emulator answers 401
    const unauthorized = yield* Effect.promise(() =>
      fetch(`${served.url}/v1/projects/${served.projectId}/apps`).then((r) => r.status)
    )
    const viaLayer = yield* Effect.gen(function* () {
      const emu = yield* Emulator.Emulator
      const sinch = yield* SinchClient.SinchClient
      const app = yield* sinch.apps.create({ display_name: "in-process", channel_credentials: [] })
      return { appId: app.id !== undefined, projectId: emu.projectId }
    }).pipe(
      Effect.provide(
        Layer.unwrapEffect(Effect.map(Emulator.Emulator, (emu) => SinchClient.layerWith(emu.clientOptions))).pipe(
          Layer.provide(Emulator.layerHttpClient),
          Layer.provideMerge(Emulator.layer())
        )
      )
    )
    return { unauthorized, viaLayer }
  })
)

// cli: its modules are importable values
const cli = { name: Cli.name, version: Cli.version }

const program = Effect.all({ client, webhooks, emulator }).pipe(Effect.map((results) => ({ ...results, cli })))

Effect.runPromise(program).then(
  (results) => console.log(JSON.stringify(results)),
  (error: unknown) => {
    console.error(error)
    process.exitCode = 1
  }
)
