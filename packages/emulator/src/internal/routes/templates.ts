/**
 * The Template Management API v1 and v2 on the emulator's router: each route decodes its input once and calls the
 * template store (`../templates.ts`).
 */
import { Templates } from "@sinch-effect/schema"
import * as Either from "effect/Either"
import { api, type Input, type RouteDef } from "../core.js"
import { updateMask } from "../params.js"
import type { Router } from "../router.js"
import { decoder } from "../schema-check.js"
import * as Store from "../templates.js"
import type { Json } from "../validate.js"

const decodeTranslations = decoder(Templates.ListTranslationsV2Request)

const store = (input: Input<unknown>) => Store.storeOf(input.p)
const id = (input: Input<unknown>) => input.path["template_id"]!

/** Registers the template routes. */
export const register = (router: Router<RouteDef>): void => {
  const v1 = "/v1/projects/{project_id}/templates"
  const v2 = "/v2/projects/{project_id}/templates"

  router.add(
    "GET",
    v1,
    "templatesV1.list",
    api(undefined, (input) => Either.right(Store.v1List(store(input))))
  )
  router.add(
    "POST",
    v1,
    "templatesV1.create",
    api(Templates.Template, (input) => Store.v1Create(store(input), input.core.env, input.body, input.json as Json))
  )
  router.add(
    "GET",
    `${v1}/{template_id}`,
    "templatesV1.get",
    api(undefined, (input) => Store.v1Get(store(input), id(input)))
  )
  router.add(
    "PATCH",
    `${v1}/{template_id}`,
    "templatesV1.update",
    api(Templates.Template, (input) =>
      Store.v1Update(store(input), input.core.env, id(input), input.body, input.json as Json, updateMask(input.query))
    )
  )
  router.add(
    "DELETE",
    `${v1}/{template_id}`,
    "templatesV1.delete",
    api(undefined, (input) => Store.v1Delete(store(input), id(input)))
  )

  router.add(
    "GET",
    v2,
    "templatesV2.list",
    api(undefined, (input) => Either.right(Store.v2List(store(input))))
  )
  router.add(
    "POST",
    v2,
    "templatesV2.create",
    api(Templates.CreateTemplateV2Request, (input) =>
      Store.v2Create(store(input), input.core.env, input.body, input.json as Json)
    )
  )
  router.add(
    "GET",
    `${v2}/{template_id}`,
    "templatesV2.get",
    api(undefined, (input) => Store.v2Get(store(input), id(input)))
  )
  router.add(
    "PUT",
    `${v2}/{template_id}`,
    "templatesV2.update",
    api(Templates.UpdateTemplateV2Request, (input) =>
      Store.v2Update(store(input), input.core.env, id(input), input.body, input.json as Json)
    )
  )
  router.add(
    "DELETE",
    `${v2}/{template_id}`,
    "templatesV2.delete",
    api(undefined, (input) => Store.v2Delete(store(input), id(input)))
  )
  router.add(
    "GET",
    `${v2}/{template_id}/translations`,
    "templatesV2.listTranslations",
    api(undefined, (input) =>
      Either.flatMap(decodeTranslations(Object.fromEntries(input.query)), (filter) =>
        Store.v2ListTranslations(store(input), id(input), filter)
      )
    )
  )
}
