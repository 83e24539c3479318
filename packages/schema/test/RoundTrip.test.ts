import { describe, expect, it } from "@effect/vitest"
import * as FastCheck from "effect/FastCheck"
import * as Schema from "effect/Schema"
import {
  Apps,
  Batch,
  Callbacks,
  Capability,
  Common,
  Consents,
  Contacts,
  Conversations,
  ErrorBody,
  Events,
  Messages,
  OptIns,
  ProjectSettings,
  Templates,
  Transcoding,
  Webhooks
} from "@sinch-effect/schema"
import * as Arbitraries from "./arbitraries.js"

/**
 * For values generated from each schema: encoding, decoding that JSON and encoding again gives the same JSON
 * (through a JSON.stringify/parse round trip, as on the wire).
 */
const schemas: Record<string, Schema.Schema.AnyNoContext> = {
  "Apps.App": Apps.App,
  "Apps.CreateAppRequest": Apps.CreateAppRequest,
  "Apps.UpdateAppRequest": Apps.UpdateAppRequest,
  "Batch.SendBatchRequest": Batch.SendBatchRequest,
  "Batch.ListBatchesResponse": Batch.ListBatchesResponse,
  "Batch.CreateContactsRequest": Batch.CreateContactsRequest,
  "Batch.InsertConsentsRequest": Batch.InsertConsentsRequest,
  "Callbacks.Callback": Callbacks.Callback,
  "Capability.QueryCapabilityRequest": Capability.QueryCapabilityRequest,
  "Common.Recipient": Common.Recipient,
  "Consents.ListAuditRecordsResponse": Consents.ListAuditRecordsResponse,
  "Contacts.Contact": Contacts.Contact,
  "Contacts.CreateContactRequest": Contacts.CreateContactRequest,
  "Contacts.MergeContactRequest": Contacts.MergeContactRequest,
  "Conversations.ListRecentConversationsResponse": Conversations.ListRecentConversationsResponse,
  "Conversations.InjectMessageRequest": Conversations.InjectMessageRequest,
  "ErrorBody.ErrorResponse": ErrorBody.ErrorResponse,
  "Events.SendEventRequest": Events.SendEventRequest,
  "Events.ListEventsResponse": Events.ListEventsResponse,
  "Messages.SendMessageRequest": Messages.SendMessageRequest,
  "Messages.ListMessagesResponse": Messages.ListMessagesResponse,
  "OptIns.OptInResponse": OptIns.OptInResponse,
  "ProjectSettings.ProjectSettingsResponse": ProjectSettings.ProjectSettingsResponse,
  "Templates.TemplateV2": Templates.TemplateV2,
  "Transcoding.TranscodeMessageRequest": Transcoding.TranscodeMessageRequest,
  "Webhooks.Webhook": Webhooks.Webhook
}

describe("round trip: encode(decode(x)) = x for generated values", () => {
  for (const [name, schema] of Object.entries(schemas)) {
    it(name, () => {
      const encode = Schema.encodeSync(schema)
      const decode = Schema.decodeUnknownSync(schema)
      FastCheck.assert(
        FastCheck.property(Arbitraries.make(schema), (value) => {
          const wire: unknown = JSON.parse(JSON.stringify(encode(value)))
          expect(JSON.parse(JSON.stringify(encode(decode(wire))))).toEqual(wire)
        }),
        { numRuns: 40 }
      )
    })
  }
})
