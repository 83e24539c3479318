/**
 * The inspector in a real browser (headless Chromium): messages of every kind sent with the client are rendered,
 * the page acts as the contact and the app's webhook verifies the callbacks, faults injected from the page reach the
 * client as typed errors, live updates arrive without a reload, a seeded project of 10k messages loads in under a
 * second and a thread of 1,000 messages is paged as it scrolls.
 */
import * as Http from "node:http"
import type { AddressInfo } from "node:net"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { assert, describe, it } from "@effect/vitest"
import { SinchClient } from "@sinch-effect/client"
import { Emulator } from "@sinch-effect/emulator"
import { Ids } from "@sinch-effect/schema"
import { NonceStore, Webhooks } from "@sinch-effect/webhooks"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Queue from "effect/Queue"
import * as TestClock from "effect/TestClock"
import * as TestContext from "effect/TestContext"
import type { Page } from "puppeteer-core"
import { open, screenshot, until } from "./inspector/browser.js"

const SECRET = "inspector-secret"

const clientFor = (emu: Emulator.Running) =>
  SinchClient.layerWith(emu.clientOptions).pipe(Layer.provide(FetchHttpClient.layer))

/**
 * A webhook endpoint that verifies every callback with @sinch-effect/webhooks and queues the verified events; it also
 * serves the images the messages show (nothing outside localhost is reachable).
 */
const webhookServer = Effect.gen(function* () {
  const webhook = Webhooks.make({ secrets: SECRET, nonceStore: NonceStore.memory() })
  const verified = yield* Queue.unbounded<Webhooks.Event>()
  const rejected: Array<string> = []
  const server = Http.createServer((req, res) => {
    if (req.method === "GET") {
      const label = decodeURIComponent(req.url!.slice(1).replace(/\.svg$/, ""))
      res.writeHead(200, { "content-type": "image/svg+xml" }).end(svg(label))
      return
    }
    const chunks: Array<Buffer> = []
    req.on("data", (c: Buffer) => chunks.push(c))
    req.on("end", () => {
      Effect.runFork(
        webhook.parse(Buffer.concat(chunks), req.headers).pipe(
          Effect.flatMap((parsed) => Queue.offer(verified, parsed.event)),
          Effect.match({
            onFailure: (e) => {
              rejected.push(e._tag)
              res.writeHead(401).end()
            },
            onSuccess: () => res.writeHead(200).end()
          })
        )
      )
    })
  })
  yield* Effect.acquireRelease(
    Effect.async<void>((resume) => {
      server.listen(0, "127.0.0.1", () => resume(Effect.void))
    }),
    () =>
      Effect.async<void>((resume) => {
        server.close(() => resume(Effect.void))
        server.closeAllConnections()
      })
  )
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  /** The next verified callback that matches. */
  const next = <A>(pick: (event: Webhooks.Event) => A | undefined): Effect.Effect<A> =>
    Effect.gen(function* () {
      for (;;) {
        const found = pick(yield* Queue.take(verified))
        if (found !== undefined) return found
      }
    })
  return { url: `${base}/sinch`, image: (label: string) => `${base}/${encodeURIComponent(label)}.svg`, next, rejected }
})

/** An app on WhatsApp and SMS with a webhook (with a secret) for every trigger the page produces. */
const appWithWebhook = (url: string) =>
  Effect.gen(function* () {
    const sinch = yield* SinchClient.SinchClient
    const app = yield* sinch.apps.create({
      display_name: "Shop",
      channel_credentials: [
        { channel: "WHATSAPP", static_bearer: { claimed_identity: "shop", token: "token" } },
        { channel: "SMS", static_bearer: { claimed_identity: "shop", token: "token" } }
      ]
    })
    const appId = Ids.AppId.make(app.id!)
    yield* sinch.webhooks.create({
      app_id: appId,
      target: url,
      triggers: ["MESSAGE_INBOUND", "MESSAGE_DELIVERY", "EVENT_INBOUND"],
      secret: SECRET
    })
    return appId
  })

const to = (channel: "WHATSAPP" | "SMS", identity: string) => ({
  identified_by: { channel_identities: [{ channel, identity }] }
})

const svg = (label: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="120"><rect width="240" height="120" fill="#0a58ca"/><text x="120" y="66" font-size="20" fill="#fff" text-anchor="middle" font-family="sans-serif">${label.replace(/[<&]/g, "")}</text></svg>`

/** One app message of every kind; images from `image`. */
const everyKindWith = (image: (label: string) => string) => [
  { text_message: { text: "Your order A-1001 has shipped." } },
  { media_message: { url: image("parcel.png") } },
  {
    choice_message: {
      text_message: { text: "When should we deliver?" },
      choices: [
        { text_message: { text: "Tomorrow" }, postback_data: "day:tomorrow" },
        { text_message: { text: "Next week" }, postback_data: "day:next-week" },
        { url_message: { title: "Track online", url: "https://example.com/track" } }
      ]
    }
  },
  {
    card_message: {
      title: "Summer sale",
      description: "Everything 20% off until Sunday",
      media_message: { url: image("Summer sale") },
      choices: [{ text_message: { text: "Shop now" }, postback_data: "shop" }]
    }
  },
  {
    carousel_message: {
      cards: [
        { title: "Red shoes", description: "49 EUR", choices: [{ text_message: { text: "Buy red" } }] },
        { title: "Blue shoes", description: "59 EUR", choices: [{ text_message: { text: "Buy blue" } }] }
      ]
    }
  },
  {
    list_message: {
      title: "Pick a store",
      description: "Where do you want to collect it?",
      sections: [
        {
          title: "Stockholm",
          items: [
            { choice: { title: "Kungsgatan", postback_data: "store:1" } },
            { choice: { title: "Odenplan", postback_data: "store:2" } }
          ]
        }
      ]
    }
  },
  {
    location_message: {
      title: "Pickup point",
      label: "Kungsgatan 1",
      coordinates: { latitude: 59.3348, longitude: 18.0632 }
    }
  },
  {
    contact_info_message: {
      name: { full_name: "Customer Service" },
      phone_numbers: [{ phone_number: "+46700000000", type: "WORK" }]
    }
  },
  {
    // a WhatsApp template (an omni-channel template would be stored rendered, as the template's own message kind)
    template_message: {
      channel_template: {
        WHATSAPP: {
          template_id: "order_shipped",
          version: "2",
          language_code: "en-US",
          parameters: { order: "A-1001" }
        }
      }
    }
  }
]

/** The kinds, in order. */
const kinds = everyKindWith(String).map((m) => Object.keys(m)[0]!)

/** The number of messages rendered in the open thread. */
const rendered = (page: Page) => Effect.promise(() => page.$$eval("#messages .msg", (els) => els.length))

/**
 * A `TestClock` of the emulator's own, set to the real time (callbacks carry it as their signature timestamp) and
 * moved only by the test.
 */
const emulatorClock = Effect.gen(function* () {
  const context = yield* Layer.build(TestClock.defaultTestClock.pipe(Layer.provide(TestContext.TestContext)))
  const clock = Context.get(context, TestClock.TestClock)
  yield* clock.setTime(Date.now())
  return clock
})

const text = (page: Page, selector: string) =>
  Effect.promise(() => page.$eval(selector, (el) => (el as HTMLElement).innerText))

/** Clicks the element `selector` finds, found and clicked in one step in the page (never a node re-rendered since). */
const clickNow = (page: Page, selector: string) =>
  Effect.promise(() => page.$eval(selector, (el) => (el as HTMLElement).click()))

describe("inspector", () => {
  it.scopedLive(
    "renders every message kind sent with the client, per channel, with delivery states updated live",
    () =>
      Effect.gen(function* () {
        const emu = yield* Emulator.serve({ inspector: true, deliveryDelayMillis: 50 })
        assert.strictEqual(emu.inspectorUrl, `${emu.url}/inspector/`)
        const hooks = yield* webhookServer
        yield* Effect.gen(function* () {
          const sinch = yield* SinchClient.SinchClient
          const appId = yield* appWithWebhook(hooks.url)
          const everyKind = everyKindWith(hooks.image)
          for (const message of everyKind) {
            yield* sinch.messages.send({ app_id: appId, recipient: to("WHATSAPP", "+46700000001"), message })
          }
          yield* sinch.messages.send({ app_id: appId, recipient: to("SMS", "+46700000002"), message: everyKind[3]! })
          yield* emu.awaitCallbacks
          const { errors, page } = yield* open(emu.inspectorUrl!)

          // the most recent conversation (the SMS one) opens first: a card as the plain text SMS gets
          yield* until(page, `document.querySelectorAll("#messages .msg").length === 1`)
          const sms = yield* text(page, "#messages .msg .bubble")
          assert.include(sms, "Summer sale\nEverything 20% off until Sunday")
          assert.include(sms, "1. Shop now")
          assert.strictEqual(yield* Effect.promise(() => page.$$eval("#messages .choice", (els) => els.length)), 0)
          yield* screenshot(page, "thread-sms")

          // the WhatsApp thread: every kind drawn as a rich message
          yield* Effect.promise(async () => {
            const items = await page.$$(".nav-item[data-conversation]")
            await items[1]!.click()
          })
          yield* until(page, `document.querySelectorAll("#messages .msg").length === ${everyKind.length}`)
          assert.deepStrictEqual(
            yield* Effect.promise(() =>
              page.$$eval("#messages .msg", (els) => els.map((el) => (el as HTMLElement).dataset["kind"]))
            ),
            kinds
          )
          const bubble = (kind: string) => text(page, `#messages .msg[data-kind=${kind}] .bubble`)
          assert.strictEqual(yield* bubble("text_message"), "Your order A-1001 has shipped.")
          assert.include(yield* bubble("choice_message"), "When should we deliver?")
          assert.deepStrictEqual(
            yield* Effect.promise(() =>
              page.$$eval("#messages .msg[data-kind=choice_message] .choice", (els) =>
                els.map((el) => (el as HTMLElement).innerText)
              )
            ),
            ["Tomorrow", "Next week", "↗ Track online"]
          )
          assert.include(yield* bubble("card_message"), "Summer sale")
          assert.strictEqual(
            yield* Effect.promise(() =>
              page.$$eval("#messages .msg[data-kind=carousel_message] .card", (e) => e.length)
            ),
            2
          )
          assert.include(yield* bubble("list_message"), "Pick a store")
          assert.include(yield* bubble("location_message"), "59.3348, 18.0632")
          assert.include(yield* bubble("contact_info_message"), "Customer Service")
          assert.include(yield* bubble("template_message"), "Template order_shipped v2 (en-US)")
          assert.include(yield* bubble("template_message"), "A-1001")
          // images are drawn (the media message and the card's image)
          yield* until(
            page,
            `[...document.querySelectorAll("#messages img")].every((i) => i.complete && i.naturalWidth > 0)`
          )
          // every message was delivered: the state on the page is the one the channel reported
          yield* until(
            page,
            `[...document.querySelectorAll("#messages .status")].every((s) => s.dataset.status === "DELIVERED")`
          )
          // the channel payload of the emulator's transcoding is there for each outbound message
          assert.include(
            yield* Effect.promise(() =>
              page.$eval("#messages .msg[data-kind=text_message] .payload pre", (el) => el.textContent ?? "")
            ),
            '"messaging_product": "whatsapp"'
          )
          // a tall window shows the whole thread
          yield* Effect.promise(() => page.setViewport({ width: 1280, height: 1700 }))
          yield* until(
            page,
            `document.getElementById("messages").scrollHeight <= document.getElementById("messages").clientHeight`
          )
          yield* screenshot(page, "thread-whatsapp")
          assert.deepStrictEqual(errors, [])
          assert.deepStrictEqual(hooks.rejected, [])
        }).pipe(Effect.provide(clientFor(emu)))
      }),
    120_000
  )

  it.scopedLive(
    "acting as the contact from the page produces verified callbacks: reply, choice, media, location, composing, read, failed",
    () =>
      Effect.gen(function* () {
        const emu = yield* Emulator.serve({ inspector: true, deliveryDelayMillis: 20 })
        const hooks = yield* webhookServer
        yield* Effect.gen(function* () {
          const sinch = yield* SinchClient.SinchClient
          const appId = yield* appWithWebhook(hooks.url)
          const sent = yield* sinch.messages.send({
            app_id: appId,
            recipient: to("WHATSAPP", "+46700000003"),
            message: everyKindWith(hooks.image)[2]!
          })
          yield* emu.awaitCallbacks
          const { errors, page } = yield* open(emu.inspectorUrl!)
          yield* until(page, `document.querySelectorAll("#messages .msg").length === 1`)
          const inbound = (pick: (m: Record<string, unknown>) => boolean) =>
            hooks.next((e) =>
              e._tag === "MESSAGE_INBOUND" && pick(e.message.contact_message as Record<string, unknown>) ? e : undefined
            )

          // a typed reply, sent with the keyboard
          yield* Effect.promise(async () => {
            await page.focus("#reply-text")
            await page.keyboard.type("Tomorrow works")
            await page.keyboard.press("Enter")
          })
          const reply = yield* inbound((m) => m["text_message"] !== undefined)
          assert.strictEqual(reply.message.contact_message?.text_message?.text, "Tomorrow works")
          assert.strictEqual(reply.message.channel_identity?.identity, "+46700000003")
          assert.strictEqual(reply.app_id, appId)
          // the reply appears in the thread without a reload
          yield* until(page, `document.querySelectorAll("#messages .msg.in").length === 1`)

          // a choice
          yield* Effect.promise(() => page.click("#messages .msg[data-kind=choice_message] button.choice"))
          const choice = yield* inbound((m) => m["choice_response_message"] !== undefined)
          assert.deepStrictEqual(choice.message.contact_message?.choice_response_message, {
            message_id: sent.message_id!,
            postback_data: "day:tomorrow"
          })

          // media and a location
          yield* Effect.promise(async () => {
            await page.select("#reply-kind", "media")
            await page.type("#reply-media", "https://example.com/receipt.jpg")
            await page.click("#reply-send")
          })
          const media = yield* inbound((m) => m["media_message"] !== undefined)
          assert.strictEqual(media.message.contact_message?.media_message?.url, "https://example.com/receipt.jpg")
          yield* Effect.promise(async () => {
            await page.select("#reply-kind", "location")
            await page.type("#reply-lat", "59.33")
            await page.type("#reply-lon", "18.06")
            await page.type("#reply-title", "Home")
            await page.click("#reply-send")
          })
          const location = yield* inbound((m) => m["location_message"] !== undefined)
          assert.deepStrictEqual(location.message.contact_message?.location_message?.coordinates, {
            latitude: 59.33,
            longitude: 18.06
          })

          // composing
          yield* Effect.promise(() => page.click("#composing"))
          const composing = yield* hooks.next((e) => (e._tag === "EVENT_INBOUND" ? e : undefined))
          assert.deepStrictEqual(composing.event.contact_event?.composing_event, {})

          // read, then failed: MESSAGE_DELIVERY reports, and the state on the page follows
          yield* Effect.promise(() => page.click("#messages .msg.out .acts button:nth-of-type(1)"))
          const read = yield* hooks.next((e) =>
            e._tag === "MESSAGE_DELIVERY" && e.message_delivery_report.status === "READ" ? e : undefined
          )
          assert.strictEqual(read.message_delivery_report.message_id, sent.message_id)
          yield* until(page, `document.querySelector("#messages .msg.out .status").dataset.status === "READ"`)
          yield* Effect.promise(() => page.click("#messages .msg.out .acts button:nth-of-type(2)"))
          const failed = yield* hooks.next((e) =>
            e._tag === "MESSAGE_DELIVERY" && e.message_delivery_report.status === "FAILED" ? e : undefined
          )
          assert.strictEqual(failed.message_delivery_report.reason?.code, "RECIPIENT_NOT_REACHABLE")
          yield* until(page, `document.querySelector("#messages .msg.out .status").dataset.status === "FAILED"`)
          yield* screenshot(page, "reply-as-contact")

          // the callbacks log shows every attempt with its signature headers and body
          yield* emu.awaitCallbacks
          const deliveries = yield* emu.deliveries
          yield* Effect.promise(() => page.click("#tab-callbacks"))
          yield* until(page, `document.querySelectorAll("#deliveries-body tr").length === ${deliveries.length}`)
          const inboundRow = deliveries.find((d) => d.trigger === "MESSAGE_INBOUND")!
          yield* Effect.promise(() => page.click(`#deliveries-body tr[data-delivery="${inboundRow.id}"] button`))
          const detail = yield* text(page, "#delivery-detail")
          assert.include(detail, "MESSAGE_INBOUND")
          assert.include(detail, "x-sinch-webhook-signature")
          assert.include(detail, inboundRow.attempts[0]!.headers["x-sinch-webhook-signature"]!)
          assert.include(detail, '"text": "Tomorrow works"')
          yield* screenshot(page, "callbacks")
          assert.deepStrictEqual(errors, [])
          assert.deepStrictEqual(hooks.rejected, [])
        }).pipe(Effect.provide(clientFor(emu)))
      }),
    120_000
  )

  it.scopedLive(
    "a fault added on the page reaches the client as its typed error; removing it heals the client",
    () =>
      Effect.gen(function* () {
        const emu = yield* Emulator.serve({ inspector: true })
        const seeded = yield* emu.seed({ contacts: 3, messages: 12 })
        yield* Effect.gen(function* () {
          const sinch = yield* SinchClient.SinchClient
          const { errors, page } = yield* open(emu.inspectorUrl!)
          yield* Effect.promise(async () => {
            await page.click("#tab-faults")
            await page.select("#fault-operation", "messages.send")
            await page.select("#fault-kind", "Status")
            await page.type("#fault-status", "403")
            await page.click("#fault-add")
          })
          yield* until(page, `document.querySelectorAll("#fault-list li[data-fault]").length === 1`)
          assert.include(yield* text(page, "#fault-list"), "messages.send → Status 403 (until removed)")
          assert.strictEqual(yield* text(page, "#tab-faults"), "Faults (1 active)")
          yield* screenshot(page, "faults")
          const send = sinch.messages.send({
            app_id: Ids.AppId.make(seeded.appId),
            recipient: { contact_id: Ids.ContactId.make(seeded.firstContactId!) },
            message: { text_message: { text: "hello" } }
          })
          const error = yield* Effect.flip(send)
          assert.strictEqual(error._tag, "Forbidden")
          // other operations are not affected
          assert.isAtLeast((yield* sinch.apps.list()).apps?.length ?? 0, 1)
          yield* Effect.promise(() => page.click("#fault-list button"))
          yield* until(page, `document.querySelectorAll("#fault-list li[data-fault]").length === 0`)
          assert.isString((yield* send).message_id)
          assert.deepStrictEqual(errors, [])
        }).pipe(Effect.provide(clientFor(emu)))
      }),
    120_000
  )

  it.scopedLive("live updates arrive without a reload: new conversations, messages and delivery states", () =>
    Effect.gen(function* () {
      // the emulator runs on a clock of its own that only the test moves (the client, the webhook server and the
      // browser keep real time): a message stays QUEUED_ON_CHANNEL until the test has seen it so, however loaded
      // the machine, then the emulator's own timer delivers it
      const clock = yield* emulatorClock
      const emu = yield* Emulator.serve({ inspector: true, deliveryDelayMillis: 300, clock: "effect" }).pipe(
        Effect.withClock(clock)
      )
      const hooks = yield* webhookServer
      yield* Effect.gen(function* () {
        const sinch = yield* SinchClient.SinchClient
        const appId = yield* appWithWebhook(hooks.url)
        const { errors, page } = yield* open(emu.inspectorUrl!)
        yield* Effect.promise(() => page.evaluate(() => Object.assign(window, { sameDocument: true })))
        assert.include(yield* text(page, "#nav-list"), "No conversations yet")
        yield* sinch.messages.send({
          app_id: appId,
          recipient: to("WHATSAPP", "+46700000009"),
          message: { text_message: { text: "First!" } }
        })
        // the conversation appears and opens, the message is queued, then delivered
        yield* until(page, `document.querySelectorAll(".nav-item[data-conversation]").length === 1`)
        yield* until(page, `document.querySelector("#messages .msg .status")?.dataset.status === "QUEUED_ON_CHANNEL"`)
        yield* clock.adjust("300 millis")
        yield* until(page, `document.querySelector("#messages .msg .status")?.dataset.status === "DELIVERED"`)
        yield* emu.inboundMessage({
          appId,
          channel: "WHATSAPP",
          identity: "+46700000009",
          contactMessage: { text_message: { text: "Second" } }
        })
        yield* until(page, `document.querySelector("#messages .msg.in")?.innerText.includes("Second") === true`)
        // the callbacks log grows while it is shown
        yield* Effect.promise(() => page.click("#tab-callbacks"))
        yield* emu.awaitCallbacks
        const count = (yield* emu.deliveries).length
        yield* until(page, `document.querySelectorAll("#deliveries-body tr").length === ${count}`)
        yield* sinch.messages.send({
          app_id: appId,
          recipient: to("WHATSAPP", "+46700000009"),
          message: { text_message: { text: "Third" } }
        })
        // its delivery report is due 300 ms after the send, on the emulator's clock
        yield* clock.adjust("300 millis")
        yield* emu.awaitCallbacks
        const after = (yield* emu.deliveries).length
        assert.isAbove(after, count)
        yield* until(page, `document.querySelectorAll("#deliveries-body tr").length === ${after}`)
        assert.isTrue(yield* Effect.promise(() => page.evaluate(() => "sameDocument" in window)))
        assert.deepStrictEqual(errors, [])
      }).pipe(Effect.provide(clientFor(emu)))
    })
  )

  it.scopedLive(
    "a project of 10k messages loads in under 1 s; a thread of 1,000 messages is loaded a page at a time as it scrolls",
    () =>
      Effect.gen(function* () {
        const emu = yield* Emulator.serve({ inspector: true })
        // 10 contacts: 10 conversations of 1,000 messages each
        const seeded = yield* emu.seed({ contacts: 10, messages: 10_000 })
        assert.strictEqual(seeded.messages, 10_000)
        const { errors, page } = yield* open(emu.inspectorUrl!)
        const timing = yield* Effect.promise(() =>
          page.evaluate(() => {
            const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming
            return {
              ready: performance.getEntriesByName("inspector-ready")[0]!.startTime,
              domContentLoaded: nav.domContentLoadedEventEnd,
              load: nav.loadEventEnd
            }
          })
        )
        console.log(
          `inspector, 10k messages: data shown at ${timing.ready.toFixed(0)} ms, DOMContentLoaded ${timing.domContentLoaded.toFixed(0)} ms, load ${timing.load.toFixed(0)} ms`
        )
        assert.isBelow(timing.ready, 1000)
        yield* screenshot(page, "overview")

        // the open thread has 1,000 messages: the newest 50 are on the page
        assert.strictEqual(yield* rendered(page), 50)
        const requests: Array<string> = []
        page.on("request", (r) => {
          if (r.url().includes("/messages?")) requests.push(r.url())
        })
        // scrolling to the top loads the page before, and keeps the reader where they were
        for (const expected of [100, 150, 200]) {
          yield* Effect.promise(() => page.evaluate(() => document.getElementById("messages")!.scrollTo(0, 0)))
          yield* until(page, `document.querySelectorAll("#messages .msg").length === ${expected}`)
        }
        assert.strictEqual(requests.length, 3)
        assert.isTrue(requests.every((url) => url.includes("page_size=50") && url.includes("before=")))
        assert.isAbove(
          yield* Effect.promise(() => page.evaluate(() => document.getElementById("messages")!.scrollTop)),
          0
        )
        // the messages are in order, oldest first, without duplicates
        const ids = yield* Effect.promise(() =>
          page.$$eval("#messages .msg", (els) => els.map((el) => (el as HTMLElement).dataset["id"]!))
        )
        assert.strictEqual(new Set(ids).size, 200)
        assert.deepStrictEqual([...ids].sort(), ids)
        assert.deepStrictEqual(errors, [])
      }),
    120_000
  )
})

describe("inspector basics", () => {
  it.scopedLive("off unless asked for in code; the page, its assets and live updates are served when on", () =>
    Effect.gen(function* () {
      const off = yield* Emulator.serve()
      assert.isUndefined(off.inspectorUrl)
      assert.strictEqual((yield* Effect.promise(() => fetch(`${off.url}/inspector/`))).status, 404)

      const emu = yield* Emulator.serve({ inspector: true })
      const page = yield* Effect.promise(() => fetch(emu.inspectorUrl!))
      assert.strictEqual(page.status, 200)
      assert.include(page.headers.get("content-security-policy") ?? "", "default-src 'self'")
      const html = yield* Effect.promise(() => page.text())
      // nothing is loaded from outside the emulator
      assert.notMatch(html, /(src|href)="(https?:)?\/\//)
      const sizes = yield* Effect.forEach(["", "app.js", "app.css"], (asset) =>
        Effect.promise(() => fetch(`${emu.inspectorUrl}${asset}`).then((r) => r.arrayBuffer()))
      )
      const total = sizes.reduce((n, b) => n + b.byteLength, 0)
      console.log(`inspector assets: ${sizes.map((b) => b.byteLength).join(" + ")} = ${total} bytes`)
      assert.isBelow(total, 100_000)

      // the live updates: "ready" once subscribed, then the changes as they happen
      const seeded = yield* emu.seed({ contacts: 1, messages: 1 })
      const controller = new AbortController()
      yield* Effect.addFinalizer(() => Effect.sync(() => controller.abort()))
      const events = yield* Effect.promise(() => fetch(`${emu.inspectorUrl}events`, { signal: controller.signal }))
      assert.strictEqual(events.headers.get("content-type"), "text/event-stream; charset=utf-8")
      const reader = events.body!.pipeThrough(new TextDecoderStream()).getReader()
      const read = (until: string) =>
        Effect.promise(async () => {
          let text = ""
          while (!text.includes(until)) text += (await reader.read()).value ?? ""
          return text
        })
      assert.include(yield* read("\n\n"), "event: ready")
      yield* emu.inboundMessage({
        appId: seeded.appId,
        channel: "SMS",
        identity: "+46700000000",
        contactMessage: { text_message: { text: "hi" } }
      })
      assert.include(yield* read("\n\n"), `{"_tag":"Data","projectId":"${emu.projectId}"}`)
    })
  )

  it.scopedLive("a delivery report from the control API: validated, signed, and the message's state follows", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve({ deliveryDelayMillis: 5 })
      const hooks = yield* webhookServer
      yield* Effect.gen(function* () {
        const sinch = yield* SinchClient.SinchClient
        const appId = yield* appWithWebhook(hooks.url)
        const sent = yield* sinch.messages.send({
          app_id: appId,
          recipient: to("WHATSAPP", "+46700000004"),
          message: { text_message: { text: "Did you read this?" } }
        })
        const report = (id: string, body: unknown) =>
          Effect.promise(() =>
            fetch(`${emu.url}/emulator/projects/${emu.projectId}/messages/${id}:report`, {
              method: "POST",
              headers: { "content-type": "application/json" },
              body: JSON.stringify(body)
            }).then(async (r) => ({ status: r.status, body: (await r.json()) as { error?: { message: string } } }))
          )
        const bad = yield* report(sent.message_id!, { status: "SEEN" })
        assert.strictEqual(bad.status, 400)
        assert.include(bad.body.error?.message ?? "", "status")
        assert.strictEqual((yield* report("01NOPE", { status: "READ" })).status, 404)
        assert.strictEqual((yield* report(sent.message_id!, { status: "READ" })).status, 200)
        const read = yield* hooks.next((e) =>
          e._tag === "MESSAGE_DELIVERY" && e.message_delivery_report.status === "READ" ? e : undefined
        )
        assert.strictEqual(read.message_delivery_report.message_id, sent.message_id)
        const inbound = yield* emu.inboundMessage({
          appId,
          channel: "WHATSAPP",
          identity: "+46700000004",
          contactMessage: { text_message: { text: "yes" } }
        })
        // only messages sent to the contact have delivery reports
        assert.strictEqual((yield* report(String(inbound["id"]), { status: "READ" })).status, 400)
        const thread = yield* Effect.promise(() =>
          fetch(
            `${emu.url}/emulator/inspector/projects/${emu.projectId}/conversations/${String(inbound["conversation_id"])}/messages`
          ).then((r) => r.json() as Promise<{ messages: Array<{ id: string; status: string | null }> }>)
        )
        assert.deepStrictEqual(
          thread.messages.map((m) => m.status),
          ["READ", null]
        )
        assert.deepStrictEqual(hooks.rejected, [])
      }).pipe(Effect.provide(clientFor(emu)))
    })
  )

  it.scopedLive(
    "accessible basics: every control has a label or a name, and the views are reached with the keyboard",
    () =>
      Effect.gen(function* () {
        const emu = yield* Emulator.serve({ inspector: true })
        yield* emu.seed({ contacts: 3, messages: 30 })
        const { errors, page } = yield* open(emu.inspectorUrl!)
        const unnamed = yield* Effect.promise(() =>
          page.evaluate(() =>
            [...document.querySelectorAll<HTMLElement>("input, select, button, a")]
              .filter((el) => el.offsetParent !== null)
              .filter((el) =>
                el instanceof HTMLInputElement || el instanceof HTMLSelectElement
                  ? el.labels === null || el.labels.length === 0
                  : (el.getAttribute("aria-label") ?? el.innerText).trim() === ""
              )
              .map((el) => el.outerHTML.slice(0, 80))
          )
        )
        assert.deepStrictEqual(unnamed, [])
        // the tabs follow the ARIA pattern: arrow keys move between them
        yield* Effect.promise(async () => {
          await page.focus("#tab-conversations")
          await page.keyboard.press("ArrowRight")
          await page.keyboard.press("ArrowRight")
        })
        assert.strictEqual(yield* Effect.promise(() => page.evaluate(() => document.activeElement?.id)), "tab-faults")
        assert.isFalse(yield* Effect.promise(() => page.$eval("#view-faults", (el) => (el as HTMLElement).hidden)))
        // a conversation is opened with the keyboard
        yield* Effect.promise(async () => {
          await page.keyboard.press("ArrowLeft")
          await page.keyboard.press("ArrowLeft")
          await page.focus(".nav-item[data-conversation]:not(.current)")
          await page.keyboard.press("Enter")
        })
        yield* until(page, `document.querySelector(".nav-item.current") === document.activeElement`)
        // the contacts list: a contact opens its conversation with the app
        // clicked inside the page (query and click in one step): live updates may re-render the list between the two
        yield* clickNow(page, "#list-contacts")
        yield* until(page, `document.querySelectorAll("#nav-list .nav-item").length === 3`)
        assert.include(yield* text(page, "#nav-list"), "Seeded contact 1")
        yield* clickNow(page, "#nav-list li:last-child .nav-item")
        yield* until(page, `document.querySelector("#thread-head h2")?.innerText === "Seeded contact 1"`)
        assert.strictEqual(yield* rendered(page), 10)
        assert.deepStrictEqual(errors, [])
      })
  )
})
