/**
 * The node:http adapter: reads the request, applies fault injection, runs the core pipeline and writes
 * the reply. Kept free of per-request allocations beyond what the core needs.
 */
import * as Http from "node:http"
import type { AddressInfo } from "node:net"
import { type Core, type CoreRequest, errorReply, operationOf, processRequest, type Reply } from "./core.js"
import { apiError, resourceExhausted, serverError } from "./errors.js"
import type { FaultKind } from "./faults.js"
import type { Inspector } from "./inspector/http.js"

const HTML_PAGE = (status: number) =>
  `<!DOCTYPE html><html><head><title>${status} Error</title></head><body><h1>${status} ${
    status === 502 ? "Bad Gateway" : status === 503 ? "Service Unavailable" : "Server Error"
  }</h1><p>The upstream server did not answer.</p></body></html>`

const write = (res: Http.ServerResponse, reply: Reply): void => {
  const headers: Record<string, string | number> = {
    "content-type": reply.contentType,
    "content-length": Buffer.byteLength(reply.body)
  }
  if (reply.headers !== undefined) Object.assign(headers, reply.headers)
  res.writeHead(reply.status, headers)
  res.end(reply.body)
}

/** Applies a response-shaping fault to a processed reply. */
export const shapeReply = (fault: FaultKind | undefined, reply: Reply, req: CoreRequest): Reply => {
  if (fault === undefined) return reply
  switch (fault._tag) {
    case "MalformedJson":
      return { ...reply, body: reply.body.replace(/[{]/, "{,").replace(/"(\w+)":/, "$1:") + "}" }
    case "TruncatedJson":
      return { ...reply, body: reply.body.slice(0, Math.max(1, Math.floor(reply.body.length / 2))) }
    case "RepeatPageToken": {
      const q = req.url.indexOf("?")
      const token = new URLSearchParams(q < 0 ? "" : req.url.slice(q + 1)).get("page_token")
      if (token === null || token === "") return reply
      return {
        ...reply,
        body: reply.body.replace(/"next_page_token":"[^"]*"/, `"next_page_token":${JSON.stringify(token)}`)
      }
    }
    default:
      return reply
  }
}

/** A reply for faults that answer without processing, or undefined. */
export const faultReply = (fault: FaultKind | undefined): Reply | undefined => {
  if (fault === undefined) return undefined
  switch (fault._tag) {
    case "Status":
      return fault.status === 429
        ? errorReply(resourceExhausted(fault.retryAfterSeconds ?? 1))
        : errorReply(
            fault.retryAfterSeconds !== undefined
              ? { ...serverError(fault.status), headers: { "retry-after": String(fault.retryAfterSeconds) } }
              : serverError(fault.status)
          )
    case "HtmlError": {
      const status = fault.status ?? 502
      return { status, body: HTML_PAGE(status), contentType: "text/html; charset=utf-8" }
    }
    default:
      return undefined
  }
}

/** Creates the node:http server for a core (and the inspector's page, when given). */
export const makeServer = (core: Core, inspector?: Inspector): Http.Server => {
  const server = Http.createServer({ keepAlive: true }, (req, res) => {
    if (inspector !== undefined && inspector.handle(req, res)) return
    const chunks: Array<Buffer> = []
    let size = 0
    let tooLarge = false
    req.on("data", (chunk: Buffer) => {
      size += chunk.length
      if (size > core.config.maxBodyBytes) tooLarge = true
      else chunks.push(chunk)
    })
    req.on("error", () => {
      res.destroy()
    })
    req.on("end", () => {
      const method = req.method ?? "GET"
      const url = req.url ?? "/"
      if (tooLarge) {
        write(res, errorReply(apiError(413, "INVALID_ARGUMENT", "Request payload is too large")))
        return
      }
      const body = chunks.length === 0 ? "" : Buffer.concat(chunks).toString("utf8")
      const coreReq: CoreRequest = { method, url, headers: req.headers, body }
      const operation = operationOf(core, method, url)
      const fault = operation === undefined ? undefined : core.faults.pick(operation)
      const respond = () => {
        if (fault?._tag === "DropBeforeProcessing") {
          req.socket.destroy()
          return
        }
        const early = faultReply(fault)
        if (early !== undefined) {
          write(res, early)
          return
        }
        const reply = processRequest(core, coreReq)
        if (fault?._tag === "DropAfterProcessing") {
          req.socket.destroy()
          return
        }
        write(res, shapeReply(fault, reply, coreReq))
      }
      if (fault?._tag === "Latency") setTimeout(respond, fault.millis)
      else respond()
    })
  })
  server.keepAliveTimeout = 65_000
  server.headersTimeout = 66_000
  return server
}

/** Starts listening; resolves with the bound port. */
export const listen = (server: Http.Server, port: number, host: string): Promise<number> =>
  new Promise((resolve, reject) => {
    const onError = (e: Error) => reject(e)
    server.once("error", onError)
    server.listen(port, host, () => {
      server.off("error", onError)
      resolve((server.address() as AddressInfo).port)
    })
  })

/** Closes the server and every open connection. */
export const close = (server: Http.Server): Promise<void> =>
  new Promise((resolve) => {
    server.close(() => resolve())
    server.closeAllConnections()
  })
