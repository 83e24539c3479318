import { describe, expect, it } from "@effect/vitest"
import { readdirSync, readFileSync, statSync } from "node:fs"
import { dirname, join, relative } from "node:path"
import { fileURLToPath } from "node:url"
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import {
  Apps,
  Callbacks,
  Capability,
  Common,
  Consents,
  Contacts,
  Conversations,
  Events,
  Messages,
  ProjectSettings,
  Transcoding,
  Webhooks
} from "@sinch-effect/schema"
import { compareWire } from "./fixtures.js"

/**
 * The Java SDK's contract fixtures (test/fixtures/sdk-java, Apache-2.0, provenance in SOURCES.json): every file is
 * decoded with the schema of the model it shows and encoded back, and must give the same JSON. A field we do not
 * model fails the test instead of vanishing.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), "fixtures/sdk-java")

const walk = (dir: string): Array<string> =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return walk(path)
    return name.endsWith(".json") && name !== "SOURCES.json" ? [relative(root, path)] : []
  })

type S = Schema.Schema.AnyNoContext

/** A schema for the part of a fixture: wraps a model in the one field the Java fixture shows it under. */
const field = (name: string, schema: S): S => Schema.Struct({ [name]: schema })

/** Path patterns (first match wins) to the schema of each fixture. */
const table: ReadonlyArray<readonly [RegExp, S]> = [
  [/^AgentDto/, Messages.Agent],
  [/^ChannelIdentityDto/, Common.ChannelIdentity],
  [/^Reason/, Common.Reason],
  [/^Recipient/, Common.Recipient],
  [/^TemplateReferenceField/, field("template_reference", Messages.TemplateReference)],
  [/^TemplateReference/, Messages.TemplateReference],
  [/^apps\/AppCreateRequest/, Apps.CreateAppRequest],
  [/^apps\/AppUpdateRequest/, Apps.UpdateAppRequest],
  [/^apps\/AppListResponse/, Apps.ListAppsResponse],
  [/^apps\/AppResponse/, Apps.App],
  [/^capability\/request/, Capability.QueryCapabilityRequest],
  [/^capability\/response/, Capability.QueryCapabilityResponse],
  [/^consents\/AuditRecords/, Consents.ListAuditRecordsResponse],
  [/^consents\/ConsentsList/, Consents.ListIdentitiesResponse],
  [/^contacts\/ContactCreateRequest/, Contacts.CreateContactRequest],
  [/^contacts\/ContactUpdateRequest/, Contacts.UpdateContactRequest],
  [/^contacts\/ContactMergeRequest/, Contacts.MergeContactRequest],
  [/^contacts\/ContactGetChannelProfileBy/, Contacts.GetChannelProfileRequest],
  [/^contacts\/ContactGetChannelResponse/, Contacts.GetChannelProfileResponse],
  [/^contacts\/ContactListResponse/, Contacts.ListContactsResponse],
  [/^contacts\/ContactDto/, Contacts.Contact],
  [/^contacts\/IdentityConflictsDto/, Contacts.IdentityConflict],
  [/^contacts\/ListIdentityConflicts/, Contacts.ListIdentityConflictsResponse],
  [/^conversations\/ConversationRequestDto/, Conversations.UpdateConversationRequest],
  [/^conversations\/ConversationResponseDto/, Conversations.Conversation],
  [/^conversations\/request\/CreateConversation/, Conversations.CreateConversationRequest],
  [/^conversations\/request\/Inject(App|Contact)Message/, Conversations.InjectMessageRequest],
  [/^conversations\/request\/InjectEvent/, Events.InjectEventRequest],
  [/^conversations\/response\/ConversationRecentMessage/, Conversations.ConversationWithLastMessage],
  [/^conversations\/response\/ConversationsListRecent/, Conversations.ListRecentConversationsResponse],
  [/^conversations\/response\/ConversationsList/, Conversations.ListConversationsResponse],
  [/^credentials\/.*Dto/, Apps.ChannelCredential],
  [/^eventdestinations\/ClientCredentials/, Webhooks.ClientCredentials],
  [/^eventdestinations\/request/, Webhooks.CreateWebhookRequest],
  [/^eventdestinations\/response\/EventDestinationsList/, Webhooks.ListWebhooksResponse],
  [/^eventdestinations\/response/, Webhooks.Webhook],
  [/^events\/ConversationEvent/, Events.ConversationEvent],
  [/^events\/request\/SendEvent/, Events.SendEventRequest],
  [/^events\/response\/EventsList/, Events.ListEventsResponse],
  [/^events\/response\/SendEvent/, Events.SendEventResponse],
  [/^events\/types\/(Agent|CommentReply)/, Events.AppEvent],
  [/^events\/types\/(Composing|Generic)/, Events.AppEvent],
  [/^events\/types\/(Comment|ConversationDeleted)/, Events.ContactEvent],
  [/^events\/types\/(PaymentStatus|Reaction|ShortLink)/, Events.ContactMessageEvent],
  [/^messages\/AppMessage/, Messages.AppMessage],
  [/^messages\/ChoiceItemDto/, Messages.ChoiceItem],
  [/^messages\/ContactMessage/, Messages.ContactMessage],
  [/^messages\/ConversationMessage/, Messages.ConversationMessage],
  [/^messages\/OmniMessageOverride/, Messages.OmniMessageOverride],
  [/^messages\/ProductItem/, Messages.ProductItem],
  [/^messages\/ReplyTo/, Messages.ContactMessage],
  [/^messages\/request\/ListLastMessages/, Messages.ListLastMessagesByChannelIdentityRequest],
  [/^messages\/request\/MessageUpdate/, Messages.UpdateMessageMetadataRequest],
  [/^messages\/request\/Send/, Messages.SendMessageRequest],
  [/^messages\/response\/MessagesList/, Messages.ListMessagesResponse],
  [/^messages\/response\/SendMessage/, Messages.SendMessageResponse],
  [/^messages\/types\/(calendar|call|sharelocation|url)\//, Messages.Choice],
  [/^messages\/types\/(choiceresponse|fallback|mediacard|productresponse)\//, Messages.ContactMessage],
  [/^messages\/types\/channelspecific\/ChannelSpecificMessage/, Messages.ChannelSpecificMessage],
  [/^messages\/types\/channelspecific\/whatsapp\/nfmreply/, Messages.ContactMessage],
  [/^messages\/types\/location\/Coordinates/, Common.Coordinates],
  [/^messages\/types\//, Messages.AppMessage],
  [/^projectsettings\/ProjectSettingsDto/, ProjectSettings.Settings],
  [/^projectsettings\/request/, ProjectSettings.ProjectSettingsRequest],
  [/^projectsettings\/response/, ProjectSettings.ProjectSettingsResponse],
  [/^sinchevents\//, Callbacks.Callback],
  [/^transcoding\/request/, Transcoding.TranscodeMessageRequest],
  [/^transcoding\/response/, Transcoding.TranscodeMessageResponse]
]

/**
 * Fixtures of parts that have no schema of their own here: each is covered as part of a larger fixture (the
 * path in parentheses), so nothing in them goes untested.
 */
const parts: ReadonlyArray<RegExp> = [
  // card message properties (messages/types/card/CardMessageWithMessagePropertiesWhatsAppHeaderDto.json) and
  // contact settings (projectsettings/ProjectSettingsDto.json)
  /^messages\/types\/card\/MessageProperties/,
  /^projectsettings\/ContactSettings/,
  // contact info sub-parts (messages/types/contactinfo/ContactInfoMessageDto.json)
  /^messages\/types\/contactinfo\/(AddressInfo|EmailInfo|NameInfo|OrganizationInfo|PhoneNumberInfo|URLInfo)/,
  // KakaoTalk, LINE and WhatsApp channel-specific parts (messages/types/channelspecific/ChannelSpecificMessage*)
  /^messages\/types\/channelspecific\/(kakaotalk|line|whatsapp\/(flows|payment))\//
]

/**
 * Where the fixtures and the seeds (the API reference, which wins) disagree: the field the seeds type differently.
 * The test checks that decoding refuses that field, and that everything else in the fixture round-trips.
 */
const deviations: ReadonlyArray<readonly [RegExp, string, string]> = [
  [
    /^messages\/request\/Send/,
    "conversation_metadata",
    "the Java fixtures send a string; the API reference types conversation_metadata as an object"
  ]
]

const schemaOf = (path: string) => table.find(([pattern]) => pattern.test(path))?.[1]

describe("the Java SDK's contract fixtures decode and encode back unchanged", () => {
  for (const path of walk(root).sort()) {
    if (parts.some((pattern) => pattern.test(path))) continue
    it(path, () => {
      const schema = schemaOf(path)
      expect(schema, `no schema mapped for ${path}`).toBeDefined()
      if (schema === undefined) return
      const json = JSON.parse(readFileSync(join(root, path), "utf8")) as Record<string, unknown>
      const deviation = deviations.find(([pattern]) => pattern.test(path))
      if (deviation !== undefined) {
        const [, field, reason] = deviation
        const refused = Schema.decodeUnknownEither(schema)(json)
        expect(Either.isLeft(refused) && String(refused.left).includes(field), reason).toBe(true)
        delete json[field]
      }
      const decoded = Schema.decodeUnknownEither(schema)(json)
      if (Either.isLeft(decoded)) throw new Error(ParseResult.TreeFormatter.formatErrorSync(decoded.left))
      const { dropped, mismatches } = compareWire(Schema.encodeSync(schema)(decoded.right), json)
      expect(mismatches.join(" ")).toEqual("")
      expect(dropped.join(" ")).toEqual("")
    })
  }
})
