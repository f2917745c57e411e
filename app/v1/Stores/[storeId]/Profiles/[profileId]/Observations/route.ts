// GET /v1/Stores/{storeId}/Profiles/{profileId}/Observations – the profile's observations, newest first, filtered
// POST – add up to 10 observations: screened by the guard, reconciled with the profile's observations
import { apiRoute, jsonResponse } from "@/lib/http/api-route";
import { pageMeta } from "@/lib/paging";
import { listObservations } from "@/lib/observations/list-observations";
import { createObservations } from "@/lib/observations/create-observations";
import { observationCreateSchema, observationListQuery } from "@/lib/observations/observation-schemas";

export const GET = apiRoute({ role: "AGENT" }, async ({ storeId, params, query }) => {
  const page = await listObservations({ storeId, profileId: params.profileId, ...observationListQuery.parse(query) });
  return jsonResponse({ observations: page.items, meta: pageMeta("observations", page) });
});

// Twilio answers 202 and stores later; Kith has stored (or excluded) each one before it answers.
export const POST = apiRoute({ role: "AGENT" }, async ({ json, storeId, params, caller, requestId }) => {
  const { observations } = observationCreateSchema.parse(await json());
  const results = await createObservations({ storeId, profileId: params.profileId, observations, actor: caller, requestId });
  return jsonResponse({ message: "Observations creation accepted", results, observations: results.flatMap((result) => ("observation" in result ? [result.observation] : [])) }, 202);
});
