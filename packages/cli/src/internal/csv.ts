/**
 * CSV records from a stream of text (RFC 4180: fields separated by commas, records by LF or CRLF, a field in double
 * quotes may hold commas, line breaks and doubled quotes), read incrementally: memory holds one record at a time.
 *
 * @internal
 */
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"

/** One record and the line (from 1) where it starts. */
export interface CsvRecord {
  readonly line: number
  readonly fields: ReadonlyArray<string>
}

/** Text that is not CSV, at a line. */
export class CsvSyntaxError {
  readonly _tag = "CsvSyntaxError"
  constructor(
    readonly line: number,
    readonly reason: string
  ) {}
}

/** The records of a CSV text; an empty line is no record. */
export const records = <E, R>(text: Stream.Stream<string, E, R>): Stream.Stream<CsvRecord, E | CsvSyntaxError, R> =>
  Stream.suspend(() => {
    let fields: Array<string> = []
    let field = ""
    let started = false // the field has begun (a quote only opens a field at its start)
    let quoted = false // inside a quoted field
    let closed = false // just after the closing quote of a quoted field
    let line = 1
    let recordLine = 1
    let first = true

    const endRecord = (out: Array<CsvRecord>) => {
      fields.push(field)
      if (fields.length > 1 || fields[0] !== "") out.push({ line: recordLine, fields })
      fields = []
      field = ""
      started = quoted = closed = false
    }

    const feed = (chunk: string): Effect.Effect<Chunk.Chunk<CsvRecord>, CsvSyntaxError> => {
      const out: Array<CsvRecord> = []
      let text = chunk
      if (first) {
        first = false
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
      }
      for (let i = 0; i < text.length; i++) {
        const c = text[i]!
        if (fields.length === 0 && !started && field === "") recordLine = line
        if (quoted) {
          if (c === '"') {
            quoted = false
            closed = true
          } else {
            if (c === "\n") line++
            field += c
          }
        } else if (closed) {
          if (c === '"') {
            field += '"'
            quoted = true
            closed = false
          } else if (c === ",") {
            fields.push(field)
            field = ""
            started = closed = false
          } else if (c === "\n") {
            endRecord(out)
            line++
          } else if (c !== "\r") {
            return Effect.fail(new CsvSyntaxError(line, `unexpected ${JSON.stringify(c)} after a closing quote`))
          }
        } else if (c === ",") {
          fields.push(field)
          field = ""
          started = false
        } else if (c === "\n") {
          if (field.endsWith("\r")) field = field.slice(0, -1)
          endRecord(out)
          line++
        } else if (c === '"' && !started) {
          quoted = true
          started = true
        } else {
          field += c
          started = true
        }
      }
      return Effect.succeed(Chunk.unsafeFromArray(out))
    }

    const end = Effect.suspend((): Effect.Effect<Chunk.Chunk<CsvRecord>, CsvSyntaxError> => {
      if (quoted) return Effect.fail(new CsvSyntaxError(recordLine, "a quoted field is not closed"))
      const out: Array<CsvRecord> = []
      if (field.endsWith("\r")) field = field.slice(0, -1)
      endRecord(out)
      return Effect.succeed(Chunk.unsafeFromArray(out))
    })

    return Stream.concat(text.pipe(Stream.mapEffect(feed)), Stream.fromEffect(end)).pipe(Stream.flattenChunks)
  })
