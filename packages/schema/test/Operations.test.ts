import { assert, describe, it } from "@effect/vitest"
import * as Arbitrary from "effect/Arbitrary"
import * as Either from "effect/Either"
import * as FastCheck from "effect/FastCheck"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { Operations } from "@sinch-effect/schema"

describe("Operations", () => {
  it("defines the 47 operations of the Conversation API and the 7 of the Batch API once each", () => {
    assert.strictEqual(Operations.all.filter((d) => d.api === "conversation").length, 47)
    assert.deepStrictEqual(
      Operations.all.filter((d) => d.api === "batch").map((d) => `${d.method} ${Operations.fullPath(d)}`),
      [
        "POST /v1/projects/{project_id}/messages",
        "DELETE /v1/projects/{project_id}/messages",
        "GET /v1/projects/{project_id}/messages/{batch_id}",
        "GET /v1/projects/{project_id}/messages",
        "POST /v1/projects/{project_id}/contacts",
        "DELETE /v1/projects/{project_id}/contacts",
        "POST /v1/projects/{project_id}/consents"
      ]
    )
    assert.strictEqual(new Set(Operations.names).size, Operations.names.length)
    const routes = Operations.all.map((d) => `${d.api} ${d.method} ${Operations.fullPath(d)}`)
    assert.strictEqual(new Set(routes).size, routes.length)
    // the name is `group.operation` and the group is the key the definition is found under
    for (const [group, definitions] of Object.entries(Operations.conversation)) {
      for (const [key, d] of Object.entries(definitions as Record<string, Operations.Definition>)) {
        assert.strictEqual(d.name.split(".")[0], group)
        assert.isTrue(key === d.name.split(".")[1] || (group.startsWith("opt") && key === "register"))
      }
    }
  })

  it("defines the 11 operations of the Template Management API v1 and v2 under the official Node SDK's names", () => {
    const template = Operations.all.filter((d) => d.api === "template")
    assert.deepStrictEqual(
      template.map((d) => `${d.name} ${d.method} ${Operations.fullPath(d)}`),
      [
        "templatesV1.list GET /v1/projects/{project_id}/templates",
        "templatesV1.get GET /v1/projects/{project_id}/templates/{template_id}",
        "templatesV1.create POST /v1/projects/{project_id}/templates",
        "templatesV1.update PATCH /v1/projects/{project_id}/templates/{template_id}",
        "templatesV1.delete DELETE /v1/projects/{project_id}/templates/{template_id}",
        "templatesV2.list GET /v2/projects/{project_id}/templates",
        "templatesV2.get GET /v2/projects/{project_id}/templates/{template_id}",
        "templatesV2.create POST /v2/projects/{project_id}/templates",
        "templatesV2.update PUT /v2/projects/{project_id}/templates/{template_id}",
        "templatesV2.delete DELETE /v2/projects/{project_id}/templates/{template_id}",
        "templatesV2.listTranslations GET /v2/projects/{project_id}/templates/{template_id}/translations"
      ]
    )
    // a repeated PUT is refused as stale once the first one was applied: never retried after it may have been
    assert.isFalse(Operations.template.templatesV2.update.idempotent)
  })

  it("names every path parameter in the params schema, and only those", () => {
    for (const d of Operations.all) {
      const fields = Object.keys((d.params as unknown as Schema.Struct<Schema.Struct.Fields>).fields)
      assert.deepStrictEqual(
        [...fields].sort(),
        Operations.pathParams(d)
          .filter((name) => name !== "project_id")
          .sort(),
        d.name
      )
    }
  })

  it("keeps the prefix with the API version and custom methods literal", () => {
    const send = Operations.conversation.messages.send
    assert.strictEqual(send.path, "/messages:send")
    assert.strictEqual(Operations.fullPath(send), "/v1/projects/{project_id}/messages:send")
    assert.strictEqual(send.idempotent, false)
    assert.strictEqual(Operations.conversation.capability.lookup.idempotent, true)
    assert.strictEqual(Operations.conversation.messages.get.idempotent, true)
    assert.deepStrictEqual(Operations.conversation.messages.list.pagination, {
      items: "messages",
      in: "query",
      pageSize: "page_size",
      pageToken: "page_token",
      nextPageToken: "next_page_token",
      maxPageSize: 20
    })
    assert.strictEqual(Operations.conversation.messages.listLastMessagesByChannelIdentity.pagination?.in, "body")
  })

  it("percent-encodes path values and refuses empty ones", () => {
    const merge = Operations.conversation.contacts.mergeContact
    assert.deepStrictEqual(
      Operations.fillPath(merge, { project_id: "p 1", destination_id: "a/b:c?" }),
      Either.right("/v1/projects/p%201/contacts/a%2Fb%3Ac%3F:merge")
    )
    assert.deepStrictEqual(
      Operations.fillPath(merge, { project_id: "p", destination_id: "" }),
      Either.left("path parameter destination_id must be a non-empty string")
    )
    assert.deepStrictEqual(
      Operations.fillPath(merge, { project_id: "p" }),
      Either.left("path parameter destination_id must be a non-empty string")
    )
  })

  it("matches request paths back to their decoded parameters", () => {
    const merge = Operations.conversation.contacts.mergeContact
    const get = Operations.conversation.contacts.get
    const conflicts = Operations.conversation.contacts.listIdentityConflicts
    assert.deepStrictEqual(Operations.matchPath(merge, "/v1/projects/p%201/contacts/a%2Fb%3Ac%3F:merge"), {
      project_id: "p 1",
      destination_id: "a/b:c?"
    })
    assert.strictEqual(Operations.matchPath(merge, "/v1/projects/p/contacts/:merge"), undefined)
    assert.strictEqual(Operations.matchPath(get, "/v1/projects/p/contacts/a/b"), undefined)
    assert.strictEqual(Operations.matchPath(get, "/v1/projects/p/contacts:identityConflicts"), undefined)
    // a custom method is never read as a value: a ':' in a value is sent as %3A
    assert.strictEqual(Operations.matchPath(get, "/v1/projects/p/contacts/a:merge"), undefined)
    assert.deepStrictEqual(Operations.matchPath(get, "/v1/projects/p/contacts/a%3Amerge"), {
      project_id: "p",
      contact_id: "a:merge"
    })
    assert.deepStrictEqual(Operations.matchPath(conflicts, "/v1/projects/p/contacts:identityConflicts"), {
      project_id: "p"
    })
    assert.strictEqual(Operations.matchPath(get, "/v1/projects/p/contacts/%E0%A4%A"), undefined)
    // every definition matches its own filled path
    for (const d of Operations.all) {
      const params = Object.fromEntries(Operations.pathParams(d).map((name) => [name, `${name} /:?%`]))
      const filled = Operations.fillPath(d, params)
      assert.isTrue(Either.isRight(filled))
      if (Either.isRight(filled)) assert.deepStrictEqual(Operations.matchPath(d, filled.right), params, d.name)
    }
  })

  it("renames update_mask to update_mask.paths on the wire", () => {
    const query = Operations.conversation.apps.update.query
    assert.deepStrictEqual(Schema.encodeSync(query)({ update_mask: ["display_name"] }), {
      "update_mask.paths": ["display_name"]
    })
  })

  it("reads every query from the URL's strings and writes it back (repeated keys for arrays)", () => {
    const viaUrl = (search: Operations.Search): Operations.Search => {
      const params = new URLSearchParams()
      for (const [key, values] of Object.entries(search)) for (const v of values) params.append(key, v)
      const back: Record<string, Array<string>> = {}
      for (const [key, v] of new URLSearchParams(params.toString())) (back[key] ??= []).push(v)
      return back
    }
    const withQuery = Operations.all.filter((d) => Object.keys((d.query as { fields?: object }).fields ?? {}).length)
    assert.isAtLeast(withQuery.length, 14)
    for (const d of withQuery) {
      const codec = Operations.queryFromSearch(d)
      FastCheck.assert(
        FastCheck.property(Arbitrary.make(d.query), (value) => {
          const search = Schema.encodeSync(codec)(value)
          // an optional field given as `undefined` or an empty array is not on the URL
          const given = Object.fromEntries(
            Object.entries(value).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0))
          )
          assert.deepStrictEqual(Schema.decodeSync(codec)(viaUrl(search)), given, d.name)
        }),
        { numRuns: 50 }
      )
    }
  })

  it("refuses a malformed query value at its wire name", () => {
    const decode = (d: Operations.Definition, query: string) => {
      const search: Record<string, Array<string>> = {}
      for (const [key, v] of new URLSearchParams(query)) (search[key] ??= []).push(v)
      return Either.mapLeft(Schema.decodeUnknownEither(Operations.queryFromSearch(d))(search), (e) =>
        ParseResult.ArrayFormatter.formatErrorSync(e).map((issue) => issue.path.join("."))
      )
    }
    const { conversations, messages } = Operations.conversation
    assert.deepStrictEqual(decode(messages.list, "page_size=abc"), Either.left(["page_size"]))
    assert.deepStrictEqual(decode(messages.list, "page_size=1.5"), Either.left(["page_size"]))
    assert.deepStrictEqual(
      decode(messages.list, "only_recipient_originated=maybe"),
      Either.left(["only_recipient_originated"])
    )
    assert.deepStrictEqual(decode(messages.list, "start_time=yesterday"), Either.left(["start_time"]))
    assert.deepStrictEqual(decode(conversations.list, "app_id=a"), Either.left(["only_active"]))
    assert.deepStrictEqual(
      decode(conversations.list, "only_active=1&page_size=&app_id=a&app_id=b"),
      Either.right({ only_active: true, app_id: "a" })
    )
    assert.deepStrictEqual(
      decode(Operations.conversation.contacts.update, "update_mask.paths=a&update_mask.paths=b"),
      Either.right({ update_mask: ["a", "b"] })
    )
  })
})
