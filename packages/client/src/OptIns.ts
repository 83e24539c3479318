/**
 * The `optIns` and `optOuts` groups: register opt-ins and opt-outs (results arrive as OPT_IN / OPT_OUT callbacks).
 *
 * @since 0.1.0
 */
import { OptIns, Operations } from "@sinch-effect/schema"
import type * as Effect from "effect/Effect"
import type * as Api from "./internal/api.js"
import * as Operation from "./internal/operation.js"
import type * as SinchError from "./SinchError.js"

/**
 * Options of `optIns.register` and `optOuts.register`: a `request_id` echoed in the OPT_IN / OPT_OUT callbacks.
 *
 * @since 0.1.0
 * @category models
 */
export interface RegisterOptions {
  /** Optional request id echoed in the callbacks. */
  readonly request_id?: string | undefined
}

/**
 * The operations of the `optIns` group (`SinchClient.Service["optIns"]`).
 *
 * @since 0.1.0
 * @category models
 */
export interface OptInsApi {
  /** `POST /optins:register` (registering twice has the same effect: retried like a read). */
  readonly register: (
    request: OptIns.OptIn,
    options?: RegisterOptions
  ) => Effect.Effect<OptIns.OptInResponse, SinchError.SinchError>
}

/**
 * The operations of the `optOuts` group (`SinchClient.Service["optOuts"]`).
 *
 * @since 0.1.0
 * @category models
 */
export interface OptOutsApi {
  /** `POST /optouts:register` (registering twice has the same effect: retried like a read). */
  readonly register: (
    request: OptIns.OptOut,
    options?: RegisterOptions
  ) => Effect.Effect<OptIns.OptOutResponse, SinchError.SinchError>
}

/**
 * The operation name, HTTP method, path template and idempotency of the `optIns` and `optOuts` operations (views of
 * `Operations.conversation.optIns` and `optOuts`): the name is used for the operation's span
 * (`Sinch.optIns.register`) and emulator fault, `idempotent` picks its retry schedule (`Retry.Policy`).
 *
 * @since 0.1.0
 * @category endpoints
 */
export const endpoints = {
  optIn: Operation.endpoint(Operations.conversation.optIns.register),
  optOut: Operation.endpoint(Operations.conversation.optOuts.register)
}

/** @internal */
export const makeOptIns = (api: Api.Api): OptInsApi => {
  const register = Operation.call(api, Operations.conversation.optIns.register)
  // the request is the body, the options the query
  return { register: (body, options) => register({ body, request_id: options?.request_id }) }
}

/** @internal */
export const makeOptOuts = (api: Api.Api): OptOutsApi => {
  const register = Operation.call(api, Operations.conversation.optOuts.register)
  return { register: (body, options) => register({ body, request_id: options?.request_id }) }
}
