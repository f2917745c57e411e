// POST /v1/Stores/{storeId}/Profiles/{profileId}/TraitCandidates/{candidateId}/Apply – write the proposed trait to the profile (identity resolution runs)
import { apiRoute, jsonResponse } from "@/lib/http/api-route";
import { decideTraitCandidate } from "@/lib/trait-candidates/decide-trait-candidate";

export const POST = apiRoute({ role: "ADMIN" }, async ({ storeId, params, caller, requestId }) => {
  const candidate = await decideTraitCandidate({ storeId, profileId: params.profileId, candidateId: params.candidateId, decision: "apply", actor: caller, requestId });
  return jsonResponse(candidate);
});
