// Shared by the three sides of the benchmark: the signed webhook requests and the limit's HMAC check.
import { createHmac, createSecretKey, timingSafeEqual } from "node:crypto"
import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"

/** The secret every webhook of the benchmark is signed with. */
export const WEBHOOK_SECRET = "bench-webhook-secret"

/**
 * `n` signed callbacks (the conformance payloads that both SDKs know in turn: the official one throws on
 * `duplicated_identities`, each with its own correlation id), as a server reads them:
 * the raw body as a string and the signature headers, signed the way Sinch signs (HMAC-SHA256 over
 * `body.nonce.timestamp`, base64).
 */
export const signedWebhooks = (n, conformanceDir) => {
  const dir = join(conformanceDir, "webhooks")
  const payloads = readdirSync(dir)
    .filter((name) => name.endsWith(".json") && !name.startsWith("CONTACT_IDENTITIES_DUPLICATION"))
    .sort()
    .map((name) => JSON.parse(readFileSync(join(dir, name), "utf8")))
  const timestamp = String(Math.floor(Date.now() / 1000))
  const key = createSecretKey(Buffer.from(WEBHOOK_SECRET, "utf8"))
  return Array.from({ length: n }, (_, i) => {
    const body = JSON.stringify({ ...payloads[i % payloads.length], correlation_id: `bench-${i}` })
    const nonce = `nonce-${i}`
    const signature = createHmac("sha256", key).update(`${body}.${nonce}.${timestamp}`).digest("base64")
    return {
      body,
      headers: {
        "content-type": "application/json",
        "x-sinch-webhook-signature": signature,
        "x-sinch-webhook-signature-algorithm": "HmacSHA256",
        "x-sinch-webhook-signature-nonce": nonce,
        "x-sinch-webhook-signature-timestamp": timestamp
      }
    }
  })
}

/** The limit of a webhook check: HMAC-SHA256 with a prepared key and a constant-time compare. */
export const hmacVerifier = (secret) => {
  const key = createSecretKey(Buffer.from(secret, "utf8"))
  return (body, headers) => {
    const mac = createHmac("sha256", key)
      .update(`${body}.${headers["x-sinch-webhook-signature-nonce"]}.${headers["x-sinch-webhook-signature-timestamp"]}`)
      .digest()
    const given = Buffer.from(headers["x-sinch-webhook-signature"], "base64")
    return given.length === mac.length && timingSafeEqual(mac, given)
  }
}

/** Runs `task` on `items` with at most `concurrency` in flight, in order of start. */
export const pool = async (items, concurrency, task) => {
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) await task(items[next++])
    })
  )
}

/** The body of a `messages:send` of the benchmark. */
export const sendBody = (appId, i) => ({
  app_id: appId,
  recipient: {
    identified_by: { channel_identities: [{ channel: "SMS", identity: `+4670${String(i % 1e7).padStart(7, "0")}` }] }
  },
  message: { text_message: { text: `Benchmark message ${i}` } }
})
