// GET /v1/ControlPlane/Operations/{operationId} – status of a control-plane write (always COMPLETED)
import { apiRoute, jsonResponse } from "@/lib/http/api-route";
import { getOperation } from "@/lib/audit/get-operation";

export const GET = apiRoute({ role: "AGENT" }, async ({ req, params, caller }) => {
  const operation = await getOperation({ operationId: params.operationId, actor: caller });
  const statusUrl = new URL(req.url).toString();
  return jsonResponse({ ...operation, statusUrl }, 200, { "Operation-Id": operation.operationId, "Retry-After": "0" });
});
