/**
 * `batch send` as the CLI runs it: a campaign of one message to the recipients of an NDJSON or CSV file, through the
 * client's `Campaign.sendAll` (batches of up to 1000, a few in flight, the project rate limit, a file checkpoint), with
 * the progress line on stderr, one NDJSON line per batch on stdout, a summary at the end, and `--resume` after a
 * crash: the batches settled before are skipped and the ones left in flight are looked up, so every recipient is sent
 * the message once.
 *
 * The recipients file is read twice, lazily (memory stays flat whatever its size): once to check every line before
 * anything is sent, then to send.
 *
 * @since 0.2.0
 */
import * as FileSystem from "@effect/platform/FileSystem"
import { Campaign, CheckpointStore, SinchClient, type SinchError } from "@sinch-effect/client"
import { Batch, type Messages } from "@sinch-effect/schema"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import { createHash } from "node:crypto"
import * as CliError from "./CliError.js"
import * as Progress from "./Progress.js"
import { Stdio } from "./Stdio.js"
import { CsvSyntaxError, records } from "./internal/csv.js"

/**
 * The format of a recipients file: one JSON object per line, or CSV with a header line.
 *
 * @since 0.2.0
 * @category models
 */
export type Format = "ndjson" | "csv"

/**
 * The format of a file by its name: `.csv` is CSV, anything else NDJSON.
 *
 * @since 0.2.0
 * @category models
 */
export const formatOf = (path: string): Format => (/\.csv$/i.test(path) ? "csv" : "ndjson")

/**
 * The checkpoint file of a recipients file unless `--checkpoint` says otherwise: `<file>.batch-checkpoint.json`.
 *
 * @since 0.2.0
 * @category checkpoints
 */
export const defaultCheckpointPath = (recipients: string): string => `${recipients}.batch-checkpoint.json`

/** The CSV columns that say who the recipient is; every other column is a parameter. */
const recipientColumns = new Set(["contact_id", "channel", "identity"])
/** The fields of an NDJSON line in the short form. */
const flatFields = new Set([
  "contact_id",
  "channel",
  "identity",
  "parameters",
  "message_metadata",
  "conversation_metadata"
])
/** The fields of an NDJSON line in the API's form (`recipient_and_params` of a batch). */
const apiFields = new Set(["recipient", "parameters", "message_metadata", "conversation_metadata"])

const channelPattern = /^[A-Z][A-Z0-9_]*$/
// compiled on first use, not at import (Effect memoises a compiled parser per schema)
const decodeRecipient = (u: unknown) =>
  Schema.decodeUnknownEither(Batch.RecipientAndParams, { onExcessProperty: "error" })(u)

const firstIssue = (error: ParseResult.ParseError): string => {
  const [issue] = ParseResult.ArrayFormatter.formatErrorSync(error)
  return issue === undefined ? "invalid" : `${issue.path.length > 0 ? `${issue.path.join(".")}: ` : ""}${issue.message}`
}

const isObject = (u: unknown): u is Record<string, unknown> => typeof u === "object" && u !== null && !Array.isArray(u)

/** A recipient from the short form (`contact_id`, or `identity` and `channel`, and the maps), or why not. */
const fromShortForm = (
  fields: Record<string, unknown>,
  defaultChannel: string
): Either.Either<Record<string, unknown>, string> => {
  const contactId = fields["contact_id"]
  const identity = fields["identity"]
  const given = (u: unknown) => u !== undefined && u !== ""
  if (given(contactId) === given(identity)) {
    return Either.left("give exactly one of contact_id or identity")
  }
  if (given(contactId) && given(fields["channel"])) return Either.left("channel goes with identity, not contact_id")
  const channel = given(fields["channel"]) ? String(fields["channel"]).trim().toUpperCase() : defaultChannel
  if (!channelPattern.test(channel)) return Either.left(`"${String(fields["channel"])}" is not a channel name`)
  const maps = Object.fromEntries(
    ["parameters", "message_metadata", "conversation_metadata"]
      .filter((k) => fields[k] !== undefined)
      .map((k) => [k, fields[k]])
  )
  return Either.right({
    recipient: given(contactId)
      ? { contact_id: contactId }
      : { identified_by: { channel_identities: [{ channel, identity }] } },
    ...maps
  })
}

/**
 * The recipients of a file, read lazily, each checked: every line a recipient (see docs/cli.md for the columns and
 * fields), every `${parameter}` the message uses given.
 *
 * @since 0.2.0
 * @category recipients
 */
export const readRecipients = (
  path: string,
  options: {
    readonly format: Format
    /** The channel of a recipient given by `identity` without `channel`. */
    readonly channel: string
    /** The parameters every recipient must give. */
    readonly parameters: ReadonlyArray<string>
    /**
     * Run after each part of the file is read, before its recipients are given: fails when the file is no longer the
     * one it should be (the campaign's checks that it did not change since it was hashed).
     */
    readonly unchanged?: Effect.Effect<void, CliError.FileError> | undefined
  }
): Stream.Stream<Campaign.Recipient, CliError.InputError | CliError.FileError, FileSystem.FileSystem> => {
  const bad = (line: number, reason: string) => new CliError.InputError({ path, line, reason })
  const check = (line: number, candidate: Either.Either<Record<string, unknown>, string>) =>
    Effect.gen(function* () {
      if (Either.isLeft(candidate)) return yield* bad(line, candidate.left)
      const decoded = decodeRecipient(candidate.right)
      if (Either.isLeft(decoded)) return yield* bad(line, firstIssue(decoded.left))
      const parameters = decoded.right.parameters ?? {}
      const missing = options.parameters.filter((name) => !Object.hasOwn(parameters, name))
      if (missing.length > 0) {
        return yield* bad(line, `no value for ${missing.map((n) => `\${${n}}`).join(", ")}, used in the message`)
      }
      return decoded.right
    })
  const text = Stream.unwrap(
    Effect.map(FileSystem.FileSystem, (fs) =>
      fs.stream(path).pipe(
        Stream.mapError((e) => new CliError.FileError({ path, reason: e.message })),
        Stream.tap(() => options.unchanged ?? Effect.void),
        Stream.decodeText()
      )
    )
  )
  if (options.format === "ndjson") {
    return text.pipe(
      Stream.splitLines,
      Stream.zipWithIndex,
      Stream.filter(([line]) => line.trim() !== ""),
      Stream.mapEffect(([line, i]) => {
        let value: unknown
        try {
          value = JSON.parse(line)
        } catch {
          return bad(i + 1, "not a JSON object")
        }
        if (!isObject(value)) return bad(i + 1, "not a JSON object")
        const known = "recipient" in value ? apiFields : flatFields
        const unknown = Object.keys(value).find((k) => !known.has(k))
        if (unknown !== undefined) {
          return bad(i + 1, `unknown field "${unknown}" (known: ${[...known].join(", ")})`)
        }
        return check(i + 1, "recipient" in value ? Either.right(value) : fromShortForm(value, options.channel))
      })
    )
  }
  return records(text).pipe(
    Stream.mapError((e) => (e instanceof CsvSyntaxError ? bad(e.line, e.reason) : e)),
    Stream.mapAccumEffect(undefined as ReadonlyArray<string> | undefined, (header, record) => {
      if (header === undefined) {
        const names = record.fields.map((f) => f.trim())
        const duplicate = names.find((n, i) => names.indexOf(n) !== i)
        if (duplicate !== undefined) return bad(record.line, `the column "${duplicate}" appears twice in the header`)
        if (!names.includes("contact_id") && !names.includes("identity")) {
          return bad(record.line, "the header has neither a contact_id nor an identity column")
        }
        return Effect.succeed([names, Option.none<Campaign.Recipient>()] as const)
      }
      if (record.fields.length !== header.length) {
        return bad(record.line, `${record.fields.length} fields, but the header has ${header.length}`)
      }
      const fields: Record<string, unknown> = {}
      const parameters: Record<string, string> = {}
      header.forEach((name, i) => {
        if (recipientColumns.has(name)) fields[name] = record.fields[i]!.trim()
        else parameters[name] = record.fields[i]!
      })
      fields["parameters"] = parameters
      return Effect.map(
        check(record.line, fromShortForm(fields, options.channel)),
        (r) => [header, Option.some(r)] as const
      )
    }),
    Stream.filterMap((r) => r)
  )
}

/**
 * A `batch send` run.
 *
 * @since 0.2.0
 * @category models
 */
export interface Options {
  /** The recipients file. */
  readonly recipients: string
  readonly format: Format
  /** The channel of a recipient given by `identity` without `channel`. */
  readonly channel: string
  readonly appId: string
  readonly message: Messages.AppMessage
  /** The campaign's name; a new one is made when absent (a resume takes the checkpoint's). */
  readonly campaign: string | undefined
  readonly chunkSize: number
  readonly concurrency: number
  /** The checkpoint file; none for a campaign that cannot be resumed (on an embedded emulator). */
  readonly checkpoint: string | undefined
  /** Continue the campaign of the checkpoint (or start it when there is none). */
  readonly resume: boolean
  readonly progress: Progress.Mode
}

/**
 * Batches and their recipients.
 *
 * @since 0.2.0
 * @category models
 */
export interface Count {
  readonly batches: number
  readonly recipients: number
}

/**
 * What a run did.
 *
 * @since 0.2.0
 * @category models
 */
export interface Summary {
  readonly campaign: string
  /** Recipients in the file. */
  readonly recipients: number
  /** Batches settled by an earlier run (skipped). */
  readonly skipped: Count
  readonly accepted: Count
  readonly rejected: Count
  readonly atRisk: Count
}

/** A campaign name nobody used: the file's name and the time (batches are found again by it after a crash). */
const newCampaign = (path: string): string => {
  const base = (path.split(/[\\/]/).pop() ?? "campaign").replace(/\.[^.]*$/, "").replace(/[^A-Za-z0-9_-]/g, "_")
  const stamp = new Date()
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z")
  return `${base || "campaign"}-${stamp}-${Math.random().toString(36).slice(2, 6)}`
}

/** The size and modification time of a file: they change when it is written. */
const stampOf = (fs: FileSystem.FileSystem, path: string): Effect.Effect<string, CliError.FileError> =>
  fs.stat(path).pipe(
    Effect.map((info) => `${info.size} ${Option.match(info.mtime, { onNone: () => "", onSome: (d) => d.getTime() })}`),
    Effect.mapError((e) => new CliError.FileError({ path, reason: e.message }))
  )

/**
 * The size and SHA-256 of a file, as a campaign's checkpoint records its recipients (`Campaign.Options.source`), and
 * its size and modification time then (`stamp`), to notice a change before more of it is sent.
 */
const fingerprint = (
  fs: FileSystem.FileSystem,
  path: string
): Effect.Effect<{ readonly source: string; readonly stamp: string }, CliError.FileError> =>
  Effect.gen(function* () {
    const stamp = yield* stampOf(fs, path)
    const hash = createHash("sha256")
    let size = 0
    yield* Stream.runForEach(fs.stream(path), (chunk) =>
      Effect.sync(() => {
        size += chunk.length
        hash.update(chunk)
      })
    ).pipe(Effect.mapError((e) => new CliError.FileError({ path, reason: e.message })))
    if ((yield* stampOf(fs, path)) !== stamp) {
      return yield* new CliError.FileError({
        path,
        reason: "it changed while it was read; run again once it is written"
      })
    }
    return { source: `${size} bytes, sha256 ${hash.digest("hex")}`, stamp }
  })

const checkpointError = (path: string) => (e: Campaign.CheckpointError | CheckpointStore.CheckpointStoreError) =>
  new CliError.CheckpointError({ path, reason: e._tag === "CheckpointError" ? e.description : e.detail })

const plural = (n: number, one: string, many: string) => `${Progress.formatCount(n)} ${n === 1 ? one : many}`
const describeCount = (c: Count) =>
  `${plural(c.batches, "batch", "batches")} (${plural(c.recipients, "recipient", "recipients")})`

/**
 * The summary line: batches and recipients accepted, rejected and at risk.
 *
 * @since 0.2.0
 * @category formatting
 */
export const formatSummary = (s: Summary): string =>
  `campaign ${s.campaign}: ${describeCount(s.accepted)} accepted, ${describeCount(s.rejected)} rejected, ` +
  `${describeCount(s.atRisk)} at risk` +
  (s.skipped.batches > 0 ? `; ${describeCount(s.skipped)} settled by an earlier run` : "") +
  ` (${plural(s.recipients, "recipient", "recipients")} in the file)`

/**
 * Runs a campaign; see the module's description. Fails with a `CliError` for bad input or checkpoints, with the
 * client's error when the API stops it (the checkpoint then resumes it), and with `ApiFailed` (exit code 4) after the
 * summary when a batch was rejected or is at risk (their recipients are on stdout).
 *
 * @since 0.2.0
 * @category running
 */
export const run = (
  options: Options
): Effect.Effect<
  Summary,
  | CliError.UsageError
  | CliError.CheckpointError
  | CliError.FileError
  | CliError.InputError
  | CliError.ApiFailed
  | SinchError.SinchError,
  SinchClient.SinchClient | FileSystem.FileSystem | Stdio
> =>
  Effect.scoped(
    Effect.gen(function* () {
      const io = yield* Stdio
      const sinch = yield* SinchClient.SinchClient
      if (!Number.isInteger(options.chunkSize) || options.chunkSize < 1 || options.chunkSize > Batch.maxRecipients) {
        return yield* new CliError.UsageError({
          message: `--batch-size must be 1 to ${Batch.maxRecipients}, got ${options.chunkSize}`
        })
      }
      if (!Number.isInteger(options.concurrency) || options.concurrency < 1) {
        return yield* new CliError.UsageError({
          message: `--concurrency must be at least 1, got ${options.concurrency}`
        })
      }
      const fs = yield* FileSystem.FileSystem
      const store = yield* CheckpointStore.makeFileSystem
      const checkpointPath = options.checkpoint ?? ""
      const existing =
        options.checkpoint === undefined
          ? Option.none()
          : yield* store.get(checkpointPath).pipe(Effect.mapError(checkpointError(checkpointPath)))
      let campaign: string
      let before: Campaign.CheckpointState | undefined
      if (Option.isSome(existing)) {
        if (!options.resume) {
          return yield* new CliError.UsageError({
            message:
              `${checkpointPath} exists: a campaign to ${options.recipients} was started before. Add --resume to ` +
              "continue it (nobody is sent the message twice), or give another --checkpoint to send it again to everyone."
          })
        }
        before = yield* Schema.decodeUnknown(Campaign.CheckpointState)(existing.value).pipe(
          Effect.mapError(
            () =>
              new CliError.CheckpointError({
                path: checkpointPath,
                reason: "it is not a checkpoint of sinch-conversation batch send"
              })
          )
        )
        campaign = options.campaign ?? before.campaign
      } else {
        campaign = options.campaign ?? newCampaign(options.recipients)
      }
      if (!(yield* fs.exists(options.recipients).pipe(Effect.orElseSucceed(() => false)))) {
        return yield* new CliError.FileError({ path: options.recipients, reason: "no such file" })
      }
      // the file as the checkpoint records it: a resume must send the same recipients in the same chunks
      const { source, stamp } = yield* fingerprint(fs, options.recipients)
      if (before !== undefined && before.source !== source) {
        return yield* new CliError.UsageError({
          message:
            before.source === undefined
              ? `${checkpointPath} records no fingerprint of its recipients file (it was written before checkpoints ` +
                `recorded one), so this resume cannot check that ${options.recipients} is the file the campaign was ` +
                "started with: another file would be sent as the campaign's remaining batches. If the file has not " +
                `changed since, add "source": "${source}" to ${checkpointPath} and resume again; or give another ` +
                "--checkpoint to start a new campaign."
              : `${options.recipients} is not the file this campaign was started with: ${checkpointPath} records ` +
                `${before.source}, the file has ${source}. Resume with the file as it was, or give another ` +
                "--checkpoint to start a new campaign."
        })
      }
      // the file is what was hashed until its last part is read: a change stops the campaign before more is sent
      const unchanged = Effect.flatMap(stampOf(fs, options.recipients), (now) =>
        now === stamp
          ? Effect.void
          : new CliError.FileError({
              path: options.recipients,
              reason:
                "it changed since the campaign started with it (its size or modification time differ): nothing more " +
                "is sent from it. Put the file back as it was and resume (--resume), or give another --checkpoint to " +
                "start a new campaign."
            })
      )
      const read = () =>
        readRecipients(options.recipients, {
          format: options.format,
          channel: options.channel,
          parameters: [...Batch.parameterNames(options.message)],
          unchanged
        }).pipe(Stream.provideService(FileSystem.FileSystem, fs))
      // every line is checked before anything is sent
      const total = yield* Stream.runCount(read())
      if (total === 0) {
        return yield* new CliError.UsageError({ message: `${options.recipients} has no recipients` })
      }
      const sizeOf = (k: number) => Math.max(0, Math.min(options.chunkSize, total - k * options.chunkSize))
      const settledBefore =
        before === undefined || before.chunk_size !== options.chunkSize
          ? []
          : [...Array.from({ length: before.next }, (_, k) => k), ...before.settled]
      const skipped: Count = {
        batches: settledBefore.length,
        recipients: settledBefore.reduce((n, k) => n + sizeOf(k), 0)
      }
      const tally = { accepted: { batches: 0, recipients: 0 }, rejected: { batches: 0, recipients: 0 } }
      const atRisk = { batches: 0, recipients: 0 }
      const progress = yield* Progress.make({
        label: "recipients",
        unit: "batches",
        mode: options.progress,
        resumedAt: skipped.recipients
      })
      const summary = (): Summary => ({
        campaign,
        recipients: total,
        skipped,
        accepted: tally.accepted,
        rejected: tally.rejected,
        atRisk
      })
      yield* sinch.batch
        .sendAll(read(), {
          campaign,
          app_id: options.appId,
          message: options.message,
          chunkSize: options.chunkSize,
          concurrency: options.concurrency,
          checkpoint: options.checkpoint === undefined ? undefined : { store, key: options.checkpoint },
          source
        })
        .pipe(
          Stream.runForEach((outcome) =>
            Effect.gen(function* () {
              const size = sizeOf(outcome.chunk)
              const line =
                outcome._tag === "Accepted"
                  ? { outcome: "accepted", batch: outcome.chunk, batch_id: outcome.batch_id, recipients: size }
                  : {
                      outcome: outcome._tag === "Rejected" ? "rejected" : "at_risk",
                      batch: outcome.chunk,
                      recipients: size,
                      error: outcome.error.message,
                      recipient_and_params: outcome.recipients
                    }
              const count =
                outcome._tag === "Accepted" ? tally.accepted : outcome._tag === "Rejected" ? tally.rejected : atRisk
              count.batches++
              count.recipients += size
              yield* io.stdout(JSON.stringify(line) + "\n")
              yield* progress.page(size)
            })
          ),
          Effect.mapError((e) =>
            e._tag === "CheckpointError" || e._tag === "CheckpointStoreError" ? checkpointError(checkpointPath)(e) : e
          ),
          Effect.onExit(() => progress.finish),
          Effect.onInterrupt(() =>
            io.stderr(`interrupted: ${formatSummary(summary())}. Run the same command with --resume to continue.\n`)
          ),
          Effect.tapError(() =>
            io.stderr(`stopped: ${formatSummary(summary())}. Once the cause is fixed, add --resume to continue.\n`)
          )
        )
      const done = summary()
      yield* io.stderr(formatSummary(done) + "\n")
      if (done.rejected.batches > 0 || done.atRisk.batches > 0) {
        return yield* new CliError.ApiFailed({
          reason: "CampaignIncomplete",
          message:
            `${describeCount(done.rejected)} rejected and ${describeCount(done.atRisk)} at risk: their recipients are ` +
            "on stdout (outcome rejected or at_risk); a resume does not send them again"
        })
      }
      return done
    })
  )
