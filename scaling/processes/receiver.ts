/**
 * A receiver process: verifies callbacks (nonces shared on Redis) and enqueues them durably (PersistedQueue on Redis),
 * answering 200 only once enqueued. In memory mode the queue is the process's own and it handles callbacks itself.
 * Prints `READY <port>` once it listens.
 */
import { Idempotency, Intake, Node, NonceStore, Webhooks } from "@sinch-effect/webhooks"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Http from "node:http"
import type { AddressInfo } from "node:net"
import { Redis } from "ioredis"
import { persistenceOnRedis, queuesInMemory, queuesOnRedis, rateLimiterStoreOnRedis, settings } from "./common.js"
import { makeHandler } from "./effect.js"

const { mode, redis, secret } = settings()

const program = Effect.gen(function* () {
  // the nonces are shared on Redis: a callback accepted by one receiver is a replay for the others
  const webhook = Webhooks.make({ secrets: secret, nonceStore: yield* NonceStore.NonceStore })
  const intake = yield* Intake.make(webhook)
  if (mode === "memory") {
    const client = new Redis(redis)
    const idempotency = yield* Idempotency.make()
    yield* Effect.forkScoped(intake.worker(makeHandler(client, idempotency), { concurrency: 8 }))
  }
  const server = Http.createServer({ keepAlive: true }, Node.handler(webhook, intake.handler))
  yield* Effect.async<void>((resume) => {
    server.listen(0, "127.0.0.1", () => resume(Effect.void))
  })
  process.stdout.write(`READY ${(server.address() as AddressInfo).port}\n`)
  return yield* Effect.never
}).pipe(
  Effect.scoped,
  Effect.provide(
    Layer.mergeAll(
      NonceStore.layerStore().pipe(Layer.provide(rateLimiterStoreOnRedis(redis))),
      mode === "memory" ? queuesInMemory : queuesOnRedis(redis),
      persistenceOnRedis(redis)
    )
  )
)

Effect.runFork(program)
