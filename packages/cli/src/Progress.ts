/**
 * A one-line progress display on stderr (items, pages, rate, elapsed), redrawn in place a few times per second.
 * Drawn only when enabled, which by default means "stderr is a terminal": redirected stderr stays quiet.
 *
 * @since 0.1.0
 */
import * as Clock from "effect/Clock"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Ref from "effect/Ref"
import * as Schedule from "effect/Schedule"
import type * as Scope from "effect/Scope"
import { Stdio } from "./Stdio.js"

/**
 * A progress display (from `make`): `page` records each page (or batch), `finish` draws the final line.
 *
 * @since 0.1.0
 * @category models
 */
export interface Progress {
  /** Records one page of `items` items. */
  readonly page: (items: number) => Effect.Effect<void>
  /** Draws the final line and moves to the next line. */
  readonly finish: Effect.Effect<void>
}

/**
 * When to draw: `auto` (stderr is a terminal), `always`, `never`.
 *
 * @since 0.1.0
 * @category models
 */
export type Mode = "auto" | "always" | "never"

/**
 * Every `Mode` (e.g. for the choices of a flag).
 *
 * @since 0.1.0
 * @category constants
 */
export const modes: ReadonlyArray<Mode> = ["auto", "always", "never"]

/**
 * Formats a count with thousands separators.
 *
 * @since 0.1.0
 * @category formatting
 */
export const formatCount = (n: number): string => Math.round(n).toLocaleString("en-US")

/**
 * The progress line: `messages: 12,340 · 617 pages · 8,412/s · 1.5s` (`unit` names the pages: `batches`, ...).
 *
 * @since 0.1.0
 * @category formatting
 */
export const formatLine = (
  label: string,
  items: number,
  pages: number,
  millis: number,
  resumedAt: number,
  unit = "pages"
): string => {
  const rate = millis > 0 ? (items * 1000) / millis : 0
  const resumed = resumedAt > 0 ? ` (resumed after ${formatCount(resumedAt)})` : ""
  return (
    `${label}: ${formatCount(resumedAt + items)}${resumed} · ${formatCount(pages)} ${unit} · ` +
    `${formatCount(rate)}/s · ${Duration.format(Duration.millis(Math.round(millis / 100) * 100))}`
  )
}

/**
 * A progress display in the current scope.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (options: {
  readonly label: string
  /** What a page is called on the line (default `pages`). */
  readonly unit?: string | undefined
  readonly mode: Mode
  /** Items already exported before this run (a resumed export). */
  readonly resumedAt?: number | undefined
  readonly interval?: Duration.DurationInput | undefined
}): Effect.Effect<Progress, never, Stdio | Scope.Scope> =>
  Effect.gen(function* () {
    const io = yield* Stdio
    const enabled = options.mode === "always" || (options.mode === "auto" && io.stderrIsTTY)
    if (!enabled) return { page: () => Effect.void, finish: Effect.void }
    const start = yield* Clock.currentTimeMillis
    const state = yield* Ref.make({ items: 0, pages: 0 })
    const draw = (end: string) =>
      Effect.gen(function* () {
        const { items, pages } = yield* Ref.get(state)
        const now = yield* Clock.currentTimeMillis
        const line = formatLine(options.label, items, pages, now - start, options.resumedAt ?? 0, options.unit)
        yield* io.stderr(io.stderrIsTTY ? `\r\x1b[K${line}${end}` : `${line}${end}`)
      })
    // on a terminal the line is redrawn in place; forced output to a pipe gets the final line only
    const ticker = io.stderrIsTTY
      ? yield* Effect.forkScoped(Effect.repeat(draw(""), Schedule.spaced(options.interval ?? Duration.millis(100))))
      : undefined
    const finished = yield* Ref.make(false)
    return {
      page: (items) => Ref.update(state, (s) => ({ items: s.items + items, pages: s.pages + 1 })),
      finish: Effect.gen(function* () {
        if (yield* Ref.getAndSet(finished, true)) return
        if (ticker !== undefined) yield* Fiber.interrupt(ticker)
        yield* draw("\n")
      })
    }
  })
