/**
 * The transport for Node: the client's requests over `node:http`/`node:https` with a keep-alive agent, in one step per
 * exchange.
 *
 * ```ts
 * import { NodeTransport, SinchClient } from "@sinch-effect/client"
 * import { Layer } from "effect"
 *
 * const live = SinchClient.layerConfig().pipe(Layer.provide(NodeTransport.layer))
 * ```
 *
 * `layer` provides an `HttpClient`. The Sinch client recognises that very instance and sends its API and token
 * requests straight over `node:http`: one socket write, one body read capped at `SinchConfig.maxResponseBytes`, one
 * timer that aborts the request after `SinchConfig.timeout`, the socket destroyed when the call fails or is
 * interrupted, redirects never followed; at most 256 connections per origin (more concurrent calls wait for a free one
 * rather than each opening its own: 1000 concurrent first calls would otherwise make 1000 connections, and pay for
 * each). That skips `@effect/platform`'s request and response pipeline, which cost
 * more CPU per request than the exchange itself. Everything else that uses this `HttpClient` (your own requests, and
 * the Sinch client when you wrap the instance, e.g. with `HttpClient.mapRequest`) goes through it as an ordinary
 * `HttpClient`, over fetch (`FetchHttpClient`).
 *
 * Any other `HttpClient` (`FetchHttpClient.layer`, `NodeHttpClient.layerUndici` from `@effect/platform-node`, your own)
 * keeps working as before.
 *
 * @since 0.1.0
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { identity } from "effect/Function"
import * as Layer from "effect/Layer"
import type * as Scope from "effect/Scope"
import * as http from "node:http"
import * as https from "node:https"
import type { Readable } from "node:stream"
import * as zlib from "node:zlib"
import * as Http from "./internal/http.js"
import * as Exchange from "./internal/exchange.js"
import * as SinchError from "./SinchError.js"

interface Agents {
  readonly http: http.Agent
  readonly https: https.Agent
}

/** A decompressor for a `Content-Encoding` that fetch would decode too; `undefined` for identity and unknown ones. */
const decoderFor = (encoding: string | undefined): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | undefined => {
  switch (encoding?.trim().toLowerCase()) {
    case "gzip":
    case "x-gzip":
      return zlib.createGunzip()
    case "deflate":
      return zlib.createInflate()
    case "br":
      return zlib.createBrotliDecompress()
    default:
      return undefined
  }
}

const noop = () => {}

/**
 * The chunks of a response body, kept in fields of a class instance rather than in an array literal. V8 may pretenure
 * an allocation site (allocate its objects in the old generation) once it saw them survive, and an old object holds
 * what it points to through every scavenge until the next mark-compact, dead or not. A pretenured array of chunks kept
 * each response's buffers (and their memory outside the heap) alive long after the body was read; instances of a
 * class are never pretenured. Emptied once the body is taken.
 */
class Chunks {
  private first: Buffer | undefined = undefined
  private rest: Array<Buffer> | undefined = undefined
  add(chunk: Buffer): void {
    if (this.first === undefined) this.first = chunk
    else if (this.rest === undefined) this.rest = [this.first, chunk]
    else this.rest.push(chunk)
  }
  /** The body (`size` bytes), the chunks forgotten. */
  take(size: number): Buffer {
    const body = this.rest !== undefined ? Buffer.concat(this.rest, size) : (this.first ?? Buffer.alloc(0))
    this.first = this.rest = undefined
    return body
  }
}

/**
 * The canceller of an exchange in flight: `cancel` runs `onCancel` once, unless `release` came first. The caller may
 * keep the canceller after the exchange has answered (an interruptible `Effect.async` holds it until its fiber moves
 * on), so once released it holds nothing: the request, its response and their buffers are not kept alive by it. A
 * canceller that held them made every request of a send scenario survive the young generation's collections (the
 * heap's survivors 4 -> 13 MB over 2000 sends with a bare `node:http` exchange) and cost more GC than the request.
 */
const cancellable = (onCancel: () => void): { readonly cancel: () => void; readonly release: () => void } => {
  let pending: (() => void) | undefined = onCancel
  return {
    cancel: () => {
      const f = pending
      pending = undefined
      f?.()
    },
    release: () => {
      pending = undefined
    }
  }
}

/** The connections per origin: Sinch's 800 requests per second need about 80 at 100 ms each. */
const maxSockets = 256

const exchangeOver =
  (agents: Agents): Exchange.Exchange =>
  (site, request, limit, timeoutMillis, onTimeout, done) => {
    const secure = request.url.startsWith("https:")
    if (!secure && !request.url.startsWith("http:")) {
      done(Either.left(Http.requestError(site, undefined, true, "the URL is not http: or https:")))
      return noop
    }
    let req: http.ClientRequest
    try {
      req = (secure ? https : http).request(request.url, {
        method: request.method,
        headers: request.headers,
        agent: secure ? agents.https : agents.http
      })
    } catch (e) {
      done(Either.left(Http.requestError(site, e, true)))
      return noop
    }
    let settled = false
    let responded = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const canceller = cancellable(() => {
      settled = true
      if (timer !== undefined) clearTimeout(timer)
      req.destroy()
    })
    const settle = (outcome: Either.Either<Exchange.Exchanged, SinchError.SinchError>) => {
      if (settled) return
      settled = true
      canceller.release()
      if (timer !== undefined) clearTimeout(timer)
      done(outcome)
    }
    const abort = (error: SinchError.SinchError) => {
      settle(Either.left(error))
      req.destroy()
    }
    if (timeoutMillis !== Infinity) timer = setTimeout(() => abort(onTimeout()), timeoutMillis)
    req.on("error", (e) => abort(responded ? Http.bodyError(site, e) : Http.requestError(site, e)))
    req.on("response", (res) => {
      responded = true
      const status = res.statusCode ?? 0
      const headers = res.headers
      const head = { status, headers }
      const length = Http.declaredLength(head)
      if (length !== undefined && length > limit) {
        return abort(new SinchError.ResponseTooLarge({ ...site, status, limit, contentLength: length }))
      }
      const decompress = decoderFor(headers["content-encoding"])
      let body: Readable = res
      if (decompress !== undefined) {
        decompress.on("error", (e) => abort(Http.bodyError(site, e)))
        body = res.pipe(decompress)
      }
      const chunks = new Chunks()
      let size = 0
      body.on("data", (chunk: Buffer) => {
        size += chunk.length
        if (size > limit) abort(new SinchError.ResponseTooLarge({ ...site, status, limit }))
        else chunks.add(chunk)
      })
      body.on("end", () => {
        const text = chunks.take(size).toString("utf8")
        // as fetch's `text()`: a byte order mark is not part of the text
        settle(Either.right({ status, headers, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text }))
      })
      res.on("error", (e) => abort(Http.bodyError(site, e)))
      res.on("close", () => {
        if (!res.complete) abort(Http.bodyError(site, undefined, "the connection closed before the body ended"))
      })
    })
    req.end(request.body)
    return canceller.cancel
  }

/**
 * Builds the transport: keep-alive agents for `http:` and `https:`, destroyed with the scope (which closes their idle
 * sockets).
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<HttpClient.HttpClient, never, Scope.Scope> = Effect.gen(function* () {
  const agents = yield* Effect.acquireRelease(
    Effect.sync((): Agents => ({
      http: new http.Agent({ keepAlive: true, maxSockets }),
      https: new https.Agent({ keepAlive: true, maxSockets })
    })),
    (agents) =>
      Effect.sync(() => {
        agents.http.destroy()
        agents.https.destroy()
      })
  )
  // an instance of its own (FetchHttpClient's may be shared), which the Sinch client recognises
  const client = HttpClient.transformResponse(
    yield* Effect.provide(HttpClient.HttpClient, FetchHttpClient.layer),
    identity
  )
  Exchange.register(client, exchangeOver(agents))
  return client
})

/**
 * The `HttpClient` of `make`, for `Layer.provide` under `SinchClient.layer`, `layerWith` or `layerConfig`.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<HttpClient.HttpClient> = Layer.scoped(HttpClient.HttpClient, make)
