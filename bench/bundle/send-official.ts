// The same program with the official @sinch/sdk-core, as bench/bundle-size.mjs bundles it.
import { SinchClient } from "@sinch/sdk-core"

const sinch = new SinchClient({
  projectId: process.env["SINCH_PROJECT_ID"] ?? "",
  keyId: process.env["SINCH_KEY_ID"] ?? "",
  keySecret: process.env["SINCH_KEY_SECRET"] ?? ""
})

const sent = await sinch.conversation.messages.send({
  sendMessageRequestBody: {
    app_id: "01HQ7W4Z1R1267DBBR8S47NVP8",
    recipient: { identified_by: { channel_identities: [{ channel: "SMS", identity: "+46700000001" }] } },
    message: { text_message: { text: "Hello" } }
  }
})
console.log(sent.message_id)
