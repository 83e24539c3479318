/**
 * The operations of the Template Management API v1 and v2, by group, with the official Node SDK's names
 * (`templatesV1.list`, `templatesV2.listTranslations`, ...): each one's route relative to the project, schemas and
 * idempotency. Their base URL is the template host (`https://{region}.template.api.sinch.com`).
 */
import * as Schema from "effect/Schema"
import * as Templates from "../../Templates.js"
import { define, PathValue } from "./define.js"

const v1 = define("template", "v1")
const v2 = define("template", "v2")

const TemplateRef = Schema.Struct({ template_id: PathValue })

/** `update_mask.paths` on the wire: the fields a v1 update replaces. */
const UpdateMask = Schema.Struct({
  update_mask: Schema.optional(Schema.Array(Schema.String)).pipe(Schema.fromKey("update_mask.paths"))
})

/** The `templatesV1` group: templates whose translations hold their message as a JSON string. */
export const templatesV1 = {
  list: v1("templatesV1.list", "GET /templates", { response: Templates.ListTemplatesResponse }),
  get: v1("templatesV1.get", "GET /templates/{template_id}", { params: TemplateRef, response: Templates.Template }),
  create: v1("templatesV1.create", "POST /templates", { body: Templates.Template, response: Templates.Template }),
  update: v1("templatesV1.update", "PATCH /templates/{template_id}", {
    params: TemplateRef,
    query: UpdateMask,
    body: Templates.Template,
    response: Templates.Template
  }),
  delete: v1("templatesV1.delete", "DELETE /templates/{template_id}", { params: TemplateRef })
}

/** The `templatesV2` group: typed translations, versions and channel template overrides. */
export const templatesV2 = {
  list: v2("templatesV2.list", "GET /templates", { response: Templates.ListTemplatesV2Response }),
  get: v2("templatesV2.get", "GET /templates/{template_id}", { params: TemplateRef, response: Templates.TemplateV2 }),
  create: v2("templatesV2.create", "POST /templates", {
    body: Templates.CreateTemplateV2Request,
    response: Templates.TemplateV2
  }),
  // a repeated update is refused (its version is no longer the latest): never retried once it may have been applied
  update: v2("templatesV2.update", "PUT /templates/{template_id}", {
    params: TemplateRef,
    body: Templates.UpdateTemplateV2Request,
    response: Templates.TemplateV2,
    idempotent: false
  }),
  delete: v2("templatesV2.delete", "DELETE /templates/{template_id}", { params: TemplateRef }),
  listTranslations: v2("templatesV2.listTranslations", "GET /templates/{template_id}/translations", {
    params: TemplateRef,
    query: Templates.ListTranslationsV2Request,
    response: Templates.ListTranslationsV2Response
  })
}
