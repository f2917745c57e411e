// GET /v1/Stores/{storeId}/Usage – guard exclusions by category, model usage, the latest extraction runs
import { apiRoute, jsonResponse } from "@/lib/http/api-route";
import { getStoreUsage } from "@/lib/usage/get-store-usage";

export const GET = apiRoute({ role: "SUPERVISOR" }, async ({ storeId }) => jsonResponse(await getStoreUsage({ storeId })));
