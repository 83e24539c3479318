import { describe, expect, it } from "@effect/vitest"
import * as DateTime from "effect/DateTime"
import * as Either from "effect/Either"
import * as FastCheck from "effect/FastCheck"
import * as Schema from "effect/Schema"
import { Decoder, Messages } from "@sinch-effect/schema"

// Timestamp is internal: decode it through a field that has one.
const decodeTime = (accept_time: string) =>
  Either.map(Schema.decodeUnknownEither(Messages.ConversationMessage)({ accept_time }), (m) =>
    m.accept_time === undefined ? NaN : DateTime.toEpochMillis(m.accept_time)
  )

describe("Timestamp", () => {
  it("reads every UTC ISO-8601 form as Date.parse does, to the millisecond", () => {
    FastCheck.assert(
      FastCheck.property(
        FastCheck.date({
          min: new Date("1000-01-01T00:00:00Z"),
          max: new Date("9999-12-31T23:59:59Z"),
          noInvalidDate: true
        }),
        FastCheck.integer({ min: 0, max: 9 }),
        FastCheck.nat(999_999_999),
        (date, digits, fraction) => {
          const base = date.toISOString().slice(0, 19)
          const text = digits === 0 ? `${base}Z` : `${base}.${String(fraction).padStart(9, "0").slice(0, digits)}Z`
          expect(decodeTime(text)).toEqual(Either.right(Date.parse(text)))
        }
      ),
      { numRuns: 2000 }
    )
  })

  it("reads the API's microseconds, offsets, and zoneless timestamps as UTC", () => {
    expect(decodeTime("2020-11-17T16:05:51.724083Z")).toEqual(Either.right(Date.parse("2020-11-17T16:05:51.724Z")))
    expect(decodeTime("2024-02-29T23:59:59Z")).toEqual(Either.right(Date.UTC(2024, 1, 29, 23, 59, 59)))
    expect(decodeTime("2024-02-22T09:40:46+02:00")).toEqual(Either.right(Date.UTC(2024, 1, 22, 7, 40, 46)))
    expect(decodeTime("0050-06-01T00:00:00Z")).toEqual(Either.right(Date.parse("0050-06-01T00:00:00Z")))
    expect(decodeTime("2024-02-22T07:40:46")).toEqual(Either.right(Date.UTC(2024, 1, 22, 7, 40, 46)))
  })

  it("reads the last days of months and leap days as Date.parse does, compiled or not", () => {
    const decode = Decoder.make(Messages.ConversationMessage)
    const days = ["2024-01-31", "2024-02-29", "2023-02-28", "2000-02-29", "2024-04-30", "2024-12-31", "2100-03-01"]
    // days a month does not have: whatever Date.parse makes of them (V8 rolls them over)
    const overflow = ["2023-02-29", "1900-02-29", "2100-02-29", "2024-04-31", "2024-02-30", "2024-06-31"]
    for (const day of [...days, ...overflow]) {
      const text = `${day}T23:59:59.999Z`
      const expected = Date.parse(text)
      expect(decodeTime(text)).toEqual(Number.isNaN(expected) ? expect.anything() : Either.right(expected))
      const compiled = decode({ accept_time: text })
      expect(
        Either.map(compiled, (m) => (m.accept_time === undefined ? NaN : DateTime.toEpochMillis(m.accept_time)))
      ).toEqual(decodeTime(text))
    }
  })

  it("refuses what is not a timestamp", () => {
    for (const text of ["", "yesterday", "2024-13-01T00:00:00Z", "2024-02-22T25:00:00Z", "2024-02-22T07:40:4xZ"]) {
      expect(Either.isLeft(decodeTime(text))).toBe(true)
    }
  })
})
