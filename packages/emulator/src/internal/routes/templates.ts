/**
 * The behaviour of the Template Management API v1 and v2 (`Operations.template`), by definition key: each handler
 * takes its decoded input and calls the template store (`../templates.ts`). `routes/api.ts` registers them.
 */
import type { Operations } from "@sinch-effect/schema"
import * as Either from "effect/Either"
import type { Handlers } from "../core.js"
import type { ProjectState } from "../project.js"
import * as Store from "../templates.js"

const store = (input: { readonly p: ProjectState }) => Store.storeOf(input.p)

/** The v1 operations. */
export const templatesV1: Handlers<typeof Operations.template.templatesV1> = {
  list: (input) => Either.right(Store.v1List(store(input))),
  get: (input) => Store.v1Get(store(input), input.path.template_id),
  create: (input) => Store.v1Create(store(input), input.core.env, input.body, input.json),
  update: (input) =>
    Store.v1Update(
      store(input),
      input.core.env,
      input.path.template_id,
      input.body,
      input.json,
      input.query.update_mask
    ),
  delete: (input) => Store.v1Delete(store(input), input.path.template_id)
}

/** The v2 operations. */
export const templatesV2: Handlers<typeof Operations.template.templatesV2> = {
  list: (input) => Either.right(Store.v2List(store(input))),
  get: (input) => Store.v2Get(store(input), input.path.template_id),
  create: (input) => Store.v2Create(store(input), input.core.env, input.body, input.json),
  update: (input) => Store.v2Update(store(input), input.core.env, input.path.template_id, input.body, input.json),
  delete: (input) => Store.v2Delete(store(input), input.path.template_id),
  listTranslations: (input) => Store.v2ListTranslations(store(input), input.path.template_id, input.query)
}
