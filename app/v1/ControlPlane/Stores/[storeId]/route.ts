// GET/PATCH/DELETE /v1/ControlPlane/Stores/{storeId} – one store (ETag / If-Match on PATCH)
import { apiRoute, jsonResponse } from "@/lib/http/api-route";
import { acceptedResponse } from "@/lib/http/accepted";
import { formatEtag, parseIfMatch } from "@/lib/http/etag";
import { getStoreOrThrow } from "@/lib/stores/get-store";
import { updateStore } from "@/lib/stores/update-store";
import { deleteStore } from "@/lib/stores/delete-store";
import { storePatchSchema } from "@/lib/stores/store-schemas";

export const GET = apiRoute({ role: "AGENT" }, async ({ storeId, caller }) => {
  const store = await getStoreOrThrow({ storeId, actor: caller });
  return jsonResponse(store, 200, { ETag: formatEtag(store.id, store.version) });
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
