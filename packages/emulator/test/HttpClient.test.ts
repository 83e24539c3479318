import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import { assert, describe, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Scope from "effect/Scope"
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

    it.effect("a latency fault ends when the client aborts the request (as a client's timeout does)", () =>
      Effect.gen(function* () {
        const emu = yield* Emulator.Emulator
        const client = HttpClient.withScope(yield* HttpClient.HttpClient)
        // a minute of latency on the TestClock, which nothing advances: only the abort can end the request
        yield* emu.addFault(Fault.rule("apps.list", Fault.latency(60_000), { count: 1 }))
        const scope = yield* Scope.make()
        const request = client.execute(
          HttpClientRequest.get(`${emu.url}/v1/projects/${emu.projectId}/apps`).pipe(
            HttpClientRequest.basicAuth(emu.keyId, emu.env["SINCH_KEY_SECRET"]!)
          )
        )
        const fiber = yield* Effect.fork(Scope.extend(request, scope))
        yield* Effect.yieldNow()
        yield* Scope.close(scope, Exit.void)
        const error = yield* Effect.flip(Fiber.join(fiber))
        assert.strictEqual(error._tag, "RequestError")
        assert.include(error.message, "aborted by the client")
      })
    )
  })
})
