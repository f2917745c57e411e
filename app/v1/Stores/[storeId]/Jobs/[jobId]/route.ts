// GET /v1/Stores/{storeId}/Jobs/{jobId} – one job: state, attempts, last error, progress, result
import { apiRoute, jsonResponse } from "@/lib/http/api-route";
import { getJob } from "@/lib/jobs/get-job";

export const GET = apiRoute({ role: "SUPERVISOR" }, async ({ storeId, params }) => {
  return jsonResponse(await getJob({ storeId, jobId: params.jobId }));
});
