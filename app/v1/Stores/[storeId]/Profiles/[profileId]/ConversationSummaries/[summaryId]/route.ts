// GET/PATCH/DELETE /v1/Stores/{storeId}/Profiles/{profileId}/ConversationSummaries/{summaryId} – read, edit, delete one summary
import { apiRoute, jsonResponse } from "@/lib/http/api-route";
import { getSummary } from "@/lib/summaries/get-summary";
import { updateSummary } from "@/lib/summaries/update-summary";
import { deleteSummary } from "@/lib/summaries/delete-summary";
import { summaryPatchSchema } from "@/lib/summaries/summary-schemas";

export const GET = apiRoute({ role: "AGENT" }, async ({ storeId, params }) => {
  return jsonResponse(await getSummary({ storeId, profileId: params.profileId, summaryId: params.summaryId }));
});

export const PATCH = apiRoute({ role: "AGENT" }, async ({ json, storeId, params, caller, requestId }) => {
  const patch = summaryPatchSchema.parse(await json());
  const summary = await updateSummary({ storeId, profileId: params.profileId, summaryId: params.summaryId, patch, actor: caller, requestId });
  return jsonResponse({ message: "Conversation summary update accepted", summary }, 202);
});

export const DELETE = apiRoute({ role: "AGENT" }, async ({ storeId, params, caller, requestId }) => {
  await deleteSummary({ storeId, profileId: params.profileId, summaryId: params.summaryId, actor: caller, requestId });
  return jsonResponse({ message: "Conversation summary deletion accepted" }, 202);
});
