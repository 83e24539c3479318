import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import type * as Either from "effect/Either"
import * as SinchError from "../SinchError.js"
import * as Http from "./http.js"
import * as Timeout from "./timeout.js"

/**
 * A request as the client sends it: the URL with its query, the headers (names in lower case, `content-type` among
 * them when there is a body) and the body.
 *
 * @internal
 */
export interface Outgoing {
  readonly method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE"
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  readonly body: string | undefined
}

/**
 * A response read to its end.
 *
 * @internal
 */
export interface Exchanged extends Http.Head {
  readonly text: string
}

/**
 * One exchange that does all of it in one step, outside the Effect runtime: sends `request`, reads at most `limit`
 * bytes of the body, fails with `onTimeout()` after `timeoutMillis` (no timer when it is `Infinity`), and calls `done`
 * once with the response or the error, unless the returned `abort` was called first (which aborts the request; `done`
 * is then never called).
 *
 * @internal
 */
export type Exchange = (
  site: Http.Site,
  request: Outgoing,
  limit: number,
  timeoutMillis: number,
  onTimeout: () => SinchError.SinchError,
  done: (outcome: Either.Either<Exchanged, SinchError.SinchError>) => void
) => () => void

const exchanges = new WeakMap<HttpClient.HttpClient, Exchange>()

/**
 * Marks `client` as one whose requests the Sinch client may run with `exchange` instead of `client.execute`. Only
 * that very instance is marked: a client derived from it (`HttpClient.mapRequest`, ...) is used as it is.
 *
 * @internal
 */
export const register = (client: HttpClient.HttpClient, exchange: Exchange): void => {
  exchanges.set(client, exchange)
}

/** @internal */
export const exchangeOf = (client: HttpClient.HttpClient): Exchange | undefined => exchanges.get(client)

/**
 * The exchange of the client's requests over `client`: one step on the transport's own `Exchange` when `client` is
 * registered (`NodeTransport`), otherwise `client.execute` with the body read by `Http.readBody`, under
 * `Timeout.exchange`. Either way the body is capped at `maxResponseBytes`, an attempt fails with `Timeout` after
 * `timeout` and its request is aborted, and the platform's own span is skipped (the caller's spans say what is worth
 * tracing).
 *
 * @internal
 */
export const make = (
  client: HttpClient.HttpClient,
  options: { readonly timeout: Duration.Duration; readonly maxResponseBytes: number }
): ((site: Http.Site, outgoing: Outgoing) => Effect.Effect<Exchanged, SinchError.SinchError>) => {
  const { maxResponseBytes, timeout } = options
  const lean = exchanges.get(client)
  if (lean !== undefined) {
    const timeoutMillis = Duration.toMillis(timeout)
    return (site, outgoing) => {
      const onTimeout = () => new SinchError.Timeout({ ...site, timeout })
      const run = (millis: number) =>
        Effect.async<Exchanged, SinchError.SinchError>((resume) => {
          const abort = lean(site, outgoing, maxResponseBytes, millis, onTimeout, resume)
          return Effect.sync(abort)
        })
      return Effect.clockWith((clock) =>
        Timeout.isLive(clock) ? run(timeoutMillis) : Effect.timeoutFail(run(Infinity), { duration: timeout, onTimeout })
      )
    }
  }
  // requests are tied to a scope per attempt, which the timeout closes to abort them (see `Timeout.exchange`)
  const scoped = HttpClient.withScope(client)
  return (site, outgoing) => {
    const request = HttpClientRequest.make(outgoing.method)(outgoing.url, { headers: outgoing.headers })
    const run = scoped
      .execute(
        outgoing.body === undefined
          ? request
          : HttpClientRequest.bodyText(request, outgoing.body, outgoing.headers["content-type"])
      )
      .pipe(
        Effect.mapError((e) => Http.transportError(site, e)),
        Effect.flatMap((response) =>
          Effect.map(Http.readBody(site, response, maxResponseBytes), (text): Exchanged => ({
            status: response.status,
            headers: response.headers,
            text
          }))
        )
      )
    return Timeout.exchange(run, { duration: timeout, onTimeout: () => new SinchError.Timeout({ ...site, timeout }) })
  }
}
