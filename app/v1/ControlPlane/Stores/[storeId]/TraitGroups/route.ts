// GET/POST /v1/ControlPlane/Stores/{storeId}/TraitGroups – the store's trait schema
import { apiRoute, jsonResponse } from "@/lib/http/api-route";
import { acceptedResponse } from "@/lib/http/accepted";
import { pageMeta } from "@/lib/paging";
import { listTraitGroups } from "@/lib/traits/list-trait-groups";
import { createTraitGroup } from "@/lib/traits/create-trait-group";
import { traitGroupCreateSchema, traitGroupListQuery } from "@/lib/traits/trait-schemas";

export const GET = apiRoute({ role: "AGENT" }, async ({ storeId, query }) => {
  const { includeTraits, ...page } = traitGroupListQuery.parse(query);
  const groups = await listTraitGroups({ storeId, page, includeTraits });
  return jsonResponse({ traitGroups: groups.items, meta: pageMeta("traitGroups", groups) });
});

export const POST = apiRoute({ role: "ADMIN" }, async ({ req, storeId, json, caller, requestId }) => {
  const traitGroup = await createTraitGroup({ storeId, input: traitGroupCreateSchema.parse(await json()), actor: caller, requestId });
  return acceptedResponse(req, "TraitGroup creation request accepted.", requestId, { traitGroup });
});
