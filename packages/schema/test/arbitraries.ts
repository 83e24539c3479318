// Test-only arbitraries. The package ships no fast-check code (`effect/Arbitrary` would pull fast-check and pure-rand,
// about 155 KB, into every bundle that decodes a callback), so `Callbacks.Callback`'s arbitrary lives here.
import { Callbacks } from "@sinch-effect/schema"
import { Arbitrary, FastCheck, Schema } from "effect"

const isTriggerSchema = (u: unknown): u is Schema.Schema.AnyNoContext & { readonly trigger: string } =>
  Schema.isSchema(u) && typeof (u as { readonly trigger?: unknown }).trigger === "string"

/** Any callback: each trigger's members, and `Unknown` ones. */
export const callback: FastCheck.Arbitrary<Callbacks.Callback> = FastCheck.oneof(
  ...[...Object.values(Callbacks).filter(isTriggerSchema), Callbacks.UnknownCallback].map(
    (schema) => Arbitrary.make(schema) as FastCheck.Arbitrary<Callbacks.Callback>
  )
)

/** `Arbitrary.make`, with the arbitrary above for `Callbacks.Callback`. */
export const make = <A, I>(schema: Schema.Schema<A, I>): FastCheck.Arbitrary<A> =>
  (schema as unknown) === Callbacks.Callback ? (callback as unknown as FastCheck.Arbitrary<A>) : Arbitrary.make(schema)
