// Lossless exports with checkpoints. Run by packages/client/test/docs/pagination-and-export.test.ts.
import { Export, SinchClient } from "@sinch-effect/client"
import { Ids } from "@sinch-effect/schema"
import { Effect, Stream } from "effect"

/**
 * Every message of an app to an NDJSON file, conversation by conversation (the API lists messages per conversation).
 * Run it again after an interruption: it continues where it stopped, even in the middle of a conversation.
 */
export const exportMessages = (appId: string, path: string) =>
  Export.toFile(Export.projectMessages({ app_id: Ids.AppId.make(appId), page_size: 20 }), {
    path, // the checkpoint is `${path}.checkpoint.json`
    onProgress: (p) =>
      Effect.logInfo(`${p.items} messages, ${p.pages} pages${p.resumed ? ` (resumed after ${p.resumedAt})` : ""}`)
  })
// It needs a FileSystem and nothing else of the platform; on Node, `NodeFileSystem.layer` (`NodeContext.layer` works
// too, but also builds a command executor, a terminal and a worker manager: 10 ms more of start-up):
//   exportMessages(appId, "messages.ndjson").pipe(
//     Effect.provide(SinchClient.layerConfig()), Effect.provide(NodeTransport.layer),
//     Effect.provide(NodeFileSystem.layer), NodeRuntime.runMain)

/** Every contact as NDJSON to any sink: stdout, an upload, a socket. No checkpoint file; progress is returned. */
export const contactsTo = (write: (ndjson: string) => Effect.Effect<void>) =>
  Export.toSink(Export.contacts(), { write })

/** The JSON values the API returned for a conversation's messages: unknown fields and exact timestamps kept. */
export const rawMessages = (conversationId: string) =>
  Stream.unwrap(
    Effect.map(SinchClient.SinchClient, (sinch) =>
      sinch.messages
        .listRawPages({ conversation_id: Ids.ConversationId.make(conversationId) })
        .pipe(Stream.mapConcat((page) => page.items))
    )
  )
