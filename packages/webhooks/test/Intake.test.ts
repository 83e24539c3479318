/**
 * Durable intake over @effect/experimental's PersistedQueue, in memory and on a real Redis (several "instances":
 * separate connections, as separate processes have), with the idempotency helper and the dead-letter queue.
 */
import * as Persistence from "@effect/experimental/Persistence"
import * as PersistenceRedis from "@effect/experimental/Persistence/Redis"
import * as PersistedQueue from "@effect/experimental/PersistedQueue"
import * as PersistedQueueRedis from "@effect/experimental/PersistedQueue/Redis"
import { assert, describe, it } from "@effect/vitest"
import { Idempotency, Intake, NonceStore, Signature, Webhooks } from "@sinch-effect/webhooks"
import { Context, Deferred, Effect, Layer, Ref } from "effect"
import * as Redis from "../../../scaling/redis.js"

const SECRET = "intake-secret"
const webhook = Webhooks.make({ secrets: SECRET, nonceStore: NonceStore.memory() })

const inbound = (id: string) =>
  JSON.stringify({
    app_id: "APP",
    project_id: "PROJECT",
    accepted_time: "2026-01-01T00:00:00Z",
    message: {
      id,
      direction: "TO_APP",
      contact_message: { text_message: { text: `hello ${id}` } },
      channel_identity: { channel: "SMS", identity: "46700000001", app_id: "APP" },
      conversation_id: "C1",
      contact_id: "K1",
      accept_time: "2026-01-01T00:00:00Z"
    }
  })

/** Posts a signed callback through the intake's handler, as an adapter does; answers the HTTP status. */
const post = (intake: Intake.Intake<Webhooks.Event>, body: string) =>
  Effect.map(
    Webhooks.handle(webhook, { body, headers: Signature.sign(body, SECRET) }, intake.handler),
    (reply) => reply.status
  )

const messageId = (event: Webhooks.Event): string =>
  event._tag === "MESSAGE_INBOUND" ? String(event.message.id) : "other"

/** One instance's queues on the shared Redis. */
const redisQueues = (server: Redis.RedisServer) =>
  PersistedQueue.layer.pipe(
    Layer.provide(
      PersistedQueueRedis.layerStore({
        host: server.host,
        port: server.port,
        pollInterval: "10 millis",
        // no worker is killed here: locks long enough that a loaded machine's pauses never expire a live one
        lockRefreshInterval: "1 second",
        lockExpiration: "30 seconds",
        maxRetriesPerRequest: 0
      })
    )
  )

/** One instance's key-value store on the shared Redis (dead letters, attempt counts). */
const redisPersistence = (server: Redis.RedisServer) =>
  PersistenceRedis.layer({ host: server.host, port: server.port, maxRetriesPerRequest: 0 })

const intakeOn = (
  queues: Layer.Layer<PersistedQueue.PersistedQueueFactory>,
  persistence: Layer.Layer<Persistence.BackingPersistence>,
  options?: Intake.Options
) =>
  Effect.flatMap(Layer.build(Layer.merge(queues, persistence)), (context) =>
    Effect.provide(Intake.make(webhook, options), context)
  )

/** Polls the dead letters until there are `count` of them (a readiness signal, not a sleep). */
const awaitDeadLetters = (intake: Intake.Intake<Webhooks.Event>, count: number) =>
  Effect.gen(function* () {
    for (;;) {
      const letters = yield* intake.deadLetters
      if (letters.length >= count) return letters
      yield* Effect.sleep("20 millis")
    }
  })

describe("Intake", () => {
  it.scopedLive("in memory: a callback is answered 200 once queued, then handled by a worker", () =>
    Effect.gen(function* () {
      const intake = yield* intakeOn(
        PersistedQueue.layer.pipe(Layer.provide(PersistedQueue.layerStoreMemory)),
        Persistence.layerMemory
      )
      assert.strictEqual(yield* post(intake, inbound("m1")), 200)
      assert.strictEqual(yield* post(intake, inbound("m2")), 200)
      const seen = yield* Ref.make<ReadonlyArray<string>>([])
      const done = yield* Deferred.make<void>()
      yield* Effect.forkScoped(
        intake.worker((event) =>
          Effect.flatMap(
            Ref.updateAndGet(seen, (ids) => [...ids, messageId(event)]),
            (ids) => (ids.length === 2 ? Deferred.succeed(done, undefined) : Effect.void)
          )
        )
      )
      yield* Deferred.await(done)
      assert.deepStrictEqual([...(yield* Ref.get(seen))].sort(), ["m1", "m2"])
    })
  )

  it.scopedLive("on Redis: one instance receives, workers of other instances handle every callback once", () =>
    Effect.gen(function* () {
      const server = yield* Redis.start
      const receiver = yield* intakeOn(redisQueues(server), redisPersistence(server))
      const total = 200
      for (let i = 0; i < total; i++) assert.strictEqual(yield* post(receiver, inbound(`m${i}`)), 200)
      // the same callback delivered again (same body, new signature) is not queued twice
      assert.strictEqual(yield* post(receiver, inbound("m0")), 200)
      const handled = yield* Ref.make(new Map<string, number>())
      const done = yield* Deferred.make<void>()
      const work = (intake: Intake.Intake<Webhooks.Event>) =>
        intake.worker(
          (event) =>
            Effect.flatMap(
              Ref.updateAndGet(handled, (m) => new Map(m).set(messageId(event), (m.get(messageId(event)) ?? 0) + 1)),
              (m) => (m.size === total ? Deferred.succeed(done, undefined) : Effect.void)
            ),
          { concurrency: 4 }
        )
      const workers = yield* Effect.all([
        intakeOn(redisQueues(server), redisPersistence(server)),
        intakeOn(redisQueues(server), redisPersistence(server))
      ])
      for (const w of workers) yield* Effect.forkScoped(work(w))
      yield* Deferred.await(done)
      const counts = yield* Ref.get(handled)
      assert.strictEqual(counts.size, total)
      assert.isTrue([...counts.values()].every((n) => n === 1))
    })
  )

  it.scopedLive(
    "after maxAttempts failures a callback is dead-lettered; listing changes nothing; replay and discard are explicit",
    () =>
      Effect.gen(function* () {
        const server = yield* Redis.start
        const intake = yield* intakeOn(redisQueues(server), redisPersistence(server), { maxAttempts: 3 })
        assert.strictEqual(yield* post(intake, inbound("poison")), 200)
        assert.strictEqual(yield* post(intake, inbound("junk")), 200)
        const attempts = yield* Ref.make(new Map<string, number>())
        const healthy = yield* Ref.make(false)
        const handled = yield* Deferred.make<string>()
        yield* Effect.forkScoped(
          intake.worker((event) =>
            Effect.flatMap(
              Ref.update(attempts, (m) => new Map(m).set(messageId(event), (m.get(messageId(event)) ?? 0) + 1)),
              () =>
                Effect.flatMap(Ref.get(healthy), (ok) =>
                  ok ? Deferred.succeed(handled, messageId(event)) : Effect.fail("database unavailable")
                )
            )
          )
        )
        // another instance inspects the dead letters, as often as it likes: they stay
        const inspector = yield* intakeOn(redisQueues(server), redisPersistence(server), { maxAttempts: 3 })
        const letters = yield* awaitDeadLetters(inspector, 2)
        assert.deepStrictEqual(yield* inspector.deadLetters, letters)
        assert.deepStrictEqual(yield* intake.deadLetters, letters)
        assert.deepStrictEqual(Object.fromEntries(yield* Ref.get(attempts)), { poison: 3, junk: 3 })
        const poison = letters.find((letter) => letter.callback.body.includes("poison"))!
        const junk = letters.find((letter) => letter.callback.body.includes("junk"))!
        assert.strictEqual(poison.attempts, 3)
        assert.include(poison.error, "database unavailable")
        // junk is dropped for good
        yield* inspector.discard(junk)
        assert.deepStrictEqual(yield* inspector.deadLetters, [poison])
        // the cause is fixed; poison is replayed: the worker handles it, and it leaves the dead letters
        yield* Ref.set(healthy, true)
        yield* inspector.replay(poison)
        assert.deepStrictEqual(yield* inspector.deadLetters, [])
        assert.strictEqual(yield* Deferred.await(handled), "poison")
        assert.strictEqual((yield* Ref.get(attempts)).get("junk"), 3)
      })
  )

  it.scopedLive(
    "when Redis is gone the callback is answered 503 with Retry-After, not acknowledged, and no noise",
    () =>
      Effect.gen(function* () {
        const server = yield* Redis.start
        const printed = yield* Redis.recordConsoleErrors
        const intake = yield* intakeOn(redisQueues(server), redisPersistence(server), { retryAfter: "7 seconds" })
        assert.strictEqual(yield* post(intake, inbound("before")), 200)
        yield* server.stop
        yield* Redis.awaitRefusedReconnects(server)
        const reply = yield* Webhooks.handle(
          webhook,
          { body: inbound("after"), headers: Signature.sign(inbound("after"), SECRET) },
          intake.handler
        )
        assert.strictEqual(reply.status, 503)
        assert.strictEqual(reply.headers?.["retry-after"], "7")
        // the outage is the typed error behind the 503, not an "[ioredis] Unhandled error event" per reconnection
        assert.deepStrictEqual(
          printed().filter((line) => line.includes("[ioredis]")),
          []
        )
      })
  )
})

describe("Idempotency", () => {
  it.scopedLive(
    "an effect keyed by message id runs once across instances sharing Redis; a failure leaves it unmarked",
    () =>
      Effect.gen(function* () {
        const server = yield* Redis.start
        const instance = Effect.map(
          Layer.build(
            Idempotency.layer().pipe(Layer.provide(PersistenceRedis.layer({ host: server.host, port: server.port })))
          ),
          Context.get(Idempotency.Idempotency)
        )
        const [a, b] = yield* Effect.all([instance, instance])
        const runs = yield* Ref.make(0)
        const effect = Ref.update(runs, (n) => n + 1)
        assert.isFalse(yield* Effect.isSuccess(a!.once("message:1", Effect.fail("boom"))))
        assert.isTrue(yield* a!.once("message:1", effect))
        assert.isFalse(yield* b!.once("message:1", effect))
        assert.isTrue(yield* b!.once("message:2", effect))
        assert.strictEqual(yield* Ref.get(runs), 2)
      })
  )

  it.effect("keyOf gives the natural key of a callback", () =>
    Effect.gen(function* () {
      const event = yield* webhook.decode(inbound("m-9"))
      assert.strictEqual(Idempotency.keyOf(event), "message:m-9")
      assert.strictEqual(
        Idempotency.keyOf({ message_delivery_report: { message_id: "m-9", status: "DELIVERED" } }),
        "message_delivery:m-9:DELIVERED"
      )
      assert.isUndefined(Idempotency.keyOf({ contact_create_notification: {} }))
    }).pipe(Effect.provide(Persistence.layerMemory))
  )
})
