// GET /v1/Stores/{storeId}/Profiles/{profileId}/Observations/{observationId}/Revisions – every state it has been in, newest first
import { apiRoute, jsonResponse } from "@/lib/http/api-route";
import { pageMeta } from "@/lib/paging";
import { listObservationRevisions } from "@/lib/observations/list-observation-revisions";
import { observationRevisionListQuery } from "@/lib/observations/observation-schemas";

export const GET = apiRoute({ role: "AGENT" }, async ({ storeId, params, query }) => {
  const page = await listObservationRevisions({ storeId, profileId: params.profileId, observationId: params.observationId, ...observationRevisionListQuery.parse(query) });
  return jsonResponse({ revisions: page.items, meta: pageMeta("revisions", page) });
});
