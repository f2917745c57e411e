// GET/PATCH/DELETE /v1/Stores/{storeId}/Profiles/{profileId} – read a profile; patch traits; erase the person
import { apiRoute, jsonResponse } from "@/lib/http/api-route";
import { getProfile } from "@/lib/profiles/get-profile";
import { eraseProfile } from "@/lib/profiles/erase-profile";
import { profileReadQuery } from "@/lib/profiles/profile-read-schemas";
import { updateProfileTraits } from "@/lib/profiles/update-profile-traits";
import { profilePatchSchema } from "@/lib/profiles/profile-write-schemas";

export const GET = apiRoute({ role: "AGENT" }, async ({ storeId, params, query }) => {
  const { traitGroups, include } = profileReadQuery.parse(query);
  const profile = await getProfile({ storeId, profileId: params.profileId, traitGroups, include });
  return jsonResponse(profile, 200, { "Canonical-Profile-Id": profile.id });
});

// Merge semantics; null removes a trait. A promoted value may merge this profile into another:
// the answer then names the survivor (body and Canonical-Profile-Id).
export const PATCH = apiRoute({ role: "AGENT" }, async ({ json, storeId, params, caller, requestId }) => {
  const { traits } = profilePatchSchema.parse(await json());
  const result = await updateProfileTraits({ storeId, profileId: params.profileId, traits, actor: caller, requestId });
  return jsonResponse({ message: "Trait modifications accepted for processing.", profileId: result.profileId, outcome: result.outcome, conflicts: result.conflicts }, 202, {
    "Canonical-Profile-Id": result.profileId,
  });
});

// Twilio answers 202 and erases later; Kith has erased everything before it answers.
export const DELETE = apiRoute({ role: "ADMIN" }, async ({ storeId, params, caller, requestId }) => {
  await eraseProfile({ storeId, profileId: params.profileId, actor: caller, requestId });
  return jsonResponse({ message: "Profile accepted for deletion." }, 202);
});
