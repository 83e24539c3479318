/**
 * Decoding benchmark: schema decoding of realistic `GET messages` pages (20 and 1000 messages) and of a mix of
 * callbacks, next to plain `JSON.parse` of the same bytes. Target: decoding costs at most 2x what JSON.parse costs.
 * Both ways of decoding are measured: Effect's `Schema.decodeUnknownSync` and the compiled `Decoder` (what the client
 * and the webhooks package use).
 *
 * Run: `pnpm bench` at the root builds every package, then measures the built code (what users run).
 */
import * as Schema from "effect/Schema"
import * as Either from "effect/Either"
import { Callbacks, Decoder, Messages } from "@sinch-effect/schema"
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

const rows: Array<ReturnType<typeof row>> = []
const run = (
  name: string,
  decoders: ReadonlyArray<readonly [string, (u: unknown) => unknown]>,
  bodies: ReadonlyArray<string>
) => {
  const parsed = bodies.map((b) => JSON.parse(b) as unknown)
  const bytes = bodies.reduce((n, b) => n + b.length, 0)
  const items = name.startsWith("ListMessages") ? Number(name.split(" ").at(-1)) : bodies.length
  const parseMs = timePerOp(1500, () => bodies.forEach((b) => JSON.parse(b)))
  for (const [how, decode] of decoders) {
    const decodeMs = timePerOp(1500, () => parsed.forEach((p) => decode(p)))
    rows.push(row(`${name} (${how})`, items, bytes, parseMs, decodeMs))
  }
}
const orThrow =
  <A>(decoder: Decoder.Decoder<A>) =>
  (u: unknown) =>
    Either.getOrThrow(decoder(u))

const pageDecoders = [
  ["Schema.decodeUnknownSync", Schema.decodeUnknownSync(Messages.ListMessagesResponse)],
  ["Decoder", orThrow(Decoder.make(Messages.ListMessagesResponse))]
] as const
for (const size of [20, 1000]) run(`ListMessages page of ${size}`, pageDecoders, [listMessagesPage(size)])
run(
  "mixed callbacks",
  [
    ["Schema.decodeUnknownSync", Schema.decodeUnknownSync(Callbacks.Callback)],
    ["Decoder", orThrow(Decoder.make(Callbacks.Callback))]
  ],
  callbacks(1000)
)

console.table(rows)
const worst = (how: string) =>
  Math.max(...rows.filter((r) => r.case.endsWith(`(${how})`)).map((r) => r["decode / JSON.parse"]))
console.log(
  `worst decode / JSON.parse: Decoder ${worst("Decoder")}, Schema.decodeUnknownSync ${worst("Schema.decodeUnknownSync")} (target <= 2)`
)
