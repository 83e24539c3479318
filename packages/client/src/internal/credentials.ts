import type * as Auth from "../Auth.js"

/**
 * The credential an `Auth` service would give now, read without running an effect: `undefined` when getting one
 * needs work (a token request, a refresh, a wait for one under way), which the service's `credential` effect does.
 *
 * @internal
 */
export type Peek = (nowMillis: number) => Auth.Credential | undefined

const peeks = new WeakMap<Auth.Service, Peek>()

/**
 * Marks `service` as one whose ready credential the request path may read with `peek` (the built-in OAuth2 and Basic
 * services). A service of the user's own is always asked through its `credential` effect.
 *
 * @internal
 */
export const register = (service: Auth.Service, peek: Peek): Auth.Service => {
  peeks.set(service, peek)
  return service
}

/** @internal */
export const peekOf = (service: Auth.Service): Peek | undefined => peeks.get(service)
