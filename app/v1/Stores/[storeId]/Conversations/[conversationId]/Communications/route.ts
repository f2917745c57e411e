// POST/GET /v1/Stores/{storeId}/Conversations/{conversationId}/Communications – append (idempotent by resourceId); read the thread
import { apiRoute, jsonResponse } from "@/lib/http/api-route";
import { pageMeta } from "@/lib/paging";
import { communicationListQuery, communicationsAppendSchema } from "@/lib/conversations/conversation-schemas";
import { appendCommunications } from "@/lib/conversations/append-communications";
import { listCommunications } from "@/lib/conversations/list-communications";

// 201 when anything new was stored; 200 when every communication was already there.
export const POST = apiRoute({ role: "AGENT" }, async ({ storeId, store, params, caller, requestId, json }) => {
  const { communications } = communicationsAppendSchema.parse(await json());
  const result = await appendCommunications({ storeId, conversationId: params.conversationId, communications, actor: caller, requestId, screenCommunications: store?.screenCommunications });
  return jsonResponse({ communications: result.communications }, result.addedCount > 0 ? 201 : 200);
});

export const GET = apiRoute({ role: "AGENT" }, async ({ storeId, params, query }) => {
  const communications = await listCommunications({ storeId, conversationId: params.conversationId, page: communicationListQuery.parse(query) });
  return jsonResponse({ communications: communications.items, meta: pageMeta("communications", communications) });
});
