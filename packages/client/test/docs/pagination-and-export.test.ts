/**
 * docs/pagination-and-export.md: lists as streams, pages and resume, prefetch, termination, and exports, against an
 * emulator over a real socket.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as FileSystem from "@effect/platform/FileSystem"
import { assert, describe, it } from "@effect/vitest"
import { Emulator, Fault } from "@sinch-effect/emulator"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Ref from "effect/Ref"
import * as Stream from "effect/Stream"
import { checkpointOf, handleAll, type Progress } from "../../../../docs/examples/pagination-and-export/resume.js"
import {
  contactBatches,
  countMessages,
  latestFive,
  textsOf
} from "../../../../docs/examples/pagination-and-export/streams.js"
import { contactsTo, exportMessages, rawMessages } from "../../../../docs/examples/pagination-and-export/export.js"
import * as Export from "../../src/Export.js"
import * as SinchClient from "../../src/SinchClient.js"
import { assertShowsExamples } from "./guides.js"

/** A seeded emulator and a client whose requests are recorded. */
const setup = (seed: Emulator.SeedOptions) =>
  Effect.gen(function* () {
    const emu = yield* Emulator.serve()
    const seeded = yield* emu.seed(seed)
    const requests = yield* Ref.make<ReadonlyArray<URL>>([])
    const recording = Layer.effect(
      HttpClient.HttpClient,
      Effect.map(
        HttpClient.HttpClient,
        HttpClient.tapRequest((request) => Ref.update(requests, (all) => [...all, new URL(request.url)]))
      )
    ).pipe(Layer.provide(FetchHttpClient.layer))
    const client = SinchClient.layerWith(emu.clientOptions).pipe(Layer.provide(recording))
    const run = <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.provide(effect, client)
    const listRequests = Effect.map(Ref.get(requests), (all) => all.filter((url) => url.pathname.endsWith("/messages")))
    const resetRequests = Ref.set(requests, [])
    return { emu, seeded, run, listRequests, resetRequests, requests }
  })

describe("docs/pagination-and-export.md", () => {
  it("shows every example file verbatim", () => assertShowsExamples("pagination-and-export"))

  it.scopedLive("streams.ts: every item in order, take stops paging, batches with prefetch", () =>
    Effect.gen(function* () {
      const { emu, listRequests, resetRequests, run, seeded } = yield* setup({ contacts: 3, messages: 150 })
      const contactId = seeded.firstContactId!
      const all = yield* run(
        Effect.flatMap(SinchClient.SinchClient, (sinch) =>
          Stream.runCollect(sinch.messages.list({ contact_id: contactId as never }))
        )
      )
      assert.strictEqual(Chunk.size(all), 50)
      const conversationId = Chunk.unsafeHead(all).conversation_id!
      const texts = yield* run(Stream.runCollect(textsOf(conversationId)))
      assert.strictEqual(Chunk.size(texts), 50)

      // 5 items of pages of 2: 3 pages are enough, plus at most one prefetched
      yield* resetRequests
      const five = yield* run(latestFive(contactId))
      assert.deepStrictEqual(
        Chunk.toReadonlyArray(five).map((m) => m.id),
        Chunk.toReadonlyArray(all)
          .slice(0, 5)
          .map((m) => m.id)
      )
      const pages = (yield* listRequests).length
      assert.isAtLeast(pages, 3)
      assert.isAtMost(pages, 4)

      yield* emu.seed({ contacts: 117, messages: 0 })
      const batches: Array<number> = []
      yield* run(contactBatches((batch) => Effect.sync(() => batches.push(batch.length))))
      assert.deepStrictEqual(batches, [50, 50, 20])
    })
  )

  it.scopedLive("a slow consumer holds the producer back: pages requested stay within the prefetch depth", () =>
    Effect.gen(function* () {
      const { listRequests, resetRequests, run, seeded } = yield* setup({ contacts: 1, messages: 200 })
      yield* resetRequests
      const seen = yield* Ref.make(0)
      const ahead = yield* Ref.make(0)
      yield* run(
        Effect.flatMap(SinchClient.SinchClient, (sinch) =>
          sinch.messages.listPages({ contact_id: seeded.firstContactId as never, page_size: 10 }, { prefetch: 2 }).pipe(
            Stream.runForEach((page) =>
              Effect.gen(function* () {
                yield* Effect.sleep("20 millis")
                const requested = (yield* listRequests).length
                yield* Ref.update(ahead, (max) => Math.max(max, requested - (page.index + 1)))
                yield* Ref.update(seen, (n) => n + page.items.length)
              })
            )
          )
        )
      )
      assert.strictEqual(yield* Ref.get(seen), 200)
      // the page being handled, 2 buffered, and 1 in flight at most
      assert.isAtMost(yield* Ref.get(ahead), 3)
    })
  )

  it.scopedLive("streams.ts: a repeated page token ends the count with a reason instead of looping", () =>
    Effect.gen(function* () {
      const { emu, run, seeded } = yield* setup({ contacts: 1, messages: 35 })
      assert.deepStrictEqual(yield* run(countMessages(seeded.firstContactId!)), { count: 35, outcome: "complete" })
      yield* emu.addFault(Fault.rule("messages.list", Fault.repeatPageToken))
      const broken = yield* run(countMessages(seeded.firstContactId!))
      assert.strictEqual(broken.outcome, "RepeatedToken")
      assert.strictEqual(broken.count, 10)
    })
  )

  it.scopedLive("resume.ts: a job that crashed mid-page resumes after the last saved page", () =>
    Effect.gen(function* () {
      const { run, seeded } = yield* setup({ contacts: 1, messages: 90 })
      const saved = yield* Ref.make<ReturnType<typeof checkpointOf> | undefined>(undefined)
      const progress: Progress = {
        load: Ref.get(saved),
        save: (page) => Ref.set(saved, checkpointOf(page))
      }
      const handled: Array<string> = []
      const crashAt = 47
      const first = yield* Effect.either(
        run(
          handleAll(seeded.firstContactId!, progress, (message) =>
            handled.length === crashAt ? Effect.fail("crash" as const) : Effect.sync(() => handled.push(message.id!))
          )
        )
      )
      assert.isTrue(first._tag === "Left")
      assert.strictEqual(handled.length, crashAt)
      assert.isFalse((yield* Ref.get(saved))!.done)
      assert.strictEqual(
        yield* run(handleAll(seeded.firstContactId!, progress, (m) => Effect.sync(() => handled.push(m.id!)))),
        "resumed and finished"
      )
      // every message handled; only the 7 of the page in progress (the third) twice
      assert.strictEqual(new Set(handled).size, 90)
      assert.strictEqual(handled.length, 97)
      assert.isTrue((yield* Ref.get(saved))!.done)
      assert.strictEqual(yield* run(handleAll(seeded.firstContactId!, progress, () => Effect.void)), "already done")
    })
  )

  it.scopedLive("export.ts: an interrupted file export resumes into the same bytes as an uninterrupted one", () =>
    Effect.gen(function* () {
      const { emu, run, seeded } = yield* setup({ contacts: 7, messages: 230 })
      const fs = yield* FileSystem.FileSystem
      const dir = yield* fs.makeTempDirectoryScoped()
      const whole = `${dir}/whole.ndjson`
      const resumed = `${dir}/resumed.ndjson`

      // what a plain HTTP client reads: the app's conversations, then each one's messages, page by page
      const basic = { authorization: `Basic ${btoa(`${emu.keyId}:${emu.env["SINCH_KEY_SECRET"]}`)}` }
      const getAll = (path: string, query: string, key: string) =>
        Effect.promise(async () => {
          const items: Array<unknown> = []
          let token = ""
          do {
            const url = `${emu.url}/v1/projects/${emu.projectId}${path}?${query}&page_size=20${token === "" ? "" : `&page_token=${token}`}`
            const page = (await fetch(url, { headers: basic }).then((r) => r.json())) as Record<string, unknown>
            items.push(...(page[key] as Array<unknown>))
            token = page["next_page_token"] as string
          } while (token !== "")
          return items
        })
      const conversations = (yield* getAll(
        "/conversations",
        `app_id=${seeded.appId}&only_active=false`,
        "conversations"
      )).map((c) => (c as { id: string }).id)
      assert.strictEqual(conversations.length, 7)
      const perConversation: Array<ReadonlyArray<string>> = []
      for (const id of conversations) {
        const items = yield* getAll("/messages", `conversation_id=${id}`, "messages")
        perConversation.push(items.map((m) => JSON.stringify(m) + "\n"))
      }
      const direct = perConversation.flat()
      assert.strictEqual(direct.length, 230)

      // the pages of the walk: [conversation, items] (an empty conversation still has its empty page)
      const walkPages = perConversation.flatMap((lines, c) =>
        Array.from({ length: Math.max(1, Math.ceil(lines.length / 20)) }, (_, i) => ({
          conversation: c,
          items: Math.min(20, lines.length - i * 20),
          last: (i + 1) * 20 >= lines.length
        }))
      )
      // the export has those pages and the empty page that ends the walk
      const once = yield* run(exportMessages(seeded.appId, whole))
      assert.deepStrictEqual(
        [once.items, once.pages, once.done, once.resumed],
        [230, walkPages.length + 1, true, false]
      )

      // stop after 3 pages (the start report and three page reports: into the second conversation), then leave half a
      // page behind, as a crash would
      yield* run(
        Export.streamToFile(Export.projectMessages({ app_id: seeded.appId as never, page_size: 20 }), {
          path: resumed
        }).pipe(Stream.take(4), Stream.runDrain)
      )
      const checkpoint = yield* Export.readCheckpoint(Export.defaultCheckpointPath(resumed))
      const atKill = walkPages.slice(0, 3).reduce((n, page) => n + page.items, 0)
      assert.deepStrictEqual([checkpoint?.items, checkpoint?.pages, checkpoint?.done], [atKill, 3, false])
      // the checkpoint says where the walk stands: the conversation of the third page, and whether it is finished
      assert.include(JSON.parse(checkpoint!.page_token!), {
        conversation_id: conversations[walkPages[2]!.conversation],
        finished: walkPages[2]!.last
      })
      yield* fs.writeFileString(resumed, '{"id":"half a page', { flag: "a" })
      const second = yield* run(exportMessages(seeded.appId, resumed))
      assert.deepStrictEqual(
        [second.items, second.written, second.resumedAt, second.resumed],
        [230, 230 - atKill, atKill, true]
      )
      assert.strictEqual(yield* fs.readFileString(resumed), yield* fs.readFileString(whole))

      // lossless: the lines are the API's JSON values, as a plain HTTP client reads them
      assert.strictEqual(yield* fs.readFileString(whole), direct.join(""))
      // microseconds kept (decoded timestamps have milliseconds)
      assert.match(direct[0]!, /"accept_time":"[^"]+\.\d{6}Z"/)
      const raw = yield* run(Stream.runCollect(rawMessages(conversations[0]!)))
      assert.deepStrictEqual(
        Chunk.toReadonlyArray(raw).map((m) => JSON.stringify(m) + "\n"),
        perConversation[0]
      )

      // a finished export is left as it is
      const again = yield* run(exportMessages(seeded.appId, whole))
      assert.isTrue(again.alreadyComplete)
      assert.strictEqual(again.written, 0)
    }).pipe(Effect.provide(NodeContext.layer))
  )

  it.scopedLive("export.ts: contacts to a sink; a checkpoint of another export is refused", () =>
    Effect.gen(function* () {
      const { run, seeded } = yield* setup({ contacts: 45, messages: 0 })
      const chunks: Array<string> = []
      const progress = yield* run(contactsTo((text) => Effect.sync(() => chunks.push(text))))
      assert.strictEqual(progress.items, 45)
      assert.strictEqual(
        chunks
          .join("")
          .split("\n")
          .filter((l) => l !== "").length,
        45
      )

      const fs = yield* FileSystem.FileSystem
      const dir = yield* fs.makeTempDirectoryScoped()
      yield* run(exportMessages(seeded.appId, `${dir}/a.ndjson`))
      const other = yield* Effect.flip(
        run(Export.toFile(Export.projectMessages({ app_id: "another-app" as never }), { path: `${dir}/a.ndjson` }))
      )
      assert.strictEqual(other._tag, "ExportError")
      if (other._tag === "ExportError") assert.strictEqual(other.reason, "OtherFilters")
    }).pipe(Effect.provide(NodeContext.layer))
  )
})
