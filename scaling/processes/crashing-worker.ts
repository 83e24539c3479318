/**
 * A worker whose handler kills its own process (SIGKILL) on every callback whose text contains `crash`, as a handler
 * that runs out of memory or hits a native fault would. Other callbacks are handled and printed as `HANDLED <message
 * id>`. Consumes the durable intake on Redis; prints `READY` once it consumes.
 */
import { Intake, Webhooks } from "@sinch-effect/webhooks"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { persistenceOnRedis, queuesOnRedis, settings } from "./common.js"

const { redis } = settings()

const program = Effect.gen(function* () {
  // a worker decodes what the receivers verified: it holds no webhook secret
  const intake = yield* Intake.make(
    { decode: Webhooks.decode },
    {
      maxAttempts: Number(process.env["SCALING_MAX_ATTEMPTS"] ?? 3)
    }
  )
  const fiber = yield* Effect.forkScoped(
    intake.worker((event) =>
      Effect.sync(() => {
        if (event._tag !== "MESSAGE_INBOUND") return
        const message = event.message
        const text = JSON.stringify(message.contact_message ?? {})
        if (text.includes("crash")) process.kill(process.pid, "SIGKILL")
        process.stdout.write(`HANDLED ${String(message.id)}\n`)
      })
    )
  )
  process.stdout.write("READY\n")
  return yield* fiber.await
}).pipe(Effect.scoped, Effect.provide(Layer.mergeAll(queuesOnRedis(redis), persistenceOnRedis(redis))))

Effect.runFork(program)
