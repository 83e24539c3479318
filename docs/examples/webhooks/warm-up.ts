// A node:http server that warms its webhook up before it listens, so that its first callbacks are verified and decoded
// at the speed of later ones. Run by packages/webhooks/test/docs-examples.test.ts.
import { Node, NonceStore, Webhooks } from "@sinch-effect/webhooks"
import { Redacted } from "effect"
import * as Http from "node:http"
import type { AddressInfo } from "node:net"

export const startServer = async (
  secret: string,
  onEvent: (event: Webhooks.Event) => void,
  // raw bodies of the callbacks this server receives most (optional: a callback of every trigger is built in)
  samples: ReadonlyArray<string> = []
): Promise<{ readonly server: Http.Server; readonly url: string }> => {
  // the warm-up runs here, once, before the server accepts a request (about 100 ms of CPU); it asks no
  // nonce store and logs nothing
  const webhook = Webhooks.make({
    secrets: Redacted.make(secret),
    nonceStore: NonceStore.memory(),
    warmUp: { samples }
  })
  const server = Http.createServer(Node.handler(webhook, (event) => onEvent(event)))
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  return { server, url: `http://127.0.0.1:${port}/sinch/callbacks` }
}
