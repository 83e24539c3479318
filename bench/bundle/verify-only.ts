// Only the webhooks verifier: what a server that checks signatures gets (bench/bundle-size.mjs checks that the client
// and the Effect HTTP platform stay out).
import { NonceStore, Signature } from "@sinch-effect/webhooks"

const verifier = Signature.verifier({
  secrets: process.env["SINCH_WEBHOOK_SECRET"] ?? "",
  nonceStore: NonceStore.memory()
})
console.log(verifier)
