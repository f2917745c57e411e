// GET /v1/ControlPlane/Stores – the stores the caller may see; POST – create a store (202 + the store)
import { apiRoute, jsonResponse } from "@/lib/http/api-route";
import { acceptedResponse } from "@/lib/http/accepted";
import { controlPlanePageQuery, pageMeta } from "@/lib/paging";
import { listStores } from "@/lib/stores/list-stores";
import { createStore } from "@/lib/stores/create-store";
import { storeCreateSchema } from "@/lib/stores/store-schemas";

export const GET = apiRoute({ role: "AGENT" }, async ({ query, caller }) => {
  const page = await listStores({ actor: caller, page: controlPlanePageQuery.parse(query) });
  return jsonResponse({ stores: page.items.map((store) => store.id), meta: pageMeta("stores", page) });
});

export const POST = apiRoute({ role: "ADMIN" }, async ({ req, json, caller, requestId }) => {
  const store = await createStore({ input: storeCreateSchema.parse(await json()), actor: caller, requestId });
  return acceptedResponse(req, "Memory Store creation accepted for processing.", requestId, { id: store.id, store });
});
