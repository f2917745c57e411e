// GET /v1/Stores/{storeId}/Profiles/{profileId}/Identifiers/{idType} – one type's values, oldest first
import { apiRoute, jsonResponse } from "@/lib/http/api-route";
import { getProfileIdentifierSet } from "@/lib/profiles/get-profile-identifier-set";

export const GET = apiRoute({ role: "AGENT" }, async ({ storeId, params }) => {
  return jsonResponse(await getProfileIdentifierSet({ storeId, profileId: params.profileId, idType: params.idType }));
});
