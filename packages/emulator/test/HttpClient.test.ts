import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import { assert, describe, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { Emulator, Fault } from "@sinch-effect/emulator"

const TestLayer = Emulator.layerHttpClient.pipe(Layer.provideMerge(Emulator.layer()))

describe("in-process HttpClient", () => {
  layer(TestLayer)((it) => {
    it.effect("answers token and API requests without sockets", () =>
      Effect.gen(function* () {
        const emu = yield* Emulator.Emulator
        const client = yield* HttpClient.HttpClient
        const token = yield* client.execute(
          HttpClientRequest.post(`${emu.authUrl}/oauth2/token`).pipe(
            HttpClientRequest.basicAuth(emu.keyId, emu.env["SINCH_KEY_SECRET"]!),
            HttpClientRequest.bodyUrlParams({ grant_type: "client_credentials" })
          )
        )
        const { access_token } = (yield* token.json) as { access_token: string }
        const apps = yield* client.execute(
          HttpClientRequest.get(`${emu.url}/v1/projects/${emu.projectId}/apps`).pipe(
            HttpClientRequest.bearerToken(access_token)
          )
        )
        assert.strictEqual(apps.status, 200)
        assert.deepStrictEqual(yield* apps.json, { apps: [] })
        const unauthenticated = yield* client.execute(
          HttpClientRequest.get(`${emu.url}/v1/projects/${emu.projectId}/apps`)
        )
        assert.strictEqual(unauthenticated.status, 401)
      })
    )

    it.effect("maps dropped connections to transport errors", () =>
      Effect.gen(function* () {
        const emu = yield* Emulator.Emulator
        const client = yield* HttpClient.HttpClient
        yield* emu.addFault(Fault.rule("apps.list", Fault.dropBeforeProcessing, { count: 1 }))
        const error = yield* Effect.flip(
          client.execute(
            HttpClientRequest.get(`${emu.url}/v1/projects/${emu.projectId}/apps`).pipe(
              HttpClientRequest.basicAuth(emu.keyId, emu.env["SINCH_KEY_SECRET"]!)
            )
          )
        )
        assert.strictEqual(error._tag, "RequestError")
      })
    )
  })
})
