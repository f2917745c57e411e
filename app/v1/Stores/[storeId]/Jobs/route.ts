// GET /v1/Stores/{storeId}/Jobs – the store's background jobs, newest first; filter by status, type
import { apiRoute, jsonResponse } from "@/lib/http/api-route";
import { pageMeta } from "@/lib/paging";
import { jobListQuery } from "@/lib/jobs/job-schemas";
import { listJobs } from "@/lib/jobs/list-jobs";

export const GET = apiRoute({ role: "SUPERVISOR" }, async ({ storeId, query }) => {
  const { status, type, ...page } = jobListQuery.parse(query);
  const jobs = await listJobs({ storeId, page, filters: { status, type } });
  return jsonResponse({ jobs: jobs.items, meta: pageMeta("jobs", jobs) });
});
