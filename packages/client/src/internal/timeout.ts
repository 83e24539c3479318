import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as DefaultServices from "effect/DefaultServices"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as FiberId from "effect/FiberId"

const liveClock = Context.get(DefaultServices.liveServices, Clock.Clock)

/**
 * `Effect.timeoutFail` with a cheaper path on the live clock: `child` runs in one forked fiber raced against a timer,
 * instead of a race of two fibers (the per-request cost matters for throughput). The child fiber is fresh and its
 * fiber refs do not flow back, so `child` may set fiber refs without restoring them. Under any other clock (a
 * `TestClock`, a custom one) `effect` runs under `Effect.timeoutFail`.
 *
 * @internal
 */
export const timeoutFail = <A, E, R, E2>(options: {
  readonly child: Effect.Effect<A, E, R>
  readonly effect: Effect.Effect<A, E, R>
  readonly duration: Duration.Duration
  readonly onTimeout: () => E2
}): Effect.Effect<A, E | E2, R> =>
  Effect.clockWith((clock) => {
    if (clock !== liveClock) {
      return Effect.timeoutFail(options.effect, { duration: options.duration, onTimeout: options.onTimeout })
    }
    const millis = Duration.toMillis(options.duration)
    return Effect.flatMap(Effect.fork(options.child), (fiber) =>
      Effect.async<A, E | E2>((resume) => {
        let done = false
        const timer = setTimeout(() => {
          if (done) return
          done = true
          fiber.unsafeInterruptAsFork(FiberId.none)
          resume(Effect.fail(options.onTimeout()))
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
