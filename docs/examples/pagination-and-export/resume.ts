// Page by page, with a checkpoint after each page, resumed after a crash. Run by
// packages/client/test/docs/pagination-and-export.test.ts.
import type { Pagination } from "@sinch-effect/client"
import { SinchClient } from "@sinch-effect/client"
import type { Messages } from "@sinch-effect/schema"
import { Ids } from "@sinch-effect/schema"
import { Effect, Stream } from "effect"

/** Where the job keeps its progress: a row in your database in a real application. */
export interface Progress {
  readonly load: Effect.Effect<{ readonly nextPageToken: string | undefined; readonly done: boolean } | undefined>
  readonly save: (page: Pagination.Page<unknown>) => Effect.Effect<void>
}

/**
 * Hands every message of a contact to `handle`, page by page. A page's checkpoint is saved once all its messages were
 * handled, so a job that crashed continues with the page after the last one saved. The messages of the page that was
 * in progress are handled again: make `handle` idempotent.
 */
export const handleAll = <E>(
  contactId: string,
  progress: Progress,
  handle: (message: Messages.ConversationMessage) => Effect.Effect<void, E>
) =>
  Effect.gen(function* () {
    const sinch = yield* SinchClient.SinchClient
    const saved = yield* progress.load
    if (saved?.done) return "already done"
    yield* sinch.messages
      .listPages({ contact_id: Ids.ContactId.make(contactId), page_size: 20 }, { pageToken: saved?.nextPageToken })
      .pipe(
        Stream.runForEach((page) =>
          Effect.forEach(page.items, handle, { discard: true }).pipe(Effect.zipRight(progress.save(page)))
        )
      )
    return saved === undefined ? "finished" : "resumed and finished"
  })

/** The checkpoint of a page: resume after it with `nextPageToken`; on the last page there is none, and it is done. */
export const checkpointOf = (page: Pagination.Page<unknown>) => ({
  nextPageToken: page.nextPageToken,
  done: page.nextPageToken === undefined
})
