import { assert, describe, it } from "@effect/vitest"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Stream from "effect/Stream"
import * as Pagination from "../src/Pagination.js"

/** A fake server: `pages[i]` are the items of page i, tokens are "t1", "t2", ... */
const server = (pages: ReadonlyArray<ReadonlyArray<number>>, tokenOf?: (i: number) => string | undefined) => {
  const calls: Array<string | undefined> = []
  const fetch = (token: string | undefined) =>
    Effect.sync(() => {
      calls.push(token)
      const i = token === undefined ? 0 : Number(token.slice(1))
      const next = tokenOf ? tokenOf(i) : i + 1 < pages.length ? `t${i + 1}` : undefined
      return { items: pages[i] ?? [], nextPageToken: next }
    })
  return { calls, fetch }
}

describe("Pagination", () => {
  it.effect("follows tokens to the end and yields every item in order", () =>
    Effect.gen(function* () {
      const { calls, fetch } = server([[1, 2], [3], [4, 5, 6]])
      const items = yield* Stream.runCollect(Pagination.items(Pagination.pages("x.list", fetch)))
      assert.deepStrictEqual(Chunk.toReadonlyArray(items), [1, 2, 3, 4, 5, 6])
      assert.deepStrictEqual(calls, [undefined, "t1", "t2"])
    })
  )

  it.effect("an empty token ends the stream", () =>
    Effect.gen(function* () {
      const { calls, fetch } = server([[1], [2]], (i) => (i === 0 ? "t1" : ""))
      const items = yield* Stream.runCollect(Pagination.items(Pagination.pages("x.list", fetch)))
      assert.deepStrictEqual(Chunk.toReadonlyArray(items), [1, 2])
      assert.strictEqual(calls.length, 2)
    })
  )

  it.effect("skips empty pages that carry a token", () =>
    Effect.gen(function* () {
      const { fetch } = server([[1], [], [], [2]])
      const items = yield* Stream.runCollect(Pagination.items(Pagination.pages("x.list", fetch)))
      assert.deepStrictEqual(Chunk.toReadonlyArray(items), [1, 2])
    })
  )

  it.effect("too many empty pages in a row is a typed error", () =>
    Effect.gen(function* () {
      const { calls, fetch } = server([], (i) => `t${i + 1}`)
      const exit = yield* Effect.exit(Stream.runDrain(Pagination.pages("x.list", fetch, { maxEmptyPages: 3 })))
      assert.isTrue(Exit.isFailure(exit))
      if (Exit.isFailure(exit) && exit.cause._tag === "Fail") {
        assert.strictEqual(exit.cause.error._tag, "PaginationError")
        assert.strictEqual(exit.cause.error.reason, "TooManyEmptyPages")
      }
      assert.strictEqual(calls.length, 4)
    })
  )

  it.effect("a repeated token is a typed error, not a loop", () =>
    Effect.gen(function* () {
      const { calls, fetch } = server([[1], [2], [3]], (i) => (i === 0 ? "t1" : i === 1 ? "t2" : "t1"))
      const result = yield* Effect.either(Stream.runCollect(Pagination.items(Pagination.pages("x.list", fetch))))
      assert.strictEqual(result._tag, "Left")
      if (result._tag === "Left") {
        assert.strictEqual(result.left.reason, "RepeatedToken")
        assert.include(result.left.message, "x.list")
      }
      assert.strictEqual(calls.length, 3)
    })
  )

  it.effect("resumes from a checkpoint without gap or duplicate", () =>
    Effect.gen(function* () {
      const { fetch } = server([[1, 2], [3, 4], [5, 6], [7]])
      const firstTwo = yield* Stream.runCollect(Stream.take(Pagination.pages("x.list", fetch), 2))
      const checkpoint = Chunk.unsafeLast(firstTwo).nextPageToken
      assert.strictEqual(checkpoint, "t2")
      const rest = yield* Stream.runCollect(
        Pagination.items(Pagination.pages("x.list", fetch, { pageToken: checkpoint }))
      )
      const before = Chunk.toReadonlyArray(firstTwo).flatMap((p) => p.items)
      assert.deepStrictEqual([...before, ...Chunk.toReadonlyArray(rest)], [1, 2, 3, 4, 5, 6, 7])
    })
  )

  it.effect("prefetch stays bounded with a slow consumer", () =>
    Effect.gen(function* () {
      const { calls, fetch } = server(Array.from({ length: 50 }, (_, i) => [i]))
      const seen: Array<number> = []
      yield* Pagination.pages("x.list", fetch, { prefetch: 2 }).pipe(
        Stream.tap((page) =>
          Effect.gen(function* () {
            // pages fetched but not yet consumed never exceed prefetch + 2 (queue, one in flight, the current one)
            assert.isAtMost(calls.length - page.index, 4)
            seen.push(page.index)
            yield* Effect.yieldNow()
          })
        ),
        Stream.runDrain
      )
      assert.strictEqual(seen.length, 50)
    })
  )
})
