/**
 * The Template Management API v1 and v2 on the emulator's router: each route is registered at its definition's method
 * and path (`Operations.template`), decodes its input once with the definition's schemas and calls the template store
 * (`../templates.ts`).
 */
import { Operations } from "@sinch-effect/schema"
import * as Either from "effect/Either"
import { api, type Input, type RouteDef } from "../core.js"
import { updateMask } from "../params.js"
import type { Router } from "../router.js"
import { decoder } from "../schema-check.js"
import * as Store from "../templates.js"
import type { Json } from "../validate.js"

const { templatesV1: v1, templatesV2: v2 } = Operations.template

const decodeTranslations = decoder(v2.listTranslations.query)

const store = (input: Input<unknown>) => Store.storeOf(input.p)
const id = (input: Input<unknown>) => input.path["template_id"]!

/** Registers the template routes. */
export const register = (router: Router<RouteDef>): void => {
  const add = (definition: Operations.Definition, route: RouteDef) =>
    router.add(definition.method, Operations.fullPath(definition), definition.name, route)

  add(
    v1.list,
    api(undefined, (input) => Either.right(Store.v1List(store(input))))
  )
  add(
    v1.create,
    api(v1.create.body, (input) => Store.v1Create(store(input), input.core.env, input.body, input.json as Json))
  )
  add(
    v1.get,
    api(undefined, (input) => Store.v1Get(store(input), id(input)))
  )
  add(
    v1.update,
    api(v1.update.body, (input) =>
      Store.v1Update(store(input), input.core.env, id(input), input.body, input.json as Json, updateMask(input.query))
    )
  )
  add(
    v1.delete,
    api(undefined, (input) => Store.v1Delete(store(input), id(input)))
  )

  add(
    v2.list,
    api(undefined, (input) => Either.right(Store.v2List(store(input))))
  )
  add(
    v2.create,
    api(v2.create.body, (input) => Store.v2Create(store(input), input.core.env, input.body, input.json as Json))
  )
  add(
    v2.get,
    api(undefined, (input) => Store.v2Get(store(input), id(input)))
  )
  add(
    v2.update,
    api(v2.update.body, (input) =>
      Store.v2Update(store(input), input.core.env, id(input), input.body, input.json as Json)
    )
  )
  add(
    v2.delete,
    api(undefined, (input) => Store.v2Delete(store(input), id(input)))
  )
  add(
    v2.listTranslations,
    api(undefined, (input) =>
      Either.flatMap(decodeTranslations(Object.fromEntries(input.query)), (filter) =>
        Store.v2ListTranslations(store(input), id(input), filter)
      )
    )
  )
}
