// GET /v1/Stores/{storeId}/Profiles – profile ids, newest first (Twilio lists ids only)
// POST – create-or-resolve a profile from traits: identity resolution runs on the promoted traits
import { apiRoute, jsonResponse } from "@/lib/http/api-route";
import { pageMeta } from "@/lib/paging";
import { listProfiles } from "@/lib/profiles/list-profiles";
import { profileListQuery } from "@/lib/profiles/profile-read-schemas";
import { createOrResolveProfile } from "@/lib/profiles/create-or-resolve-profile";
import { profileCreateSchema } from "@/lib/profiles/profile-write-schemas";

export const GET = apiRoute({ role: "AGENT" }, async ({ storeId, query }) => {
  const profiles = await listProfiles({ storeId, page: profileListQuery.parse(query) });
  return jsonResponse({ profiles: profiles.items, meta: pageMeta("profiles", profiles) });
});

// Twilio answers 202 `{id, message}`; Kith has resolved and written the profile before answering.
export const POST = apiRoute({ role: "AGENT" }, async ({ json, storeId, caller, requestId }) => {
  const { traits } = profileCreateSchema.parse(await json());
  const result = await createOrResolveProfile({ storeId, traits, actor: caller, requestId });
  return jsonResponse(
    { id: result.profileId, message: "Profile resolved and accepted for processing.", created: result.created, outcome: result.outcome, conflicts: result.conflicts },
    202,
    { "Canonical-Profile-Id": result.profileId },
  );
});
