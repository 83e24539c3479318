// Reconciling through callbacks: every callback about a message carries the correlation_id of its send. Run by
// packages/client/test/docs/errors-and-retries.test.ts, with the emulator's signed callbacks over a real socket.
import type { Webhooks } from "@sinch-effect/webhooks"
import { Duration, Effect, Option, Stream } from "effect"

/** The message id a callback reports for a send with this correlation id, if it is about one. */
export const sentMessageOf = (event: Webhooks.Event, correlationId: string): Option.Option<string> => {
  switch (event._tag) {
    case "MESSAGE_SUBMIT":
      return event.correlation_id === correlationId
        ? Option.fromNullable(event.message_submit_notification.message_id)
        : Option.none()
    case "MESSAGE_DELIVERY":
      return event.correlation_id === correlationId
        ? Option.fromNullable(event.message_delivery_report.message_id)
        : Option.none()
    default:
      return Option.none()
  }
}

/**
 * Waits for a callback about the send with this correlation id. `None` after `within`: no callback came, so the
 * message was most likely not accepted (confirm with `messages.list` before sending again).
 */
export const awaitSent = <E>(
  callbacks: Stream.Stream<Webhooks.Event, E>,
  correlationId: string,
  within: Duration.DurationInput
) =>
  callbacks.pipe(
    Stream.filterMap((event) => sentMessageOf(event, correlationId)),
    Stream.runHead,
    Effect.timeoutTo({ duration: within, onTimeout: Option.none, onSuccess: (found) => found })
  )
