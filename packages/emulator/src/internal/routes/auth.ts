/**
 * `POST /oauth2/token`: OAuth2 client credentials with Basic auth (or client_id/client_secret in the form).
 * Errors use the OAuth2 error format (RFC 6749 section 5.2), as an OAuth2 token endpoint does.
 */
import { json, parseBasic, type RouteDef } from "../core.js"
import type { Router } from "../router.js"
import { randomSecret } from "../ulid.js"

const oauthError = (status: number, error: string, description: string) =>
  json(status, JSON.stringify({ error, error_description: description }))

/** Registers the token route. */
export const register = (router: Router<RouteDef>): void => {
  router.add("POST", "/oauth2/token", "auth.token", {
    kind: "token",
    handler: ({ core, headers, rawBody }) => {
      const form = new URLSearchParams(rawBody)
      const auth = headers["authorization"]
      const authValue = Array.isArray(auth) ? auth[0] : auth
      let id: string | null = form.get("client_id")
      let secret: string | null = form.get("client_secret")
      if (authValue !== undefined && authValue.toLowerCase().startsWith("basic ")) {
        const b = parseBasic(authValue.slice(6).trim())
        if (b !== undefined) {
          id = b.id
          secret = b.secret
        }
      }
      if (id === null || secret === null) return oauthError(401, "invalid_client", "Client authentication failed")
      const creds = core.credentials.get(id)
      if (creds === undefined || creds.keySecret !== secret) {
        return oauthError(401, "invalid_client", "Client authentication failed")
      }
      const grant = form.get("grant_type")
      if (grant === null) return oauthError(400, "invalid_request", "grant_type is required")
      if (grant !== "client_credentials") {
        return oauthError(400, "unsupported_grant_type", `grant_type ${grant} is not supported`)
      }
      const token = randomSecret(32)
      const ttl = core.config.tokenTtlSeconds
      core.tokens.set(token, { projectId: creds.projectId, expiresAtMs: core.env.nowMs() + ttl * 1000 })
      if (core.tokens.size > 50_000) {
        const now = core.env.nowMs()
        for (const [t, v] of core.tokens) if (v.expiresAtMs <= now) core.tokens.delete(t)
      }
      return { access_token: token, expires_in: ttl, scope: "", token_type: "bearer" }
    }
  })
}
