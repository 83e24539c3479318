/**
 * The `capability` group: ask which channels can reach a contact (the answer arrives as a CAPABILITY callback).
 *
 * @since 0.1.0
 */
import { Capability } from "@sinch-effect/schema"
import * as Effect from "effect/Effect"
import * as Api from "./internal/api.js"
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
 * The operation name, HTTP method, path template and idempotency of each `capability` operation: the name is used for
 * the operation's span (`Sinch.capability.lookup`) and emulator fault, `idempotent` picks its retry schedule
 * (`Retry.Policy`).
 *
 * @since 0.1.0
 * @category endpoints
 */
export const endpoints = {
  lookup: {
    operation: "capability.lookup",
    method: "POST",
    path: "/v1/projects/{project_id}/capability:query",
    idempotent: true
  }
} as const satisfies Record<string, Api.Endpoint>

const encodeRequest = Api.encoder(Capability.QueryCapabilityRequest)
const decodeResponse = Api.decoder(Capability.QueryCapabilityResponse)

/** @internal */
export const make = (api: Api.Api): CapabilityApi => ({
  lookup: (request) =>
    Effect.flatMap(Api.encode(endpoints.lookup.operation, encodeRequest, request), (body) =>
      api.request(endpoints.lookup, { body }, decodeResponse)
    )
})
