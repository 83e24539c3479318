/**
 * Fault injection rules, picked per request by operation, probability and count.
 */

/** A fault the server can inject. */
export type FaultKind =
  | { readonly _tag: "Status"; readonly status: number; readonly retryAfterSeconds?: number | undefined }
  | { readonly _tag: "Latency"; readonly millis: number }
  | { readonly _tag: "DropBeforeProcessing" }
  | { readonly _tag: "DropAfterProcessing" }
  | { readonly _tag: "MalformedJson" }
  | { readonly _tag: "TruncatedJson" }
  | { readonly _tag: "HtmlError"; readonly status?: number | undefined }
  | { readonly _tag: "RepeatPageToken" }

/** A fault rule. */
export interface FaultRule {
  /** operation name (see `Fault.operations`, e.g. "messages.send", "auth.token") or "*" for every API route */
  readonly operation: string
  readonly fault: FaultKind
  /** probability in [0, 1] that a matching request gets the fault (default 1) */
  readonly probability?: number | undefined
  /** how many requests get the fault before the rule expires (default: unlimited) */
  readonly count?: number | undefined
}

interface LiveRule {
  readonly id: number
  readonly rule: FaultRule
  remaining: number
}

/** The mutable set of fault rules. */
export interface Faults {
  readonly add: (rule: FaultRule) => number
  readonly remove: (id: number) => void
  readonly clear: () => void
  readonly pick: (operation: string) => FaultKind | undefined
  readonly list: () => ReadonlyArray<FaultRule & { readonly id: number; readonly remaining: number }>
}

/** Creates an empty fault set. */
export const makeFaults = (random: () => number = Math.random, onChange: () => void = () => {}): Faults => {
  let rules: Array<LiveRule> = []
  let nextId = 0
  return {
    add: (rule) => {
      const id = ++nextId
      rules.push({ id, rule, remaining: rule.count ?? Infinity })
      onChange()
      return id
    },
    remove: (id) => {
      rules = rules.filter((r) => r.id !== id)
      onChange()
    },
    clear: () => {
      rules = []
      onChange()
    },
    pick: (operation) => {
      if (rules.length === 0) return undefined
      for (const r of rules) {
        if (r.remaining <= 0) continue
        if (r.rule.operation !== "*" && r.rule.operation !== operation) continue
        const p = r.rule.probability ?? 1
        if (p < 1 && random() >= p) continue
        r.remaining--
        if (r.remaining <= 0) rules = rules.filter((x) => x !== r)
        if (r.remaining !== Infinity) onChange()
        return r.rule.fault
      }
      return undefined
    },
    list: () => rules.map((r) => ({ ...r.rule, id: r.id, remaining: r.remaining }))
  }
}
