// POST /v1/Stores/{storeId}/Merges/{mergeId}/Reject – reject a merge (ADMIN)
import { apiRoute, jsonResponse } from "@/lib/http/api-route";
import { rejectMerge } from "@/lib/merges/reject-merge";

export const POST = apiRoute({ role: "ADMIN" }, async ({ storeId, params, caller, requestId }) => {
  return jsonResponse(await rejectMerge({ storeId, mergeId: params.mergeId, actor: caller, requestId }));
});
