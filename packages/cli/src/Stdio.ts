/**
 * Where the CLI writes: data on stdout, progress and messages on stderr. A service so that tests capture both
 * streams without a subprocess.
 *
 * @since 0.1.0
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Ref from "effect/Ref"

/**
 * What the `Stdio` service provides: writing to stdout and to stderr, and whether stderr is a terminal.
 *
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** Writes data to stdout; completes once the chunk is handed to the OS (back-pressure). */
  readonly stdout: (chunk: string | Uint8Array) => Effect.Effect<void>
  /** Writes text to stderr. */
  readonly stderr: (text: string) => Effect.Effect<void>
  /** Whether stderr is a terminal (progress is drawn only then, unless forced). */
  readonly stderrIsTTY: boolean
  /** Whether stdout is a terminal (help is plain text, without colours, otherwise). */
  readonly stdoutIsTTY: boolean
}

/**
 * The streams the CLI writes to: `layer` for the process's stdout and stderr, `makeCapture` to record them in memory
 * (tests).
 *
 * @since 0.1.0
 * @category tags
 */
export class Stdio extends Context.Tag("@sinch-effect/cli/Stdio")<Stdio, Service>() {}

const write = (stream: NodeJS.WriteStream, chunk: string | Uint8Array): Effect.Effect<void> =>
  Effect.async<void>((resume) => {
    stream.write(chunk, () => resume(Effect.void))
  })

/**
 * The process's stdout and stderr.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<Stdio> = Layer.sync(Stdio, () => {
  // the reader went away (`| head`): stop like other Unix tools do on SIGPIPE, with 128 + 13
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(141)
  })
  return {
    stdout: (chunk) => write(process.stdout, chunk),
    stderr: (text) => write(process.stderr, text),
    stderrIsTTY: process.stderr.isTTY === true,
    stdoutIsTTY: process.stdout.isTTY === true
  }
})

/**
 * What a {@link layerCapture} recorded.
 *
 * @since 0.1.0
 * @category models
 */
export interface Captured {
  readonly stdout: Effect.Effect<string>
  readonly stderr: Effect.Effect<string>
}

/**
 * Records both streams in memory (for tests); `stderrIsTTY` and `stdoutIsTTY` as given (default: not terminals).
 *
 * @since 0.1.0
 * @category layers
 */
export const makeCapture = (options?: {
  readonly stderrIsTTY?: boolean
  readonly stdoutIsTTY?: boolean
}): Effect.Effect<[Service, Captured]> =>
  Effect.gen(function* () {
    const out = yield* Ref.make<Array<string>>([])
    const err = yield* Ref.make<Array<string>>([])
    const decoder = new TextDecoder()
    const service: Service = {
      stdout: (chunk) =>
        Ref.update(out, (a) => {
          a.push(typeof chunk === "string" ? chunk : decoder.decode(chunk))
          return a
        }),
      stderr: (text) =>
        Ref.update(err, (a) => {
          a.push(text)
          return a
        }),
      stderrIsTTY: options?.stderrIsTTY ?? false,
      stdoutIsTTY: options?.stdoutIsTTY ?? false
    }
    return [
      service,
      { stdout: Effect.map(Ref.get(out), (a) => a.join("")), stderr: Effect.map(Ref.get(err), (a) => a.join("")) }
    ]
  })
