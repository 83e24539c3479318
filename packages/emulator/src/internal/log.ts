/**
 * An append-mostly ordered log: parallel arrays of strictly increasing numeric keys and items.
 * Removal is lazy (the caller's `isLive` predicate skips dead items) with compaction once dead entries
 * dominate, so listing a page costs O(page + skipped) and finding a cursor costs O(log n).
 */

/** An ordered log of items keyed by increasing numbers. */
export interface Log<T> {
  keys: Array<number>
  items: Array<T>
  dead: number
}

/** An empty log. */
export const makeLog = <T>(): Log<T> => ({ keys: [], items: [], dead: 0 })

/** Index of the first entry whose key is >= `key`. */
export const lowerBound = <T>(log: Log<T>, key: number): number => {
  const keys = log.keys
  let lo = 0
  let hi = keys.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (keys[mid]! < key) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** Inserts an item, keeping keys sorted (O(1) when appending at the end). */
export const insert = <T>(log: Log<T>, key: number, item: T): void => {
  const n = log.keys.length
  if (n === 0 || log.keys[n - 1]! < key) {
    log.keys.push(key)
    log.items.push(item)
    return
  }
  const at = lowerBound(log, key)
  log.keys.splice(at, 0, key)
  log.items.splice(at, 0, item)
}

/** Merges a batch sorted by key into the log in O(n + m). */
export const insertSorted = <T>(log: Log<T>, keys: ReadonlyArray<number>, items: ReadonlyArray<T>): void => {
  if (keys.length === 0) return
  const n = log.keys.length
  if (n === 0 || log.keys[n - 1]! < keys[0]!) {
    for (let i = 0; i < keys.length; i++) {
      log.keys.push(keys[i]!)
      log.items.push(items[i]!)
    }
    return
  }
  const outKeys: Array<number> = new Array(n + keys.length)
  const outItems: Array<T> = new Array(n + keys.length)
  let i = 0
  let j = 0
  let k = 0
  while (i < n || j < keys.length) {
    if (j >= keys.length || (i < n && log.keys[i]! <= keys[j]!)) {
      outKeys[k] = log.keys[i]!
      outItems[k++] = log.items[i++]!
    } else {
      outKeys[k] = keys[j]!
      outItems[k++] = items[j++]!
    }
  }
  log.keys = outKeys
  log.items = outItems
}

/** Records that one entry died; compacts when dead entries outnumber live ones. */
export const markDead = <T>(log: Log<T>, isLive: (item: T, key: number) => boolean): void => {
  log.dead++
  if (log.dead > 64 && log.dead * 2 > log.keys.length) compact(log, isLive)
}

/** Drops dead entries. */
export const compact = <T>(log: Log<T>, isLive: (item: T, key: number) => boolean): void => {
  const keys: Array<number> = []
  const items: Array<T> = []
  for (let i = 0; i < log.keys.length; i++) {
    if (isLive(log.items[i]!, log.keys[i]!)) {
      keys.push(log.keys[i]!)
      items.push(log.items[i]!)
    }
  }
  log.keys = keys
  log.items = items
  log.dead = 0
}

/** One page of a scan. */
export interface Page<T> {
  readonly items: Array<T>
  /** key of the last item returned when more matching items exist, otherwise undefined */
  readonly nextKey: number | undefined
}

/**
 * Scans newest first (descending keys) from `before` (exclusive), down to `from` (inclusive).
 */
export const scanDesc = <T>(
  log: Log<T>,
  options: {
    readonly before?: number | undefined
    readonly from?: number | undefined
    readonly limit: number
    readonly isLive: (item: T, key: number) => boolean
    readonly filter?: ((item: T) => boolean) | undefined
  }
): Page<T> => {
  const out: Array<T> = []
  let i = (options.before === undefined ? log.keys.length : lowerBound(log, options.before)) - 1
  const from = options.from ?? -Infinity
  const { filter, isLive, limit } = options
  let lastKey = 0
  for (; i >= 0; i--) {
    const key = log.keys[i]!
    if (key < from) return { items: out, nextKey: undefined }
    const item = log.items[i]!
    if (!isLive(item, key) || (filter !== undefined && !filter(item))) continue
    if (out.length === limit) return { items: out, nextKey: lastKey }
    out.push(item)
    lastKey = key
  }
  return { items: out, nextKey: undefined }
}

/**
 * Scans oldest first (ascending keys) from `after` (exclusive).
 */
export const scanAsc = <T>(
  log: Log<T>,
  options: {
    readonly after?: number | undefined
    readonly limit: number
    readonly isLive: (item: T, key: number) => boolean
    readonly filter?: ((item: T) => boolean) | undefined
  }
): Page<T> => {
  const out: Array<T> = []
  let i = options.after === undefined ? 0 : lowerBound(log, options.after + 1)
  const { filter, isLive, limit } = options
  let lastKey = 0
  for (; i < log.keys.length; i++) {
    const key = log.keys[i]!
    const item = log.items[i]!
    if (!isLive(item, key) || (filter !== undefined && !filter(item))) continue
    if (out.length === limit) return { items: out, nextKey: lastKey }
    out.push(item)
    lastKey = key
  }
  return { items: out, nextKey: undefined }
}
