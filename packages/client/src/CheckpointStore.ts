/**
 * A keyed store of checkpoints: JSON values under string keys, for work that resumes where it stopped (exports, batch
 * jobs). Nothing in it is specific to one kind of job: each job decodes its own checkpoints with its own schema.
 *
 * - {@link layerFileSystem} (the default of `Export.toFile`): one JSON file per checkpoint, the key being its path,
 *   replaced atomically (written beside it, then renamed), so a process killed at any instant leaves the previous
 *   checkpoint or the new one, never half of one. For one machine.
 * - {@link layerPersistence}: over `@effect/experimental`'s `Persistence` (`BackingPersistence`), e.g.
 *   `PersistenceRedis.layer({ host })` for many workers: a checkpoint written by one worker is read by any other, so
 *   a job stopped on one machine resumes on another.
 *
 * ```ts
 * import * as PersistenceRedis from "@effect/experimental/Persistence/Redis"
 *
 * const checkpoints = CheckpointStore.layerPersistence().pipe(Layer.provide(PersistenceRedis.layer({ host: "redis" })))
 * ```
 *
 * A store does not lock: one job (one export shard, one batch) should be run by one worker at a time.
 *
 * @since 0.1.0
 */
import * as Persistence from "@effect/experimental/Persistence"
import * as FileSystem from "@effect/platform/FileSystem"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import type * as Scope from "effect/Scope"
import * as Schema from "effect/Schema"

/**
 * The keyed checkpoint store. Provide one to change where checkpoints are kept; without one, checkpoints are files.
 *
 * @since 0.1.0
 * @category tags
 */
export class CheckpointStore extends Context.Tag("@sinch-effect/client/CheckpointStore")<
  CheckpointStore,
  CheckpointStore.Service
>() {}

/**
 * @since 0.1.0
 */
export declare namespace CheckpointStore {
  /**
   * @since 0.1.0
   * @category models
   */
  export interface Service {
    /**
     * How messages name the checkpoint under `key`, never with a secret: `checkpoint <path>` for a file,
     * `Redis checkpoint <key> at <host:port>` for the CLI's Redis store.
     */
    readonly nameOf: (key: string) => string
    /** The checkpoint under `key`, `None` when there is none. */
    readonly get: (key: string) => Effect.Effect<Option.Option<unknown>, CheckpointStoreError>
    /** Replaces the checkpoint under `key` (a JSON value) as one operation. */
    readonly set: (key: string, value: unknown) => Effect.Effect<void, CheckpointStoreError>
    /** Removes the checkpoint under `key` (nothing when there is none). */
    readonly remove: (key: string) => Effect.Effect<void, CheckpointStoreError>
  }
}

/**
 * The store failed (a file or Redis that cannot be read or written), or what is stored under the key is not JSON
 * (`invalid`).
 *
 * @since 0.1.0
 * @category errors
 */
export class CheckpointStoreError extends Schema.TaggedError<CheckpointStoreError>(
  "@sinch-effect/client/CheckpointStoreError"
)("CheckpointStoreError", {
  key: Schema.String,
  operation: Schema.Literal("get", "set", "remove"),
  /** The value stored under the key is not JSON. */
  invalid: Schema.Boolean,
  detail: Schema.String
}) {
  /** @since 0.1.0 */
  override get message(): string {
    return `checkpoint ${this.key}: ${this.operation} failed: ${this.detail}`
  }
}

const detailOf = (error: unknown): string =>
  typeof error === "object" && error !== null && "_tag" in error && error._tag === "SystemError" && "reason" in error
    ? `${String(error.reason)} (${"method" in error ? String(error.method) : "file system"})`
    : error instanceof Error
      ? error.message
      : String(error)

/**
 * A store of one JSON file per checkpoint, the key being the file's path (2-space JSON and a newline), replaced
 * atomically: written to `${key}.tmp`, then renamed over the key.
 *
 * @since 0.1.0
 * @category constructors
 */
export const makeFileSystem: Effect.Effect<CheckpointStore.Service, never, FileSystem.FileSystem> = Effect.map(
  FileSystem.FileSystem,
  (fs) => {
    const failed =
      (key: string, operation: "get" | "set" | "remove", invalid = false) =>
      (error: unknown) =>
        new CheckpointStoreError({ key, operation, invalid, detail: detailOf(error) })
    return CheckpointStore.of({
      nameOf: (key) => `checkpoint ${key}`,
      get: (key) =>
        Effect.gen(function* () {
          const text = yield* fs.readFileString(key).pipe(
            Effect.map(Option.some),
            Effect.catchIf(
              (error) => error._tag === "SystemError" && error.reason === "NotFound",
              () => Effect.succeed(Option.none<string>())
            ),
            Effect.mapError(failed(key, "get"))
          )
          if (Option.isNone(text)) return Option.none()
          return Option.some(
            yield* Effect.try({
              try: (): unknown => JSON.parse(text.value),
              catch: () => new CheckpointStoreError({ key, operation: "get", invalid: true, detail: "it is not JSON" })
            })
          )
        }),
      set: (key, value) =>
        Effect.gen(function* () {
          const tmp = `${key}.tmp`
          yield* fs.writeFileString(tmp, JSON.stringify(value, null, 2) + "\n")
          yield* fs.rename(tmp, key)
        }).pipe(Effect.mapError(failed(key, "set"))),
      // (`force`: a missing file is not an error)
      remove: (key) => fs.remove(key, { force: true }).pipe(Effect.mapError(failed(key, "remove")))
    })
  }
)

/**
 * Checkpoints as files (see {@link makeFileSystem}).
 *
 * @since 0.1.0
 * @category layers
 */
export const layerFileSystem: Layer.Layer<CheckpointStore, never, FileSystem.FileSystem> = Layer.effect(
  CheckpointStore,
  makeFileSystem
)

/**
 * Options of {@link makePersistence}.
 *
 * @since 0.1.0
 * @category models
 */
export interface PersistenceOptions {
  /** The store's name in the backing persistence (on Redis, the prefix of its keys). Default `sinch-checkpoints`. */
  readonly storeId?: string | undefined
  /**
   * How messages name the checkpoint under `key` (e.g. `Redis checkpoint ${storeId}:${key} at 127.0.0.1:6379`); never
   * put a secret in it. Default `checkpoint <key> in persistence store <storeId>`.
   */
  readonly nameOf?: ((key: string, storeId: string) => string) | undefined
}

/**
 * A store over `@effect/experimental`'s `BackingPersistence`: `PersistenceRedis.layer(...)` shares the checkpoints
 * between workers, `Persistence.layerMemory` keeps them in the process. Values never expire.
 *
 * @since 0.1.0
 * @category constructors
 */
export const makePersistence = (
  options?: PersistenceOptions
): Effect.Effect<CheckpointStore.Service, never, Persistence.BackingPersistence | Scope.Scope> =>
  Effect.gen(function* () {
    const storeId = options?.storeId ?? "sinch-checkpoints"
    const store = yield* Effect.flatMap(Persistence.BackingPersistence, (backing) => backing.make(storeId))
    const failed = (key: string, operation: "get" | "set" | "remove") => (error: Persistence.PersistenceError) =>
      new CheckpointStoreError({
        key,
        operation,
        invalid: error.reason === "ParseError",
        detail: error.reason === "ParseError" ? "it is not JSON" : detailOf(error.cause)
      })
    return CheckpointStore.of({
      nameOf: (key) =>
        options?.nameOf === undefined
          ? `checkpoint ${key} in persistence store ${storeId}`
          : options.nameOf(key, storeId),
      get: (key) => store.get(key).pipe(Effect.mapError(failed(key, "get"))),
      set: (key, value) => store.set(key, value, Option.none()).pipe(Effect.mapError(failed(key, "set"))),
      remove: (key) => store.remove(key).pipe(Effect.mapError(failed(key, "remove")))
    })
  })

/**
 * Checkpoints in the `BackingPersistence` of the context (see {@link makePersistence}).
 *
 * @example
 * ```ts
 * import * as PersistenceRedis from "@effect/experimental/Persistence/Redis"
 * import { CheckpointStore } from "@sinch-effect/client"
 * import { Layer } from "effect"
 *
 * const checkpoints = CheckpointStore.layerPersistence().pipe(
 *   Layer.provide(PersistenceRedis.layer({ host: "127.0.0.1", port: 6379 }))
 * )
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layerPersistence = (
  options?: PersistenceOptions
): Layer.Layer<CheckpointStore, never, Persistence.BackingPersistence> =>
  Layer.scoped(CheckpointStore, makePersistence(options))

/**
 * The store of the context, or files when none is provided.
 *
 * @since 0.1.0
 * @category accessors
 */
export const current: Effect.Effect<CheckpointStore.Service, never, FileSystem.FileSystem> = Effect.flatMap(
  Effect.serviceOption(CheckpointStore),
  Option.match({ onNone: () => makeFileSystem, onSome: Effect.succeed })
)
