/**
 * The `sinch-conversation` command line:
 *
 * - `export messages | contacts | conversations`: lossless NDJSON to a file or stdout, with the list filters of the
 *   API, a progress line on a terminal, and `--resume` from a checkpoint;
 * - `send text`: send one text message (a quick manual test);
 * - `batch send`: a campaign of one message to the recipients of an NDJSON or CSV file, in batches, with progress and
 *   `--resume`;
 * - `emulator`: start the emulator and print the `SINCH_*` variables that point a client at it;
 * - `demo`: the end-to-end demo on an embedded emulator.
 *
 * Exit codes are listed in {@link CliError.ExitCode}.
 *
 * @since 0.1.0
 */
import * as Args from "@effect/cli/Args"
import * as CliConfig from "@effect/cli/CliConfig"
import * as CliCommand from "@effect/cli/Command"
import * as HelpDoc from "@effect/cli/HelpDoc"
import * as Options from "@effect/cli/Options"
import * as ValidationError from "@effect/cli/ValidationError"
import * as FileSystem from "@effect/platform/FileSystem"
import type * as Path from "@effect/platform/Path"
import type * as Terminal from "@effect/platform/Terminal"
import { Export, SinchClient, SinchError } from "@sinch-effect/client"
import { Emulator } from "@sinch-effect/emulator"
import { Ids, Messages } from "@sinch-effect/schema"
import * as ParseResult from "effect/ParseResult"
import * as Cause from "effect/Cause"
import * as Config from "effect/Config"
import * as DateTime from "effect/DateTime"
import * as Either from "effect/Either"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as BatchSend from "./BatchSend.js"
import * as CliError from "./CliError.js"
import * as Connection from "./Connection.js"
import * as Demo from "./Demo.js"
import * as NdjsonExport from "./NdjsonExport.js"
import * as Progress from "./Progress.js"
import { Stdio } from "./Stdio.js"

/**
 * The program name.
 *
 * @since 0.1.0
 * @category constants
 */
export const name = "sinch-conversation"

/**
 * The version of the CLI, printed by `sinch-conversation --version`.
 *
 * @since 0.1.0
 * @category constants
 */
export const version = "0.1.0"

// ---------------------------------------------------------------------------------------------------------------
// shared options

const optionalText = (flag: string, description: string) =>
  Options.text(flag).pipe(Options.withDescription(description), Options.optional)

const connectionOptions = Options.all({
  projectId: optionalText("project-id", "Sinch project id (default: $SINCH_PROJECT_ID)"),
  keyId: optionalText("key-id", "access key id (default: $SINCH_KEY_ID)"),
  keySecret: Options.redacted("key-secret").pipe(
    Options.withDescription("access key secret (default: $SINCH_KEY_SECRET; prefer the variable: flags show in ps)"),
    Options.optional
  ),
  region: Options.choice("region", ["us", "eu", "br"]).pipe(
    Options.withDescription("region of the project (default: $SINCH_REGION, else us)"),
    Options.optional
  ),
  conversationUrl: optionalText(
    "conversation-url",
    "API base URL instead of the region's (default: $SINCH_CONVERSATION_URL)"
  ),
  templatesUrl: optionalText(
    "templates-url",
    "Template Management API base URL instead of the region's (default: $SINCH_TEMPLATES_URL)"
  ),
  batchUrl: optionalText(
    "batch-url",
    "Conversation Batch API base URL instead of the region's (default: $SINCH_BATCH_URL)"
  ),
  authUrl: optionalText("auth-url", "OAuth2 server instead of https://auth.sinch.com (default: $SINCH_AUTH_URL)"),
  authMode: Options.choice("auth-mode", ["oauth2", "basic"]).pipe(
    Options.withDescription("oauth2 (default) or basic (default: $SINCH_AUTH_MODE)"),
    Options.optional
  ),
  emulator: Options.boolean("emulator").pipe(
    Options.withDescription("run against a fresh embedded emulator instead of Sinch (SINCH_* settings are not used)")
  ),
  seed: Options.integer("seed").pipe(
    Options.withDescription("with --emulator: seed it with this many messages first"),
    Options.optional
  )
})

const outputOptions = Options.all({
  output: Options.text("output").pipe(
    Options.withAlias("o"),
    Options.withDescription("NDJSON file to write, or - for stdout"),
    Options.withDefault("-")
  ),
  checkpoint: optionalText("checkpoint", "checkpoint file (default: <output>.checkpoint.json)"),
  resume: Options.boolean("resume").pipe(
    Options.withDescription("continue an interrupted export from its checkpoint (or start it if there is none)")
  ),
  overwrite: Options.boolean("overwrite").pipe(Options.withDescription("replace an existing output file")),
  progress: Options.choice("progress", Progress.modes).pipe(
    Options.withDescription("progress on stderr: auto (only on a terminal), always, never"),
    Options.withDefault("auto" as const)
  ),
  pageSize: Options.integer("page-size").pipe(
    Options.withDescription("items per page requested from the API (its maximum is 20)"),
    Options.withDefault(20)
  ),
  checkpointEvery: Options.integer("checkpoint-every").pipe(
    Options.withDescription("sync and checkpoint the output at least every N pages (and every second)"),
    Options.withDefault(100)
  ),
  checkpointStore: Options.text("checkpoint-store").pipe(
    Options.withDescription(
      "where checkpoints are kept: files next to the output (default), or redis://[user:password@]host[:port][/db] " +
        "shared by workers that resume each other's exports (default: $SINCH_CHECKPOINT_STORE; prefer the variable " +
        "for a password: flags show in ps)"
    ),
    Options.withFallbackConfig(Config.string("SINCH_CHECKPOINT_STORE")),
    Options.optional
  ),
  shards: Options.integer("shards").pipe(
    Options.withDescription(
      "export N conversations of a project at a time (or N parts of the time range of one conversation or contact)"
    ),
    Options.withDefault(1)
  ),
  shard: Options.integer("shard").pipe(
    Options.withDescription(
      "with --shards: export only shard I (0 to N-1) and stop; a last run without --shard combines the shards"
    ),
    Options.optional
  )
})

type ConnectionOptions = Connection.Flags
type OutputOptions = {
  readonly output: string
  readonly checkpoint: Option.Option<string>
  readonly resume: boolean
  readonly overwrite: boolean
  readonly progress: Progress.Mode
  readonly pageSize: number
  readonly checkpointEvery: number
  readonly checkpointStore: Option.Option<string>
  readonly shards: number
  readonly shard: Option.Option<number>
}

/** The services a command handler needs besides the connection's. */
type Env = Stdio | FileSystem.FileSystem

const channelPattern = /^[A-Z][A-Z0-9_]*$/

const channelOption = (flag: string, description: string) =>
  Options.text(flag).pipe(
    Options.withDescription(description),
    Options.mapEffect((raw) => {
      const value = raw.trim().toUpperCase()
      return channelPattern.test(value)
        ? Effect.succeed(value)
        : Effect.fail(
            ValidationError.invalidValue(helpText(`--${flag}: "${raw}" is not a channel name (e.g. SMS, WHATSAPP)`))
          )
    }),
    Options.optional
  )

const timeOption = (flag: string, description: string) =>
  Options.text(flag).pipe(
    Options.withDescription(description),
    Options.mapEffect((raw) =>
      Option.match(DateTime.make(raw.trim()), {
        onNone: () =>
          Effect.fail(
            ValidationError.invalidValue(
              helpText(`--${flag}: "${raw}" is not a date-time; use ISO 8601, e.g. 2024-05-01T00:00:00Z`)
            )
          ),
        onSome: (dt) => Effect.succeed(DateTime.formatIso(dt))
      })
    ),
    Options.optional
  )

const helpText = (text: string) => HelpDoc.p(text)

// ---------------------------------------------------------------------------------------------------------------
// running an API command

/**
 * The app that sends: `--app-id`, or (checked by the caller: only on the embedded emulator) an app created for the
 * command on `channel`, announced on stderr.
 */
const senderApp = (
  appId: Option.Option<string>,
  connection: Connection.Connection,
  channel: string,
  app: { readonly display_name: string; readonly processing_mode?: "DISPATCH" }
) =>
  Effect.gen(function* () {
    if (Option.isSome(appId)) return appId.value
    const client = yield* SinchClient.SinchClient
    const created = (yield* client.apps.create({
      ...app,
      channel_credentials: [{ channel, static_bearer: { claimed_identity: "sender", token: "emulator" } }]
    })).id
    if (created === undefined) {
      return yield* new CliError.Failed({ message: "the emulator created an app without an id" })
    }
    if (Option.isSome(connection.emulator)) {
      yield* (yield* Stdio).stderr(`note: created app ${created} in the embedded emulator\n`)
    }
    return created
  })

const withConnection = <A, E, R>(
  flags: ConnectionOptions,
  f: (connection: Connection.Connection) => Effect.Effect<A, E, R>
) =>
  Effect.scoped(
    Effect.gen(function* () {
      const connection = yield* Connection.resolve(flags)
      yield* Connection.announce(connection)
      return yield* f(connection).pipe(
        Effect.provide(Connection.layer(connection)),
        Effect.mapError((e) => (SinchError.isSinchError(e) ? Connection.fromSinchError(connection, e) : e))
      )
    })
  )

const toOutput = (options: OutputOptions): Effect.Effect<NdjsonExport.Output, CliError.UsageError> => {
  if (options.pageSize < 1) {
    return Effect.fail(new CliError.UsageError({ message: `--page-size must be at least 1, got ${options.pageSize}` }))
  }
  if (options.checkpointEvery < 1) {
    return Effect.fail(
      new CliError.UsageError({ message: `--checkpoint-every must be at least 1, got ${options.checkpointEvery}` })
    )
  }
  if (options.shards < 1) {
    return Effect.fail(new CliError.UsageError({ message: `--shards must be at least 1, got ${options.shards}` }))
  }
  if (Option.isSome(options.shard) && (options.shard.value < 0 || options.shard.value >= options.shards)) {
    return Effect.fail(
      new CliError.UsageError({
        message: `--shard must be between 0 and ${options.shards - 1} (--shards ${options.shards}), got ${options.shard.value}`
      })
    )
  }
  if (options.output === "-") {
    if (options.shards > 1 || Option.isSome(options.shard)) {
      return Effect.fail(new CliError.UsageError({ message: "--shards needs --output FILE" }))
    }
    if (Option.isSome(options.checkpointStore)) {
      return Effect.fail(new CliError.UsageError({ message: "--checkpoint-store needs --output FILE" }))
    }
    if (options.resume) {
      return Effect.fail(
        new CliError.UsageError({ message: "--resume needs --output FILE: an export to stdout cannot be resumed" })
      )
    }
    if (Option.isSome(options.checkpoint)) {
      return Effect.fail(new CliError.UsageError({ message: "--checkpoint needs --output FILE" }))
    }
    return Effect.succeed({ _tag: "Stdout" })
  }
  if (options.resume && options.overwrite) {
    return Effect.fail(new CliError.UsageError({ message: "--resume and --overwrite exclude each other" }))
  }
  return Effect.succeed({
    _tag: "File",
    path: options.output,
    checkpointPath: Option.getOrElse(options.checkpoint, () => Export.defaultCheckpointPath(options.output)),
    mode: options.resume ? "resume" : options.overwrite ? "overwrite" : "new",
    checkpointPages: options.checkpointEvery,
    checkpointStore: Option.getOrUndefined(options.checkpointStore),
    shards: options.shards,
    shard: Option.getOrUndefined(options.shard)
  })
}

const runExport = (connection: ConnectionOptions, output: OutputOptions, source: Export.Source) =>
  Effect.gen(function* () {
    const target = yield* toOutput(output)
    if (connection.emulator && target._tag === "File" && target.mode === "resume") {
      return yield* new CliError.UsageError({
        message: "--resume cannot be used with --emulator: the embedded emulator is fresh on every run"
      })
    }
    const io = yield* Stdio
    return yield* withConnection(connection, () =>
      Effect.gen(function* () {
        const summary = yield* NdjsonExport.run(source, target, { progress: output.progress })
        if (
          !summary.alreadyComplete &&
          (output.progress === "always" || (output.progress === "auto" && io.stderrIsTTY))
        ) {
          const where = target._tag === "File" ? target.path : "stdout"
          yield* io.stderr(
            `exported ${summary.written} ${NdjsonExport.itemsOf(source.list)} in ${summary.pages} pages to ${where}` +
              `${summary.resumed ? ` (resumed: ${summary.items} in the file)` : ""}\n`
          )
        }
        return summary
      })
    )
  })

// ---------------------------------------------------------------------------------------------------------------
// export messages

const exportMessages = CliCommand.make(
  "messages",
  {
    connection: connectionOptions,
    output: outputOptions,
    appId: optionalText("app-id", "only messages of this app"),
    contactId: optionalText("contact-id", "only messages with this contact"),
    conversationId: optionalText("conversation-id", "only messages of this conversation"),
    channel: channelOption("channel", "only messages on this channel (SMS, WHATSAPP, ...)"),
    channelIdentity: optionalText("channel-identity", "only messages with this channel identity (phone number, PSID)"),
    startTime: timeOption("start-time", "only messages accepted at or after this time (ISO 8601)"),
    endTime: timeOption("end-time", "only messages accepted at or before this time (ISO 8601)"),
    messagesSource: Options.choice("messages-source", ["CONVERSATION_SOURCE", "DISPATCH_SOURCE"]).pipe(
      Options.withDescription("messages of conversations (default) or of dispatch-mode apps"),
      Options.optional
    ),
    onlyRecipientOriginated: Options.boolean("only-recipient-originated").pipe(
      Options.withDescription("only messages sent by contacts")
    )
  },
  (o) => {
    const some = <A, B>(option: Option.Option<A>, f: (a: A) => B): B | {} =>
      Option.match(option, { onNone: () => ({}), onSome: f })
    const filters = {
      ...some(o.channel, (channel) => ({ channel })),
      ...some(o.channelIdentity, (identity) => ({ channel_identity: identity })),
      ...some(o.startTime, (t) => ({ start_time: DateTime.unsafeMake(t) })),
      ...some(o.endTime, (t) => ({ end_time: DateTime.unsafeMake(t) })),
      page_size: o.output.pageSize
    }
    const listed = {
      ...filters,
      ...some(o.messagesSource, (source) => ({ messages_source: source })),
      ...(o.onlyRecipientOriginated ? { only_recipient_originated: true } : {})
    }
    const app = some(o.appId, (id) => ({ app_id: Ids.AppId.make(id) }))
    const contact = some(o.contactId, (id) => ({ contact_id: Ids.ContactId.make(id) }))
    const dispatch = Option.contains(o.messagesSource, "DISPATCH_SOURCE")
    // the API lists the messages of conversations per conversation or contact, those of dispatch apps per app;
    // without either, the whole project (or app) is walked conversation by conversation
    const source = Option.isSome(o.conversationId)
      ? Export.messages({
          ...listed,
          ...app,
          ...contact,
          conversation_id: Ids.ConversationId.make(o.conversationId.value)
        })
      : Option.isSome(o.contactId)
        ? Export.messages({ ...listed, ...app, contact_id: Ids.ContactId.make(o.contactId.value) })
        : dispatch && Option.isSome(o.appId)
          ? Export.messages({ ...listed, messages_source: "DISPATCH_SOURCE", app_id: Ids.AppId.make(o.appId.value) })
          : undefined
    if (source !== undefined) return runExport(o.connection, o.output, source)
    if (dispatch) return new CliError.UsageError({ message: "--messages-source DISPATCH_SOURCE needs --app-id" })
    if (o.onlyRecipientOriginated) {
      return new CliError.UsageError({
        message: "--only-recipient-originated needs --messages-source DISPATCH_SOURCE (the API refuses it otherwise)"
      })
    }
    return runExport(o.connection, o.output, Export.projectMessages({ ...filters, ...app }))
  }
).pipe(CliCommand.withDescription("Export messages as NDJSON, one message per line, as the API returned them"))

// ---------------------------------------------------------------------------------------------------------------
// export contacts

const exportContacts = CliCommand.make(
  "contacts",
  {
    connection: connectionOptions,
    output: outputOptions,
    externalId: optionalText("external-id", "only the contact with this external id"),
    channel: channelOption("channel", "with --identity: the channel of the identity"),
    identity: optionalText("identity", "only the contact with this channel identity (needs --channel)")
  },
  (o) =>
    runExport(
      o.connection,
      o.output,
      Export.contacts({
        ...Option.match(o.externalId, { onNone: () => ({}), onSome: (id) => ({ external_id: id }) }),
        ...Option.match(o.channel, { onNone: () => ({}), onSome: (channel) => ({ channel }) }),
        ...Option.match(o.identity, { onNone: () => ({}), onSome: (identity) => ({ identity }) }),
        page_size: o.output.pageSize
      })
    )
).pipe(CliCommand.withDescription("Export contacts as NDJSON, one contact per line, as the API returned them"))

// ---------------------------------------------------------------------------------------------------------------
// export conversations

const exportConversations = CliCommand.make(
  "conversations",
  {
    connection: connectionOptions,
    output: outputOptions,
    appId: optionalText("app-id", "only conversations of this app"),
    contactId: optionalText("contact-id", "only conversations with this contact"),
    activeChannel: channelOption("active-channel", "only conversations whose active channel is this one"),
    onlyActive: Options.boolean("only-active").pipe(Options.withDescription("only active conversations"))
  },
  (o) => {
    if (Option.isNone(o.appId) && Option.isNone(o.contactId)) {
      return new CliError.UsageError({
        message:
          "export conversations needs --app-id or --contact-id (the API lists conversations of an app or a contact)"
      })
    }
    return runExport(
      o.connection,
      o.output,
      Export.conversations({
        only_active: o.onlyActive,
        ...Option.match(o.appId, { onNone: () => ({}), onSome: (id) => ({ app_id: Ids.AppId.make(id) }) }),
        ...Option.match(o.contactId, { onNone: () => ({}), onSome: (id) => ({ contact_id: Ids.ContactId.make(id) }) }),
        ...Option.match(o.activeChannel, { onNone: () => ({}), onSome: (channel) => ({ active_channel: channel }) }),
        page_size: o.output.pageSize
      })
    )
  }
).pipe(
  CliCommand.withDescription("Export conversations as NDJSON, one conversation per line, as the API returned them")
)

// ---------------------------------------------------------------------------------------------------------------
// export templates

const exportTemplates = CliCommand.make(
  "templates",
  {
    connection: connectionOptions,
    output: outputOptions,
    apiVersion: Options.choice("api-version", ["v1", "v2"]).pipe(
      Options.withDescription("the templates of the Template Management API v2 (default) or v1"),
      Options.withDefault("v2" as const)
    )
  },
  (o) => runExport(o.connection, o.output, Export.templates({ version: o.apiVersion }))
).pipe(
  CliCommand.withDescription(
    "Export the omni-channel templates as NDJSON, one template per line, as the Template Management API returned them"
  )
)

const exportCommand = CliCommand.make("export").pipe(
  CliCommand.withDescription("Export a list of the project as NDJSON"),
  CliCommand.withSubcommands([exportMessages, exportContacts, exportConversations, exportTemplates])
)

// ---------------------------------------------------------------------------------------------------------------
// send text

const SendOutput = Schema.parseJson(Messages.SendMessageResponse)

const sendText = CliCommand.make(
  "text",
  {
    connection: connectionOptions,
    appId: optionalText("app-id", "the app that sends (with --emulator: created when absent)"),
    contactId: optionalText("contact-id", "the recipient contact"),
    to: optionalText("to", "the recipient's channel identity (phone number, ...), with --channel"),
    channel: channelOption("channel", "the channel of --to (default SMS)"),
    text: Args.text({ name: "text" }).pipe(Args.withDescription("the message"))
  },
  (o) =>
    Effect.gen(function* () {
      if (Option.isSome(o.contactId) === Option.isSome(o.to)) {
        return yield* new CliError.UsageError({
          message: "give the recipient with exactly one of --contact-id or --to"
        })
      }
      if (Option.isSome(o.channel) && Option.isNone(o.to)) {
        return yield* new CliError.UsageError({ message: "--channel goes with --to" })
      }
      if (Option.isNone(o.appId) && !o.connection.emulator) {
        return yield* new CliError.UsageError({ message: "--app-id is required (the app that sends the message)" })
      }
      const io = yield* Stdio
      yield* withConnection(o.connection, (conn) =>
        Effect.gen(function* () {
          const client = yield* SinchClient.SinchClient
          const channel = Option.getOrElse(o.channel, () => "SMS")
          const appId = yield* senderApp(o.appId, conn, channel, { display_name: "sinch-conversation send text" })
          const response = yield* client.messages.send({
            app_id: Ids.AppId.make(appId),
            recipient: Option.isSome(o.contactId)
              ? { contact_id: Ids.ContactId.make(o.contactId.value) }
              : { identified_by: { channel_identities: [{ channel, identity: Option.getOrElse(o.to, () => "") }] } },
            message: { text_message: { text: o.text } }
          })
          yield* io.stdout(Schema.encodeSync(SendOutput)(response) + "\n")
        })
      )
    })
).pipe(CliCommand.withDescription("Send one text message; prints the message id and accept time as JSON"))

const sendCommand = CliCommand.make("send").pipe(
  CliCommand.withDescription("Send a message"),
  CliCommand.withSubcommands([sendText])
)

// ---------------------------------------------------------------------------------------------------------------
// batch send

// a field the schema does not model would be dropped from what is sent: refused instead
// (compiled on first use, not at import: the CLI's every start would pay for it)
const decodeMessage = (u: unknown) => Schema.decodeUnknownEither(Messages.AppMessage, { onExcessProperty: "error" })(u)

/** The message of `--message` or `--message-file`: JSON of an app message of a known kind. */
const readMessage = (inline: Option.Option<string>, file: Option.Option<string>) =>
  Effect.gen(function* () {
    if (Option.isSome(inline) === Option.isSome(file)) {
      return yield* new CliError.UsageError({
        message: "give the message with exactly one of --message or --message-file"
      })
    }
    const fs = yield* FileSystem.FileSystem
    const path = Option.getOrElse(file, () => "")
    const where = Option.isSome(inline) ? "--message" : `--message-file ${path}`
    const text = Option.isSome(inline)
      ? inline.value
      : yield* fs.readFileString(path).pipe(Effect.mapError((e) => new CliError.FileError({ path, reason: e.message })))
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      return yield* new CliError.UsageError({ message: `${where} is not JSON` })
    }
    const decoded = decodeMessage(json)
    if (Either.isLeft(decoded)) {
      const [issue] = ParseResult.ArrayFormatter.formatErrorSync(decoded.left)
      return yield* new CliError.UsageError({
        message: `${where} is not an app message: ${issue === undefined ? "invalid" : `${issue.path.join(".")}: ${issue.message}`}`
      })
    }
    if (Messages.appMessageKind(decoded.right)._tag === "Unknown") {
      return yield* new CliError.UsageError({
        message: `${where} has no message kind: give one of text_message, media_message, template_message, choice_message, card_message, carousel_message, location_message, list_message, contact_info_message`
      })
    }
    return decoded.right
  })

const batchSend = CliCommand.make(
  "send",
  {
    connection: connectionOptions,
    appId: optionalText("app-id", "the app that sends (with --emulator: created when absent)"),
    recipients: Options.text("recipients").pipe(
      Options.withAlias("r"),
      Options.withDescription(
        "the recipients and their parameters: NDJSON (one object per line) or CSV with a header (see docs/cli.md)"
      )
    ),
    format: Options.choice("format", ["ndjson", "csv"]).pipe(
      Options.withDescription("the format of --recipients (default: csv for a .csv file, else ndjson)"),
      Options.optional
    ),
    message: optionalText("message", `the message as JSON, e.g. '{"text_message":{"text":"Hello \${name}"}}'`),
    messageFile: optionalText("message-file", "a file that holds the message as JSON"),
    channel: channelOption("channel", "the channel of recipients given by an identity without a channel (default SMS)"),
    campaign: optionalText(
      "campaign",
      "the campaign's name, in each batch's metadata (default: the file's name and the time; --resume takes the checkpoint's)"
    ),
    batchSize: Options.integer("batch-size").pipe(
      Options.withDescription("recipients per batch, 1 to 1000"),
      Options.withDefault(1000)
    ),
    concurrency: Options.integer("concurrency").pipe(
      Options.withDescription("batches sent at once"),
      Options.withDefault(4)
    ),
    checkpoint: optionalText("checkpoint", "checkpoint file (default: <recipients>.batch-checkpoint.json)"),
    resume: Options.boolean("resume").pipe(
      Options.withDescription(
        "continue an interrupted campaign from its checkpoint (or start it if there is none); the recipients file " +
          "must be the one it was started with (its size and SHA-256 are in the checkpoint)"
      )
    ),
    progress: Options.choice("progress", Progress.modes).pipe(
      Options.withDescription("progress on stderr: auto (only on a terminal), always, never"),
      Options.withDefault("auto" as const)
    )
  },
  (o) =>
    Effect.gen(function* () {
      if (Option.isNone(o.appId) && !o.connection.emulator) {
        return yield* new CliError.UsageError({ message: "--app-id is required (the app that sends the campaign)" })
      }
      if (o.resume && o.connection.emulator) {
        return yield* new CliError.UsageError({
          message: "--resume cannot be used with --emulator: the embedded emulator is fresh on every run"
        })
      }
      if (Option.isSome(o.checkpoint) && o.connection.emulator) {
        return yield* new CliError.UsageError({
          message: "--checkpoint cannot be used with --emulator: a campaign on the embedded emulator cannot be resumed"
        })
      }
      const message = yield* readMessage(o.message, o.messageFile)
      yield* withConnection(o.connection, (conn) =>
        Effect.gen(function* () {
          const channel = Option.getOrElse(o.channel, () => "SMS")
          const appId = yield* senderApp(o.appId, conn, channel, {
            display_name: "sinch-conversation batch send",
            processing_mode: "DISPATCH"
          })
          return yield* BatchSend.run({
            recipients: o.recipients,
            format: Option.getOrElse(o.format, () => BatchSend.formatOf(o.recipients)),
            channel,
            appId,
            message,
            campaign: Option.getOrUndefined(o.campaign),
            chunkSize: o.batchSize,
            concurrency: o.concurrency,
            checkpoint: o.connection.emulator
              ? undefined
              : Option.getOrElse(o.checkpoint, () => BatchSend.defaultCheckpointPath(o.recipients)),
            resume: o.resume,
            progress: o.progress
          })
        })
      )
    })
).pipe(
  CliCommand.withDescription(
    "Send one message to every recipient of a file, in batches of the Batch API; one JSON line per batch on stdout"
  )
)

const batchCommand = CliCommand.make("batch").pipe(
  CliCommand.withDescription("Campaigns on the Conversation Batch API"),
  CliCommand.withSubcommands([batchSend])
)

// ---------------------------------------------------------------------------------------------------------------
// emulator

const emulatorCommand = CliCommand.make(
  "emulator",
  {
    port: Options.integer("port").pipe(
      Options.withDescription("TCP port (0 picks a free one)"),
      Options.withDefault(0)
    ),
    host: Options.text("host").pipe(
      Options.withDescription("interface to listen on"),
      Options.withDefault("127.0.0.1")
    ),
    seed: Options.integer("seed").pipe(
      Options.withDescription("seed the project with this many messages"),
      Options.optional
    )
  },
  (o) =>
    Effect.scoped(
      Effect.gen(function* () {
        const io = yield* Stdio
        if (o.port < 0 || o.port > 65535) {
          return yield* new CliError.UsageError({ message: `--port must be between 0 and 65535, got ${o.port}` })
        }
        const emu = yield* Emulator.serve({ port: o.port, host: o.host, inspector: true }).pipe(
          Effect.mapError((e) => new CliError.Failed({ message: `the emulator did not start: ${e.message}` }))
        )
        const lines = Object.entries(emu.env).map(([k, v]) => `${k}=${v}`)
        if (Option.isSome(o.seed)) {
          const seeded = yield* emu
            .seed({ messages: o.seed.value, contacts: Math.max(1, Math.min(100, Math.ceil(o.seed.value / 10))) })
            .pipe(Effect.mapError((e) => new CliError.Failed({ message: `seeding failed: ${e.message}` })))
          lines.push(`SINCH_APP_ID=${seeded.appId}`)
        }
        yield* io.stdout(lines.join("\n") + "\n")
        yield* io.stderr(
          `emulator listening on ${emu.url} (watch it in a browser: ${emu.inspectorUrl}). Point a client at it with the variables above; Ctrl-C stops it.\n`
        )
        return yield* Effect.never
      })
    )
).pipe(CliCommand.withDescription("Start the Conversation API emulator and print the SINCH_* variables for it"))

// ---------------------------------------------------------------------------------------------------------------
// demo

const demoCommand = CliCommand.make(
  "demo",
  {
    output: optionalText("output", "NDJSON file of the exported messages (default: a temporary file)"),
    keep: Options.boolean("keep").pipe(
      Options.withDescription("keep the emulator, its inspector and the webhook server running after the summary")
    )
  },
  (o) => Demo.main({ output: Option.getOrUndefined(o.output), keep: o.keep })
).pipe(CliCommand.withDescription("Run the end-to-end demo on an embedded emulator"))

// ---------------------------------------------------------------------------------------------------------------

/**
 * The command tree.
 *
 * @since 0.1.0
 * @category commands
 */
export const command = CliCommand.make(name).pipe(
  CliCommand.withDescription("Sinch Conversation API from the command line"),
  CliCommand.withSubcommands([exportCommand, sendCommand, batchCommand, emulatorCommand, demoCommand])
)

const cli = CliCommand.run(command, { name, version })

/**
 * Prints a CLI error on stderr and returns its exit code.
 *
 * @since 0.1.0
 * @category running
 */
export const report = (error: CliError.CliError): Effect.Effect<number, never, Stdio> =>
  Effect.as(
    Effect.flatMap(Stdio, (io) => io.stderr(`${name}: ${error.message}\n`)),
    error.exitCode
  )

// ---------------------------------------------------------------------------------------------------------------
// help and usage errors

// eslint-disable-next-line no-control-regex
const ansi = /\x1b\[[0-9;]*m/g
const width = 100

/** Breaks a line longer than `width` at spaces; continuation lines are indented 4 more than the first. */
const wrap = (line: string): ReadonlyArray<string> => {
  if (line.length <= width) return [line]
  const indent = " ".repeat(line.length - line.trimStart().length + 4)
  const lines: Array<string> = []
  let current = ""
  for (const word of line.trimStart().split(" ")) {
    const prefix = lines.length === 0 && current === "" ? line.slice(0, line.length - line.trimStart().length) : ""
    if (current !== "" && current.length + 1 + word.length > width) {
      lines.push(current)
      current = indent + word
    } else {
      current = current === "" ? prefix + (lines.length === 0 ? "" : indent) + word : `${current} ${word}`
    }
  }
  if (current !== "") lines.push(current)
  return lines
}

/** @effect/cli's output as plain text: no colours, no padding at line ends, no line longer than 100 columns. */
const plain = (text: string): string =>
  text
    .replace(ansi, "")
    .split("\n")
    .flatMap((line) => wrap(line.trimEnd()))
    .join("\n")

// the descriptions @effect/cli gives every flag of a type ("A true or false value."): each flag has its own
const generic =
  /^\s*(A user-defined piece of text( that is confidential)?|A true or false value|An integer|A floating point number)\.$/

/** The help without @effect/cli's generic type descriptions (each flag has its own description). */
const help = (text: string): string =>
  text
    .split("\n")
    .filter((line, i, lines) => {
      const isGeneric = (l: string | undefined) => l !== undefined && generic.test(l.replace(ansi, ""))
      return !isGeneric(line) && !(line.replace(ansi, "").trim() === "" && isGeneric(lines[i - 1]))
    })
    .join("\n")

// @effect/cli's own flags, known to every command
const builtIns = ["--help", "--version", "--wizard", "--completions", "--log-level"]

/** Every flag of every command, read from the help of the command tree. */
const knownFlags = (): ReadonlySet<string> =>
  new Set([
    ...builtIns,
    ...Array.from(
      HelpDoc.toAnsiText(CliCommand.getHelp(command, CliConfig.defaultConfig)).matchAll(/--[a-z][a-z-]*/g),
      ([flag]) => flag
    )
  ])

const distance = (a: string, b: string): number => {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    for (let j = 1; j <= b.length; j++) {
      row.push(Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)))
    }
    previous = row
  }
  return previous[b.length]!
}

const commandNames = [
  "export",
  "messages",
  "contacts",
  "conversations",
  "templates",
  "send",
  "text",
  "batch",
  "emulator",
  "demo"
]

/** The known name nearest to `word` (at most 2 edits away, or one it begins), if any. */
const nearest = (word: string, names: Iterable<string>): string | undefined =>
  [...names]
    .map((known) => ({ known, d: distance(word, known) }))
    .filter(({ known, d }) => d <= 2 || known.startsWith(word))
    .sort((a, b) => a.d - b.d)[0]?.known

/** For the first flag in `args` that no command has (or a misspelt command): the nearest one, or where to look. */
const suggestion = (args: ReadonlyArray<string>): string => {
  const known = knownFlags()
  const unknown = args.map((arg) => arg.split("=")[0]!).find((arg) => arg.startsWith("--") && !known.has(arg))
  if (unknown === undefined) {
    const words = args.filter((arg) => !arg.startsWith("-") && !commandNames.includes(arg))
    const misspelt = words.map((word) => ({ word, near: nearest(word, commandNames) })).find(({ near }) => near)
    return misspelt === undefined ? "" : `. Unknown command ${misspelt.word}: did you mean ${misspelt.near}?`
  }
  const near = nearest(unknown, known)
  return near !== undefined
    ? `. Unknown flag ${unknown}: did you mean ${near}?`
    : `. Unknown flag ${unknown}; each command lists its flags with --help (${name} <command> --help)`
}

/** A usage error of @effect/cli as one line (or a few) with the program's prefix, and a suggestion. */
const usageMessage = (error: ValidationError.ValidationError, args: ReadonlyArray<string>): string => {
  const text = plain(HelpDoc.toAnsiText(error.error)).trim()
  return `${name}: ${text}${suggestion(args)}\n`
}

/**
 * Runs the CLI on `argv` (as `process.argv`: the first two entries are the runtime and the script) and returns the
 * exit code. Never fails; an interruption is left to the caller (exit code 130).
 *
 * @since 0.1.0
 * @category running
 */
export const run = (argv: ReadonlyArray<string>): Effect.Effect<number, never, Env | Path.Path | Terminal.Terminal> =>
  Effect.gen(function* () {
    const io = yield* Stdio
    const base = yield* Effect.console
    // the help goes to stdout (plain text unless stdout is a terminal); @effect/cli's own error reports are replaced
    // by one prefixed line on stderr (below)
    const console = {
      ...base,
      log: (...args: ReadonlyArray<unknown>) => {
        const text = args.map(String).join(" ")
        return io.stdout((io.stdoutIsTTY ? help(text) : plain(help(text))) + "\n")
      },
      error: () => Effect.void
    }
    return yield* cli(argv).pipe(
      Effect.as(CliError.ExitCode.Ok as number),
      Effect.catchAll((error) => {
        if (ValidationError.isValidationError(error)) {
          return Effect.as(io.stderr(usageMessage(error, argv.slice(2))), CliError.ExitCode.Usage as number)
        }
        if (SinchError.isSinchError(error)) {
          return Effect.as(io.stderr(`${name}: ${error.message}\n`), CliError.ExitCode.Api as number)
        }
        return report(error)
      }),
      Effect.catchAllDefect((defect) =>
        Effect.as(
          io.stderr(`${name}: unexpected failure: ${Cause.pretty(Cause.die(defect))}\n`),
          CliError.ExitCode.Failure as number
        )
      ),
      Effect.withConsole(console)
    )
  })
