import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as Cause from "effect/Cause"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as DefaultServices from "effect/DefaultServices"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as FiberRef from "effect/FiberRef"
import * as Option from "effect/Option"
import * as Scope from "effect/Scope"

const liveClock = Context.get(DefaultServices.liveServices, Clock.Clock)

const always = () => true

const manual: globalThis.RequestInit = { redirect: "manual" }

/** The fetch options in use with redirects off (the common case, no options given, allocates nothing). */
const noRedirects = (given: Option.Option<globalThis.RequestInit>): globalThis.RequestInit =>
  Option.isNone(given)
    ? manual
    : given.value.redirect === "manual"
      ? given.value
      : { ...given.value, redirect: "manual" }

/**
 * Runs one HTTP exchange: `effect`, whose requests are tied to the provided `Scope` by `HttpClient.withScope`, within
 * `duration`. When the duration elapses the scope is closed, which aborts the requests through their `AbortSignal`,
 * and the failure that follows is reported as `onTimeout()`. The scope is also closed when `effect` fails or is
 * interrupted; after a success there is nothing left to abort and the scope is left to the garbage collector (closing
 * it, i.e. running its finalizer and an `abort()` that builds an `AbortError`, cost ~50 µs of CPU per request).
 * The platform's own client span is switched off for `effect`: its exit would hold the request, `Authorization` header
 * included, in plain text (the caller's spans carry what is worth tracing, and the trace headers when propagation is
 * on). fetch is told not to follow redirects (`redirect: "manual"`, merged into the `FetchHttpClient.RequestInit` in
 * use): Sinch does not redirect its API, and the 3xx is reported as such.
 *
 * A timeout thus costs a timer, not a second fiber racing the request (that fiber was a fifth of the client's CPU
 * time per request at concurrency 50). The scope and the span switch are set and reset in one uninterruptible step,
 * rather than with `Scope.extend` and `Effect.locally` (two acquire/release brackets per request). Every `HttpClient`
 * of `@effect/platform` honours the abort signal; a custom one must, too.
 *
 * Under any other clock than the live one (a `TestClock`, a custom one) `effect` runs under `Effect.timeoutFail`,
 * which interrupts it when that clock says so.
 *
 * @internal
 */
export const exchange = <A, E, E2>(
  effect: Effect.Effect<A, E, Scope.Scope>,
  options: {
    readonly duration: Duration.Duration
    readonly onTimeout: () => E2
  }
): Effect.Effect<A, E | E2> =>
  Effect.withFiberRuntime((fiber) => {
    const context = fiber.currentContext
    const init = noRedirects(Context.getOption(context, FetchHttpClient.RequestInit))
    if (Context.get(fiber.currentDefaultServices, Clock.Clock) !== liveClock) {
      return Effect.scoped(Effect.timeoutFail(effect, options)).pipe(
        Effect.provideService(FetchHttpClient.RequestInit, init),
        Effect.locally(HttpClient.currentTracerDisabledWhen, always)
      )
    }
    const spansWhen = fiber.getFiberRef(HttpClient.currentTracerDisabledWhen)
    return Effect.uninterruptibleMask((restore) =>
      Effect.flatMap(Scope.make(), (scope) => {
        let timedOut = false
        const timer = setTimeout(() => {
          timedOut = true
          Effect.runFork(Scope.close(scope, Exit.void))
        }, Duration.toMillis(options.duration))
        const inner = Context.add(Context.add(context, Scope.Scope, scope), FetchHttpClient.RequestInit, init)
        const enter = Effect.zipRight(
          FiberRef.set(FiberRef.currentContext, inner),
          FiberRef.set(HttpClient.currentTracerDisabledWhen, always)
        )
        const leave = Effect.zipRight(
          FiberRef.set(FiberRef.currentContext, context),
          FiberRef.set(HttpClient.currentTracerDisabledWhen, spansWhen)
        )
        // `enter` puts the scope in the context, which the type of `effect` cannot see
        const run = effect as Effect.Effect<A, E>
        return Effect.flatMap(Effect.zipRight(enter, Effect.exit(restore(run))), (exit) => {
          clearTimeout(timer)
          if (Exit.isSuccess(exit)) return Effect.zipRight(leave, exit)
          const result: Exit.Exit<A, E | E2> =
            timedOut && Option.isSome(Cause.failureOption(exit.cause)) ? Exit.fail(options.onTimeout()) : exit
          return leave.pipe(Effect.zipRight(Scope.close(scope, exit)), Effect.zipRight(result))
        })
      })
    )
  })

/**
 * Whether `clock` is the live clock, whose time is `Date.now()` and whose timers are Node's: an exchange may then time
 * itself out with `setTimeout` (under a `TestClock` or a custom clock it runs under `Effect.timeoutFail` instead).
 *
 * @internal
 */
export const isLive = (clock: Clock.Clock): boolean => clock === liveClock
