// POST /v1/Stores/{storeId}/Merges/{mergeId}/Approve – approve a merge (ADMIN)
import { apiRoute, jsonResponse } from "@/lib/http/api-route";
import { approveMerge } from "@/lib/merges/approve-merge";

export const POST = apiRoute({ role: "ADMIN" }, async ({ storeId, params, caller, requestId }) => {
  return jsonResponse(await approveMerge({ storeId, mergeId: params.mergeId, actor: caller, requestId }));
});
