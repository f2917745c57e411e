// POST /v1/Stores/{storeId}/Profiles/Lookup – {idType, value} → the normalised value and the profiles holding it
import { apiRoute, jsonResponse } from "@/lib/http/api-route";
import { lookupProfiles } from "@/lib/profiles/lookup-profiles";
import { profileLookupSchema } from "@/lib/profiles/profile-read-schemas";

export const POST = apiRoute({ role: "AGENT" }, async ({ storeId, json }) => {
  const { idType, value } = profileLookupSchema.parse(await json());
  return jsonResponse(await lookupProfiles({ storeId, idType, value }));
});
