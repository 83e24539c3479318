// Replacing the retry policy. Run by packages/client/test/docs/errors-and-retries.test.ts.
import { Retry, SinchClient, type SinchError } from "@sinch-effect/client"
import { Effect, Layer, Schedule } from "effect"

// More patience for reads: 6 attempts, backoff from 200 ms capped at 5 s, and a Retry-After up to 2 minutes waited.
export const patient = Retry.policy({
  idempotent: Retry.idempotent({ attempts: 6, base: "200 millis", cap: "5 seconds", maxRetryAfter: "2 minutes" })
})

// For a whole program: provide the policy as a layer.
export const PatientLayer = Layer.succeed(Retry.RetryPolicy, patient)

// For one call: no retry at all (a health check that must answer now).
export const appsNow = Effect.flatMap(SinchClient.SinchClient, (sinch) => sinch.apps.list()).pipe(
  Retry.withPolicy(Retry.policy({ idempotent: Retry.never }))
)

// Any Schedule over the errors: only 429s, up to 10 retries, 1 second apart or the Retry-After if longer.
export const onlyRateLimits = Retry.policy({
  idempotent: Retry.honourRetryAfter.pipe(
    Schedule.intersect(Schedule.spaced("1 second")),
    Schedule.intersect(Schedule.recurs(10)),
    Schedule.whileInput((error: SinchError.SinchError) => error._tag === "RateLimited")
  )
})

// At-least-once sends: a send is also retried after an ambiguous failure (5xx, dropped connection, timeout), with the
// `idempotent` schedule and the same correlation_id. No SendOutcomeUnknown any more, but a person may get it twice.
export const AtLeastOnce = Layer.succeed(Retry.RetryPolicy, Retry.policy({ atLeastOnce: true }))
