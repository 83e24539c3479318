/**
 * A worker process: consumes the durable intake on Redis (8 fibers) and applies each callback's effect through the
 * idempotency helper. Prints `READY` once it consumes.
 */
import { Idempotency, Intake, Webhooks } from "@sinch-effect/webhooks"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { Redis } from "ioredis"
import { persistenceOnRedis, queuesOnRedis, settings } from "./common.js"
import { makeHandler } from "./effect.js"

const { redis } = settings()

const program = Effect.gen(function* () {
  // a worker decodes what the receivers verified: it holds no webhook secret
  const intake = yield* Intake.make({ decode: Webhooks.decode })
  const idempotency = yield* Idempotency.make()
  const client = new Redis(redis)
  const fiber = yield* Effect.forkScoped(intake.worker(makeHandler(client, idempotency), { concurrency: 8 }))
  process.stdout.write("READY\n")
  return yield* fiber.await
}).pipe(Effect.scoped, Effect.provide(Layer.mergeAll(queuesOnRedis(redis), persistenceOnRedis(redis))))

Effect.runFork(program)
