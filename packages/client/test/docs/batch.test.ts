/**
 * docs/batch.md: a campaign against the emulator, reconciled from its signed callbacks
 * (BATCH_STATUS_UPDATE and the delivery reports) received by a webhook server on a real socket.
 */
import { assert, describe, it } from "@effect/vitest"
import { Emulator } from "@sinch-effect/emulator"
import * as Effect from "effect/Effect"
import { reconcile, sendCampaign } from "../../../../docs/examples/batch/campaign.js"
import { clientFor } from "../../../../docs/examples/configuration/emulator.js"
import * as SinchClient from "../../src/SinchClient.js"
import { callbackServer } from "../integration/emulator.js"
import { assertShowsExamples } from "./guides.js"

describe("docs/batch.md", () => {
  it("shows every example file verbatim", () => assertShowsExamples("batch"))

  it.scopedLive(
    "campaign.ts: 10 000 recipients in 10 batches, all processed and every message reported by a signed callback",
    () =>
      Effect.gen(function* () {
        const emu = yield* Emulator.serve({ deliveryDelayMillis: 0 })
        const hook = yield* callbackServer("campaign-secret", 50_000)
        const run = <A, E>(effect: Effect.Effect<A, E, SinchClient.SinchClient>) =>
          Effect.provide(effect, clientFor(emu))
        const appId = yield* run(
          Effect.gen(function* () {
            const sinch = yield* SinchClient.SinchClient
            const app = yield* sinch.apps.create({
              display_name: "Spring sale",
              processing_mode: "DISPATCH",
              channel_credentials: [{ channel: "SMS", static_bearer: { claimed_identity: "plan", token: "token" } }]
            })
            yield* sinch.webhooks.create({
              app_id: app.id!,
              target: hook.url,
              triggers: ["BATCH_STATUS_UPDATE", "MESSAGE_DELIVERY"],
              secret: "campaign-secret"
            })
            return app.id!
          })
        )
        const { atRisk, batches } = yield* run(sendCampaign(appId, 10_000))
        assert.strictEqual(batches.size, 10)
        assert.strictEqual(atRisk.length, 0)
        const result = yield* reconcile(hook.events, batches)
        assert.strictEqual(result.processed.size, 10)
        let delivered = 0
        for (const [batchId, tally] of result.reports) {
          assert.isTrue(batches.has(batchId))
          delivered += tally.delivered
        }
        assert.strictEqual(delivered, 10_000)
      }),
    { timeout: 120_000 }
  )
})
