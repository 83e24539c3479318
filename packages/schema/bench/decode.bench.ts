/**
 * Decoding benchmark: schema decoding of realistic `GET messages` pages (20 and 1000 messages) and of a mix of
 * callbacks, next to plain `JSON.parse` of the same bytes. Target: decoding costs at most 2x what JSON.parse costs.
 *
 * Run: npx pnpm@10 --filter @sinch-effect/schema bench
 */
import * as Schema from "effect/Schema"
import { Callbacks, Messages } from "../src/index.js"
import { callbacks, listMessagesPage } from "./data.js"

const timePerOp = (budgetMs: number, op: () => void) => {
  for (let i = 0; i < 20; i++) op()
  let runs = 0
  const start = performance.now()
  let elapsed = 0
  while (elapsed < budgetMs) {
    op()
    runs++
    elapsed = performance.now() - start
  }
  return elapsed / runs
}

const row = (name: string, items: number, bytes: number, parseMs: number, decodeMs: number) => ({
  case: name,
  items,
  kB: Math.round(bytes / 1024),
  "JSON.parse items/s": Math.round((items / parseMs) * 1000),
  "decode items/s": Math.round((items / decodeMs) * 1000),
  "parse+decode items/s": Math.round((items / (parseMs + decodeMs)) * 1000),
  "decode / JSON.parse": Number((decodeMs / parseMs).toFixed(2))
})

const rows = []
const decodePage = Schema.decodeUnknownSync(Messages.ListMessagesResponse)
for (const size of [20, 1000]) {
  const body = listMessagesPage(size)
  const parsed: unknown = JSON.parse(body)
  const budget = 1500
  const parseMs = timePerOp(budget, () => JSON.parse(body))
  const decodeMs = timePerOp(budget, () => decodePage(parsed))
  rows.push(row(`ListMessages page of ${size}`, size, body.length, parseMs, decodeMs))
}

const decodeCallback = Schema.decodeUnknownSync(Callbacks.Callback)
const bodies = callbacks(1000)
const parsedBodies = bodies.map((b) => JSON.parse(b) as unknown)
const bytes = bodies.reduce((n, b) => n + b.length, 0)
const parseMs = timePerOp(1500, () => bodies.forEach((b) => JSON.parse(b)))
const decodeMs = timePerOp(1500, () => parsedBodies.forEach((b) => decodeCallback(b)))
rows.push(row("mixed callbacks", bodies.length, bytes, parseMs, decodeMs))

console.table(rows)
const worst = Math.max(...rows.map((r) => r["decode / JSON.parse"]))
console.log(`worst decode / JSON.parse ratio: ${worst} (target <= 2)`)
