/**
 * Raw list pages (the JSON values the API returned, unknown fields kept) for the lists the client exposes only
 * decoded (contacts, conversations). Same auth, retry policy, pagination guards and error classes as the client.
 *
 * @internal
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import { Auth, Pagination, Retry, SinchConfig, SinchError } from "@sinch-effect/client"
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Predicate from "effect/Predicate"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"

/** @internal */
export interface RawList {
  readonly operation: string
  /** Path under `/v1/projects/{project_id}`. */
  readonly path: string
  /** The key of the items array in a page. */
  readonly itemsKey: string
}

const decodeErrorBody = Schema.decodeUnknownEither(SinchError.ErrorBody)

const parseJson = (text: string): Either.Either<unknown, string> => {
  try {
    return Either.right(JSON.parse(text))
  } catch (e) {
    return Either.left(e instanceof Error ? e.message : "invalid JSON")
  }
}

const retryAfter = (value: string | undefined, now: number): Duration.Duration | undefined => {
  if (value === undefined) return undefined
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Duration.millis(Math.round(Number(value.trim()) * 1000))
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Duration.millis(Math.max(0, date - now))
}

const statusError = (
  site: { operation: string; method: string; path: string },
  status: number,
  headers: Readonly<Record<string, string>>,
  text: string,
  now: number
): SinchError.StatusError => {
  const json = parseJson(text)
  const body = Either.isRight(json) ? decodeErrorBody(json.right) : undefined
  const fields = {
    ...site,
    status,
    error: body !== undefined && Either.isRight(body) ? body.right.error : undefined,
    bodySnippet:
      body !== undefined && Either.isRight(body) ? undefined : text === "" ? undefined : text.slice(0, 200).trim(),
    requestId: headers["x-request-id"]
  }
  switch (status) {
    case 401:
      return new SinchError.Unauthorized(fields)
    case 403:
      return new SinchError.Forbidden(fields)
    case 404:
      return new SinchError.NotFound(fields)
    case 429:
      return new SinchError.RateLimited({ ...fields, retryAfter: retryAfter(headers["retry-after"], now) })
    default:
      return status < 500 ? new SinchError.BadRequest(fields) : new SinchError.ServerError(fields)
  }
}

/** Raw pages of a list. @internal */
export const rawPages = (
  list: RawList,
  query: Readonly<Record<string, string>>,
  options?: Pagination.Options
): Stream.Stream<
  Pagination.Page<unknown>,
  SinchError.SinchError | SinchError.PaginationError,
  SinchConfig.SinchConfig | Auth.Auth | HttpClient.HttpClient
> =>
  Stream.unwrap(
    Effect.gen(function* () {
      const config = yield* SinchConfig.SinchConfig
      const auth = yield* Auth.Auth
      const http = yield* HttpClient.HttpClient
      const path = `/v1/projects/{project_id}${list.path}`
      const site = { operation: list.operation, method: "GET", path }
      const url = `${config.conversationUrl}/v1/projects/${encodeURIComponent(config.projectId)}${list.path}`

      const once = (pageToken: string | undefined, authorization: Redacted.Redacted<string>) =>
        http
          .execute(
            HttpClientRequest.get(url, {
              acceptJson: true,
              urlParams: { ...query, ...(pageToken === undefined ? {} : { page_token: pageToken }) },
              headers: { authorization: Redacted.value(authorization) }
            })
          )
          .pipe(
            Effect.flatMap((response) => Effect.map(response.text, (text) => ({ response, text }))),
            Effect.mapError(
              (e) =>
                new SinchError.TransportError({
                  ...site,
                  reason: e._tag === "RequestError" ? "Transport" : "ResponseBody",
                  detail: e.reason
                })
            ),
            Effect.timeoutFail({
              duration: config.timeout,
              onTimeout: () => new SinchError.Timeout({ ...site, timeout: config.timeout })
            })
          )

      const attempt = (pageToken: string | undefined) =>
        Effect.gen(function* () {
          const credential = yield* auth.credential
          let result = yield* once(pageToken, credential.authorization)
          if (result.response.status === 401 && (yield* credential.invalidate)) {
            result = yield* once(pageToken, (yield* auth.credential).authorization)
          }
          const { response, text } = result
          if (response.status < 200 || response.status >= 300) {
            return yield* Effect.fail(
              statusError(site, response.status, response.headers, text, yield* Clock.currentTimeMillis)
            )
          }
          const json = parseJson(text === "" ? "{}" : text)
          if (Either.isLeft(json)) {
            return yield* new SinchError.ResponseDecodeError({ ...site, status: response.status, where: json.left })
          }
          const body = json.right
          const items = Predicate.isRecord(body) ? body[list.itemsKey] : undefined
          const token = Predicate.isRecord(body) ? body["next_page_token"] : undefined
          if (!Predicate.isRecord(body) || (items !== undefined && !Array.isArray(items))) {
            return yield* new SinchError.ResponseDecodeError({
              ...site,
              status: response.status,
              where: `expected an object with an array ${list.itemsKey}`
            })
          }
          return {
            items: (items as ReadonlyArray<unknown> | undefined) ?? [],
            nextPageToken: typeof token === "string" ? token : undefined
          }
        })

      const fetchPage = (pageToken: string | undefined) =>
        Effect.flatMap(Retry.RetryPolicy, (policy) => Effect.retry(attempt(pageToken), policy.idempotent)).pipe(
          Effect.withSpan(`Sinch.${list.operation}`, {
            kind: "client",
            attributes: { "sinch.project_id": config.projectId, "sinch.operation": list.operation }
          })
        )
      return Pagination.pages(list.operation, fetchPage, options)
    })
  )
