// Callbacks as a Stream: the server acknowledges an event only once it is queued, and answers 503 (Sinch retries
// later) when the consumer falls behind. Run by packages/webhooks/test/docs-examples.test.ts.
import { HttpServer } from "@effect/platform"
import { EventQueue, NonceStore, Platform, Webhooks } from "@sinch-effect/webhooks"
import { Effect, Layer, Stream } from "effect"

export const consumeCallbacks = (secret: string, handle: (event: Webhooks.Event) => Effect.Effect<void>) =>
  Effect.gen(function* () {
    const webhook = Webhooks.make({ secrets: secret, nonceStore: NonceStore.memory() })
    const events = yield* EventQueue.make<Webhooks.Event>({ capacity: 1_000, retryAfter: "10 seconds" })
    // serve the endpoint for as long as the enclosing scope lives
    yield* Layer.launch(HttpServer.serve(Platform.httpApp(webhook, events.handler))).pipe(Effect.forkScoped)
    // consume at your own pace
    return yield* events.stream.pipe(
      Stream.mapEffect(({ event }) => handle(event)),
      Stream.runDrain,
      Effect.forkScoped
    )
  })
