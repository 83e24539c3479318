/**
 * TEMPORARY private copy of the callback signer until `Signature.sign` lands in `@sinch-effect/webhooks`
 * (see CONTRACTS.md). base64(HMAC-SHA256(secret, rawBody + "." + nonce + "." + timestamp)).
 */
import { createHmac, randomBytes } from "node:crypto"

/** Signature headers of one callback (lower-case names). */
export interface SignatureHeaders {
  readonly "x-sinch-webhook-signature": string
  readonly "x-sinch-webhook-signature-nonce": string
  readonly "x-sinch-webhook-signature-timestamp": string
  readonly "x-sinch-webhook-signature-algorithm": "HmacSHA256"
}

/** Signs a raw callback body with a webhook secret. */
export const sign = (
  body: string,
  secret: string,
  options: { readonly nonce?: string; readonly timestamp?: number } = {}
): SignatureHeaders => {
  const nonce = options.nonce ?? randomBytes(16).toString("base64url")
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000))
  const signature = createHmac("sha256", secret).update(`${body}.${nonce}.${timestamp}`, "utf8").digest("base64")
  return {
    "x-sinch-webhook-signature": signature,
    "x-sinch-webhook-signature-nonce": nonce,
    "x-sinch-webhook-signature-timestamp": timestamp,
    "x-sinch-webhook-signature-algorithm": "HmacSHA256"
  }
}
