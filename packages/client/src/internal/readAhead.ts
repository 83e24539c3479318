/**
 * A stream read ahead of its consumer by a fiber of its own, each element handed to the consumer on a later turn of the
 * event loop.
 *
 * Effect runs fibers in microtasks, and `node:http` writes a request out on `process.nextTick`, which waits for the
 * microtasks to drain: a producer that starts the next page's request and then hands the current page over would
 * have that request wait for all the consumer's work on the page. Handing each element over on the next turn lets
 * the request go out first, so the consumer's work overlaps the server's.
 */
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"

const immediate: (run: () => void) => () => void =
  typeof globalThis.setImmediate === "function"
    ? (run) => {
        const handle = setImmediate(run)
        return () => clearImmediate(handle)
      }
    : (run) => {
        const handle = setTimeout(run, 0)
        return () => clearTimeout(handle)
      }

/** Resumes on a later turn of the event loop, after the I/O started before it. @internal */
export const nextTurn: Effect.Effect<void> = Effect.async<void>((resume) => {
  const cancel = immediate(() => resume(Effect.void))
  return Effect.sync(cancel)
})

/**
 * `self` read up to `capacity` elements ahead of the consumer (nothing ahead when 0), each element handed over on a
 * later turn of the event loop.
 *
 * @internal
 */
export const readAhead = <A, E, R>(self: Stream.Stream<A, E, R>, capacity: number): Stream.Stream<A, E, R> =>
  capacity <= 0 ? self : Stream.mapEffect(Stream.buffer(self, { capacity }), (a) => Effect.as(nextTurn, a))
