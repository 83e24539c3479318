import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Tracer from "effect/Tracer"
import * as SinchClient from "../../src/SinchClient.js"
import type * as SinchConfig from "../../src/SinchConfig.js"
import * as FakeSinch from "./FakeSinch.js"

export const clientLayer = (fake: FakeSinch.Fake, options?: Partial<SinchConfig.Options>) =>
  SinchClient.layerWith({ ...FakeSinch.testConfig, ...options }).pipe(Layer.provide(fake.layer), Layer.orDie)

export const sinch = SinchClient.SinchClient

/** Runs `effect` with a tracer recording every span. */
export const recordingSpans = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.tracerWith((base) => {
    const spans: Array<Tracer.Span> = []
    const tracer = Tracer.make({
      span: (...args) => {
        const span = base.span(...args)
        spans.push(span)
        return span
      },
      context: base.context
    })
    return Effect.map(Effect.withTracer(effect, tracer), (a) => [a, spans] as const)
  })
