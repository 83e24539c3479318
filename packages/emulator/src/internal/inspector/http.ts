/**
 * The inspector's HTTP side on the emulator's own port: the page and its assets under `/inspector/`, and the live
 * updates at `/inspector/events` as server-sent events, read from an Effect `Stream` of the emulator's changes.
 */
import type * as Http from "node:http"
import * as Chunk from "effect/Chunk"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import type * as PubSub from "effect/PubSub"
import * as Stream from "effect/Stream"
import type { Change } from "../changes.js"
import { page } from "./page.js"

/** Serves the inspector's requests. */
export interface Inspector {
  /** answers a request under `/inspector`; false when the path is not the inspector's */
  readonly handle: (req: Http.IncomingMessage, res: Http.ServerResponse) => boolean
}

type RunFork = (effect: Effect.Effect<void>) => Fiber.RuntimeFiber<void, never>

const SECURITY_HEADERS = {
  // everything the page needs comes from this server; media of messages may be anywhere
  "content-security-policy":
    "default-src 'self'; img-src 'self' data: http: https:; media-src 'self' data: http: https:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer"
}

const text = (res: Http.ServerResponse, status: number, contentType: string, body: string): void => {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    "content-type": contentType,
    "content-length": Buffer.byteLength(body),
    "cache-control": "no-cache"
  })
  res.end(body)
}

/** Creates the inspector over a PubSub of changes; `runFork` runs its streams in the emulator's scope. */
export const makeInspector = (changes: PubSub.PubSub<Change>, runFork: RunFork): Inspector => {
  const events = (req: Http.IncomingMessage, res: Http.ServerResponse): void => {
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache",
      connection: "keep-alive"
    })
    const fiber = runFork(
      Effect.scoped(
        Effect.gen(function* () {
          // subscribed before "ready" is sent: a change made after the page sees "ready" reaches it
          const stream = yield* Stream.fromPubSub(changes, { scoped: true })
          res.write("event: ready\ndata: {}\n\n")
          yield* stream.pipe(
            Stream.groupedWithin(1000, "50 millis"),
            Stream.runForEach((chunk) =>
              Effect.sync(() => {
                res.write(`data: ${JSON.stringify(Chunk.toReadonlyArray(chunk))}\n\n`)
              })
            )
          )
        })
      ).pipe(
        // changes are batched in real time, as a socket's writes, whatever the emulator's clock (a test clock would
        // hold them until it is moved)
        Effect.withClock(Clock.make()),
        Effect.ensuring(Effect.sync(() => res.end()))
      )
    )
    req.once("close", () => {
      runFork(Effect.asVoid(Fiber.interrupt(fiber)))
    })
  }

  return {
    handle: (req, res) => {
      const url = req.url ?? "/"
      const q = url.indexOf("?")
      const path = q < 0 ? url : url.slice(0, q)
      if (path !== "/inspector" && !path.startsWith("/inspector/")) return false
      if (req.method !== "GET" && req.method !== "HEAD") {
        text(res, 405, "text/plain; charset=utf-8", "method not allowed")
        return true
      }
      switch (path) {
        case "/inspector":
          res.writeHead(302, { location: `/inspector/${q < 0 ? "" : url.slice(q)}` })
          res.end()
          return true
        case "/inspector/":
          text(res, 200, "text/html; charset=utf-8", page.html)
          return true
        case "/inspector/app.css":
          text(res, 200, "text/css; charset=utf-8", page.css)
          return true
        case "/inspector/app.js":
          text(res, 200, "text/javascript; charset=utf-8", page.js)
          return true
        case "/inspector/events":
          events(req, res)
          return true
        default:
          text(res, 404, "text/plain; charset=utf-8", "not found")
          return true
      }
    }
  }
}
