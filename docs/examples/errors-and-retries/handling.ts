// Handling the client's errors by tag. Run by packages/client/test/docs/errors-and-retries.test.ts.
import { SinchClient, SinchError } from "@sinch-effect/client"
import { Ids } from "@sinch-effect/schema"
import { Data, Duration, Effect, Option } from "effect"

/** A message, or `None` when it does not exist (any more). Every other error stays in the error channel. */
export const findMessage = (messageId: string) =>
  Effect.flatMap(SinchClient.SinchClient, (sinch) => sinch.messages.get({ message_id: messageId })).pipe(
    Effect.map(Option.some),
    Effect.catchTag("NotFound", () => Effect.succeedNone)
  )

/** Your own error for what a person has to fix; the rest (transient, unknown outcome) is left to the caller. */
export class CannotSend extends Data.TaggedError("CannotSend")<{ readonly why: string }> {}

export const sendText = (appId: string, contactId: string, text: string) =>
  Effect.flatMap(SinchClient.SinchClient, (sinch) =>
    sinch.messages.send({
      app_id: Ids.AppId.make(appId),
      recipient: { contact_id: Ids.ContactId.make(contactId) },
      message: { text_message: { text } }
    })
  ).pipe(
    Effect.catchTags({
      // the Sinch error body, decoded: code, status ("INVALID_ARGUMENT"), message, details
      BadRequest: (e) => Effect.fail(new CannotSend({ why: e.error?.message ?? e.message })),
      NotFound: (e) => Effect.fail(new CannotSend({ why: `unknown app or contact (${e.error?.message ?? e.status})` })),
      Forbidden: (e) => Effect.fail(new CannotSend({ why: `the key may not use this project: ${e.error?.status}` }))
    })
  )

/** One line per member of the union: what happened, and what to do about it. */
export const explain = (error: SinchError.SinchError | SinchError.PaginationError): string => {
  switch (error._tag) {
    case "BadRequest":
    case "NotFound":
    case "Forbidden":
    case "Unauthorized":
      return `fix the request or the credentials: ${error.message}`
    case "RateLimited":
      return `slow down${error.retryAfter === undefined ? "" : `, retry in ${Duration.format(error.retryAfter)}`}`
    case "ServerError":
    case "TransportError":
    case "Timeout":
      return `try again later (${error._tag}); reads were already retried`
    case "TokenError":
      return `not sent, no access token (retried when transient): ${error.detail}`
    case "Redirected":
      return `not sent to Sinch: a ${error.status} redirect; check the configured URL`
    case "ResponseTooLarge":
      return `the response passed the ${error.limit}-byte limit (status ${error.status})`
    case "SendOutcomeUnknown":
      return `maybe sent: reconcile correlation_id ${error.correlationId} before sending again`
    case "ResponseDecodeError":
      return `unexpected response at ${error.where}`
    case "InvalidRequest":
      return `not sent, the request is invalid: ${error.where}`
    case "PaginationError":
      return `the list stopped after ${error.pages} pages: ${error.reason}`
  }
}
