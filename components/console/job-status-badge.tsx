import { Badge } from "@/components/ui/badge";
import type { JobStatusCounts } from "@/lib/jobs/count-jobs-by-status";

/**
 * The store's background work at a glance (header): jobs waiting or running, and failed ones in
 * red. Nothing when there is nothing to say. Details: GET /v1/Stores/{storeId}/Jobs.
 */
export function JobStatusBadge({ counts }: { counts: JobStatusCounts }) {
  const pending = counts.QUEUED + counts.RUNNING;
  if (pending === 0 && counts.FAILED === 0) return null;
  const parts = [counts.RUNNING ? `${counts.RUNNING} running` : null, counts.QUEUED ? `${counts.QUEUED} queued` : null, counts.FAILED ? `${counts.FAILED} failed` : null].filter(Boolean);
  return (
    <span data-testid="job-status-badge" title={`Background jobs in this store: ${parts.join(", ")}`}>
      <Badge tone={counts.FAILED ? "red" : "amber"}>Jobs: {parts.join(" · ")}</Badge>
    </span>
  );
}
