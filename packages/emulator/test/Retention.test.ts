import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as TestClock from "effect/TestClock"
import { Emulator } from "@sinch-effect/emulator"
import { appMessages, client, createApp } from "./helpers.js"

const sms = (identity: string) => ({ identified_by: { channel_identities: [{ channel: "SMS", identity }] } })
const text = (t: string) => ({ text_message: { text: t } })
const DAY_MICROS = 86_400_000_000

type Api = ReturnType<typeof client>

const send = (api: Api, appId: string, identity: string, t: string) =>
  api
    .post("/messages:send", { app_id: appId, recipient: sms(identity), message: text(t) })
    .pipe(Effect.map((r) => r.json.message_id as string))

const status = (api: Api, path: string) => api.get(path).pipe(Effect.map((r) => r.status))

/** Every message id a list query returns, walking all pages. */
const listAll = (api: Api, query: string) =>
  Effect.gen(function* () {
    const ids: Array<string> = []
    let token = ""
    do {
      const page = yield* api.get(`/messages?${query}&page_size=20&page_token=${token}`)
      assert.strictEqual(page.status, 200)
      ids.push(...page.json.messages.map((m: { id: string }) => m.id))
      token = page.json.next_page_token
    } while (token !== "")
    return ids
  })

/** Every message id of an app, conversation by conversation. */
const appIds = (api: Api, appId: string) =>
  Effect.map(appMessages(api, appId), (messages) => messages.map((m: { id: string }) => m.id))

const conversationOf = (api: Api, messageId: string) =>
  api.get(`/messages/${messageId}`).pipe(Effect.map((r) => r.json.conversation_id as string))

describe("retention policies", () => {
  it.scoped("MESSAGE_EXPIRE_POLICY is the default (180 days): older messages are gone, other apps keep theirs", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve({ clock: "effect" })
      const api = client(emu)
      const app = yield* createApp(api)
      assert.deepStrictEqual(app["retention_policy"], { retention_type: "MESSAGE_EXPIRE_POLICY", ttl_days: 180 })
      const keeper = yield* createApp(api, { retention_policy: { retention_type: "PERSIST_RETENTION_POLICY" } })
      const old = yield* send(api, app.id, "+461", "old")
      const kept = yield* send(api, keeper.id, "+461", "kept")
      const conversationId = yield* conversationOf(api, old)
      yield* TestClock.adjust("90 days")
      const newer = yield* send(api, app.id, "+461", "newer")
      yield* TestClock.adjust("90 days")
      // exactly 180 days old: still there
      assert.strictEqual(yield* status(api, `/messages/${old}`), 200)
      yield* TestClock.adjust("1 second")
      assert.strictEqual(yield* status(api, `/messages/${old}`), 404)
      assert.strictEqual((yield* api.patch(`/messages/${old}`, { metadata: "x" })).status, 404)
      assert.strictEqual((yield* api.del(`/messages/${old}`)).status, 404)
      assert.deepStrictEqual(yield* appIds(api, app.id), [newer])
      assert.deepStrictEqual(yield* listAll(api, `conversation_id=${conversationId}`), [newer])
      // the conversation stays: only messages expire
      assert.strictEqual(yield* status(api, `/conversations/${conversationId}`), 200)
      // the other app is untouched
      assert.strictEqual(yield* status(api, `/messages/${kept}`), 200)
      assert.deepStrictEqual(yield* appIds(api, keeper.id), [kept])
      assert.strictEqual((yield* emu.stats()).messages, 2)
      // once the newest message expired too, the conversation has no message left to show in recent
      yield* TestClock.adjust("91 days")
      assert.strictEqual(yield* status(api, `/messages/${newer}`), 404)
      const recent = yield* api.get(`/conversations:recent?app_id=${app.id}`)
      assert.deepStrictEqual([recent.json.conversations.length, recent.json.total_size], [0, 0])
      assert.strictEqual((yield* emu.stats()).messages, 1)
    })
  )

  it.scoped("MESSAGE_EXPIRE_POLICY applies to seeded and injected history with old timestamps", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const api = client(emu)
      const app = yield* createApp(api, { retention_policy: { retention_type: "MESSAGE_EXPIRE_POLICY", ttl_days: 3 } })
      // ages 0.5 µs .. 4.5 days, half a day apart: the 7 older than 3 days are gone
      const seeded = yield* emu.seed({ appId: app.id, contacts: 1, messages: 10, spacingMicros: DAY_MICROS / 2 })
      const listed = yield* listAll(api, `contact_id=${seeded.firstContactId}`)
      assert.strictEqual(listed.length, 6)
      const conversations = yield* api.get(`/conversations?app_id=${app.id}&only_active=false`)
      assert.strictEqual(conversations.json.total_size, 1)
      const conversationId = conversations.json.conversations[0].id
      const injected = (at: string) =>
        api.post(`/conversations/${conversationId}:inject-message`, {
          contact_message: text(at),
          channel_identity: { channel: "SMS", identity: "+1" },
          direction: "TO_APP",
          accept_time: at
        })
      assert.strictEqual((yield* injected(new Date(Date.now() - 4 * 86_400_000).toISOString())).status, 200)
      assert.strictEqual((yield* injected(new Date(Date.now() - 2 * 86_400_000).toISOString())).status, 200)
      const after = yield* api.get(`/messages?conversation_id=${conversationId}&page_size=20`)
      assert.strictEqual(after.json.messages.length, 7)
      assert.isTrue(after.json.messages.some((m: { injected: boolean }) => m.injected))
      const fetched = yield* api.post("/messages:fetch-last-message", {
        contact_ids: [seeded.firstContactId],
        messages_source: "CONVERSATION_SOURCE"
      })
      assert.strictEqual(fetched.json.messages[0].id, listed[0])
      assert.strictEqual((yield* emu.stats()).messages, 7)
    })
  )

  it.scoped("CONVERSATION_EXPIRE_POLICY: only the last message counts, then the whole conversation goes", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve({ clock: "effect" })
      const api = client(emu)
      const app = yield* createApp(api, {
        retention_policy: { retention_type: "CONVERSATION_EXPIRE_POLICY", ttl_days: 10 }
      })
      const a1 = yield* send(api, app.id, "+46A", "a1")
      const b1 = yield* send(api, app.id, "+46B", "b1")
      const convA = yield* conversationOf(api, a1)
      const convB = yield* conversationOf(api, b1)
      const event = yield* api.post(`/conversations/${convB}:inject-event`, {
        app_event: { composing_event: {} },
        accept_time: "1970-01-01T00:00:00Z", // the TestClock starts at the epoch
        channel_identity: { channel: "SMS", identity: "+46B" }
      })
      assert.strictEqual(event.status, 200)
      assert.strictEqual(yield* status(api, `/events/${event.json.event_id}`), 200)
      yield* TestClock.adjust("8 days")
      const a2 = yield* send(api, app.id, "+46A", "a2")
      assert.strictEqual(yield* conversationOf(api, a2), convA)
      yield* TestClock.adjust("5 days")
      // a1 is 13 days old but its conversation's last message is 5 days old: kept
      assert.strictEqual(yield* status(api, `/messages/${a1}`), 200)
      assert.deepStrictEqual(yield* listAll(api, `conversation_id=${convA}`), [a2, a1])
      // B's last message is 13 days old: the conversation, its messages and its events are gone
      assert.strictEqual(yield* status(api, `/conversations/${convB}`), 404)
      assert.strictEqual(yield* status(api, `/messages/${b1}`), 404)
      assert.strictEqual(yield* status(api, `/events/${event.json.event_id}`), 404)
      assert.deepStrictEqual(yield* listAll(api, `conversation_id=${convB}`), [])
      assert.deepStrictEqual(yield* appIds(api, app.id), [a2, a1])
      const listed = yield* api.get(`/conversations?app_id=${app.id}&only_active=false`)
      assert.deepStrictEqual(
        [listed.json.total_size, listed.json.conversations.map((c: { id: string }) => c.id)],
        [1, [convA]]
      )
      const recent = yield* api.get(`/conversations:recent?app_id=${app.id}`)
      assert.deepStrictEqual(
        recent.json.conversations.map((c: { conversation: { id: string } }) => c.conversation.id),
        [convA]
      )
      // the next message to B starts a new conversation
      const b2 = yield* send(api, app.id, "+46B", "b2")
      const convB2 = yield* conversationOf(api, b2)
      assert.notStrictEqual(convB2, convB)
      assert.deepStrictEqual(yield* listAll(api, `conversation_id=${convB2}`), [b2])
      // 11 days after a2, A's conversation goes with both messages
      yield* TestClock.adjust("6 days")
      assert.strictEqual(yield* status(api, `/conversations/${convA}`), 404)
      assert.strictEqual(yield* status(api, `/messages/${a1}`), 404)
      assert.strictEqual(yield* status(api, `/messages/${a2}`), 404)
      assert.deepStrictEqual(yield* appIds(api, app.id), [b2])
      const stats = yield* emu.stats()
      assert.deepStrictEqual([stats.conversations, stats.messages, stats.events], [1, 1, 0])
    })
  )

  it.scoped("PERSIST_RETENTION_POLICY keeps everything, whatever ttl_days says", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve({ clock: "effect" })
      const api = client(emu)
      const app = yield* createApp(api, {
        retention_policy: { retention_type: "PERSIST_RETENTION_POLICY", ttl_days: 1 }
      })
      const id = yield* send(api, app.id, "+461", "forever")
      yield* TestClock.adjust("4000 days")
      assert.strictEqual(yield* status(api, `/messages/${id}`), 200)
      assert.deepStrictEqual(yield* appIds(api, app.id), [id])
      assert.strictEqual(yield* status(api, `/conversations/${yield* conversationOf(api, id)}`), 200)
      assert.strictEqual((yield* emu.stats()).messages, 1)
    })
  )

  it.scoped("a policy changed with apps update takes effect at once; what expired stays gone", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve({ clock: "effect" })
      const api = client(emu)
      const app = yield* createApp(api, { retention_policy: { retention_type: "PERSIST_RETENTION_POLICY" } })
      const old = yield* send(api, app.id, "+461", "old")
      yield* TestClock.adjust("30 days")
      const recent = yield* send(api, app.id, "+461", "recent")
      const updated = yield* api.patch(`/apps/${app.id}?update_mask.paths=retention_policy`, {
        retention_policy: { retention_type: "MESSAGE_EXPIRE_POLICY", ttl_days: 10 }
      })
      assert.deepStrictEqual(updated.json.retention_policy, { retention_type: "MESSAGE_EXPIRE_POLICY", ttl_days: 10 })
      assert.strictEqual(yield* status(api, `/messages/${old}`), 404)
      assert.strictEqual(yield* status(api, `/messages/${recent}`), 200)
      // back to persist: the deleted message does not come back
      yield* api.patch(`/apps/${app.id}`, { retention_policy: { retention_type: "PERSIST_RETENTION_POLICY" } })
      assert.deepStrictEqual(yield* appIds(api, app.id), [recent])
      // an update that leaves the policy alone changes nothing
      yield* api.patch(`/apps/${app.id}`, { display_name: "renamed" })
      yield* TestClock.adjust("400 days")
      assert.deepStrictEqual(yield* appIds(api, app.id), [recent])
      // to CONVERSATION_EXPIRE: the conversation's last message is 400 days old
      yield* api.patch(`/apps/${app.id}`, {
        retention_policy: { retention_type: "CONVERSATION_EXPIRE_POLICY", ttl_days: 365 }
      })
      assert.deepStrictEqual(yield* appIds(api, app.id), [])
      assert.strictEqual((yield* emu.stats()).conversations, 0)
    })
  )

  it.scoped("pages stay stable while messages expire between them", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve({ clock: "effect" })
      const api = client(emu)
      const app = yield* createApp(api, { retention_policy: { retention_type: "MESSAGE_EXPIRE_POLICY", ttl_days: 2 } })
      const sent: Array<string> = []
      for (let i = 0; i < 40; i++) {
        sent.push(yield* send(api, app.id, "+460", `m${i}`))
        yield* TestClock.adjust("1 hour")
      }
      const newestFirst = [...sent].reverse()
      const of = `conversation_id=${yield* conversationOf(api, sent[0]!)}`
      const first = yield* api.get(`/messages?${of}&page_size=20`)
      assert.deepStrictEqual(
        first.json.messages.map((m: { id: string }) => m.id),
        newestFirst.slice(0, 20)
      )
      // a day later (a new simulated day, so expired messages are dropped): the 40 hours old ones expire
      yield* TestClock.adjust("1 day")
      const second = yield* api.get(`/messages?${of}&page_size=20&page_token=${first.json.next_page_token}`)
      // now = 64 h after the first send: messages sent at hours 16..19 are at most 48 h old
      assert.deepStrictEqual(
        second.json.messages.map((m: { id: string }) => m.id),
        newestFirst.slice(20, 24)
      )
      assert.strictEqual(second.json.next_page_token, "")
    })
  )
})
