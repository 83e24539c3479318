/**
 * The operations of the Conversation API v1, by group: each one's name (span and fault name), route relative to the
 * project, schemas, idempotency and pagination.
 */
import * as Schema from "effect/Schema"
import * as Apps from "../../Apps.js"
import * as Capability from "../../Capability.js"
import * as Consents from "../../Consents.js"
import * as Contacts from "../../Contacts.js"
import * as Conversations from "../../Conversations.js"
import * as Enums from "../../Enums.js"
import * as Events from "../../Events.js"
import * as Messages from "../../Messages.js"
import * as OptIns from "../../OptIns.js"
import * as ProjectSettings from "../../ProjectSettings.js"
import * as Transcoding from "../../Transcoding.js"
import * as Webhooks from "../../Webhooks.js"
import { define, PathValue } from "./define.js"

const v1 = define("conversation", "v1")

/** `update_mask.paths` on the wire: the fields an update replaces. */
const updateMask = Schema.optional(Schema.Array(Schema.String)).pipe(Schema.fromKey("update_mask.paths"))
const UpdateMask = Schema.Struct({ update_mask: updateMask })

const MessageRef = Schema.Struct({ message_id: PathValue })
const MessagesSource = Schema.Struct({ messages_source: Schema.optional(Enums.MessagesSource) })
const AppRef = Schema.Struct({ app_id: PathValue })
const ContactRef = Schema.Struct({ contact_id: PathValue })
const ConversationRef = Schema.Struct({ conversation_id: PathValue })
const EventRef = Schema.Struct({ event_id: PathValue })
const WebhookRef = Schema.Struct({ webhook_id: PathValue })
const RegisterQuery = Schema.Struct({ request_id: Schema.optional(Schema.String) })

/** The `messages` group. */
export const messages = {
  send: v1("messages.send", "POST /messages:send", {
    body: Messages.SendMessageRequest,
    response: Messages.SendMessageResponse
  }),
  get: v1("messages.get", "GET /messages/{message_id}", {
    params: MessageRef,
    query: MessagesSource,
    response: Messages.ConversationMessage
  }),
  delete: v1("messages.delete", "DELETE /messages/{message_id}", { params: MessageRef, query: MessagesSource }),
  update: v1("messages.update", "PATCH /messages/{message_id}", {
    params: MessageRef,
    query: MessagesSource,
    body: Messages.UpdateMessageMetadataRequest,
    response: Messages.ConversationMessage
  }),
  list: v1("messages.list", "GET /messages", {
    query: Messages.ListMessagesRequest,
    response: Messages.ListMessagesResponse,
    pagination: { items: "messages", maxPageSize: 20 }
  }),
  listLastMessagesByChannelIdentity: v1(
    "messages.listLastMessagesByChannelIdentity",
    "POST /messages:fetch-last-message",
    {
      body: Messages.ListLastMessagesByChannelIdentityRequest,
      response: Messages.ListMessagesResponse,
      idempotent: true,
      pagination: { items: "messages", maxPageSize: 1000 }
    }
  )
}

/** The `transcoding` group. */
export const transcoding = {
  transcodeMessage: v1("transcoding.transcodeMessage", "POST /messages:transcode", {
    body: Transcoding.TranscodeMessageRequest,
    response: Transcoding.TranscodeMessageResponse,
    idempotent: true
  })
}

/** The `apps` group. */
export const apps = {
  create: v1("apps.create", "POST /apps", { body: Apps.CreateAppRequest, response: Apps.App }),
  get: v1("apps.get", "GET /apps/{app_id}", { params: AppRef, response: Apps.App }),
  list: v1("apps.list", "GET /apps", { response: Apps.ListAppsResponse }),
  update: v1("apps.update", "PATCH /apps/{app_id}", {
    params: AppRef,
    query: UpdateMask,
    body: Apps.UpdateAppRequest,
    response: Apps.App
  }),
  delete: v1("apps.delete", "DELETE /apps/{app_id}", { params: AppRef })
}

/** The `webhooks` group. */
export const webhooks = {
  create: v1("webhooks.create", "POST /webhooks", { body: Webhooks.CreateWebhookRequest, response: Webhooks.Webhook }),
  get: v1("webhooks.get", "GET /webhooks/{webhook_id}", { params: WebhookRef, response: Webhooks.Webhook }),
  list: v1("webhooks.list", "GET /apps/{app_id}/webhooks", { params: AppRef, response: Webhooks.ListWebhooksResponse }),
  update: v1("webhooks.update", "PATCH /webhooks/{webhook_id}", {
    params: WebhookRef,
    query: UpdateMask,
    body: Webhooks.UpdateWebhookRequest,
    response: Webhooks.Webhook
  }),
  delete: v1("webhooks.delete", "DELETE /webhooks/{webhook_id}", { params: WebhookRef })
}

/** The `contacts` group. */
export const contacts = {
  create: v1("contacts.create", "POST /contacts", { body: Contacts.CreateContactRequest, response: Contacts.Contact }),
  get: v1("contacts.get", "GET /contacts/{contact_id}", { params: ContactRef, response: Contacts.Contact }),
  list: v1("contacts.list", "GET /contacts", {
    query: Contacts.ListContactsRequest,
    response: Contacts.ListContactsResponse,
    pagination: { items: "contacts", maxPageSize: 20 }
  }),
  update: v1("contacts.update", "PATCH /contacts/{contact_id}", {
    params: ContactRef,
    query: UpdateMask,
    body: Contacts.UpdateContactRequest,
    response: Contacts.Contact
  }),
  delete: v1("contacts.delete", "DELETE /contacts/{contact_id}", { params: ContactRef }),
  mergeContact: v1("contacts.mergeContact", "POST /contacts/{destination_id}:merge", {
    params: Schema.Struct({ destination_id: PathValue }),
    body: Contacts.MergeContactRequest,
    response: Contacts.Contact
  }),
  getChannelProfile: v1("contacts.getChannelProfile", "POST /contacts:getChannelProfile", {
    body: Contacts.GetChannelProfileRequest,
    response: Contacts.GetChannelProfileResponse,
    idempotent: true
  }),
  listIdentityConflicts: v1("contacts.listIdentityConflicts", "GET /contacts:identityConflicts", {
    query: Contacts.ListIdentityConflictsRequest,
    response: Contacts.ListIdentityConflictsResponse,
    pagination: { items: "conflicts", maxPageSize: 20 }
  })
}

/** The `conversations` group. */
export const conversations = {
  create: v1("conversations.create", "POST /conversations", {
    body: Conversations.CreateConversationRequest,
    response: Conversations.Conversation
  }),
  get: v1("conversations.get", "GET /conversations/{conversation_id}", {
    params: ConversationRef,
    response: Conversations.Conversation
  }),
  list: v1("conversations.list", "GET /conversations", {
    query: Conversations.ListConversationsRequest,
    response: Conversations.ListConversationsResponse,
    pagination: { items: "conversations", maxPageSize: 20 }
  }),
  listRecent: v1("conversations.listRecent", "GET /conversations:recent", {
    query: Conversations.ListRecentConversationsRequest,
    response: Conversations.ListRecentConversationsResponse,
    pagination: { items: "conversations", maxPageSize: 50 }
  }),
  update: v1("conversations.update", "PATCH /conversations/{conversation_id}", {
    params: ConversationRef,
    query: Schema.Struct({
      update_mask: updateMask,
      metadata_update_strategy: Schema.optional(Enums.MetadataUpdateStrategy)
    }),
    body: Conversations.UpdateConversationRequest,
    response: Conversations.Conversation
  }),
  delete: v1("conversations.delete", "DELETE /conversations/{conversation_id}", { params: ConversationRef }),
  // stopping twice has no further effect
  stopActive: v1("conversations.stopActive", "POST /conversations/{conversation_id}:stop", {
    params: ConversationRef,
    idempotent: true
  }),
  injectMessage: v1("conversations.injectMessage", "POST /conversations/{conversation_id}:inject-message", {
    params: ConversationRef,
    body: Conversations.InjectMessageRequest
  }),
  injectEvent: v1("conversations.injectEvent", "POST /conversations/{conversation_id}:inject-event", {
    params: ConversationRef,
    body: Events.InjectEventRequest,
    response: Events.InjectEventResponse
  })
}

/** The `events` group. */
export const events = {
  send: v1("events.send", "POST /events:send", { body: Events.SendEventRequest, response: Events.SendEventResponse }),
  get: v1("events.get", "GET /events/{event_id}", { params: EventRef, response: Events.ConversationEvent }),
  delete: v1("events.delete", "DELETE /events/{event_id}", { params: EventRef }),
  list: v1("events.list", "GET /events", {
    query: Events.ListEventsRequest,
    response: Events.ListEventsResponse,
    pagination: { items: "events", maxPageSize: 20 }
  })
}

/** The `capability` group. */
export const capability = {
  // repeating it only repeats the lookup
  lookup: v1("capability.lookup", "POST /capability:query", {
    body: Capability.QueryCapabilityRequest,
    response: Capability.QueryCapabilityResponse,
    idempotent: true
  })
}

/** The `optIns` group. */
export const optIns = {
  // registering twice has the same effect
  register: v1("optIns.register", "POST /optins:register", {
    query: RegisterQuery,
    body: OptIns.OptIn,
    response: OptIns.OptInResponse,
    idempotent: true
  })
}

/** The `optOuts` group. */
export const optOuts = {
  register: v1("optOuts.register", "POST /optouts:register", {
    query: RegisterQuery,
    body: OptIns.OptOut,
    response: OptIns.OptOutResponse,
    idempotent: true
  })
}

/** The `consents` group. */
export const consents = {
  listIdentities: v1("consents.listIdentities", "GET /apps/{app_id}/consents/{list_type}", {
    params: Schema.Struct({ app_id: PathValue, list_type: Enums.ConsentListType }),
    query: Consents.ListIdentitiesRequest,
    response: Consents.ListIdentitiesResponse,
    pagination: { items: "identities", maxPageSize: 100 }
  }),
  listAuditRecords: v1("consents.listAuditRecords", "GET /apps/{app_id}/consents/identities/{identity}", {
    params: Schema.Struct({ app_id: PathValue, identity: PathValue }),
    response: Consents.ListAuditRecordsResponse
  })
}

/** The `projectSettings` group. */
export const projectSettings = {
  create: v1("projectSettings.create", "POST /settings", {
    body: ProjectSettings.ProjectSettingsRequest,
    response: ProjectSettings.ProjectSettingsResponse
  }),
  get: v1("projectSettings.get", "GET /settings", { response: ProjectSettings.ProjectSettingsResponse }),
  update: v1("projectSettings.update", "PATCH /settings", {
    body: ProjectSettings.ProjectSettingsRequest,
    response: ProjectSettings.ProjectSettingsResponse
  }),
  delete: v1("projectSettings.delete", "DELETE /settings", {})
}
