/**
 * Headless Chromium for the inspector's tests: Debian's `chromium` (scripts/system-deps.sh installs it), driven by
 * puppeteer-core, which downloads no browser. Nothing outside localhost is reachable.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import * as Path from "node:path"
import { fileURLToPath } from "node:url"
import * as Effect from "effect/Effect"
import type * as Scope from "effect/Scope"
import puppeteer, { type Browser, type Page } from "puppeteer-core"

/** Where the tests write their screenshots (gitignored; copies of the main views are in docs/images). */
export const artifacts = Path.resolve(Path.dirname(fileURLToPath(import.meta.url)), "../../.artifacts/inspector")

const executablePath = "/usr/bin/chromium"

/** A fresh browser with an empty profile, closed (and its profile removed) with the scope. */
export const browser: Effect.Effect<Browser, never, Scope.Scope> = Effect.acquireRelease(
  Effect.promise(async () => {
    const profile = mkdtempSync(Path.join(tmpdir(), "inspector-chromium-"))
    const b = await puppeteer.launch({
      executablePath,
      headless: true,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        `--user-data-dir=${profile}`
      ]
    })
    return { b, profile }
  }),
  ({ b, profile }) =>
    Effect.promise(async () => {
      await b.close()
      rmSync(profile, { recursive: true, force: true })
    })
).pipe(Effect.map(({ b }) => b))

/** A page of the inspector at `url`, once it has loaded its data; page errors fail the test. */
export const open = (url: string): Effect.Effect<{ page: Page; errors: Array<string> }, never, Scope.Scope> =>
  Effect.gen(function* () {
    const b = yield* browser
    const page = yield* Effect.promise(() => b.newPage())
    const errors: Array<string> = []
    page.on("pageerror", (e) => errors.push(String(e)))
    yield* Effect.promise(async () => {
      await page.setViewport({ width: 1280, height: 800 })
      await page.goto(url)
      await page.waitForSelector("body[data-ready=true][data-live=true]", { timeout: 30_000 })
    })
    return { page, errors }
  })

/** Saves a screenshot of the page as a test artifact. */
export const screenshot = (page: Page, name: string): Effect.Effect<string> =>
  Effect.promise(async () => {
    mkdirSync(artifacts, { recursive: true })
    const path = Path.join(artifacts, `${name}.png`)
    await page.screenshot({ path })
    return path
  })

/** Waits until a function of the page holds (a readiness signal, not a sleep). */
export const until = (page: Page, fn: string, timeout = 30_000): Effect.Effect<void> =>
  Effect.promise(() => page.waitForFunction(fn, { timeout }).then(() => undefined))
