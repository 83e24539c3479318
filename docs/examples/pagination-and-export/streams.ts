// Lists as Streams. Run by packages/client/test/docs/pagination-and-export.test.ts.
import { SinchClient } from "@sinch-effect/client"
import { Ids } from "@sinch-effect/schema"
import { Effect, Option, Stream } from "effect"

/** The texts of a conversation, newest first. Pages are requested as the stream is consumed, never all at once. */
export const textsOf = (conversationId: string) =>
  Stream.unwrap(
    Effect.map(SinchClient.SinchClient, (sinch) =>
      sinch.messages.list({ conversation_id: Ids.ConversationId.make(conversationId), page_size: 20 })
    )
  ).pipe(
    Stream.filterMap((message) =>
      Option.fromNullable(message.app_message?.text_message?.text ?? message.contact_message?.text_message?.text)
    )
  )

/** The five latest messages of a contact: `Stream.take` stops the stream, and no further page is requested. */
export const latestFive = (contactId: string) =>
  Effect.flatMap(SinchClient.SinchClient, (sinch) =>
    sinch.messages
      .list({ contact_id: Ids.ContactId.make(contactId), page_size: 2 })
      .pipe(Stream.take(5), Stream.runCollect)
  )

/** Contacts in batches of 50 for a bulk job, with up to 3 pages fetched ahead while a batch is being processed. */
export const contactBatches = (process: (batch: ReadonlyArray<string>) => Effect.Effect<void>) =>
  Effect.flatMap(SinchClient.SinchClient, (sinch) =>
    sinch.contacts.list({ page_size: 20 }, { prefetch: 3 }).pipe(
      Stream.map((contact) => contact.id ?? ""),
      Stream.grouped(50),
      Stream.runForEach((batch) => process([...batch]))
    )
  )

/** Counts a contact's messages; a server that misbehaves ends the count early, and the result says why. */
export const countMessages = (contactId: string) =>
  Effect.gen(function* () {
    const sinch = yield* SinchClient.SinchClient
    let count = 0
    const outcome = yield* sinch.messages
      .list({ contact_id: Ids.ContactId.make(contactId) }, { maxEmptyPages: 3 })
      .pipe(
        Stream.runForEach(() => Effect.sync(() => count++)),
        Effect.as("complete" as const),
        Effect.catchTag("PaginationError", (error) => Effect.succeed(error.reason))
      )
    return { count, outcome }
  })
