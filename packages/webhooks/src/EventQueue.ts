/**
 * Verified callbacks as a bounded `Stream`, for Effect programs that consume events at their own pace.
 *
 * The queue's {@link EventQueue.handler} plugs into any adapter (`Platform.httpApp`, `Web.handler`,
 * `Node.handler`): a request is answered 200 only once its event is in the queue; when the queue is full the
 * handler fails with {@link Webhooks.Overloaded} and the adapter answers 503 with `Retry-After`, so Sinch delivers
 * the callback again later. Nothing is acknowledged before it is queued.
 *
 * @since 0.1.0
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Queue from "effect/Queue"
import type * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import * as Webhooks from "./Webhooks.js"

/**
 * An event taken from the queue, with what verification established.
 *
 * @since 0.1.0
 * @category models
 */
export interface Received<A> {
  readonly event: A
  readonly verified: Webhooks.Verified
}

/**
 * A bounded queue of verified callbacks: a server handler that answers 200 only once an event is queued (503 when
 * full), and the `Stream` a program consumes.
 *
 * @since 0.1.0
 * @category models
 */
export interface EventQueue<A> {
  /** The handler to give to an adapter: queues the event or fails with {@link Webhooks.Overloaded}. */
  readonly handler: Webhooks.Handler<A, Webhooks.Overloaded, never>
  /**
   * The queued events, in arrival order, pulled one at a time (an event is never taken from the queue unless the
   * stream emits it); ends when the scope of the queue closes.
   */
  readonly stream: Stream.Stream<Received<A>>
  /** Takes the next event, waiting for one. */
  readonly take: Effect.Effect<Received<A>>
  /** Number of events waiting. */
  readonly size: Effect.Effect<number>
}

/**
 * Options of {@link make}.
 *
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** Events kept waiting at most; beyond, requests are answered 503. */
  readonly capacity: number
  /** Sent as `Retry-After` with a 503. Default: 5 seconds. */
  readonly retryAfter?: Duration.DurationInput | undefined
}

/**
 * Creates a bounded queue of events, shut down when the scope closes.
 *
 * @example
 * ```ts
 * import { Effect, Stream } from "effect"
 * import { EventQueue, NonceStore, Platform, Webhooks } from "@sinch-effect/webhooks"
 *
 * const program = Effect.gen(function* () {
 *   const webhook = Webhooks.make({ secrets: "...", nonceStore: NonceStore.memory() })
 *   const events = yield* EventQueue.make<Webhooks.Event>({ capacity: 1000 })
 *   const app = Platform.httpApp(webhook, events.handler) // serve it
 *   yield* Stream.runForEach(events.stream, ({ event }) => Effect.log(event._tag))
 * })
 * ```
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = <A>(options: Options): Effect.Effect<EventQueue<A>, never, Scope.Scope> =>
  Effect.gen(function* () {
    const queue = yield* Effect.acquireRelease(
      Queue.dropping<Received<A>>(Math.max(1, Math.floor(options.capacity))),
      Queue.shutdown
    )
    const overloaded = new Webhooks.Overloaded({
      retryAfterSeconds: Math.ceil(Duration.toSeconds(options.retryAfter ?? Webhooks.DEFAULT_RETRY_AFTER))
    })
    const handler: Webhooks.Handler<A, Webhooks.Overloaded, never> = (event, verified) =>
      Effect.flatMap(Queue.isShutdown(queue), (isShutdown) =>
        isShutdown
          ? Effect.fail(overloaded)
          : Effect.flatMap(Queue.offer(queue, { event, verified }), (queued) =>
              queued ? Effect.void : Effect.fail(overloaded)
            )
      )
    return {
      handler,
      stream: Stream.fromQueue(queue, { maxChunkSize: 1 }),
      take: Queue.take(queue),
      size: Queue.size(queue)
    }
  })
