// GET /v1/Stores/{storeId}/Profiles/{profileId}/ConversationSummaries – the profile's summaries, newest first
// POST – add up to 10 summaries (screened by the guard)
import { apiRoute, jsonResponse } from "@/lib/http/api-route";
import { pageMeta } from "@/lib/paging";
import { listSummaries } from "@/lib/summaries/list-summaries";
import { createSummaries } from "@/lib/summaries/create-summaries";
import { summaryCreateSchema, summaryListQuery } from "@/lib/summaries/summary-schemas";

export const GET = apiRoute({ role: "AGENT" }, async ({ storeId, params, query }) => {
  const page = await listSummaries({ storeId, profileId: params.profileId, ...summaryListQuery.parse(query) });
  return jsonResponse({ summaries: page.items, meta: pageMeta("summaries", page) });
});

export const POST = apiRoute({ role: "AGENT" }, async ({ json, storeId, params, caller, requestId }) => {
  const { summaries } = summaryCreateSchema.parse(await json());
  const results = await createSummaries({ storeId, profileId: params.profileId, summaries, actor: caller, requestId });
  return jsonResponse({ message: "Summaries creation accepted", results, summaries: results.flatMap((result) => ("summary" in result ? [result.summary] : [])) }, 202);
});
