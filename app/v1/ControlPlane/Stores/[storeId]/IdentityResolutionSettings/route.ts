// GET/PUT /v1/ControlPlane/Stores/{storeId}/IdentityResolutionSettings – identifier configs + matching rules
import { apiRoute, jsonResponse } from "@/lib/http/api-route";
import { acceptedResponse } from "@/lib/http/accepted";
import { formatEtag, parseIfMatch } from "@/lib/http/etag";
import { getIdentityResolutionSettings } from "@/lib/identity/get-identity-resolution-settings";
import { putIdentityResolutionSettings } from "@/lib/identity/put-identity-resolution-settings";
import { identityResolutionSettingsSchema } from "@/lib/identity/identity-settings-schemas";

// The ETag names the settings by their store: there is one settings resource per store.
const etagOf = (storeId: string, version: number) => formatEtag(`${storeId}/IdentityResolutionSettings`, version);

export const GET = apiRoute({ role: "AGENT" }, async ({ storeId }) => {
  const settings = await getIdentityResolutionSettings({ storeId });
  return jsonResponse(settings, 200, { ETag: etagOf(storeId, settings.version) });
});

export const PUT = apiRoute({ role: "ADMIN" }, async ({ req, storeId, json, caller, requestId }) => {
  const settings = identityResolutionSettingsSchema.parse(await json());
  const expectedVersion = parseIfMatch(req.headers.get("if-match"), `${storeId}/IdentityResolutionSettings`);
  const saved = await putIdentityResolutionSettings({ storeId, settings, expectedVersion, actor: caller, requestId });
  const response = acceptedResponse(req, "Identity Resolution Settings accepted for processing.", requestId, { identityResolutionSettings: saved });
  response.headers.set("ETag", etagOf(storeId, saved.version));
  return response;
});
