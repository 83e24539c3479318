/**
 * Fuzzed requests over real sockets against every adapter (issue 11: "no 5xx or crash from fuzzed webhook requests
 * across the adapters" must keep holding): any method, signature headers valid, absent, altered or random, bodies
 * that are callbacks, JSON of any shape, random bytes, or larger than the limit, with a Content-Length or chunked.
 * Every answer is one of 200, 400, 401, 405 and 413, in JSON; 200 only for a fresh, correctly signed request; the
 * server keeps answering.
 */
import { HttpApp } from "@effect/platform"
import { assert, describe, it } from "@effect/vitest"
import { Node, NonceStore, Platform, Signature, Web, Webhooks } from "@sinch-effect/webhooks"
import { Effect, Redacted } from "effect"
import type { Scope } from "effect"
import express from "express"
import fc from "fast-check"
import * as Http from "node:http"
import { webhookPayloads } from "./fixtures.js"
import { serveApp, serveNode } from "./servers.js"

const SECRET = "fuzz-secret"
const maxBodyBytes = 4 * 1024
const handler = () => Effect.void

const adapters: ReadonlyArray<readonly [string, (webhook: Webhooks.Webhook<Webhooks.Event>) => Serve]> = [
  ["Platform.httpApp", (webhook) => serveApp(Platform.httpApp(webhook, handler, { maxBodyBytes }))],
  ["Web.handler", (webhook) => serveApp(HttpApp.fromWebHandler(Web.handler(webhook, handler, { maxBodyBytes })))],
  ["Node.handler (node:http)", (webhook) => serveNode(Node.handler(webhook, handler, { maxBodyBytes }))],
  [
    "Node.handler (Express, no body parser)",
    (webhook) =>
      Effect.suspend(() => {
        const app = express()
        app.all("/", Node.handler(webhook, handler, { maxBodyBytes }))
        return serveNode(app)
      })
  ],
  [
    "Node.handler (Express with express.raw())",
    (webhook) =>
      Effect.suspend(() => {
        const app = express()
        app.all(
          "/",
          express.raw({ type: "*/*", limit: maxBodyBytes * 16 }),
          Node.handler(webhook, handler, { maxBodyBytes })
        )
        return serveNode(app)
      })
  ]
]
type Serve = Effect.Effect<string, never, Scope.Scope>

interface Fuzzed {
  readonly method: string
  readonly body: Buffer
  readonly headers: Record<string, string>
  readonly chunked: boolean
  /** A POST signed now with the secret and a nonce of its own, within the size limit: the only kind that may get 200. */
  readonly authentic: boolean
  /** An authentic request of a real callback: it must get 200. */
  readonly acceptable: boolean
}

const printable = fc.stringMatching(/^[ -~]{0,80}$/)
const payloads = webhookPayloads().map((p) => Buffer.from(p.body, "utf8"))
const body = fc.oneof(
  fc.constantFrom(...payloads),
  fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v) ?? "null", "utf8")),
  fc.uint8Array({ maxLength: 2048 }).map((bytes) => Buffer.from(bytes)),
  printable.map((text) => Buffer.from(text, "utf8")),
  fc.integer({ min: maxBodyBytes - 16, max: maxBodyBytes * 3 }).map((size) => Buffer.alloc(size, 0x20))
)
const headerNames = Object.values(Signature.HeaderNames)
/** What happens to each signature header: kept, removed, replaced by junk, or its name's case changed. */
const alteration = fc.constantFrom("keep", "keep", "keep", "remove", "junk", "upper")

const fuzzed: fc.Arbitrary<Fuzzed> = fc
  .record({
    method: fc.constantFrom("POST", "POST", "POST", "GET", "PUT", "DELETE", "PATCH"),
    body,
    chunked: fc.boolean(),
    secret: fc.constantFrom(SECRET, SECRET, "", "wrong"),
    skew: fc.constantFrom(0, 0, 0, -3600, 3600),
    alterations: fc.tuple(alteration, alteration, alteration, alteration),
    junk: printable,
    contentType: fc.constantFrom("application/json", "text/plain", "", "application/json; charset=latin1")
  })
  .map(({ alterations, body, chunked, contentType, junk, method, secret, skew }) => {
    const signed = Signature.sign(body, secret === "" ? " " : secret, {
      timestamp: Math.floor(Date.now() / 1000) + skew
    }) as Record<string, string>
    const headers: Record<string, string> = contentType === "" ? {} : { "content-type": contentType }
    headerNames.forEach((name, i) => {
      const value = signed[name]!
      switch (alterations[i]) {
        case "keep":
          return void (headers[name] = value)
        case "junk":
          return void (headers[name] = junk)
        case "upper":
          return void (headers[name.toUpperCase()] = value)
        default:
          return
      }
    })
    const authentic =
      method === "POST" &&
      secret === SECRET &&
      skew === 0 &&
      alterations.every((a) => a === "keep" || a === "upper") &&
      body.length <= maxBodyBytes
    const acceptable = authentic && payloads.some((p) => p.equals(body))
    return { method, body, headers, chunked, authentic, acceptable }
  })

/** Sends a request with node:http (any method may carry a body) and reads the answer. */
const send = (url: string, request: Fuzzed) =>
  new Promise<{ readonly status: number; readonly json: unknown }>((resolve, reject) => {
    const req = Http.request(
      url,
      {
        method: request.method,
        headers: {
          ...request.headers,
          ...(request.chunked ? { "transfer-encoding": "chunked" } : { "content-length": String(request.body.length) })
        }
      },
      (res) => {
        const chunks: Array<Buffer> = []
        res.on("data", (chunk: Buffer) => chunks.push(chunk))
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8")
          try {
            resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) })
          } catch {
            reject(new Error(`${res.statusCode}: not JSON: ${text.slice(0, 200)}`))
          }
        })
        res.on("error", reject)
      }
    )
    req.on("error", reject)
    req.end(request.body)
  })

describe.each(adapters)("fuzzed requests against %s", (_, serve) => {
  it.scopedLive(
    "every answer is 200, 400, 401, 405 or 413 in JSON, 200 only for an authentic request; never a 5xx",
    () =>
      Effect.gen(function* () {
        const webhook = Webhooks.make({ secrets: Redacted.make(SECRET), nonceStore: NonceStore.memory() })
        const url = yield* serve(webhook)
        const seen = new Map<number, number>()
        yield* Effect.promise(() =>
          fc.assert(
            fc.asyncProperty(fuzzed, async (request) => {
              const { status } = await send(url, request)
              seen.set(status, (seen.get(status) ?? 0) + 1)
              assert.include([200, 400, 401, 405, 413], status)
              // (a signed JSON object that is no known callback is an Unknown event: 200 as well)
              if (request.acceptable) assert.strictEqual(status, 200)
              if (status === 200) assert.isTrue(request.authentic)
            }),
            { numRuns: 200 }
          )
        )
        // refusals of every kind were provoked, and the server still answers a good request
        assert.includeMembers([...seen.keys()], [401, 405, 413])
        const good = payloads[0]!
        const after = yield* Effect.promise(() =>
          send(url, {
            method: "POST",
            body: good,
            headers: { "content-type": "application/json", ...Signature.sign(good, SECRET) },
            chunked: false,
            authentic: true,
            acceptable: true
          })
        )
        assert.strictEqual(after.status, 200)
      })
  )
})
