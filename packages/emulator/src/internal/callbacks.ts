/**
 * Callback delivery: builds the callback envelope, signs the raw body with the webhook secret and POSTs it
 * to every webhook of the app whose triggers match. Failed deliveries (5xx, connection errors, timeouts) are
 * retried with capped exponential backoff; 4xx answers are final. Deliveries run as fibers in the emulator's
 * scope, so closing the scope stops them.
 *
 * At most `concurrency` callbacks are in flight to one target (scheme, host and port) at a time, over keep-alive
 * connections (a `node:http` agent): the others wait their turn in the order they were emitted, and a retry waits
 * its backoff without holding a place. Each attempt is signed when it starts, so a callback that waited is not stale.
 */
import * as Http from "node:http"
import * as Https from "node:https"
import * as Data from "effect/Data"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Schedule from "effect/Schedule"
import { Signature } from "@sinch-effect/webhooks"
import type { AppRecord, ProjectState, WebhookRecord } from "./project.js"
import type { Json } from "./validate.js"
import { formatMicros } from "./validate.js"

/** Retry policy for callback deliveries. */
export interface RetryPolicy {
  /** delay before the first retry */
  readonly initialDelayMillis: number
  /** cap of one delay */
  readonly maxDelayMillis: number
  /** retries after the first attempt */
  readonly maxRetries: number
  /** timeout of one attempt (real time, as a socket's, whatever the emulator's clock) */
  readonly timeoutMillis: number
}

/** One attempt to deliver a callback. */
export interface DeliveryAttempt {
  readonly status: number | "error"
  /** when the attempt ended */
  readonly atMs: number
  /** how long the attempt took */
  readonly millis: number
  /** the signature headers it carried (no secret: an HMAC, a nonce and a timestamp) */
  readonly headers: Readonly<Record<string, string>>
}

/** What happened to one callback. */
export interface DeliveryRecord {
  readonly id: number
  readonly webhookId: string
  readonly target: string
  readonly trigger: string
  readonly body: string
  readonly attempts: Array<DeliveryAttempt>
  outcome: "pending" | "delivered" | "rejected" | "gave_up" | "cancelled"
}

/**
 * The last deliveries, found by id: a ring buffer (adding one is O(1) and drops the oldest once `capacity` are kept).
 * Ids are consecutive from 1, so the kept ones are `oldestId()` to `newestId()`.
 */
export interface DeliveryLog {
  /** the id of the oldest delivery kept (`newestId() + 1` while none is) */
  readonly oldestId: () => number
  /** the id of the newest delivery (0 before the first) */
  readonly newestId: () => number
  /** the delivery with this id, while it is kept */
  readonly get: (id: number) => DeliveryRecord | undefined
  /** every delivery kept, oldest first */
  readonly toArray: () => Array<DeliveryRecord>
}

/** A delivery log that keeps the last `capacity` deliveries; `add` gives a delivery the next id. */
const makeDeliveryLog = (
  capacity: number
): DeliveryLog & { readonly add: (record: Omit<DeliveryRecord, "id">) => DeliveryRecord } => {
  const ring: Array<DeliveryRecord> = []
  let newest = 0
  const oldestId = () => Math.max(1, newest - capacity + 1)
  const get = (id: number) =>
    Number.isInteger(id) && id >= oldestId() && id <= newest ? ring[(id - 1) % capacity] : undefined
  return {
    oldestId,
    newestId: () => newest,
    get,
    toArray: () => {
      const out: Array<DeliveryRecord> = []
      for (let id = oldestId(); id <= newest; id++) out.push(ring[(id - 1) % capacity]!)
      return out
    },
    add: (fields) => {
      const record: DeliveryRecord = { id: ++newest, ...fields }
      ring[(record.id - 1) % capacity] = record
      return record
    }
  }
}

class DeliveryFailure extends Data.TaggedError("DeliveryFailure")<{
  readonly status: number | "error"
  readonly retryable: boolean
}> {}

/** The callback dispatcher. */
export interface Dispatcher {
  /** POSTs one callback per matching webhook of `app` (or of every app of the project when `app` is undefined). */
  readonly emit: (
    p: ProjectState,
    app: AppRecord | undefined,
    trigger: string,
    key: string,
    payload: unknown,
    extra?: CallbackExtra
  ) => void
  /** Like `emit`, but a sequence of payloads, each after a delay, in order per webhook. */
  readonly emitSequence: (
    p: ProjectState,
    app: AppRecord,
    trigger: string,
    key: string,
    steps: ReadonlyArray<{ readonly delayMillis: number; readonly payload: unknown }>,
    extra?: CallbackExtra & { readonly callbackUrl?: string | undefined }
  ) => void
  /** the last 10,000 deliveries */
  readonly deliveries: DeliveryLog
  readonly pending: () => number
  readonly onIdle: (f: () => void) => void
  /** runs `f` after a delay on the emulator's clock, in its scope (not counted as a pending callback) */
  readonly later: (delayMillis: number, f: () => void) => void
  /** closes the keep-alive connections */
  readonly close: () => void
}

/** Optional envelope fields. */
export interface CallbackExtra {
  readonly messageMetadata?: string | undefined
  readonly correlationId?: string | undefined
  readonly acceptedTimeMicros?: number | undefined
}

type Fork = (effect: Effect.Effect<void>) => void

/** The callbacks of one target: how many are in flight, and the ones waiting for a place, in order. */
interface Line {
  active: number
  readonly waiting: Set<() => void>
}

/** Where a target's line is kept: its scheme, host and port (what a keep-alive connection is for). */
const lineKey = (target: string): string => {
  try {
    return new URL(target).origin
  } catch {
    return target
  }
}

/** How many deliveries the log keeps. */
const MAX_LOG = 10_000
/** An idle keep-alive connection is closed after this long (below the 5 s after which Node's servers close them). */
const IDLE_SOCKET_MILLIS = 4_000

/** Creates a dispatcher. */
export const makeDispatcher = (options: {
  readonly fork: Fork
  readonly nowMs: () => number
  readonly retry: RetryPolicy
  /** callbacks in flight to one target at a time */
  readonly concurrency: number
  /** told when a delivery is created or changes */
  readonly onChange?: ((id: number) => void) | undefined
}): Dispatcher => {
  const changed = options.onChange ?? (() => {})
  const deliveries = makeDeliveryLog(MAX_LOG)
  let pending = 0
  let idleWaiters: Array<() => void> = []
  const tokens = new Map<string, { token: string; expiresAtMs: number }>()
  const agentOptions = { keepAlive: true, maxSockets: options.concurrency, timeout: IDLE_SOCKET_MILLIS }
  const httpAgent = new Http.Agent(agentOptions)
  const httpsAgent = new Https.Agent(agentOptions)
  const lines = new Map<string, Line>()

  const release = (line: Line, key: string) => {
    const [next] = line.waiting
    if (next !== undefined) {
      // the place goes to the next in line (no one overtakes it)
      line.waiting.delete(next)
      next()
    } else if (--line.active === 0) {
      lines.delete(key)
    }
  }

  const acquire = (line: Line, key: string) =>
    Effect.async<void>((resume) => {
      if (line.active < options.concurrency) {
        line.active++
        return resume(Effect.void)
      }
      let handed = false
      const waiter = () => {
        handed = true
        resume(Effect.void)
      }
      line.waiting.add(waiter)
      return Effect.sync(() => {
        if (handed) release(line, key)
        else line.waiting.delete(waiter)
      })
    })

  /** Runs `effect` when the target has a free place (at most `concurrency` in flight to it, served in order). */
  const inLine = <A, E>(target: string, effect: Effect.Effect<A, E>): Effect.Effect<A, E> =>
    Effect.suspend(() => {
      const key = lineKey(target)
      let line = lines.get(key)
      if (line === undefined) lines.set(key, (line = { active: 0, waiting: new Set() }))
      const held = line
      return Effect.uninterruptibleMask((restore) =>
        Effect.zipRight(
          restore(acquire(held, key)),
          Effect.ensuring(
            restore(effect),
            Effect.sync(() => release(held, key))
          )
        )
      )
    })

  /**
   * POSTs a callback over a keep-alive connection and answers its HTTP status (the body is read and dropped); any
   * failure to get one, or no answer within the policy's timeout (real time, as a socket's), is a retryable
   * `DeliveryFailure`. Interrupted, it destroys the request.
   */
  const post = (target: string, headers: Record<string, string>, body: string) =>
    Effect.async<number, DeliveryFailure>((resume) => {
      let timer: ReturnType<typeof setTimeout> | undefined
      const done = (result: Effect.Effect<number, DeliveryFailure>) => {
        clearTimeout(timer)
        resume(result)
      }
      const failed = () => done(Effect.fail(new DeliveryFailure({ status: "error", retryable: true })))
      let url: URL
      try {
        url = new URL(target)
      } catch {
        return failed()
      }
      const secure = url.protocol === "https:"
      if (!secure && url.protocol !== "http:") return failed()
      const request = (secure ? Https.request : Http.request)(
        url,
        {
          method: "POST",
          headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
          agent: secure ? httpsAgent : httpAgent
        },
        (res) => {
          res.on("error", failed)
          res.on("end", () => done(Effect.succeed(res.statusCode ?? 0)))
          res.resume()
        }
      )
      request.on("error", failed)
      request.end(body)
      timer = setTimeout(() => {
        request.destroy()
        failed()
      }, options.retry.timeoutMillis)
      return Effect.sync(() => {
        clearTimeout(timer)
        request.destroy()
      })
    })

  const settle = () => {
    pending--
    if (pending === 0) {
      const waiters = idleWaiters
      idleWaiters = []
      for (const w of waiters) w()
    }
  }

  const envelope = (p: ProjectState, appId: string, key: string, payload: unknown, extra?: CallbackExtra): string => {
    const now = options.nowMs() * 1000
    const body: Json = {
      app_id: appId,
      accepted_time: formatMicros(extra?.acceptedTimeMicros ?? now),
      event_time: formatMicros(now),
      project_id: p.id,
      message_metadata: extra?.messageMetadata ?? "",
      correlation_id: extra?.correlationId ?? "",
      [key]: payload
    }
    return JSON.stringify(body)
  }

  const oauthToken = (wh: WebhookRecord): Effect.Effect<string | undefined, DeliveryFailure> => {
    const cc = wh.wire.client_credentials
    if (cc === undefined) return Effect.succeed(undefined)
    const { client_id, client_secret, endpoint } = cc
    const cached = tokens.get(wh.wire.id)
    if (cached !== undefined && cached.expiresAtMs > options.nowMs()) return Effect.succeed(cached.token)
    return Effect.tryPromise({
      try: async (signal) => {
        const res = await fetch(endpoint, {
          method: "POST",
          signal,
          headers: {
            "content-type": "application/x-www-form-urlencoded",
            authorization: `Basic ${Buffer.from(`${client_id}:${client_secret}`).toString("base64")}`
          },
          body: "grant_type=client_credentials"
        })
        const json = (await res.json()) as { access_token?: unknown; expires_in?: unknown }
        if (!res.ok || typeof json.access_token !== "string") throw new Error(`token endpoint answered ${res.status}`)
        const ttl = typeof json.expires_in === "number" ? json.expires_in : 3600
        tokens.set(wh.wire.id, { token: json.access_token, expiresAtMs: options.nowMs() + ttl * 1000 })
        return json.access_token
      },
      catch: () => new DeliveryFailure({ status: "error", retryable: true })
    })
  }

  const attempt = (record: DeliveryRecord, wh: WebhookRecord | undefined, secret: string | undefined) =>
    Effect.gen(function* () {
      const bearer = wh === undefined ? undefined : yield* oauthToken(wh)
      const headers: Record<string, string> = {
        "content-type": "application/json",
        "user-agent": "sinch-effect-emulator"
      }
      const signed =
        secret !== undefined && secret !== ""
          ? Signature.sign(record.body, secret, { timestamp: Math.floor(options.nowMs() / 1000) })
          : {}
      Object.assign(headers, signed)
      if (bearer !== undefined) headers["authorization"] = `Bearer ${bearer}`
      const startMs = options.nowMs()
      const ended = (status: number | "error") => {
        const atMs = options.nowMs()
        record.attempts.push({ status, atMs, millis: atMs - startMs, headers: { ...signed } })
        changed(record.id)
      }
      const status = yield* post(record.target, headers, record.body).pipe(
        Effect.tapError((e) => Effect.sync(() => ended(e.status)))
      )
      ended(status)
      if (status >= 200 && status < 300) return
      return yield* new DeliveryFailure({ status, retryable: status >= 500 || status === 429 })
    })

  const policy = Schedule.exponential(Duration.millis(options.retry.initialDelayMillis), 2).pipe(
    Schedule.modifyDelay((d) => Duration.min(d, Duration.millis(options.retry.maxDelayMillis))),
    Schedule.intersect(Schedule.recurs(options.retry.maxRetries))
  )

  const deliver = (record: DeliveryRecord, wh: WebhookRecord | undefined, secret: string | undefined) =>
    inLine(record.target, attempt(record, wh, secret)).pipe(
      Effect.retry({ schedule: policy, while: (e) => e.retryable }),
      Effect.matchEffect({
        onSuccess: () =>
          Effect.sync(() => {
            record.outcome = "delivered"
            changed(record.id)
          }),
        onFailure: (e) =>
          Effect.sync(() => {
            record.outcome = e.retryable ? "gave_up" : "rejected"
            changed(record.id)
          })
      }),
      Effect.onInterrupt(() =>
        Effect.sync(() => {
          if (record.outcome === "pending") record.outcome = "cancelled"
        })
      )
    )

  const newRecord = (webhookId: string, target: string, trigger: string, body: string): DeliveryRecord => {
    const record = deliveries.add({ webhookId, target, trigger, body, attempts: [], outcome: "pending" })
    changed(record.id)
    return record
  }

  const matching = (p: ProjectState, app: AppRecord | undefined, trigger: string): Array<WebhookRecord> => {
    const apps = app !== undefined ? [app] : [...p.apps.values()]
    const out: Array<WebhookRecord> = []
    for (const a of apps) {
      for (const wh of a.webhooks) {
        if (wh.wire.target_type === "DISMISS") continue
        if (wh.wire.triggers.includes(trigger)) out.push(wh)
      }
    }
    return out
  }

  const run = (effect: Effect.Effect<void>) => {
    pending++
    options.fork(effect.pipe(Effect.ensuring(Effect.sync(settle))))
  }

  return {
    deliveries,
    pending: () => pending,
    onIdle: (f) => {
      if (pending === 0) f()
      else idleWaiters.push(f)
    },
    later: (delayMillis, f) => options.fork(Effect.sync(f).pipe(Effect.delay(Duration.millis(delayMillis)))),
    close: () => {
      httpAgent.destroy()
      httpsAgent.destroy()
    },
    emit: (p, app, trigger, key, payload, extra) => {
      for (const wh of matching(p, app, trigger)) {
        const body = envelope(p, wh.wire.app_id, key, payload, extra)
        const record = newRecord(wh.wire.id, wh.wire.target, trigger, body)
        run(deliver(record, wh, wh.wire.secret))
      }
    },
    emitSequence: (p, app, trigger, key, steps, extra) => {
      const targets: Array<{ id: string; target: string; wh: WebhookRecord | undefined; secret: string | undefined }> =
        []
      if (extra?.callbackUrl !== undefined && extra.callbackUrl !== "") {
        targets.push({
          id: "",
          target: extra.callbackUrl,
          wh: undefined,
          secret: app.wire.callback_settings?.secret_for_overridden_callback_urls
        })
      } else {
        for (const wh of matching(p, app, trigger)) {
          targets.push({ id: wh.wire.id, target: wh.wire.target, wh, secret: wh.wire.secret })
        }
      }
      for (const t of targets) {
        run(
          Effect.forEach(
            steps,
            (step) =>
              Effect.suspend(() => {
                const body = envelope(p, app.id, key, step.payload, extra)
                const record = newRecord(t.id, t.target, trigger, body)
                return deliver(record, t.wh, t.secret)
              }).pipe(step.delayMillis > 0 ? Effect.delay(Duration.millis(step.delayMillis)) : (e) => e),
            { discard: true }
          )
        )
      }
    }
  }
}
