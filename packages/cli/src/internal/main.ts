/**
 * Runs a CLI program as the process: Node services, stdio, exit code (130 when interrupted by Ctrl-C).
 *
 * @internal
 */
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Stdio from "../Stdio.js"

/** @internal */
export const runMain = (program: Effect.Effect<number, never, Stdio.Stdio | NodeContext.NodeContext>): void =>
  program.pipe(
    Effect.provide(Stdio.layer),
    Effect.provide(NodeContext.layer),
    NodeRuntime.runMain({
      disableErrorReporting: true,
      teardown: (exit) => {
        const code = Exit.isSuccess(exit) ? (exit.value as number) : Cause.isInterruptedOnly(exit.cause) ? 130 : 1
        // data written to stdout was handed to the OS before the program ended (see Stdio.stdout)
        process.exit(code)
      }
    })
  )
