/**
 * The effect a callback has in the multi-process test, applied through the idempotency helper: the callback is
 * recorded in Redis (`scaling:effects`, first writer wins) and every execution of the effect is counted
 * (`scaling:runs`), so the test can check each callback's effect was applied once.
 */
import { Idempotency, type Intake, type Webhooks } from "@sinch-effect/webhooks"
import * as Effect from "effect/Effect"
import { Redis } from "ioredis"

/** The handler of the workers (and of the receivers in memory mode). */
export const makeHandler = (redis: Redis, idempotency: Idempotency.Idempotency.Service) => {
  const tag = String(process.pid)
  return (event: Webhooks.Event, delivery: Intake.Delivery) => {
    const key = Idempotency.keyOf(event) ?? delivery.id
    return idempotency.once(
      key,
      Effect.promise(() => redis.multi().hincrby("scaling:runs", key, 1).hsetnx("scaling:effects", key, tag).exec())
    )
  }
}
