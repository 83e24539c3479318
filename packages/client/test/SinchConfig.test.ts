import { assert, describe, it } from "@effect/vitest"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as SinchConfig from "../src/SinchConfig.js"

const fromEnv = (env: Record<string, string>, overrides?: Partial<SinchConfig.Options>) =>
  Effect.gen(function* () {
    return yield* SinchConfig.SinchConfig
  }).pipe(
    Effect.provide(
      SinchConfig.layerConfig(overrides).pipe(
        Layer.provide(Layer.setConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env)))))
      )
    )
  )

const base = { SINCH_PROJECT_ID: "p1", SINCH_KEY_ID: "k1", SINCH_KEY_SECRET: "s3cret" }

describe("SinchConfig", () => {
  it.effect("reads the environment with defaults", () =>
    Effect.gen(function* () {
      const config = yield* fromEnv(base)
      assert.strictEqual(config.projectId, "p1")
      assert.strictEqual(config.region, "us")
      assert.strictEqual(config.conversationUrl, "https://us.conversation.api.sinch.com")
      assert.strictEqual(config.authUrl, "https://auth.sinch.com")
      assert.strictEqual(config.authMode, "oauth2")
      assert.isTrue(Duration.equals(config.timeout, Duration.seconds(30)))
      assert.isFalse(config.tracePropagation)
      assert.strictEqual(Redacted.value(config.keySecret), "s3cret")
      assert.notInclude(String(config.keySecret), "s3cret")
      assert.notInclude(JSON.stringify(config), "s3cret")
    })
  )

  it.effect("the Template Management and Batch APIs follow the region; their overrides win", () =>
    Effect.gen(function* () {
      const eu = yield* fromEnv({ ...base, SINCH_REGION: "eu" })
      assert.strictEqual(eu.templatesUrl, "https://eu.template.api.sinch.com")
      assert.strictEqual(eu.batchUrl, "https://eu.conversationbatch.api.sinch.com")
      const br = yield* fromEnv({ ...base, SINCH_REGION: "br" })
      assert.strictEqual(br.templatesUrl, "https://br.template.api.sinch.com")
      assert.strictEqual(br.batchUrl, "https://br.conversationbatch.api.sinch.com")
      const custom = yield* fromEnv({
        ...base,
        SINCH_TEMPLATES_URL: "http://127.0.0.1:4012/",
        SINCH_BATCH_URL: "http://127.0.0.1:4013"
      })
      assert.strictEqual(custom.templatesUrl, "http://127.0.0.1:4012")
      assert.strictEqual(custom.batchUrl, "http://127.0.0.1:4013")
      assert.strictEqual(custom.conversationUrl, "https://us.conversation.api.sinch.com")
      const bad = yield* Effect.flip(fromEnv({ ...base, SINCH_TEMPLATES_URL: "localhost:4012" }))
      assert.include(String(bad), "SINCH_TEMPLATES_URL must be an http(s) URL")
    })
  )

  it.effect("region selects the regional URL; URL overrides win", () =>
    Effect.gen(function* () {
      assert.strictEqual(
        (yield* fromEnv({ ...base, SINCH_REGION: "EU" })).conversationUrl,
        "https://eu.conversation.api.sinch.com"
      )
      assert.strictEqual(
        (yield* fromEnv({ ...base, SINCH_REGION: "br" })).conversationUrl,
        "https://br.conversation.api.sinch.com"
      )
      const custom = yield* fromEnv({
        ...base,
        SINCH_CONVERSATION_URL: "http://127.0.0.1:4010/",
        SINCH_AUTH_URL: "http://127.0.0.1:4011",
        SINCH_AUTH_MODE: "basic",
        SINCH_TIMEOUT: "5 seconds"
      })
      assert.strictEqual(custom.conversationUrl, "http://127.0.0.1:4010")
      // the other APIs keep the region's host unless overridden
      assert.strictEqual(custom.templatesUrl, "https://us.template.api.sinch.com")
      assert.strictEqual(custom.batchUrl, "https://us.conversationbatch.api.sinch.com")
      assert.strictEqual(custom.authUrl, "http://127.0.0.1:4011")
      assert.strictEqual(custom.authMode, "basic")
      assert.isTrue(Duration.equals(custom.timeout, Duration.seconds(5)))
    })
  )

  it.effect("an unknown region is a clear error", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(fromEnv({ ...base, SINCH_REGION: "asia" }))
      assert.include(String(error), 'SINCH_REGION must be one of us, eu, br; got "asia"')
    })
  )

  it.effect("a missing or empty secret is named plainly, and no secret is shown", () =>
    Effect.gen(function* () {
      const missing = String(yield* Effect.flip(fromEnv({ SINCH_PROJECT_ID: "p1", SINCH_KEY_ID: "k1" })))
      assert.include(missing, "SINCH_KEY_SECRET")
      assert.notInclude(missing, "redacted")
      const empty = String(yield* Effect.flip(fromEnv({ ...base, SINCH_KEY_SECRET: "  " })))
      assert.include(empty, "SINCH_KEY_SECRET must not be empty")
    })
  )

  it.effect("options left undefined by JavaScript callers are errors, not exceptions", () =>
    Effect.gen(function* () {
      const options = (o: object) => o as unknown as SinchConfig.Options
      const noProject = yield* Effect.flip(SinchConfig.make(options({ keyId: "k1", keySecret: "s" })))
      assert.strictEqual(noProject._op, "MissingData")
      assert.include(String(noProject), "SINCH_PROJECT_ID is not set")
      const noSecret = yield* Effect.flip(SinchConfig.make(options({ projectId: "p1", keyId: "k1" })))
      assert.include(String(noSecret), "SINCH_KEY_SECRET is not set")
    })
  )

  it.effect("missing and malformed settings are errors naming the setting", () =>
    Effect.gen(function* () {
      assert.include(
        String(yield* Effect.flip(fromEnv({ SINCH_KEY_ID: "k", SINCH_KEY_SECRET: "s" }))),
        "SINCH_PROJECT_ID"
      )
      assert.include(String(yield* Effect.flip(fromEnv({ ...base, SINCH_AUTH_URL: "not a url" }))), "SINCH_AUTH_URL")
      assert.include(String(yield* Effect.flip(fromEnv({ ...base, SINCH_AUTH_MODE: "magic" }))), "SINCH_AUTH_MODE")
    })
  )

  it.effect("overrides win over the environment", () =>
    Effect.gen(function* () {
      const config = yield* fromEnv(
        { SINCH_KEY_ID: "k", SINCH_KEY_SECRET: "s" },
        { projectId: "from-code", region: "eu" }
      )
      assert.strictEqual(config.projectId, "from-code")
      assert.strictEqual(config.region, "eu")
    })
  )

  it.effect("layer validates explicit options", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(
        SinchConfig.make({ projectId: "p", keyId: "k", keySecret: "s", region: "xx" as SinchConfig.Region })
      )
      assert.include(String(error), "SINCH_REGION")
    })
  )
})
