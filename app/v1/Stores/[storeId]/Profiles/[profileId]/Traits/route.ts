// GET /v1/Stores/{storeId}/Profiles/{profileId}/Traits – the profile's traits, flattened
import { apiRoute, jsonResponse } from "@/lib/http/api-route";
import { pageMeta } from "@/lib/paging";
import { listProfileTraits } from "@/lib/profiles/list-profile-traits";
import { profileTraitsQuery } from "@/lib/profiles/profile-read-schemas";

export const GET = apiRoute({ role: "AGENT" }, async ({ storeId, params, query }) => {
  const { traitGroups, ...page } = profileTraitsQuery.parse(query);
  const traits = await listProfileTraits({ storeId, profileId: params.profileId, page, traitGroups });
  return jsonResponse({ traits: traits.items, meta: pageMeta("traits", traits) });
});
