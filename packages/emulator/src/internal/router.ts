/**
 * The emulator's route table. Paths are matched by the definitions' own matcher (`Operations.matchPath`), the one the
 * schema tests hold against `Operations.fillPath`: the API's routes, the emulator's own routes and the fault names of
 * requests all go through it.
 */
import { Operations } from "@sinch-effect/schema"

/** A route: its method, full path template, operation name (fault and log name) and handler. */
export interface Route<H> {
  readonly method: string
  readonly pattern: string
  readonly operation: string
  readonly handler: H
}

/** A match: the route and its decoded path parameters. */
export interface Match<H> {
  readonly route: Route<H>
  readonly params: Record<string, string>
}

/** A router over handlers of type H. */
export interface Router<H> {
  readonly add: (method: string, pattern: string, operation: string, handler: H) => void
  /** Finds a route; `methodMismatch` is true when the path exists for another method. */
  readonly find: (method: string, path: string) => Match<H> | { readonly methodMismatch: boolean }
  readonly routes: ReadonlyArray<Route<H>>
}

/** The number of segments of a path or template (a path value is one segment). */
const depth = (path: string): number => {
  let n = 0
  for (let i = 0; i < path.length; i++) if (path.charCodeAt(i) === 47) n++
  return n
}

/** Creates a router. */
export const makeRouter = <H>(): Router<H> => {
  const routes: Array<Route<H>> = []
  // routes by segment count, for a quick first cut
  const byDepth = new Map<number, Array<Route<H>>>()
  return {
    routes,
    add: (method, pattern, operation, handler) => {
      const route: Route<H> = { method, pattern, operation, handler }
      routes.push(route)
      const list = byDepth.get(depth(pattern)) ?? []
      list.push(route)
      byDepth.set(depth(pattern), list)
    },
    find: (method, path) => {
      let methodMismatch = false
      for (const route of byDepth.get(depth(path)) ?? []) {
        const params = Operations.matchPath(route.pattern, path)
        if (params === undefined) continue
        if (route.method === method) return { route, params }
        methodMismatch = true
      }
      return { methodMismatch }
    }
  }
}
