/**
 * Test helpers that use nothing but `fetch`, `node:http` and `node:crypto`: the emulator must work with any
 * client written against the Sinch docs.
 */
import { createHmac } from "node:crypto"
import * as Http from "node:http"
import type { AddressInfo } from "node:net"
import * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"
import type { Emulator } from "@sinch-effect/emulator"

/** A plain HTTP answer. */
export interface Answer {
  readonly status: number
  readonly headers: Headers
  readonly text: string
  readonly json: any
}

const parse = (text: string): unknown => {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** A raw fetch returning status, headers and the parsed body. */
export const request = (url: string, init: RequestInit = {}): Effect.Effect<Answer> =>
  Effect.promise(async () => {
    const res = await fetch(url, init)
    const text = await res.text()
    return { status: res.status, headers: res.headers, text, json: parse(text) }
  })

/** The fields named by the field violations of a Sinch 400 answer, in order (none when it has none). */
export const violatedFields = (answer: Answer): Array<string> =>
  (answer.json?.error?.details?.[0]?.field_violations ?? []).map((v: { field: string }) => v.field)

/** Basic credentials header. */
export const basic = (id: string, secret: string): string =>
  `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`

/** A small API client over fetch with Basic auth for a project. */
export const client = (emu: Emulator.Running, creds?: { projectId: string; keyId: string; keySecret: string }) => {
  const projectId = creds?.projectId ?? emu.projectId
  const authorization = basic(creds?.keyId ?? emu.keyId, creds?.keySecret ?? emu.env["SINCH_KEY_SECRET"]!)
  const base = `${emu.url}/v1/projects/${projectId}`
  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    request(`${base}${path}`, {
      method,
      headers: { authorization, "content-type": "application/json", ...headers },
      ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) })
    })
  return {
    base,
    projectId,
    authorization,
    get: (path: string, headers?: Record<string, string>) => call("GET", path, undefined, headers),
    post: (path: string, body?: unknown, headers?: Record<string, string>) => call("POST", path, body ?? {}, headers),
    patch: (path: string, body?: unknown) => call("PATCH", path, body ?? {}),
    del: (path: string) => call("DELETE", path)
  }
}

/**
 * Every message of an app's conversations, as the API lists them: the conversations page by page, then each one's
 * messages page by page (the API lists the messages of conversations only per conversation or contact).
 */
export const appMessages = (api: ReturnType<typeof client>, appId: string) =>
  Effect.gen(function* () {
    const all = (path: string, key: string) =>
      Effect.gen(function* () {
        const items: Array<any> = []
        let token = ""
        do {
          const page = yield* api.get(`${path}&page_size=20${token === "" ? "" : `&page_token=${token}`}`)
          if (page.status !== 200) return yield* Effect.dieMessage(`GET ${path}: ${page.status} ${page.text}`)
          items.push(...(page.json[key] ?? []))
          token = page.json.next_page_token ?? ""
        } while (token !== "")
        return items
      })
    const out: Array<any> = []
    for (const conversation of yield* all(`/conversations?app_id=${appId}&only_active=false`, "conversations")) {
      out.push(...(yield* all(`/messages?conversation_id=${conversation.id}`, "messages")))
    }
    return out
  })

/** Creates an app with SMS and WhatsApp credentials (or the given body). */
export const createApp = (api: ReturnType<typeof client>, extra: Record<string, unknown> = {}) =>
  api
    .post("/apps", {
      display_name: "Test app",
      channel_credentials: [
        { channel: "SMS", static_bearer: { claimed_identity: "plan", token: "token" } },
        { channel: "WHATSAPP", static_bearer: { claimed_identity: "sender", token: "token" } }
      ],
      ...extra
    })
    .pipe(Effect.map((a) => a.json as { id: string } & Record<string, unknown>))

/** One callback received by the test webhook server. */
export interface Received {
  readonly headers: Http.IncomingHttpHeaders
  readonly body: string
  readonly json: any
  readonly at: number
}

/** A webhook receiver on a real socket. */
export interface Receiver {
  readonly url: string
  readonly received: Array<Received>
  /** waits (real time, up to `timeoutMs`) until `count` callbacks satisfy `pred` */
  readonly waitFor: (
    pred: (r: Received) => boolean,
    count?: number,
    timeoutMs?: number
  ) => Effect.Effect<Array<Received>, Error>
}

/** Starts a receiver answering with `statuses` in turn (then 200). */
export const receiver = (statuses: Array<number> = []): Effect.Effect<Receiver, never, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.promise(
      () =>
        new Promise<{ server: Http.Server; receiver: Receiver }>((resolve) => {
          const received: Array<Received> = []
          let listeners: Array<() => void> = []
          const server = Http.createServer((req, res) => {
            const chunks: Array<Buffer> = []
            req.on("data", (c: Buffer) => chunks.push(c))
            req.on("end", () => {
              const body = Buffer.concat(chunks).toString("utf8")
              received.push({ headers: req.headers, body, json: parse(body), at: Date.now() })
              res.writeHead(statuses.shift() ?? 200)
              res.end()
              for (const l of listeners) l()
            })
          })
          server.listen(0, "127.0.0.1", () => {
            const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/callbacks`
            resolve({
              server,
              receiver: {
                url,
                received,
                waitFor: (pred, count = 1, timeoutMs = 5000) =>
                  Effect.async<Array<Received>, Error>((resume) => {
                    const check = () => {
                      const hits = received.filter(pred)
                      if (hits.length >= count) {
                        cleanup()
                        resume(Effect.succeed(hits))
                      }
                    }
                    const timer = setTimeout(() => {
                      cleanup()
                      resume(
                        Effect.fail(
                          new Error(`timed out waiting for ${count} callbacks (got ${received.filter(pred).length})`)
                        )
                      )
                    }, timeoutMs)
                    const cleanup = () => {
                      clearTimeout(timer)
                      listeners = listeners.filter((l) => l !== check)
                    }
                    listeners.push(check)
                    check()
                    return Effect.sync(cleanup)
                  })
              }
            })
          })
        })
    ),
    ({ server }) =>
      Effect.promise(
        () =>
          new Promise<void>((resolve) => {
            server.close(() => resolve())
            server.closeAllConnections()
          })
      )
  ).pipe(Effect.map(({ receiver }) => receiver))

/** Independent HMAC check of a Sinch callback signature. */
export const verifySignature = (r: Received, secret: string): boolean => {
  const nonce = r.headers["x-sinch-webhook-signature-nonce"]
  const timestamp = r.headers["x-sinch-webhook-signature-timestamp"]
  const signature = r.headers["x-sinch-webhook-signature"]
  if (typeof nonce !== "string" || typeof timestamp !== "string" || typeof signature !== "string") return false
  if (r.headers["x-sinch-webhook-signature-algorithm"] !== "HmacSHA256") return false
  const expected = createHmac("sha256", secret).update(`${r.body}.${nonce}.${timestamp}`).digest("base64")
  return expected === signature
}

/** Registers a webhook for triggers and returns its id. */
export const createWebhook = (
  api: ReturnType<typeof client>,
  appId: string,
  target: string,
  triggers: Array<string>,
  secret = "webhook-secret"
) => api.post("/webhooks", { app_id: appId, target, triggers, secret }).pipe(Effect.map((r) => r.json.id as string))
