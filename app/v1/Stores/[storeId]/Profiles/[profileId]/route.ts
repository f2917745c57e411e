// GET/DELETE /v1/Stores/{storeId}/Profiles/{profileId} – read a profile; erase the person
import { apiRoute, jsonResponse } from "@/lib/http/api-route";
import { getProfile } from "@/lib/profiles/get-profile";
import { eraseProfile } from "@/lib/profiles/erase-profile";
import { profileReadQuery } from "@/lib/profiles/profile-read-schemas";

export const GET = apiRoute({ role: "AGENT" }, async ({ storeId, params, query }) => {
  const { traitGroups } = profileReadQuery.parse(query);
  const profile = await getProfile({ storeId, profileId: params.profileId, traitGroups });
  return jsonResponse(profile, 200, { "Canonical-Profile-Id": profile.id });
});

// Twilio answers 202 and erases later; Kith has erased everything before it answers.
export const DELETE = apiRoute({ role: "ADMIN" }, async ({ storeId, params, caller, requestId }) => {
  await eraseProfile({ storeId, profileId: params.profileId, actor: caller, requestId });
  return jsonResponse({ message: "Profile accepted for deletion." }, 202);
});
