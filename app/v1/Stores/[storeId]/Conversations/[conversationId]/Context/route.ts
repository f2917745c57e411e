// GET /v1/Stores/{storeId}/Conversations/{conversationId}/Context – what an agent taking over should see: customers' traits, top memories with sources, recent messages, and the same as a prompt-ready text block
import { apiRoute, jsonResponse } from "@/lib/http/api-route";
import { getHandoffContext } from "@/lib/recall/get-handoff-context";
import { handoffContextQuery } from "@/lib/recall/handoff-context-schemas";

export const GET = apiRoute({ role: "AGENT" }, async ({ storeId, params, query, caller }) => {
  const options = handoffContextQuery.parse(query);
  return jsonResponse(await getHandoffContext({ storeId, conversationId: params.conversationId, caller, ...options }));
});
