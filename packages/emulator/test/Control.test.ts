import { spawn } from "node:child_process"
import * as Path from "node:path"
import { fileURLToPath } from "node:url"
import { assert, describe, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { Emulator } from "@sinch-effect/emulator"
import { basic, client, createApp, createWebhook, receiver, request, verifySignature } from "./helpers.js"

const here = Path.dirname(fileURLToPath(import.meta.url))

const post = (url: string, body: unknown) =>
  request(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })

describe("control API", () => {
  it.scoped("simulates inbound messages and events over HTTP", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const api = client(emu)
      const app = yield* createApp(api)
      const hook = yield* receiver()
      yield* createWebhook(api, app.id, hook.url, ["MESSAGE_INBOUND", "EVENT_INBOUND"], "x")
      const base = `${emu.url}/emulator/projects/${emu.projectId}`
      const m = yield* post(`${base}/inbound-messages`, {
        app_id: app.id,
        channel: "WHATSAPP",
        identity: "+46",
        contact_message: { text_message: { text: "hello" } }
      })
      assert.strictEqual(m.status, 200)
      assert.strictEqual(m.json.direction, "TO_APP")
      const e = yield* post(`${base}/inbound-events`, {
        app_id: app.id,
        channel: "WHATSAPP",
        identity: "+46",
        contact_event: { composing_event: {} }
      })
      assert.strictEqual(e.status, 200)
      const got = yield* hook.waitFor(() => true, 2)
      assert.isTrue(got.every((r) => verifySignature(r, "x")))
      assert.strictEqual((yield* post(`${base}/inbound-messages`, { app_id: app.id })).status, 400)
      assert.strictEqual(
        (yield* post(`${base}/inbound-messages`, {
          app_id: "01NOPE",
          channel: "SMS",
          identity: "+1",
          contact_message: { text_message: { text: "x" } }
        })).status,
        404
      )
      assert.strictEqual((yield* post(`${emu.url}/emulator/projects/nope/inbound-messages`, {})).status, 404)
      const deliveries = yield* request(`${emu.url}/emulator/deliveries`)
      assert.isAtLeast(deliveries.json.deliveries.length, 2)
    })
  )

  it.scoped("creates projects, sets delivery outcomes and config, seeds over HTTP", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const p = yield* post(`${emu.url}/emulator/projects`, {})
      const r = yield* request(`${emu.url}/v1/projects/${p.json.project_id}/apps`, {
        headers: { authorization: basic(p.json.key_id, p.json.key_secret) }
      })
      assert.strictEqual(r.status, 200)
      const cfg = yield* post(`${emu.url}/emulator/config`, { token_ttl_seconds: 5 })
      assert.strictEqual(cfg.json.token_ttl_seconds, 5)
      assert.strictEqual(
        (yield* post(`${emu.url}/emulator/delivery-outcomes`, { identity: "+1", status: "FAILED" })).status,
        200
      )
      assert.strictEqual(
        (yield* post(`${emu.url}/emulator/delivery-outcomes`, { identity: "+1", status: "x" })).status,
        400
      )
      const seeded = yield* post(`${emu.url}/emulator/projects/${emu.projectId}/seed`, { contacts: 3, messages: 30 })
      assert.strictEqual(seeded.json.messages, 30)
      assert.strictEqual((yield* emu.stats()).messages, 30)
    })
  )

  it.scoped("the control Effect API reports unknown apps as ControlError", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const error = yield* Effect.flip(
        emu.inboundMessage({
          appId: "01NOPE",
          channel: "SMS",
          identity: "+1",
          contactMessage: { text_message: { text: "x" } }
        })
      )
      assert.strictEqual(error._tag, "ControlError")
      assert.strictEqual(error.code, 404)
    })
  )

  it.scoped("serve fails with ServeError when the port is taken", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const error = yield* Effect.flip(Emulator.serve({ port: emu.port }))
      assert.strictEqual(error._tag, "ServeError")
    })
  )

  it.scoped("the server closes with its scope", () =>
    Effect.gen(function* () {
      const url = yield* Effect.scoped(Emulator.serve().pipe(Effect.map((emu) => emu.url)))
      const r = yield* Effect.promise(() =>
        fetch(`${url}/emulator/faults`).then(
          () => "open",
          () => "closed"
        )
      )
      assert.strictEqual(r, "closed")
    })
  )

  it.scoped(
    "the sinch-emulator bin prints NAME=value lines and keeps serving",
    () =>
      Effect.gen(function* () {
        const tsx = Path.resolve(here, "../../../node_modules/.bin/tsx")
        const child = yield* Effect.acquireRelease(
          Effect.sync(() =>
            spawn(
              tsx,
              [
                "--conditions=@sinch-effect/source",
                Path.resolve(here, "../src/bin.ts"),
                "--port",
                "0",
                "--seed",
                "contacts=2,messages=5"
              ],
              {
                stdio: ["ignore", "pipe", "inherit"]
              }
            )
          ),
          (c) => Effect.sync(() => c.kill("SIGTERM"))
        )
        const env = yield* Effect.promise(
          () =>
            new Promise<Record<string, string>>((resolve, reject) => {
              let out = ""
              child.stdout!.on("data", (d: Buffer) => {
                out += d.toString()
                if (out.includes("SINCH_CONTACT_ID=")) {
                  resolve(
                    Object.fromEntries(
                      out
                        .trim()
                        .split("\n")
                        .map((l) => l.split("=") as [string, string])
                    )
                  )
                }
              })
              child.on("exit", (code) => reject(new Error(`bin exited with ${code}`)))
            })
        )
        assert.includeMembers(Object.keys(env), [
          "SINCH_PROJECT_ID",
          "SINCH_KEY_ID",
          "SINCH_KEY_SECRET",
          "SINCH_CONVERSATION_URL",
          "SINCH_AUTH_URL",
          "SINCH_APP_ID",
          "SINCH_CONTACT_ID"
        ])
        // (seeded round-robin: 3 of the 5 messages are the first contact's)
        const r = yield* request(
          `${env["SINCH_CONVERSATION_URL"]}/v1/projects/${env["SINCH_PROJECT_ID"]}/messages?page_size=20&contact_id=${env["SINCH_CONTACT_ID"]}`,
          {
            headers: { authorization: basic(env["SINCH_KEY_ID"]!, env["SINCH_KEY_SECRET"]!) }
          }
        )
        assert.strictEqual(r.json.messages.length, 3)
      }),
    30_000
  )
})

describe("control API numbers", () => {
  it.scoped("out-of-range numbers are 400 naming the field, never 500 (issue 11)", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const seed = `${emu.url}/emulator/projects/${emu.projectId}/seed`
      const cases: ReadonlyArray<readonly [string, unknown, string]> = [
        [seed, { contacts: 1e10 }, "contacts"],
        [seed, { contacts: -1 }, "contacts"],
        [seed, { messages: 1e12 }, "messages"],
        [seed, { contacts: 1.5 }, "contacts"],
        [`${emu.url}/emulator/config`, { token_ttl_seconds: -5 }, "token_ttl_seconds"],
        [`${emu.url}/emulator/config`, { delivery_delay_millis: 1e15 }, "delivery_delay_millis"],
        [
          `${emu.url}/emulator/faults`,
          { operation: "messages.send", fault: { _tag: "Latency", millis: 1e15 } },
          "fault.millis"
        ],
        [
          `${emu.url}/emulator/faults`,
          { operation: "messages.send", fault: { _tag: "Status", status: 503, retryAfterSeconds: -1 } },
          "fault.retryAfterSeconds"
        ],
        [
          `${emu.url}/emulator/faults`,
          { operation: "messages.send", fault: { _tag: "DropBeforeProcessing" }, count: 0 },
          "count"
        ]
      ]
      for (const [url, body, field] of cases) {
        const answer = yield* post(url, body)
        assert.strictEqual(answer.status, 400, JSON.stringify(body))
        assert.include(JSON.stringify(answer.json), field)
      }
      // still serving, and a valid seed works
      assert.strictEqual((yield* post(seed, { contacts: 2, messages: 4 })).status, 200)
    })
  )
})
