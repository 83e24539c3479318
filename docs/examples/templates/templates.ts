// Omni-channel templates: create one, send a message from it, export them all. Run by
// packages/client/test/docs/templates.test.ts.
import { Export, SinchClient } from "@sinch-effect/client"
import { Compose, Ids } from "@sinch-effect/schema"
import { Effect, pipe } from "effect"

/** A welcome template in two languages with one parameter, `${name}`. */
export const createWelcome = Effect.flatMap(SinchClient.SinchClient, (sinch) =>
  sinch.templates.v2.create({
    id: "welcome",
    description: "Greets a new customer",
    default_translation: "en-US",
    translations: [
      {
        language_code: "en-US",
        version: "1",
        variables: [{ key: "name", preview_value: "Ada" }],
        text_message: { text: "Welcome, ${name}!" }
      },
      {
        language_code: "fr-FR",
        version: "1",
        variables: [{ key: "name", preview_value: "Ada" }],
        text_message: { text: "Bienvenue, ${name} !" }
      }
    ]
  })
)

/** Sends the newest French translation of the template to a contact, with the contact's name. */
export const sendWelcome = (appId: string, contactId: string, name: string) =>
  Effect.flatMap(SinchClient.SinchClient, (sinch) =>
    sinch.messages.send(
      pipe(
        Compose.template({
          omni_template: { template_id: "welcome", version: "latest", language_code: "fr-FR", parameters: { name } }
        }),
        Compose.messageRequest({ app_id: Ids.AppId.make(appId), recipient: Compose.contact(contactId) })
      )
    )
  )

/** Every v2 template to an NDJSON file, one per line, as the API returned it (with a checkpoint, like every export). */
export const exportTemplates = (path: string) => Export.toFile(Export.templates(), { path })
