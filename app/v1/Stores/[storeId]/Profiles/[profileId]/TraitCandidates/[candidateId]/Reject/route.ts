// POST /v1/Stores/{storeId}/Profiles/{profileId}/TraitCandidates/{candidateId}/Reject – decline the proposed trait
import { apiRoute, jsonResponse } from "@/lib/http/api-route";
import { decideTraitCandidate } from "@/lib/trait-candidates/decide-trait-candidate";

export const POST = apiRoute({ role: "ADMIN" }, async ({ storeId, params, caller, requestId }) => {
  const candidate = await decideTraitCandidate({ storeId, profileId: params.profileId, candidateId: params.candidateId, decision: "reject", actor: caller, requestId });
  return jsonResponse(candidate);
});
