import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as DefaultServices from "effect/DefaultServices"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Scope from "effect/Scope"

const liveClock = Context.get(DefaultServices.liveServices, Clock.Clock)

/**
 * Runs `effect` (an HTTP exchange whose requests are tied to the provided `Scope` by `HttpClient.withScope`) within
 * `duration`: when it elapses the scope is closed, which aborts the requests through their `AbortSignal`, and a
 * failure that follows is reported as `onTimeout()`. The scope is also closed when `effect` fails or is interrupted;
 * after a success there is nothing left to abort and the scope is left to the garbage collector (closing it, i.e.
 * running its finalizer and an `abort()` that builds an `AbortError`, cost ~50 µs of CPU per request).
 *
 * A timeout thus costs a timer, not a second fiber racing the request (that fiber was a fifth of the client's CPU
 * time per request at concurrency 50). Every `HttpClient` of `@effect/platform` honours the signal it is given; a
 * custom one must, too.
 *
 * Under any other clock than the live one (a `TestClock`, a custom one) `effect` runs under `Effect.timeoutFail`,
 * which interrupts it when that clock says so.
 *
 * @internal
 */
export const abortAfter = <A, E, R, E2>(
  effect: Effect.Effect<A, E, R | Scope.Scope>,
  options: {
    readonly duration: Duration.Duration
    readonly onTimeout: () => E2
  }
): Effect.Effect<A, E | E2, Exclude<R, Scope.Scope>> =>
  Effect.clockWith((clock) => {
    if (clock !== liveClock) return Effect.scoped(Effect.timeoutFail(effect, options))
    return Effect.flatMap(Scope.make(), (scope) => {
      let timedOut = false
      const timer = setTimeout(() => {
        timedOut = true
        Effect.runFork(Scope.close(scope, Exit.void))
      }, Duration.toMillis(options.duration))
      return Scope.extend(effect, scope).pipe(
        Effect.onExit((exit) => {
          clearTimeout(timer)
          return Exit.isSuccess(exit) ? Effect.void : Scope.close(scope, exit)
        }),
        Effect.catchAll((e) => Effect.fail(timedOut ? options.onTimeout() : e))
      )
    })
  })
