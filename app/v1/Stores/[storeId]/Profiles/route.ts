// GET /v1/Stores/{storeId}/Profiles – profile ids, newest first (Twilio lists ids only)
import { apiRoute, jsonResponse } from "@/lib/http/api-route";
import { pageMeta } from "@/lib/paging";
import { listProfiles } from "@/lib/profiles/list-profiles";
import { profileListQuery } from "@/lib/profiles/profile-read-schemas";

export const GET = apiRoute({ role: "AGENT" }, async ({ storeId, query }) => {
  const profiles = await listProfiles({ storeId, page: profileListQuery.parse(query) });
  return jsonResponse({ profiles: profiles.items, meta: pageMeta("profiles", profiles) });
});
