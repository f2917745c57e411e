// GET /v1/Stores/{storeId}/Profiles/{profileId}/TraitCandidates – contact traits extraction proposed for this person (filter by status)
import { apiRoute, jsonResponse } from "@/lib/http/api-route";
import { pageMeta } from "@/lib/paging";
import { listTraitCandidates } from "@/lib/trait-candidates/list-trait-candidates";
import { traitCandidateListQuery } from "@/lib/trait-candidates/trait-candidate-schemas";

export const GET = apiRoute({ role: "SUPERVISOR" }, async ({ storeId, params, query }) => {
  const page = await listTraitCandidates({ storeId, profileId: params.profileId, ...traitCandidateListQuery.parse(query) });
  return jsonResponse({ traitCandidates: page.items, meta: pageMeta("traitCandidates", page) });
});
