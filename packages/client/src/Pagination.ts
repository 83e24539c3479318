/**
 * Token pagination as `Stream`s.
 *
 * A list follows `next_page_token`, sending the same parameters on every page. The end is an absent or empty token.
 * Pages without items but with a token are skipped (up to `maxEmptyPages` in a row); a token the server already
 * returned is a `PaginationError` instead of an endless loop. The next page is requested while the consumer works on
 * the current one (`prefetch`, default 1 page), and a slow consumer holds the producer back: memory stays bounded by
 * the prefetch depth.
 *
 * The page-level stream exposes each page's `nextPageToken`: store it after processing a page and pass it back as
 * `pageToken` to resume right after that page.
 *
 * @since 0.1.0
 */
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { ahead, type Pull, withPull } from "./internal/readAhead.js"
import { PaginationError } from "./SinchError.js"

/**
 * One page of a list.
 *
 * @since 0.1.0
 * @category models
 */
export interface Page<A> {
  readonly items: ReadonlyArray<A>
  /** The token this page was requested with (`undefined` for the first page). */
  readonly pageToken: string | undefined
  /** The token of the next page, `undefined` on the last page. A checkpoint: resuming from it continues after this page. */
  readonly nextPageToken: string | undefined
  /** Position of the page in this stream, from 0. */
  readonly index: number
}

/**
 * What a page request returns.
 *
 * @since 0.1.0
 * @category models
 */
export interface PageResult<A> {
  readonly items: ReadonlyArray<A>
  readonly nextPageToken: string | undefined
}

/**
 * How a paginated stream reads: the page token to start from (a checkpoint), how many pages it prefetches, and how many
 * empty pages in a row it tolerates.
 *
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** Start from this token (a checkpoint) instead of the first page. */
  readonly pageToken?: string | undefined
  /** Pages requested ahead of the consumer. Default 1; 0 disables prefetching. */
  readonly prefetch?: number | undefined
  /** Consecutive empty pages (with a next token) tolerated before failing. Default 10. */
  readonly maxEmptyPages?: number | undefined
}

/** How many recent tokens are remembered to detect a repeated token (bounded, for constant memory). */
const recentTokens = 64

/**
 * A stream of pages from a page request function.
 *
 * @since 0.1.0
 * @category constructors
 */
export const pages = <A, E, R>(
  operation: string,
  fetch: (pageToken: string | undefined) => Effect.Effect<PageResult<A>, E, R>,
  options?: Options
): Stream.Stream<Page<A>, E | PaginationError, R> => {
  const maxEmpty = Math.max(0, options?.maxEmptyPages ?? 10)
  const start = options?.pageToken === "" ? undefined : options?.pageToken
  const prefetch = Math.max(0, Math.floor(options?.prefetch ?? 1))
  return withPull(
    Effect.suspend(() => {
      // where the list stands, for this run of the stream
      let token = start
      let done = false
      let index = 0
      let empty = 0
      const recent: Array<string> = start === undefined ? [] : [start]
      const next: Pull<Page<A>, E | PaginationError, R> = Effect.suspend(() => {
        if (done) return Effect.succeed(undefined)
        return Effect.flatMap(fetch(token), (result) => {
          const nextToken =
            result.nextPageToken === undefined || result.nextPageToken === "" ? undefined : result.nextPageToken
          if (nextToken !== undefined && recent.includes(nextToken)) {
            return Effect.fail(new PaginationError({ operation, reason: "RepeatedToken", pages: index + 1 }))
          }
          empty = result.items.length === 0 ? empty + 1 : 0
          if (nextToken !== undefined && empty > maxEmpty) {
            return Effect.fail(new PaginationError({ operation, reason: "TooManyEmptyPages", pages: index + 1 }))
          }
          const page: Page<A> = { items: result.items, pageToken: token, nextPageToken: nextToken, index: index++ }
          if (nextToken !== undefined) {
            if (recent.length >= recentTokens) recent.shift()
            recent.push(nextToken)
          }
          token = nextToken
          done = nextToken === undefined
          return Effect.succeed(page)
        })
      })
      return ahead(next, prefetch)
    })
  )
}

/**
 * The items of a page stream, in order; empty pages contribute nothing.
 *
 * @since 0.1.0
 * @category combinators
 */
export const items = <A, E, R>(self: Stream.Stream<Page<A>, E, R>): Stream.Stream<A, E, R> =>
  Stream.mapConcat(self, (page) => page.items)
