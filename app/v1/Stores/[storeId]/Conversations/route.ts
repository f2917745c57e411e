// POST /v1/Stores/{storeId}/Conversations – ingest a whole conversation; GET – list, newest first
import { apiRoute, jsonResponse } from "@/lib/http/api-route";
import { pageMeta } from "@/lib/paging";
import { conversationCreateSchema, conversationListQuery } from "@/lib/conversations/conversation-schemas";
import { ingestConversation } from "@/lib/conversations/ingest-conversation";
import { listConversations } from "@/lib/conversations/list-conversations";

// 201 for a new conversation; 200 when the delivery was one already stored (same resourceIds).
export const POST = apiRoute({ role: "AGENT" }, async ({ req, storeId, store, caller, requestId, json }) => {
  const input = conversationCreateSchema.parse(await json());
  const { created, conversation } = await ingestConversation({ storeId, input, actor: caller, requestId, screenCommunications: store?.screenCommunications });
  const location = new URL(`/v1/Stores/${storeId}/Conversations/${conversation.id}`, req.url).toString();
  return jsonResponse(conversation, created ? 201 : 200, { Location: location });
});

export const GET = apiRoute({ role: "AGENT" }, async ({ storeId, query }) => {
  const { status, channel, profileId, ...page } = conversationListQuery.parse(query);
  const conversations = await listConversations({ storeId, page, filters: { status, channel, profileId } });
  return jsonResponse({ conversations: conversations.items, meta: pageMeta("conversations", conversations) });
});
