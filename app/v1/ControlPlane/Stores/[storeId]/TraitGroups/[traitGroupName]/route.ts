// GET/PATCH/DELETE /v1/ControlPlane/Stores/{storeId}/TraitGroups/{traitGroupName} – one trait group
import { apiRoute, jsonResponse } from "@/lib/http/api-route";
import { acceptedResponse } from "@/lib/http/accepted";
import { formatEtag, parseIfMatch } from "@/lib/http/etag";
import { getTraitGroup } from "@/lib/traits/get-trait-group";
import { updateTraitGroup } from "@/lib/traits/update-trait-group";
import { deleteTraitGroup } from "@/lib/traits/delete-trait-group";
import { traitGroupPatchSchema } from "@/lib/traits/trait-schemas";

const resourceOf = (storeId: string, name: string) => `${storeId}/TraitGroups/${name}`;

export const GET = apiRoute({ role: "AGENT" }, async ({ storeId, params }) => {
  const traitGroup = await getTraitGroup({ storeId, name: params.traitGroupName });
  const meta = { key: "traits", pageSize: Object.keys(traitGroup.traits ?? {}).length };
  return jsonResponse({ traitGroup, meta }, 200, { ETag: formatEtag(resourceOf(storeId, traitGroup.displayName), traitGroup.version) });
});

export const PATCH = apiRoute({ role: "ADMIN" }, async ({ req, storeId, params, json, caller, requestId }) => {
  const patch = traitGroupPatchSchema.parse((await json()) ?? {});
  const expectedVersion = parseIfMatch(req.headers.get("if-match"), resourceOf(storeId, params.traitGroupName));
  const traitGroup = await updateTraitGroup({ storeId, name: params.traitGroupName, patch, expectedVersion, actor: caller, requestId });
  const response = acceptedResponse(req, "TraitGroup update request accepted.", requestId, { traitGroup });
  response.headers.set("ETag", formatEtag(resourceOf(storeId, traitGroup.displayName), traitGroup.version));
  return response;
});

export const DELETE = apiRoute({ role: "ADMIN" }, async ({ req, storeId, params, caller, requestId }) => {
  await deleteTraitGroup({ storeId, name: params.traitGroupName, actor: caller, requestId });
  return acceptedResponse(req, "TraitGroup deletion request accepted.", requestId);
});
