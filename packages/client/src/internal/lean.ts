import type * as HttpClient from "@effect/platform/HttpClient"
import type * as Effect from "effect/Effect"
import type * as SinchError from "../SinchError.js"
import type * as Http from "./http.js"

/**
 * A request as the client sends it: the URL with its query, the headers (names in lower case) and the JSON body.
 *
 * @internal
 */
export interface Outgoing {
  readonly method: string
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
 * One exchange that does all of it in one step: sends `request`, reads at most `limit` bytes of the body, fails with
 * `onTimeout()` after `timeoutMillis` (no timer when it is `Infinity`) and aborts the request when it fails or is
 * interrupted.
 *
 * @internal
 */
export type Exchange = (
  site: Http.Site,
  request: Outgoing,
  limit: number,
  timeoutMillis: number,
  onTimeout: () => SinchError.SinchError
) => Effect.Effect<Exchanged, SinchError.SinchError>

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
