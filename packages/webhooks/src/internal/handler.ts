import * as Effect from "effect/Effect"
import * as Predicate from "effect/Predicate"
import type * as Webhooks from "../Webhooks.js"

/**
 * A handler written with Promises or Effects (for adapters used outside Effect programs). Public through
 * `Node.Handler` and `Web.Handler`, so its declaration ships (not stripped as internal).
 */
export type AnyHandler<A, R> = (
  event: A,
  verified: Webhooks.Verified
) => Effect.Effect<unknown, unknown, R> | PromiseLike<unknown> | void

/**
 * Lifts a Promise-or-Effect handler to an Effect handler; a thrown or rejected {@link Webhooks.Overloaded} stays a
 * typed failure (503), anything else becomes a failure (500).
 *
 * @internal
 */
export const toEffectHandler =
  <A, R>(handler: AnyHandler<A, R>): Webhooks.Handler<A, unknown, R> =>
  (event, verified) =>
    Effect.suspend(() => {
      let result: ReturnType<AnyHandler<A, R>>
      try {
        result = handler(event, verified)
      } catch (error) {
        return Effect.fail(error)
      }
      if (Effect.isEffect(result)) return result
      if (Predicate.hasProperty(result, "then") && Predicate.isFunction(result.then)) {
        const promise = result as PromiseLike<unknown>
        return Effect.tryPromise({ try: () => Promise.resolve(promise), catch: (error) => error })
      }
      return Effect.void
    })
