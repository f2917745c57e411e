// GET/PATCH /v1/Stores/{storeId}/Conversations/{conversationId} – read; change status
import { apiRoute, jsonResponse } from "@/lib/http/api-route";
import { conversationPatchSchema } from "@/lib/conversations/conversation-schemas";
import { getConversation } from "@/lib/conversations/get-conversation";
import { updateConversationStatus } from "@/lib/conversations/update-conversation-status";

export const GET = apiRoute({ role: "AGENT" }, async ({ storeId, params }) => {
  return jsonResponse(await getConversation({ storeId, conversationId: params.conversationId }));
});

// AGENT may close: bots end the conversations they handle.
export const PATCH = apiRoute({ role: "AGENT" }, async ({ storeId, params, caller, requestId, json }) => {
  const { status } = conversationPatchSchema.parse(await json());
  const { conversation } = await updateConversationStatus({ storeId, conversationId: params.conversationId, status, actor: caller, requestId });
  return jsonResponse(conversation);
});
