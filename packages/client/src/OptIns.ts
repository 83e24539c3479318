/**
 * The `optIns` and `optOuts` groups: register opt-ins and opt-outs (results arrive as OPT_IN / OPT_OUT callbacks).
 *
 * @since 0.1.0
 */
import { OptIns } from "@sinch-effect/schema"
import * as Effect from "effect/Effect"
import * as Api from "./internal/api.js"
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
 * The operation name, HTTP method, path template and idempotency of the `optIns` and `optOuts` operations: the name is
 * used for the operation's span (`Sinch.optIns.register`) and emulator fault, `idempotent` picks its retry schedule
 * (`Retry.Policy`).
 *
 * @since 0.1.0
 * @category endpoints
 */
export const endpoints = {
  optIn: {
    operation: "optIns.register",
    method: "POST",
    path: "/v1/projects/{project_id}/optins:register",
    idempotent: true
  },
  optOut: {
    operation: "optOuts.register",
    method: "POST",
    path: "/v1/projects/{project_id}/optouts:register",
    idempotent: true
  }
} as const satisfies Record<string, Api.Endpoint>

const encodeOptIn = Api.encoder(OptIns.OptIn)
const encodeOptOut = Api.encoder(OptIns.OptOut)
const decodeOptIn = Api.decoder(OptIns.OptInResponse)
const decodeOptOut = Api.decoder(OptIns.OptOutResponse)

/** @internal */
export const makeOptIns = (api: Api.Api): OptInsApi => ({
  register: (request, options) =>
    Effect.flatMap(Api.encode(endpoints.optIn.operation, encodeOptIn, request), (body) =>
      api.request(endpoints.optIn, { body, query: { request_id: options?.request_id } }, decodeOptIn)
    )
})

/** @internal */
export const makeOptOuts = (api: Api.Api): OptOutsApi => ({
  register: (request, options) =>
    Effect.flatMap(Api.encode(endpoints.optOut.operation, encodeOptOut, request), (body) =>
      api.request(endpoints.optOut, { body, query: { request_id: options?.request_id } }, decodeOptOut)
    )
})
