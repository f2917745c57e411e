// PUT /v1/Stores/{storeId}/Profiles/Bulk – up to 1,000 profiles, each resolved like a create (10 MiB)
import { apiRoute, jsonResponse } from "@/lib/http/api-route";
import { BULK_BODY_LIMIT } from "@/lib/http/read-body";
import { bulkUpsertProfiles } from "@/lib/profiles/bulk-upsert-profiles";
import { profileBulkSchema } from "@/lib/profiles/profile-write-schemas";

export const PUT = apiRoute({ role: "AGENT", maxBodyBytes: BULK_BODY_LIMIT }, async ({ json, storeId, caller, requestId }) => {
  const { profiles } = profileBulkSchema.parse(await json());
  const results = await bulkUpsertProfiles({ storeId, profiles, actor: caller, requestId });
  return jsonResponse({ message: "Profile batch accepted for processing.", results }, 202);
});
