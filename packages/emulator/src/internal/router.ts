/**
 * A small path router for Conversation API paths such as `/v1/projects/{project_id}/contacts/{id}:merge`:
 * a segment is a literal, a `{param}`, or a `{param}:suffix`.
 */

type Segment =
  | { readonly _tag: "Literal"; readonly value: string }
  | { readonly _tag: "Param"; readonly name: string; readonly suffix: string }

/** A compiled route. */
export interface Route<H> {
  readonly method: string
  readonly pattern: string
  readonly operation: string
  readonly handler: H
  readonly segments: ReadonlyArray<Segment>
}

/** A match: the route and its decoded path parameters. */
export interface Match<H> {
  readonly route: Route<H>
  readonly params: Record<string, string>
}

const compile = (pattern: string): ReadonlyArray<Segment> =>
  pattern
    .split("/")
    .filter((s) => s !== "")
    .map((s): Segment => {
      const m = /^\{([^}]+)\}(?::(.+))?$/.exec(s)
      return m === null ? { _tag: "Literal", value: s } : { _tag: "Param", name: m[1]!, suffix: m[2] ?? "" }
    })

/** A router over handlers of type H. */
export interface Router<H> {
  readonly add: (method: string, pattern: string, operation: string, handler: H) => void
  /** Finds a route; `methodMismatch` is true when the path exists for another method. */
  readonly find: (method: string, path: string) => Match<H> | { readonly methodMismatch: boolean }
  readonly routes: ReadonlyArray<Route<H>>
}

const safeDecode = (s: string): string | undefined => {
  try {
    return decodeURIComponent(s)
  } catch {
    return undefined
  }
}

/** Creates a router. */
export const makeRouter = <H>(): Router<H> => {
  const routes: Array<Route<H>> = []
  // routes indexed by segment count for a quick first cut
  const bySize = new Map<number, Array<Route<H>>>()

  const matchRoute = (route: Route<H>, parts: ReadonlyArray<string>): Record<string, string> | undefined => {
    const params: Record<string, string> = {}
    const segs = route.segments
    for (let i = 0; i < segs.length; i++) {
      const seg = segs[i]!
      const part = parts[i]!
      if (seg._tag === "Literal") {
        if (seg.value !== part) return undefined
        continue
      }
      let raw = part
      if (seg.suffix !== "") {
        const tail = ":" + seg.suffix
        if (!part.endsWith(tail) || part.length === tail.length) return undefined
        raw = part.slice(0, -tail.length)
      } else if (raw.includes(":") || raw === "") {
        return undefined
      }
      const value = safeDecode(raw)
      if (value === undefined) return undefined
      params[seg.name] = value
    }
    return params
  }

  return {
    routes,
    add: (method, pattern, operation, handler) => {
      const route: Route<H> = { method, pattern, operation, handler, segments: compile(pattern) }
      routes.push(route)
      const list = bySize.get(route.segments.length) ?? []
      list.push(route)
      bySize.set(route.segments.length, list)
    },
    find: (method, path) => {
      const parts = path.split("/").filter((s) => s !== "")
      const candidates = bySize.get(parts.length)
      if (candidates === undefined) return { methodMismatch: false }
      let methodMismatch = false
      for (const route of candidates) {
        const params = matchRoute(route, parts)
        if (params === undefined) continue
        if (route.method !== method) {
          methodMismatch = true
          continue
        }
        return { route, params }
      }
      return { methodMismatch }
    }
  }
}
