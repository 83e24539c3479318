// A campaign to every recipient of a Stream, and its reconciliation from callbacks. Run by
// packages/client/test/docs/batch.test.ts against the emulator, with 10 000 recipients and signed callbacks.
import { type Campaign, SinchClient } from "@sinch-effect/client"
import type { Webhooks } from "@sinch-effect/webhooks"
import { Effect, Stream } from "effect"

/** The recipients, read lazily: from a file or a database cursor in real life, generated here. */
export const recipients = (count: number): Stream.Stream<Campaign.Recipient> =>
  Stream.range(1, count).pipe(
    Stream.map((i) => ({
      recipient: { identified_by: { channel_identities: [{ channel: "SMS", identity: `+4670${1_000_000 + i}` }] } },
      parameters: { name: `customer ${i}`, code: String(1000 + (i % 9000)) }
    }))
  )

/** Sends the campaign in batches of 1000, 4 at a time; returns the accepted batches and the recipients at risk. */
export const sendCampaign = (appId: string, count: number) =>
  Effect.gen(function* () {
    const sinch = yield* SinchClient.SinchClient
    const batches = new Map<string, number>()
    const atRisk: Array<Campaign.Recipient> = []
    yield* sinch.batch
      .sendAll(recipients(count), {
        campaign: "spring-sale",
        app_id: appId,
        message: { text_message: { text: "Hello ${name}, your code is ${code}" } },
        batch_metadata: { campaign: "spring-sale" }
      })
      .pipe(
        Stream.runForEach((outcome) =>
          Effect.sync(() => {
            if (outcome._tag === "Accepted") batches.set(outcome.batch_id, outcome.size)
            else atRisk.push(...outcome.recipients)
          })
        )
      )
    return { batches, atRisk }
  })

/** What the callbacks say about a campaign. */
export interface Reconciliation {
  /** The batches whose status callback said they were processed. */
  readonly processed: Set<string>
  /** Final delivery reports (DELIVERED or FAILED) per batch. */
  readonly reports: Map<string, { delivered: number; failed: number }>
}

const batchOf = (metadata: string | undefined): string | undefined => {
  try {
    const parsed: unknown = JSON.parse(metadata ?? "")
    return typeof parsed === "object" && parsed !== null && "_batch_id" in parsed ? String(parsed._batch_id) : undefined
  } catch {
    return undefined
  }
}

/**
 * Reads callbacks until every batch was processed and every message of it has a final delivery report: each
 * report's `metadata` carries the batch's ID as `_batch_id`.
 */
export const reconcile = <E>(callbacks: Stream.Stream<Webhooks.Event, E>, batches: ReadonlyMap<string, number>) => {
  const state: Reconciliation = { processed: new Set(), reports: new Map() }
  let pending = [...batches.values()].reduce((a, b) => a + b, 0)
  return callbacks.pipe(
    Stream.tap((event) =>
      Effect.sync(() => {
        if (event._tag === "BATCH_STATUS_UPDATE") {
          const n = event.batch_status_update_notification
          if (n.batch_status === "BATCH_STATUS_PROCESSED" && n.batch_id !== undefined) state.processed.add(n.batch_id)
        } else if (event._tag === "MESSAGE_DELIVERY") {
          const report = event.message_delivery_report
          const batchId = batchOf(report.metadata)
          if (batchId === undefined || !batches.has(batchId)) return
          if (report.status !== "DELIVERED" && report.status !== "FAILED") return
          const tally = state.reports.get(batchId) ?? { delivered: 0, failed: 0 }
          if (report.status === "FAILED") tally.failed++
          else tally.delivered++
          state.reports.set(batchId, tally)
          pending--
        }
      })
    ),
    Stream.takeUntil(() => pending === 0 && state.processed.size === batches.size),
    Stream.runDrain,
    Effect.as(state)
  )
}
