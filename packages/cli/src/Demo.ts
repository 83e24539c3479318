/**
 * The end-to-end demo: the whole SDK against an embedded emulator, no Sinch account needed.
 *
 * 1. starts the emulator on a free port, and a webhook server (`@sinch-effect/webhooks` on `@effect/platform`);
 * 2. creates an app and a webhook with a secret pointing at that server;
 * 3. creates contacts and sends messages of several kinds through `@sinch-effect/client`;
 * 4. simulates the contacts' replies (messages and a "composing" event);
 * 5. receives and verifies every callback, and checks that a forged or replayed one is refused;
 * 6. lists the conversations and exports every message to an NDJSON file, with progress;
 * 7. prints a summary and fails unless every check held.
 *
 * @since 0.1.0
 */
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import * as FileSystem from "@effect/platform/FileSystem"
import type * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientModule from "@effect/platform/HttpClient"
import * as HttpRouter from "@effect/platform/HttpRouter"
import { Export, SinchClient, SinchError } from "@sinch-effect/client"
import { Emulator } from "@sinch-effect/emulator"
import { Ids, type Messages } from "@sinch-effect/schema"
import { NonceStore, Platform, Signature, Webhooks } from "@sinch-effect/webhooks"
import * as Chunk from "effect/Chunk"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Ref from "effect/Ref"
import type * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import { createServer } from "node:http"
import * as CliError from "./CliError.js"
import * as Connection from "./Connection.js"
import * as NdjsonExport from "./NdjsonExport.js"
import * as Progress from "./Progress.js"
import { Stdio } from "./Stdio.js"

/**
 * Options of `run`: the export file, how many contacts and bulk messages to create, and the progress mode.
 *
 * @since 0.1.0
 * @category models
 */
export interface Options {
  /** NDJSON file of the export; default: a file in a fresh temporary directory. */
  readonly output?: string | undefined
  /** Contacts to create (default 3). */
  readonly contacts?: number | undefined
  /** Extra text messages sent in bulk, to give the export something to show (default 100). */
  readonly bulk?: number | undefined
  readonly progress?: Progress.Mode | undefined
  /** Keep the emulator (and its inspector) and the webhook server running after the summary, until interrupted. */
  readonly keep?: boolean | undefined
}

/**
 * One check of the demo.
 *
 * @since 0.1.0
 * @category models
 */
export interface Check {
  readonly name: string
  readonly ok: boolean
  readonly detail: string
}

/**
 * What `run` returns: the counts of messages sent, replies simulated, callbacks verified and messages exported, the
 * export file, the elapsed time, and the outcome of each check.
 *
 * @since 0.1.0
 * @category models
 */
export interface Summary {
  readonly messagesSent: number
  readonly sentByKind: Readonly<Record<string, number>>
  readonly inboundMessages: number
  readonly inboundEvents: number
  readonly callbacksByTrigger: Readonly<Record<string, number>>
  readonly callbacksVerified: number
  readonly conversations: number
  readonly messagesExported: number
  readonly output: string
  readonly millis: number
  readonly checks: ReadonlyArray<Check>
}

interface Received {
  readonly trigger: string
  readonly body: string
  readonly deliveredMessageId: string | undefined
  readonly inboundMessageId: string | undefined
}

const decoder = new TextDecoder()

/** The message kinds the demo sends, one of each per contact. */
const kinds: ReadonlyArray<readonly [string, Messages.AppMessage]> = [
  ["text", { text_message: { text: "Hello from the Effect SDK for Sinch!" } }],
  ["media", { media_message: { url: "https://example.com/images/welcome.png" } }],
  [
    "choice",
    {
      choice_message: {
        text_message: { text: "Which time suits you?" },
        choices: [{ text_message: { text: "Morning" } }, { text_message: { text: "Afternoon" } }]
      }
    }
  ],
  [
    "card",
    {
      card_message: {
        title: "Your order",
        description: "2 items, shipped today",
        media_message: { url: "https://example.com/images/order.png" }
      }
    }
  ],
  [
    "location",
    {
      location_message: {
        title: "Our shop",
        label: "Main Street 1",
        coordinates: { latitude: 59.3293, longitude: 18.0686 }
      }
    }
  ],
  [
    "list",
    {
      list_message: {
        title: "Pick a product",
        sections: [{ title: "Popular", items: [{ choice: { id: "p1", title: "Coffee" } }] }]
      }
    }
  ]
] as ReadonlyArray<readonly [string, Messages.AppMessage]>

const WEBHOOK_SECRET = "demo-webhook-secret"

/**
 * A webhook server on a free port: verifies and decodes every callback with `@sinch-effect/webhooks` and records it.
 */
const webhookServer = Effect.gen(function* () {
  const received = yield* Ref.make<ReadonlyArray<Received>>([])
  const record = (event: Webhooks.Event, verified: Webhooks.Verified, extra: Partial<Received> = {}) =>
    Ref.update(received, (all) => [
      ...all,
      {
        trigger: event._tag,
        body: typeof verified.body === "string" ? verified.body : decoder.decode(verified.body),
        deliveredMessageId: undefined,
        inboundMessageId: undefined,
        ...extra
      }
    ])
  const handler = Webhooks.dispatch(
    {
      MESSAGE_DELIVERY: (event, verified) =>
        record(event, verified, {
          deliveredMessageId:
            event.message_delivery_report.status === "DELIVERED" ? event.message_delivery_report.message_id : undefined
        }),
      MESSAGE_INBOUND: (event, verified) => record(event, verified, { inboundMessageId: event.message.id })
    },
    (event, verified) => record(event, verified)
  )
  // each nonce is accepted once: a replayed callback is refused
  const webhook = Webhooks.make({ secrets: WEBHOOK_SECRET, nonceStore: NonceStore.memory() })
  const server = yield* NodeHttpServer.make(() => createServer(), { port: 0, host: "127.0.0.1" })
  // the forged and replayed callbacks of the demo are refused on purpose: keep their warnings out of the output
  yield* server
    .serve(HttpRouter.empty.pipe(HttpRouter.post("/sinch", Platform.httpApp(webhook, handler))))
    .pipe(Logger.withMinimumLogLevel(LogLevel.Error))
  const port = server.address._tag === "TcpAddress" ? server.address.port : 0
  return { url: `http://127.0.0.1:${port}/sinch`, received }
})

const count = <A>(items: ReadonlyArray<A>, key: (a: A) => string): Record<string, number> => {
  const out: Record<string, number> = {}
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1
  return out
}

const fail = (message: string) => new CliError.Failed({ message })

/**
 * Runs the demo and returns its summary (with the outcome of each check). `say` receives the progress lines.
 *
 * @since 0.1.0
 * @category running
 */
export const run = (
  options: Options = {},
  say: (line: string) => Effect.Effect<void> = () => Effect.void
): Effect.Effect<Summary, CliError.CliError, Stdio | FileSystem.FileSystem | Scope.Scope> =>
  Effect.gen(function* () {
    const started = yield* Clock.currentTimeMillis
    const fs = yield* FileSystem.FileSystem
    const checks: Array<Check> = []
    const check = (name: string, ok: boolean, detail: string) =>
      Effect.sync(() => checks.push({ name, ok, detail })).pipe(
        Effect.zipRight(say(`  ${ok ? "✓" : "✗"} ${name}: ${detail}`))
      )

    // 1. the emulator and the webhook server
    const emu = yield* Emulator.serve({ port: 0, deliveryDelayMillis: 5, inspector: true }).pipe(
      Effect.mapError((e) => fail(`the emulator did not start: ${e.message}`))
    )
    const hooks = yield* webhookServer.pipe(
      Effect.mapError((e) => fail(`the webhook server did not start: ${String(e)}`))
    )
    yield* say(`emulator on ${emu.url}, webhook server on ${hooks.url}`)
    yield* say(`watch it in a browser: ${emu.inspectorUrl}`)

    const connection = yield* Connection.resolve({
      ...Connection.emptyFlags,
      projectId: Option.some(emu.projectId),
      keyId: Option.some(emu.keyId),
      keySecret: Option.some(emu.keySecret),
      conversationUrl: Option.some(emu.url),
      authUrl: Option.some(emu.authUrl)
    })

    const body = Effect.gen(function* () {
      const sinch = yield* SinchClient.SinchClient

      // 2. an app and a webhook with a secret
      const app = yield* sinch.apps.create({
        display_name: "Effect SDK demo",
        channel_credentials: [
          { channel: "SMS", static_bearer: { claimed_identity: "demo", token: "emulator" } },
          { channel: "WHATSAPP", static_bearer: { claimed_identity: "demo", token: "emulator" } }
        ]
      })
      const appId = app.id ?? Ids.AppId.make("")
      const webhook = yield* sinch.webhooks.create({
        app_id: appId,
        target: hooks.url,
        secret: WEBHOOK_SECRET,
        triggers: [
          "MESSAGE_SUBMIT",
          "MESSAGE_DELIVERY",
          "MESSAGE_INBOUND",
          "EVENT_INBOUND",
          "CONVERSATION_START",
          "CONTACT_CREATE"
        ]
      })
      yield* say(`created app ${appId} and webhook ${webhook.id ?? "?"} (secret-signed callbacks to ${hooks.url})`)

      // 3. contacts and messages of several kinds
      const contactCount = options.contacts ?? 3
      const contacts = yield* Effect.forEach(
        Array.from({ length: contactCount }, (_, i) => i),
        (i) =>
          sinch.contacts.create({
            display_name: ["Ada", "Grace", "Linus", "Barbara", "Ken"][i % 5] ?? `Contact ${i}`,
            language: "EN_US",
            channel_identities: [
              { channel: i % 2 === 0 ? "SMS" : "WHATSAPP", identity: `+4670000${String(i).padStart(4, "0")}` }
            ]
          }),
        { concurrency: 1 }
      )
      yield* say(`created ${contacts.length} contacts`)
      const sends = contacts.flatMap((contact) => kinds.map(([kind, message]) => ({ kind, contact, message })))
      const bulkCount = options.bulk ?? 100
      const bulk = Array.from({ length: bulkCount }, (_, i) => ({
        kind: "text",
        contact: contacts[i % contacts.length]!,
        message: { text_message: { text: `Bulk message ${i + 1}` } } as Messages.AppMessage
      }))
      const sent = yield* Effect.forEach(
        [...sends, ...bulk],
        ({ contact, kind, message }) =>
          Effect.map(
            sinch.messages.send({
              app_id: appId,
              recipient: { contact_id: contact.id ?? Ids.ContactId.make("") },
              message
            }),
            (response) => ({ kind, id: String(response.message_id) })
          ),
        { concurrency: 8 }
      )
      const sentByKind = count(sent, (s) => s.kind)
      yield* say(
        `sent ${sent.length} messages: ${Object.entries(sentByKind)
          .map(([k, n]) => `${n} ${k}`)
          .join(", ")}`
      )

      // 4. the contacts reply
      const inbound = yield* Effect.forEach(contacts, (contact, i) => {
        const identity = contact.channel_identities?.[0]
        const base = { appId, channel: identity?.channel ?? "SMS", identity: identity?.identity ?? "" }
        return Effect.all([
          emu.inboundMessage({ ...base, contactMessage: { text_message: { text: `Thanks! (reply ${i + 1})` } } }),
          emu.inboundMessage({
            ...base,
            contactMessage: { media_message: { url: "https://example.com/photos/reply.jpg" } }
          }),
          emu.inboundEvent({ ...base, contactEvent: { composing_event: {} } })
        ])
      }).pipe(Effect.mapError((e) => fail(`simulating a reply failed: ${e.message}`)))
      const inboundIds = inbound.flatMap(([a, b]) => [String(a["id"]), String(b["id"])])
      yield* say(`the contacts replied: ${inboundIds.length} messages and ${inbound.length} "composing" events`)

      // 5. every callback arrives and verifies; a forged or replayed one is refused
      yield* emu.awaitCallbacks.pipe(
        Effect.timeoutFail({
          duration: Duration.seconds(20),
          onTimeout: () => fail("callbacks still pending after 20 s")
        })
      )
      const deliveries = (yield* emu.deliveries).filter((d) => d.webhookId === webhook.id)
      const received = yield* Ref.get(hooks.received)
      const byTrigger = count(received, (r) => r.trigger)
      yield* say(
        `received ${received.length} callbacks: ${Object.entries(byTrigger)
          .map(([k, n]) => `${k} ${n}`)
          .join(", ")}`
      )
      const undelivered = deliveries.filter((d) => d.outcome !== "delivered")
      const receivedBodies = new Set(received.map((r) => r.body))
      const missing = deliveries.filter((d) => !receivedBodies.has(d.body))
      yield* check(
        "every callback verified",
        deliveries.length > 0 &&
          undelivered.length === 0 &&
          missing.length === 0 &&
          received.length === deliveries.length,
        `${received.length} of ${deliveries.length} callbacks the emulator sent were verified and answered 200` +
          (undelivered.length > 0 ? `; ${undelivered.length} not accepted` : "")
      )
      const delivered = new Set(
        received.flatMap((r) => (r.deliveredMessageId === undefined ? [] : [r.deliveredMessageId]))
      )
      const notDelivered = sent.filter((s) => !delivered.has(s.id))
      yield* check(
        "a DELIVERED report for every message sent",
        notDelivered.length === 0,
        `${sent.length - notDelivered.length} of ${sent.length}`
      )
      const inboundSeen = new Set(
        received.flatMap((r) => (r.inboundMessageId === undefined ? [] : [r.inboundMessageId]))
      )
      yield* check(
        "a MESSAGE_INBOUND callback for every reply",
        inboundIds.every((id) => inboundSeen.has(id)),
        `${inboundIds.filter((id) => inboundSeen.has(id)).length} of ${inboundIds.length}`
      )
      yield* check(
        "an EVENT_INBOUND and a CONTACT_CREATE callback each",
        (byTrigger["EVENT_INBOUND"] ?? 0) === inbound.length && (byTrigger["CONTACT_CREATE"] ?? 0) === contacts.length,
        `EVENT_INBOUND ${byTrigger["EVENT_INBOUND"] ?? 0}/${inbound.length}, CONTACT_CREATE ${byTrigger["CONTACT_CREATE"] ?? 0}/${contacts.length}`
      )
      const http = yield* HttpClientModule.HttpClient
      const postStatus = (body: string, headers: Readonly<Record<string, string>>) =>
        http
          .execute(
            HttpClientRequest.post(hooks.url).pipe(
              HttpClientRequest.setHeaders(headers),
              HttpClientRequest.bodyText(body, "application/json")
            )
          )
          .pipe(
            Effect.map((r) => r.status),
            Effect.orElseSucceed(() => 0)
          )
      const first = deliveries[0]
      const firstBody = first?.body ?? "{}"
      const forged = yield* postStatus(firstBody, Signature.sign(firstBody, "not-the-secret"))
      // the first callback again, exactly as the emulator signed it in the attempt that was accepted
      const replayed = yield* postStatus(firstBody, first?.attempts[first.attempts.length - 1]?.headers ?? {})
      const afterRefused = (yield* Ref.get(hooks.received)).length
      yield* check(
        "a forged or replayed callback is refused",
        forged === 401 && replayed === 401 && afterRefused === received.length,
        `forged answered ${forged}, replayed answered ${replayed}`
      )

      // 6. conversations and the export
      const conversations = Chunk.toReadonlyArray(
        yield* Stream.runCollect(sinch.conversations.list({ only_active: false, app_id: appId }))
      )
      yield* check(
        "one conversation per contact",
        conversations.length === contacts.length &&
          contacts.every((c) => conversations.some((conv) => conv.contact_id === c.id)),
        `${conversations.length} conversations listed`
      )
      const dir = options.output === undefined ? yield* fs.makeTempDirectoryScoped({ prefix: "sinch-demo-" }) : ""
      const output = options.output ?? `${dir}/messages.ndjson`
      yield* say(`exporting every message of app ${appId}, conversation by conversation, to ${output}`)
      const exported = yield* NdjsonExport.run(
        Export.projectMessages({ app_id: Ids.AppId.make(appId), page_size: 20 }),
        { _tag: "File", path: output, checkpointPath: Export.defaultCheckpointPath(output), mode: "overwrite" },
        { progress: options.progress ?? "auto" }
      ).pipe(Effect.provideService(SinchClient.SinchClient, sinch))
      const lines = (yield* fs.readFileString(output).pipe(Effect.mapError((e) => fail(e.message))))
        .split("\n")
        .filter((l) => l !== "")
      const exportedIds = new Set(
        lines.map((l) => {
          try {
            const parsed: unknown = JSON.parse(l)
            return typeof parsed === "object" && parsed !== null && "id" in parsed ? String(parsed.id) : ""
          } catch {
            return ""
          }
        })
      )
      const expectedIds = [...sent.map((s) => s.id), ...inboundIds]
      const stats = yield* emu.stats()
      yield* check(
        "the export holds every message exactly once",
        lines.length === expectedIds.length &&
          exportedIds.size === lines.length &&
          expectedIds.every((id) => exportedIds.has(id)) &&
          stats.messages === lines.length,
        `${lines.length} lines for ${expectedIds.length} messages sent or received (${stats.messages} stored), ${exported.pages} pages`
      )
      const now = yield* Clock.currentTimeMillis
      return {
        messagesSent: sent.length,
        sentByKind,
        inboundMessages: inboundIds.length,
        inboundEvents: inbound.length,
        callbacksByTrigger: byTrigger,
        callbacksVerified: received.length,
        conversations: conversations.length,
        messagesExported: lines.length,
        output: options.output ?? output,
        millis: now - started,
        checks
      } satisfies Summary
    })
    return yield* body.pipe(
      Effect.provide(Connection.layer(connection)),
      Effect.mapError((e) =>
        SinchError.isSinchError(e)
          ? Connection.fromSinchError(connection, e)
          : e._tag === "SystemError" || e._tag === "BadArgument"
            ? fail(`a local file operation failed: ${e.message}`)
            : e
      )
    )
  })

/**
 * Formats the summary.
 *
 * @since 0.1.0
 * @category formatting
 */
export const formatSummary = (summary: Summary): string => {
  const list = (r: Readonly<Record<string, number>>) =>
    Object.entries(r)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, n]) => `${k} ${n}`)
      .join(", ")
  const failed = summary.checks.filter((c) => !c.ok)
  return [
    "",
    "Summary",
    `  messages sent        ${summary.messagesSent} (${list(summary.sentByKind)})`,
    `  replies simulated    ${summary.inboundMessages} messages, ${summary.inboundEvents} events`,
    `  callbacks verified   ${summary.callbacksVerified} (${list(summary.callbacksByTrigger)})`,
    `  conversations        ${summary.conversations}`,
    `  messages exported    ${summary.messagesExported} -> ${summary.output}`,
    `  elapsed              ${(summary.millis / 1000).toFixed(1)} s`,
    failed.length === 0
      ? `All ${summary.checks.length} checks held.`
      : `${failed.length} of ${summary.checks.length} checks failed: ${failed.map((c) => c.name).join("; ")}`,
    ""
  ].join("\n")
}

/**
 * Runs the demo, printing its steps and summary on stdout; fails (exit code 1) unless every check held.
 *
 * @since 0.1.0
 * @category running
 */
export const main = (options: Options = {}): Effect.Effect<void, CliError.CliError, Stdio | FileSystem.FileSystem> =>
  Effect.scoped(
    Effect.gen(function* () {
      const io = yield* Stdio
      yield* io.stdout("Sinch Conversation API with Effect: end-to-end demo on an embedded emulator\n")
      const summary = yield* run(options, (line) => io.stdout(line + "\n"))
      yield* io.stdout(formatSummary(summary))
      if (options.keep === true) {
        yield* io.stdout(
          "--keep: the emulator and the webhook server keep running (the inspector's URL is above). Ctrl-C stops them.\n"
        )
        return yield* Effect.never
      }
      const failed = summary.checks.filter((c) => !c.ok)
      if (failed.length > 0 || summary.checks.length === 0) {
        return yield* fail(`the demo failed: ${failed.map((c) => `${c.name} (${c.detail})`).join("; ")}`)
      }
    })
  )

/** @internal */
export type DemoHttp = HttpClient.HttpClient
