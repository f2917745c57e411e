// GET /v1/Stores/{storeId}/Profiles/{profileId}/Identifiers/{idType} – one type's values, oldest first
// PATCH – replace oldValue by newValue; DELETE – remove all, one named value, or one by limit policy
import { apiRoute, jsonResponse } from "@/lib/http/api-route";
import { getProfileIdentifierSet } from "@/lib/profiles/get-profile-identifier-set";
import { replaceProfileIdentifier } from "@/lib/profiles/replace-profile-identifier";
import { removeProfileIdentifiers } from "@/lib/profiles/remove-profile-identifiers";
import { identifierDeleteQuery, identifierUpdateSchema } from "@/lib/profiles/profile-write-schemas";
import { identifierWriteResponse } from "@/lib/http/identifier-write-response";
import { AppError } from "@/lib/errors";

export const GET = apiRoute({ role: "AGENT" }, async ({ storeId, params }) => {
  return jsonResponse(await getProfileIdentifierSet({ storeId, profileId: params.profileId, idType: params.idType }));
});

export const PATCH = apiRoute({ role: "AGENT" }, async ({ json, storeId, params, caller, requestId }) => {
  const { idType, oldValue, newValue } = identifierUpdateSchema.parse(await json());
  if (idType !== params.idType) throw new AppError("bad_request", "idType in the body must match the path", { details: [{ path: "idType", message: `expected "${params.idType}"` }] });
  const result = await replaceProfileIdentifier({ storeId, profileId: params.profileId, idType, oldValue, newValue, actor: caller, requestId });
  return identifierWriteResponse(result, "Identifier update accepted.");
});

export const DELETE = apiRoute({ role: "AGENT" }, async ({ storeId, params, query, caller, requestId }) => {
  const { removeAll, value } = identifierDeleteQuery.parse(query);
  const removed = await removeProfileIdentifiers({ storeId, profileId: params.profileId, idType: params.idType, removeAll, value, actor: caller, requestId });
  return jsonResponse({ message: "Identifier removal accepted.", idType: params.idType, removed }, 202);
});
