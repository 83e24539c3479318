/**
 * The read-ahead's hand-over (internal/readAhead.ts `ahead`): an element is handed to a waiting consumer on the next
 * turn of the event loop. A consumer whose wait is interrupted in between must not lose that element: the next pull
 * answers it.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Queue from "effect/Queue"
import * as ReadAhead from "../src/internal/readAhead.js"

describe("read-ahead", () => {
  it.scopedLive("an element handed to a consumer whose wait is then interrupted goes to the next pull", () =>
    Effect.gen(function* () {
      const source = yield* Queue.unbounded<number>()
      let waiting: Fiber.RuntimeFiber<number | undefined> | undefined
      // the producer's pull: answers the next number of the source and, in a microtask right after (before the next
      // turn of the event loop, when the hand-over would reach the consumer), interrupts the waiting consumer
      const pull = Effect.tap(Queue.take(source), () =>
        Effect.sync(() => queueMicrotask(() => void Effect.runFork(Fiber.interrupt(waiting!))))
      )
      const next = yield* ReadAhead.ahead(pull, 2)
      waiting = yield* Effect.fork(next)
      yield* Effect.yieldNow()
      yield* Queue.offer(source, 1)
      const interrupted = yield* Fiber.await(waiting)
      assert.isTrue(interrupted._tag === "Failure", "the consumer's wait was interrupted before the hand-over")
      yield* Queue.offer(source, 2)
      assert.strictEqual(yield* next, 1)
      assert.strictEqual(yield* next, 2)
    })
  )
})
