// POST /v1/Stores/{storeId}/Merges/{mergeId}/Undo – undo a merge (ADMIN)
import { apiRoute, jsonResponse } from "@/lib/http/api-route";
import { undoMerge } from "@/lib/merges/undo-merge";

export const POST = apiRoute({ role: "ADMIN" }, async ({ storeId, params, caller, requestId }) => {
  return jsonResponse(await undoMerge({ storeId, mergeId: params.mergeId, actor: caller, requestId }));
});
