/**
 * Accumulating a request body under a size limit.
 *
 * @internal
 */

/**
 * Past the limit, adapters keep reading (and dropping) the body up to this many times the limit before giving up, so
 * that a slightly too large request gets a 413 instead of a reset connection.
 *
 * @internal
 */
export const DRAIN_FACTOR = 8

/** @internal */
export interface State {
  readonly chunks: Array<Uint8Array>
  size: number
}

/** @internal */
export const empty = (): State => ({ chunks: [], size: 0 })

/** Adds a chunk, kept only while the total is within `maxBytes`. @internal */
export const append = (state: State, chunk: Uint8Array, maxBytes: number): State => {
  state.size += chunk.byteLength
  if (state.size <= maxBytes) state.chunks.push(chunk)
  return state
}

/** @internal */
export const concat = (state: State): Uint8Array => {
  if (state.chunks.length === 1) return state.chunks[0]!
  const body = new Uint8Array(state.size)
  let offset = 0
  for (const chunk of state.chunks) {
    body.set(chunk, offset)
    offset += chunk.byteLength
  }
  return body
}
