/**
 * Fault injection rules for the emulator: per operation ("messages.send", "messages.list", "auth.token", ...
 * or "*"), by probability and/or count.
 *
 * @since 0.1.0
 */
import { Operations } from "@sinch-effect/schema"
import type { FaultKind, FaultRule } from "./internal/faults.js"

/**
 * The operation names fault rules match on (besides "*"). The emulator's own `/emulator/...` routes are never
 * subject to faults.
 *
 * @since 0.1.0
 * @category models
 */
export const operations = [
  // the token endpoint
  "auth.token",
  // every API operation, by its name in the definitions that the client's spans (`Sinch.<operation>`) use too
  ...Operations.names
] as const

/**
 * An operation name.
 *
 * @since 0.1.0
 * @category models
 */
export type Operation = (typeof operations)[number]

/**
 * A fault the server can inject.
 *
 * @since 0.1.0
 * @category models
 */
export type Kind = FaultKind

/**
 * A fault rule.
 *
 * @since 0.1.0
 * @category models
 */
export type Rule = FaultRule

/**
 * Answer with an HTTP error status without processing (429 gets `Retry-After` and a RESOURCE_EXHAUSTED body).
 *
 * @since 0.1.0
 * @category constructors
 */
export const status = (status: number, retryAfterSeconds?: number): Kind => ({
  _tag: "Status",
  status,
  ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {})
})

/**
 * 429 RESOURCE_EXHAUSTED with `Retry-After`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const rateLimited = (retryAfterSeconds = 1): Kind => status(429, retryAfterSeconds)

/**
 * Delay the answer.
 *
 * @since 0.1.0
 * @category constructors
 */
export const latency = (millis: number): Kind => ({ _tag: "Latency", millis })

/**
 * Close the connection before the request is processed (nothing happened).
 *
 * @since 0.1.0
 * @category constructors
 */
export const dropBeforeProcessing: Kind = { _tag: "DropBeforeProcessing" }

/**
 * Process the request, then close the connection without answering (it happened, the client cannot know).
 *
 * @since 0.1.0
 * @category constructors
 */
export const dropAfterProcessing: Kind = { _tag: "DropAfterProcessing" }

/**
 * Process the request and answer 200 with a syntactically broken JSON body.
 *
 * @since 0.1.0
 * @category constructors
 */
export const malformedJson: Kind = { _tag: "MalformedJson" }

/**
 * Process the request and answer with the first half of the JSON body.
 *
 * @since 0.1.0
 * @category constructors
 */
export const truncatedJson: Kind = { _tag: "TruncatedJson" }

/**
 * Answer with an HTML error page (default 502), as a misbehaving proxy does.
 *
 * @since 0.1.0
 * @category constructors
 */
export const htmlError = (status = 502): Kind => ({ _tag: "HtmlError", status })

/**
 * On a list request that carries a `page_token`, answer with that same token as `next_page_token`.
 *
 * @since 0.1.0
 * @category constructors
 */
export const repeatPageToken: Kind = { _tag: "RepeatPageToken" }

/**
 * A rule for one operation (or "*").
 *
 * @since 0.1.0
 * @category constructors
 */
export const rule = (
  operation: Operation | "*",
  fault: Kind,
  options: { readonly probability?: number; readonly count?: number } = {}
): Rule => ({ operation, fault, ...options })
