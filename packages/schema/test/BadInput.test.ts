import { describe, expect, it } from "@effect/vitest"
import * as Either from "effect/Either"
import * as FastCheck from "effect/FastCheck"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { Apps, Callbacks, Contacts, ErrorBody, Events, Messages, Webhooks } from "@sinch-effect/schema"

const paths = (schema: Schema.Schema.AnyNoContext, input: unknown) => {
  const result = Schema.decodeUnknownEither(schema, { errors: "all" })(input)
  if (Either.isRight(result)) throw new Error("expected a ParseError")
  expect(result.left).toBeInstanceOf(ParseResult.ParseError)
  return ParseResult.ArrayFormatter.formatErrorSync(result.left).map((issue) => issue.path.join("."))
}

describe("bad input gives a ParseError naming the path", () => {
  it("wrong types deep in a list page", () => {
    expect(
      paths(Messages.ListMessagesResponse, {
        messages: [{ id: "ok" }, { id: 7, accept_time: "yesterday", contact_message: { text_message: { text: 1 } } }]
      }).sort()
    ).toEqual(["messages.1.accept_time", "messages.1.contact_message.text_message.text", "messages.1.id"].sort())
  })

  it("missing required fields of a request", () => {
    expect(paths(Messages.SendMessageRequest, { recipient: { contact_id: "c" } }).sort()).toEqual(
      ["app_id", "message"].sort()
    )
    expect(paths(Webhooks.CreateWebhookRequest, { app_id: "a", target: "https://x", triggers: [] })).toEqual([
      "triggers"
    ])
    expect(paths(Contacts.CreateContactRequest, { channel_identities: [{ channel: "SMS" }] }).sort()).toEqual(
      ["channel_identities.0.identity", "language"].sort()
    )
  })

  it("a recipient must be a contact_id or identified_by", () => {
    expect(
      Either.isLeft(
        Schema.decodeUnknownEither(Events.SendEventRequest)({
          app_id: "a",
          recipient: {},
          event: { composing_event: {} }
        })
      )
    ).toBe(true)
  })

  it("a known callback with a broken body fails with the path under its trigger field", () => {
    expect(
      paths(Callbacks.Callback, {
        app_id: "a",
        project_id: "p",
        message: { accept_time: 5, contact_message: { media_message: {} } }
      }).sort()
    ).toEqual(["message.accept_time", "message.contact_message.media_message.url"].sort())
    expect(paths(Callbacks.Callback, "not an object")).toEqual([""])
    // app_id is optional (as in the official SDKs); project_id is required
    expect(paths(Callbacks.Callback, { message_delivery_report: { status: "DELIVERED" } })).toEqual(["project_id"])
  })

  it("junk of any shape never throws, for every top-level schema", () => {
    const schemas: ReadonlyArray<Schema.Schema.AnyNoContext> = [
      Messages.ListMessagesResponse,
      Messages.SendMessageRequest,
      Messages.ConversationMessage,
      Apps.App,
      Contacts.ListContactsResponse,
      Callbacks.Callback,
      ErrorBody.ErrorResponse
    ]
    FastCheck.assert(
      FastCheck.property(FastCheck.anything({ withNullPrototype: true, withBoxedValues: true }), (junk) => {
        for (const schema of schemas) Schema.decodeUnknownEither(schema)(junk)
      }),
      { numRuns: 300 }
    )
  })
})
