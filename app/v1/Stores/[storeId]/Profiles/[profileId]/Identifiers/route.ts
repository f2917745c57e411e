// GET /v1/Stores/{storeId}/Profiles/{profileId}/Identifiers – the profile's identifiers by type
import { apiRoute, jsonResponse } from "@/lib/http/api-route";
import { listProfileIdentifiers } from "@/lib/profiles/list-profile-identifiers";

export const GET = apiRoute({ role: "AGENT" }, async ({ storeId, params }) => {
  const identifiers = await listProfileIdentifiers({ storeId, profileId: params.profileId });
  return jsonResponse({ identifiers });
});
