// POST /v1/Stores/{storeId}/Profiles/{profileId}/Recall – ranked memories for one customer (SPEC §6)
import { apiRoute, jsonResponse } from "@/lib/http/api-route";
import { recall } from "@/lib/recall/recall";
import { recallRequestSchema } from "@/lib/recall/recall-schemas";

export const POST = apiRoute({ role: "AGENT" }, async ({ json, storeId, params, caller }) => {
  const input = recallRequestSchema.parse((await json()) ?? {});
  const result = await recall({ storeId, profileId: params.profileId, caller, ...input });
  return jsonResponse(result, 200, { "Canonical-Profile-Id": params.profileId });
});
