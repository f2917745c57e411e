// GET/PATCH/DELETE /v1/ControlPlane/Stores/{storeId} – one store (ETag / If-Match on PATCH)
import { apiRoute, jsonResponse } from "@/lib/http/api-route";
import { acceptedResponse } from "@/lib/http/accepted";
import { formatEtag, parseIfMatch } from "@/lib/http/etag";
import { toStoreView } from "@/lib/stores/store-view";
import { updateStore } from "@/lib/stores/update-store";
import { deleteStore } from "@/lib/stores/delete-store";
import { storePatchSchema } from "@/lib/stores/store-schemas";

// apiRoute has already loaded the store (and checked the caller may see it): no second read.
export const GET = apiRoute({ role: "AGENT" }, async ({ store }) => {
  const view = toStoreView(store!);
  return jsonResponse(view, 200, { ETag: formatEtag(view.id, view.version) });
});

export const PATCH = apiRoute({ role: "ADMIN" }, async ({ req, storeId, json, caller, requestId }) => {
  const patch = storePatchSchema.parse((await json()) ?? {});
  const expectedVersion = parseIfMatch(req.headers.get("if-match"), storeId);
  const store = await updateStore({ storeId, patch, expectedVersion, actor: caller, requestId });
  const response = acceptedResponse(req, "Memory Store update request accepted for processing.", requestId, { store });
  response.headers.set("ETag", formatEtag(store.id, store.version));
  return response;
});

export const DELETE = apiRoute({ role: "ADMIN" }, async ({ req, storeId, caller, requestId }) => {
  await deleteStore({ storeId, actor: caller, requestId });
  return acceptedResponse(req, "Memory Store deletion request accepted for processing.", requestId, { id: storeId });
});
