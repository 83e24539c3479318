/**
 * docs/configuration.md: every example runs against an emulator over a real socket.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { assert, describe, it } from "@effect/vitest"
import { Emulator, Fault } from "@sinch-effect/emulator"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as Redacted from "effect/Redacted"
import * as Ref from "effect/Ref"
import { basic, impatient, withTokenSource } from "../../../../docs/examples/configuration/auth.js"
import { bothWays } from "../../../../docs/examples/configuration/emulator.js"
import { clientOver, overFetch, overNode, overTunedFetch } from "../../../../docs/examples/configuration/http-client.js"
import {
  describeConfig,
  fromEnvironment,
  fromMyOwnVariables,
  inEurope,
  withConfig
} from "../../../../docs/examples/configuration/layers.js"
import * as SinchClient from "../../src/SinchClient.js"
import * as SinchConfig from "../../src/SinchConfig.js"
import { assertShowsExamples, docs } from "./guides.js"

const env = (vars: Record<string, string>) =>
  Layer.setConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(vars))))
const listApps = Effect.flatMap(SinchClient.SinchClient, (sinch) => sinch.apps.list())
const credentials = { SINCH_PROJECT_ID: "p-1", SINCH_KEY_ID: "k-1", SINCH_KEY_SECRET: "s3cr3t-value" }

describe("docs/configuration.md", () => {
  it("shows every example file verbatim", () => assertShowsExamples("configuration"))

  it.live("the emulator, with values and with the production layer fed its variables", () =>
    Effect.gen(function* () {
      const { created, listed } = yield* bothWays
      assert.deepStrictEqual(
        listed.map((app) => app.id),
        [created.id]
      )
    })
  )

  it.scopedLive("the layers of layers.ts resolve the documented settings", () =>
    Effect.gen(function* () {
      const lines = yield* Ref.make<ReadonlyArray<string>>([])
      const logger = Logger.make(({ message }) => {
        Effect.runSync(Ref.update(lines, (all) => [...all, String(message)]))
      })
      const described = yield* describeConfig.pipe(
        Effect.provide(withConfig),
        Effect.provide(env({ ...credentials, SINCH_REGION: "BR", SINCH_TIMEOUT: "5 seconds" })),
        Effect.provide(Logger.replace(Logger.defaultLogger, logger))
      )
      assert.strictEqual(described.api, "https://br.conversation.api.sinch.com")
      assert.strictEqual(described.auth, "oauth2 via https://auth.sinch.com")
      assert.isTrue(Duration.equals(described.timeout, Duration.seconds(5)))
      assert.strictEqual(described.secretLength, "s3cr3t-value".length)
      const logged = (yield* Ref.get(lines)).join("\n")
      assert.include(logged, "Sinch project p-1, key k-1 (<redacted>)")
      assert.notInclude(logged, "s3cr3t-value")

      // overrides win over the variables
      const europe = yield* SinchConfig.SinchConfig.pipe(
        Effect.provide(SinchConfig.layerConfig({ region: "eu", timeout: "10 seconds" })),
        Effect.provide(env({ ...credentials, SINCH_REGION: "br" }))
      )
      assert.strictEqual(europe.conversationUrl, "https://eu.conversation.api.sinch.com")
      assert.isTrue(Duration.equals(europe.timeout, Duration.seconds(10)))
      // inEurope and fromEnvironment build without a request (the token is fetched on first use)
      yield* Layer.build(inEurope).pipe(Effect.provide(env(credentials)))
      yield* Layer.build(fromEnvironment).pipe(Effect.provide(env(credentials)))
    })
  )

  it.live("every row of the 'What is checked' table is the ConfigError a bad setting gives", () =>
    Effect.gen(function* () {
      const rows = [...docs("configuration.md").matchAll(/^\| `([A-Z_]+)(?:=([^`]*)`|` unset) +\| `(.*)` +\|$/gm)]
      assert.strictEqual(rows.length, 7)
      for (const [, name, value, expected] of rows) {
        const vars: Record<string, string> = { ...credentials }
        if (value === undefined) delete vars[name!]
        else vars[name!] = value.replace(/^"(.*)"$/, "$1")
        const error = yield* Effect.flip(Effect.scoped(Layer.build(fromEnvironment)).pipe(Effect.provide(env(vars))))
        const prefix = expected!.endsWith("...")
          ? expected!.slice(0, -3)
          : value === undefined
            ? expected!.slice(0, expected!.indexOf("to exist in the"))
            : expected!
        assert.include(String(error), prefix, `${name}=${value}`)
      }
    })
  )

  it.live("your own variables", () =>
    Effect.gen(function* () {
      // your own variables
      yield* Effect.scoped(Layer.build(fromMyOwnVariables)).pipe(
        Effect.provide(env({ MYAPP_SINCH_PROJECT: "p", MYAPP_SINCH_KEY: "k", MYAPP_SINCH_SECRET: "s" }))
      )
      const mine = yield* Effect.flip(
        Effect.scoped(Layer.build(fromMyOwnVariables)).pipe(
          Effect.provide(
            env({ MYAPP_SINCH_PROJECT: "p", MYAPP_SINCH_KEY: "k", MYAPP_SINCH_SECRET: "s", MYAPP_SINCH_REGION: "ap" })
          )
        )
      )
      assert.include(String(mine), "MYAPP_SINCH_REGION")
    })
  )

  it.scopedLive("every transport and auth mode talks to the emulator", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const onEmulator = env(emu.env)
      for (const layer of [
        overNode,
        overFetch,
        overTunedFetch,
        clientOver(NodeHttpClient.layerUndici),
        clientOver(NodeHttpClient.layer),
        basic
      ]) {
        const apps = yield* listApps.pipe(Effect.provide(layer), Effect.provide(onEmulator))
        assert.deepStrictEqual(apps.apps ?? [], [])
      }
    })
  )

  it.scopedLive("a token source of your own; a rejected token is dropped and the call retried once", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const http = yield* HttpClient.HttpClient.pipe(Effect.provide(FetchHttpClient.layer))
      const fetched = yield* Ref.make(0)
      const rejected = yield* Ref.make(0)
      const current = yield* Ref.make<Redacted.Redacted<string>>(Redacted.make("not-a-token"))
      const freshToken = Effect.gen(function* () {
        const response = yield* http.execute(
          HttpClientRequest.post(`${emu.authUrl}/oauth2/token`).pipe(
            HttpClientRequest.basicAuth(emu.keyId, Redacted.value(emu.keySecret)),
            HttpClientRequest.bodyUrlParams({ grant_type: "client_credentials" })
          )
        )
        const body = (yield* response.json) as { access_token: string }
        yield* Ref.update(fetched, (n) => n + 1)
        return Redacted.make(body.access_token)
      }).pipe(Effect.orDie)
      const onRejected = Effect.gen(function* () {
        yield* Ref.update(rejected, (n) => n + 1)
        yield* Ref.set(current, yield* freshToken)
      })
      const apps = yield* listApps.pipe(
        Effect.provide(withTokenSource(Ref.get(current), onRejected)),
        Effect.provide(env(emu.env))
      )
      assert.deepStrictEqual(apps.apps ?? [], [])
      assert.strictEqual(yield* Ref.get(rejected), 1)
      assert.strictEqual(yield* Ref.get(fetched), 1)
    })
  )

  it.scopedLive("the timeout bounds each attempt", () =>
    Effect.gen(function* () {
      const emu = yield* Emulator.serve()
      const client = Layer.provide(impatient, env(emu.env))
      // one slow answer: the read is retried and succeeds
      yield* emu.addFault(Fault.rule("apps.list", Fault.latency(500), { count: 1 }))
      assert.deepStrictEqual((yield* listApps.pipe(Effect.provide(client))).apps ?? [], [])
      // always slow: every attempt times out
      yield* emu.addFault(Fault.rule("apps.list", Fault.latency(500)))
      const error = yield* Effect.flip(listApps.pipe(Effect.provide(client)))
      assert.strictEqual(error._tag, "Timeout")
      assert.include(error.message, "apps.list timed out after 200ms")
    })
  )
})
