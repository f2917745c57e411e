// GET /v1/Stores/{storeId}/Merges – merge queue and history (filter by status, profileId)
import { apiRoute, jsonResponse } from "@/lib/http/api-route";
import { pageMeta } from "@/lib/paging";
import { listMerges } from "@/lib/merges/list-merges";
import { mergeListQuery } from "@/lib/merges/merge-schemas";

export const GET = apiRoute({ role: "SUPERVISOR" }, async ({ storeId, query }) => {
  const { status, profileId, ...page } = mergeListQuery.parse(query);
  const merges = await listMerges({ storeId, page, status, profileId });
  return jsonResponse({ merges: merges.items, meta: pageMeta("merges", merges) });
});
