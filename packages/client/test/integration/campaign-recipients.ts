import type * as Campaign from "../../src/Campaign.js"

/** The phone number of recipient `i`. */
export const phone = (i: number): string => `+46${String(i).padStart(9, "0")}`

/** Recipient `i`: its own phone number, and its number as a parameter. */
export const recipient = (i: number): Campaign.Recipient => ({
  recipient: { identified_by: { channel_identities: [{ channel: "SMS", identity: phone(i) }] } },
  parameters: { n: String(i) }
})
