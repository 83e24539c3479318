/**
 * Pulls: the lean core beneath the client's page streams and exports. A pull is an effect that answers the next
 * element, or `undefined` at the end; a page loop runs it in one fiber, with no stream stage, queue or channel per
 * element (in a fresh process those cost more CPU per page than the page's own work).
 *
 * The read-ahead runs the pull ahead of its consumer in a producer fiber, each element handed to the consumer on a
 * later turn of the event loop. Effect runs fibers in microtasks, and `node:http` writes a request out on
 * `process.nextTick`, which waits for the microtasks to drain: a producer that starts the next page's request and then
 * hands the current page over would have that request wait for all the consumer's work on the page. Handing each
 * element over on the next turn lets the request go out first, so the consumer's work overlaps the server's.
 *
 * `Pagination.pages` builds its streams from pulls and records, for each stream, how to open its pull
 * ({@link withPull}); an export opens the pull of its source's stream ({@link pullOf}) and runs it in a loop, and any
 * other stream is pulled through `Stream.toPull`.
 */
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Option from "effect/Option"
import type * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"

/**
 * The next element, or `undefined` at the end (the elements themselves are never `undefined`). Pulled by one fiber at
 * a time.
 *
 * @internal
 */
export type Pull<A, E, R = never> = Effect.Effect<A | undefined, E, R>

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
 * `pull` run up to `capacity` elements ahead of the consumer (nothing ahead when 0), each element handed over on a
 * later turn of the event loop. One producer fiber pulls the elements in order, one at a time, while fewer than
 * `capacity` of them wait for the consumer: when the consumer is already waiting for an element, the producer hands it
 * over and goes straight on to the next pull in the same step, so the next request is sent before the consumer resumes
 * (no fiber per element, no hop through the consumer). A failure or the end is handed over like an element, after the
 * elements before it. The producer is interrupted with the scope.
 *
 * @internal
 */
export const ahead = <A, E, R>(
  pull: Pull<A, E, R>,
  capacity: number
): Effect.Effect<Pull<A, E, R>, never, R | Scope.Scope> => {
  if (capacity <= 0) return Effect.succeed(pull)
  return Effect.gen(function* () {
    // the elements pulled that the consumer has not taken yet (fewer than `capacity` while the producer pulls), then
    // how the pulls ended (the end or a failure), the consumer waiting for an element and the producer waiting for room
    const ready: Array<A> = []
    let ended: Exit.Exit<undefined, E> | undefined
    let consumer: ((next: Pull<A, E>) => void) | undefined
    let producer: ((resume: Effect.Effect<void>) => void) | undefined
    // an element on its way to the consumer (on the next turn): if the consumer's wait is interrupted first, the
    // hand-over is cancelled and the element goes back to the front of `ready`, so that no element is lost
    let handing: { readonly element: A; readonly cancel: () => void } | undefined
    const end = (exit: Exit.Exit<undefined, E>): Effect.Effect<void> => {
      ended = exit
      const resume = consumer
      consumer = undefined
      resume?.(exit)
      return Effect.void
    }
    const produce: Effect.Effect<void, never, R> = Effect.suspend(() =>
      Effect.matchCauseEffect(pull, {
        onFailure: (cause) => end(Exit.failCause(cause)),
        onSuccess: (a) => {
          if (a === undefined) return end(Exit.succeed(undefined))
          // the element goes to the consumer on a later turn, after the request the next pull sends now (the consumer
          // does not run before that)
          const resume = consumer
          if (resume === undefined) ready.push(a)
          else {
            consumer = undefined
            const cancel = immediate(() => {
              handing = undefined
              resume(Effect.succeed(a))
            })
            handing = { element: a, cancel }
          }
          if (ready.length < capacity) return produce
          return Effect.zipRight(
            Effect.async<void>((resume) => {
              producer = resume
              return Effect.sync(() => void (producer = undefined))
            }),
            produce
          )
        }
      })
    )
    const fiber = yield* Effect.forkDaemon(produce)
    yield* Effect.addFinalizer(() => Fiber.interrupt(fiber))
    return Effect.suspend((): Pull<A, E, R> => {
      if (ready.length > 0) {
        const a = ready.shift()!
        const resume = producer
        if (resume !== undefined) {
          producer = undefined
          resume(Effect.void)
        }
        // the next one goes out before the consumer works on this one
        return Effect.as(nextTurn, a)
      }
      if (ended !== undefined) return ended
      return Effect.async<A | undefined, E>((resume) => {
        consumer = resume
        return Effect.sync(() => {
          consumer = undefined
          if (handing !== undefined) {
            handing.cancel()
            ready.unshift(handing.element)
            handing = undefined
          }
        })
      })
    })
  })
}

/** How to open the pull of each stream that has one. */
const pulls = new WeakMap<object, Effect.Effect<Pull<unknown, unknown, unknown>, never, unknown>>()

/**
 * The elements of a pull as a stream.
 *
 * @internal
 */
export const toStream = <A, E, R>(pull: Pull<A, E, R>): Stream.Stream<A, E, R> =>
  Stream.repeatEffectOption(
    Effect.flatMap(Effect.mapError(pull, Option.some), (a) =>
      a === undefined ? Effect.fail(Option.none()) : Effect.succeed(a)
    )
  )

/**
 * A stream of the elements of the pull that `open` opens (for each run), `open` recorded as the way to pull it
 * ({@link pullOf}).
 *
 * @internal
 */
export const withPull = <A, E, R>(
  open: Effect.Effect<Pull<A, E, R>, never, R | Scope.Scope>
): Stream.Stream<A, E, R> => {
  const stream = Stream.unwrapScoped(Effect.map(open, toStream)) as Stream.Stream<A, E, R>
  pulls.set(stream, open)
  return stream
}

/**
 * The pull of a stream: the one recorded by {@link withPull}, or `Stream.toPull`'s, element by element.
 *
 * @internal
 */
export const pullOf = <A, E, R>(
  stream: Stream.Stream<A, E, R>
): Effect.Effect<Pull<A, E, R>, never, R | Scope.Scope> => {
  const open = pulls.get(stream) as Effect.Effect<Pull<A, E, R>, never, R | Scope.Scope> | undefined
  if (open !== undefined) return open
  return Effect.map(Stream.toPull(stream), (pullChunk) => {
    let chunk: Chunk.Chunk<A> = Chunk.empty()
    let at = 0
    let ended = false
    const next: Pull<A, E, R> = Effect.suspend(() => {
      if (at < chunk.length) return Effect.succeed(Chunk.unsafeGet(chunk, at++))
      if (ended) return Effect.succeed(undefined)
      return Effect.matchEffect(pullChunk, {
        onFailure: (error) => {
          if (Option.isSome(error)) return Effect.fail(error.value)
          ended = true
          return Effect.succeed(undefined)
        },
        onSuccess: (c) => {
          chunk = c
          at = 0
          return next
        }
      })
    })
    return next
  })
}
