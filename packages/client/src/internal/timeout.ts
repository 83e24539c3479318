import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as DefaultServices from "effect/DefaultServices"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as FiberId from "effect/FiberId"

const liveClock = Context.get(DefaultServices.liveServices, Clock.Clock)

/**
 * `Effect.timeoutFail` with a cheaper path on the live clock: one forked fiber and a timer instead of a race of two
 * fibers (the per-request cost matters for throughput). Under any other clock (a `TestClock`, a custom one) it is
 * `Effect.timeoutFail`.
 *
 * @internal
 */
export const timeoutFail = <A, E, R, E2>(
  self: Effect.Effect<A, E, R>,
  duration: Duration.Duration,
  onTimeout: () => E2
): Effect.Effect<A, E | E2, R> =>
  Effect.clockWith((clock) => {
    if (clock !== liveClock) return Effect.timeoutFail(self, { duration, onTimeout })
    const millis = Duration.toMillis(duration)
    return Effect.flatMap(Effect.fork(self), (fiber) =>
      Effect.async<A, E | E2>((resume) => {
        let done = false
        const timer = setTimeout(() => {
          if (done) return
          done = true
          fiber.unsafeInterruptAsFork(FiberId.none)
          resume(Effect.fail(onTimeout()))
        }, millis)
        fiber.addObserver((exit) => {
          if (done) return
          done = true
          clearTimeout(timer)
          resume(exit)
        })
        return Effect.sync(() => {
          done = true
          clearTimeout(timer)
          fiber.unsafeInterruptAsFork(FiberId.none)
        })
      })
    )
  })
