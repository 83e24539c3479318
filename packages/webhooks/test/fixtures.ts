import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"

/** The shared conformance payloads (copied byte-for-byte from the official Sinch SDKs). */
export const conformanceDir =
  process.env["SINCH_CONFORMANCE_DIR"] ?? fileURLToPath(new URL("../../../../shared/conformance", import.meta.url))

export interface SignatureVector {
  readonly name: string
  readonly secret: string
  readonly body: string
  readonly headers: Record<string, string>
  readonly expected_valid: boolean
}

export const signatureVectors = (): ReadonlyArray<SignatureVector> =>
  readdirSync(join(conformanceDir, "signatures"))
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => ({ name, ...JSON.parse(readFileSync(join(conformanceDir, "signatures", name), "utf8")) }))

export interface WebhookPayload {
  readonly name: string
  readonly trigger: string
  /** The file's bytes as text, exactly as stored. */
  readonly body: string
}

export const webhookPayloads = (): ReadonlyArray<WebhookPayload> =>
  readdirSync(join(conformanceDir, "webhooks"))
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => ({
      name,
      trigger: name.replace(/-\d+\.json$/, ""),
      body: readFileSync(join(conformanceDir, "webhooks", name), "utf8")
    }))
