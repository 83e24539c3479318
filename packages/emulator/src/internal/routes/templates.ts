/**
 * The Template Management API v1 and v2 on the emulator's router: each route decodes its input once and calls the
 * template store (`../templates.ts`).
 */
import { Templates } from "@sinch-effect/schema"
import * as Either from "effect/Either"
import type { Ctx, RouteDef } from "../core.js"
import type { ApiError } from "../errors.js"
import { updateMask } from "../params.js"
import type { Router } from "../router.js"
import { bodyDecoder } from "../schema-check.js"
import * as Store from "../templates.js"
import type { Json } from "../validate.js"

const decodeV1 = bodyDecoder(Templates.Template)
const decodeV2Create = bodyDecoder(Templates.CreateTemplateV2Request)
const decodeV2Update = bodyDecoder(Templates.UpdateTemplateV2Request)
const decodeTranslations = bodyDecoder(Templates.ListTranslationsV2Request)

/** The router's handlers still signal errors by throwing: the one place a store result becomes a throw. */
const reply = (result: Either.Either<Json, ApiError>): Json => {
  if (Either.isLeft(result)) throw result.left
  return result.right
}

/** A handler of a body-taking operation: the typed body and the JSON it came from (kept as stored). */
const withBody =
  <A>(
    decode: (u: unknown) => Either.Either<A, ApiError>,
    run: (ctx: Ctx, body: A, raw: Json) => Either.Either<Json, ApiError>
  ) =>
  (ctx: Ctx): Json => {
    const input = ctx.body ?? {}
    return reply(Either.flatMap(decode(input), (body) => run(ctx, body, input as Json)))
  }

const store = (ctx: Ctx) => Store.storeOf(ctx.p)
const id = (ctx: Ctx) => ctx.params["template_id"]!

/** Registers the template routes. */
export const register = (router: Router<RouteDef>): void => {
  const v1 = "/v1/projects/{project_id}/templates"
  const v2 = "/v2/projects/{project_id}/templates"
  const api = (handler: RouteDef["handler"]): RouteDef => ({ kind: "api", handler })

  router.add(
    "GET",
    v1,
    "templatesV1.list",
    api((ctx) => Store.v1List(store(ctx)))
  )
  router.add(
    "POST",
    v1,
    "templatesV1.create",
    api(withBody(decodeV1, (ctx, body, raw) => Store.v1Create(store(ctx), ctx.core.env, body, raw)))
  )
  router.add(
    "GET",
    `${v1}/{template_id}`,
    "templatesV1.get",
    api((ctx) => reply(Store.v1Get(store(ctx), id(ctx))))
  )
  router.add(
    "PATCH",
    `${v1}/{template_id}`,
    "templatesV1.update",
    api(
      withBody(decodeV1, (ctx, body, raw) =>
        Store.v1Update(store(ctx), ctx.core.env, id(ctx), body, raw, updateMask(ctx.query))
      )
    )
  )
  router.add(
    "DELETE",
    `${v1}/{template_id}`,
    "templatesV1.delete",
    api((ctx) => reply(Store.v1Delete(store(ctx), id(ctx))))
  )

  router.add(
    "GET",
    v2,
    "templatesV2.list",
    api((ctx) => Store.v2List(store(ctx)))
  )
  router.add(
    "POST",
    v2,
    "templatesV2.create",
    api(withBody(decodeV2Create, (ctx, body, raw) => Store.v2Create(store(ctx), ctx.core.env, body, raw)))
  )
  router.add(
    "GET",
    `${v2}/{template_id}`,
    "templatesV2.get",
    api((ctx) => reply(Store.v2Get(store(ctx), id(ctx))))
  )
  router.add(
    "PUT",
    `${v2}/{template_id}`,
    "templatesV2.update",
    api(withBody(decodeV2Update, (ctx, body, raw) => Store.v2Update(store(ctx), ctx.core.env, id(ctx), body, raw)))
  )
  router.add(
    "DELETE",
    `${v2}/{template_id}`,
    "templatesV2.delete",
    api((ctx) => reply(Store.v2Delete(store(ctx), id(ctx))))
  )
  router.add(
    "GET",
    `${v2}/{template_id}/translations`,
    "templatesV2.listTranslations",
    api((ctx) =>
      reply(
        Either.flatMap(decodeTranslations(Object.fromEntries(ctx.query)), (filter) =>
          Store.v2ListTranslations(store(ctx), id(ctx), filter)
        )
      )
    )
  )
}
