// POST /v1/Stores/{storeId}/Profiles/{profileId}/Merge – fold {sourceProfileId} into this profile (ADMIN)
import { apiRoute, jsonResponse } from "@/lib/http/api-route";
import { mergeProfilesManually } from "@/lib/merges/merge-profiles-manually";
import { manualMergeSchema } from "@/lib/merges/merge-schemas";

export const POST = apiRoute({ role: "ADMIN" }, async ({ storeId, params, json, caller, requestId }) => {
  const { sourceProfileId } = manualMergeSchema.parse(await json());
  const merge = await mergeProfilesManually({ storeId, survivorProfileId: params.profileId, sourceProfileId, actor: caller, requestId });
  return jsonResponse(merge, 201);
});
