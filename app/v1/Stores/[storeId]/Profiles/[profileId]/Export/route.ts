// GET /v1/Stores/{storeId}/Profiles/{profileId}/Export – everything held about one person (right of access)
import { apiRoute, jsonResponse } from "@/lib/http/api-route";
import { exportProfile } from "@/lib/profiles/export-profile";

export const GET = apiRoute({ role: "ADMIN" }, async ({ storeId, params, caller, requestId }) => {
  const document = await exportProfile({ storeId, profileId: params.profileId, actor: caller, requestId });
  return jsonResponse(document, 200, { "Canonical-Profile-Id": document.profile.id, "Content-Disposition": `attachment; filename="${document.profile.id}.json"` });
});
