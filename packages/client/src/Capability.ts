/**
 * The `capability` group: ask which channels can reach a contact (the answer arrives as a CAPABILITY callback).
 *
 * @since 0.1.0
 */
import { Capability, Operations } from "@sinch-effect/schema"
import type * as Effect from "effect/Effect"
import type * as Api from "./internal/api.js"
import * as Operation from "./internal/operation.js"
import type * as SinchError from "./SinchError.js"

/**
 * The operations of the `capability` group (`SinchClient.Service["capability"]`).
 *
 * @since 0.1.0
 * @category models
 */
export interface CapabilityApi {
  /** `POST /capability:query`. Repeating it only repeats the lookup, so it is retried like a read. */
  readonly lookup: (
    request: Capability.QueryCapabilityRequest
  ) => Effect.Effect<Capability.QueryCapabilityResponse, SinchError.SinchError>
}

/**
 * The operation name, HTTP method, path template and idempotency of each `capability` operation (a view of
 * `Operations.conversation.capability`): the name is used for the operation's span (`Sinch.capability.lookup`) and emulator
 * fault, `idempotent` picks its retry schedule (`Retry.Policy`).
 *
 * @since 0.1.0
 * @category endpoints
 */
export const endpoints = Operation.endpoints(Operations.conversation.capability)

/** @internal */
export const make = (api: Api.Api): CapabilityApi => ({
  lookup: Operation.call(api, Operations.conversation.capability.lookup)
})
