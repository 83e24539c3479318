// Reconciling a send whose outcome is unknown, with messages.list. Run by
// packages/client/test/docs/errors-and-retries.test.ts, with the emulator dropping the connection after it stored
// the message (and, in another test, before).
import { SinchClient } from "@sinch-effect/client"
import { Ids } from "@sinch-effect/schema"
import { DateTime, Duration, Effect, Option, Stream } from "effect"

export interface OutgoingText {
  readonly appId: string
  readonly contactId: string
  readonly text: string
  /** Your idempotency key (the id of the row in your outbox): at most 128 characters. */
  readonly key: string
}

/** The message sent with `message_metadata: key` to the contact since `since`, if the API has it. */
export const findSent = (contactId: string, key: string, since: DateTime.Utc) =>
  Effect.flatMap(SinchClient.SinchClient, (sinch) =>
    sinch.messages.list({ contact_id: Ids.ContactId.make(contactId), start_time: since, page_size: 20 }).pipe(
      Stream.filter((message) => message.direction === "TO_CONTACT" && message.metadata === key),
      Stream.runHead
    )
  )

/**
 * Sends a text at most once. On `SendOutcomeUnknown` it waits for the API to settle, looks the message up by its key,
 * and sends again only when it is not there. A second unknown outcome is returned to the caller (keep the key: the
 * next attempt reconciles the same way).
 */
export const sendOnce = (text: OutgoingText, settle: Duration.DurationInput = "2 seconds") =>
  Effect.gen(function* () {
    const sinch = yield* SinchClient.SinchClient
    const since = DateTime.subtract(yield* DateTime.now, { minutes: 5 }) // room for clock skew
    const send = sinch.messages.send({
      app_id: Ids.AppId.make(text.appId),
      recipient: { contact_id: Ids.ContactId.make(text.contactId) },
      message: { text_message: { text: text.text } },
      correlation_id: text.key, // comes back in every callback about this message
      message_metadata: text.key // comes back as `metadata` of the stored message
    })
    return yield* send.pipe(
      Effect.map((sent) => ({ messageId: sent.message_id, reconciled: "no" as const })),
      Effect.catchTag("SendOutcomeUnknown", (unknown) =>
        Effect.gen(function* () {
          yield* Effect.logWarning(unknown.message)
          yield* Effect.sleep(settle)
          const found = yield* findSent(text.contactId, text.key, since)
          if (Option.isSome(found)) {
            return { messageId: found.value.id!, reconciled: "it had been sent" as const }
          }
          const again = yield* send
          return { messageId: again.message_id, reconciled: "sent again" as const }
        })
      )
    )
  })
