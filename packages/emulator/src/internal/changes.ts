/**
 * What changed in the emulator, as the inspector's live updates see it. Changes are coarse hints: the page
 * re-reads what it shows, so a dropped or merged change never leaves it wrong for long.
 */

/** One change. */
export type Change =
  /** something of a project changed (a message, a contact, an app, a conversation, a seed) */
  | { readonly _tag: "Data"; readonly projectId: string }
  /** the delivery state of an outbound message changed */
  | {
      readonly _tag: "Status"
      readonly projectId: string
      readonly messageId: string
      readonly status: string
    }
  /** a callback was created or one of its attempts ended */
  | { readonly _tag: "Delivery"; readonly id: number }
  /** a fault rule was added, removed or used up */
  | { readonly _tag: "Faults" }

/** Where changes go; a no-op when nobody watches. */
export type Notify = (change: Change) => void

/** Drops every change. */
export const ignore: Notify = () => {}
