// GET/PATCH/DELETE /v1/Stores/{storeId}/Profiles/{profileId}/Observations/{observationId} – read; edit or review (keeps a revision); delete
import { apiRoute, jsonResponse } from "@/lib/http/api-route";
import { getObservation } from "@/lib/observations/get-observation";
import { updateObservation } from "@/lib/observations/update-observation";
import { deleteObservation } from "@/lib/observations/delete-observation";
import { observationPatchSchema } from "@/lib/observations/observation-schemas";

export const GET = apiRoute({ role: "AGENT" }, async ({ storeId, params }) => {
  return jsonResponse(await getObservation({ storeId, profileId: params.profileId, observationId: params.observationId }));
});

export const PATCH = apiRoute({ role: "AGENT" }, async ({ json, storeId, params, caller, requestId }) => {
  const patch = observationPatchSchema.parse(await json());
  const observation = await updateObservation({ storeId, profileId: params.profileId, observationId: params.observationId, patch, actor: caller, requestId });
  return jsonResponse({ message: "Observation update accepted", observation }, 202);
});

export const DELETE = apiRoute({ role: "AGENT" }, async ({ storeId, params, caller, requestId }) => {
  await deleteObservation({ storeId, profileId: params.profileId, observationId: params.observationId, actor: caller, requestId });
  return jsonResponse({ message: "Observation deletion accepted" }, 202);
});
