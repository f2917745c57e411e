// GET /v1/Stores/{storeId}/Profiles/{profileId}/Identifiers – the profile's identifiers by type
// POST – add one value through identity resolution (it may merge, or be refused: 409)
import { apiRoute, jsonResponse } from "@/lib/http/api-route";
import { listProfileIdentifiers } from "@/lib/profiles/list-profile-identifiers";
import { addProfileIdentifier } from "@/lib/profiles/add-profile-identifier";
import { identifierCreateSchema } from "@/lib/profiles/profile-write-schemas";
import { identifierWriteResponse } from "@/lib/http/identifier-write-response";

export const GET = apiRoute({ role: "AGENT" }, async ({ storeId, params }) => {
  const identifiers = await listProfileIdentifiers({ storeId, profileId: params.profileId });
  return jsonResponse({ identifiers });
});

export const POST = apiRoute({ role: "AGENT" }, async ({ json, storeId, params, caller, requestId }) => {
  const { idType, value } = identifierCreateSchema.parse(await json());
  const result = await addProfileIdentifier({ storeId, profileId: params.profileId, idType, value, actor: caller, requestId });
  return identifierWriteResponse(result, "Identifier accepted for processing.");
});
