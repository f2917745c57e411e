import { getPrisma } from "../db/client";

export type RequeueStaleJobsOptions = {
  /** A RUNNING job whose lock is older than this belongs to a worker that died. */
  visibilityTimeoutMs: number;
  now?: Date;
};

export type RequeueStaleJobsResult = { requeued: number; failed: number };

/**
 * Gives the jobs of crashed workers back: RUNNING jobs whose `lockedAt` (claim time, renewed by
 * the worker's heartbeat while the handler runs) is older than the visibility timeout return to
 * QUEUED — or become FAILED when that attempt was their last, so a job that kills its worker every
 * time cannot loop forever. Any worker may run this; SKIP LOCKED keeps two sweeps apart.
 */
export async function requeueStaleJobs({ visibilityTimeoutMs, now = new Date() }: RequeueStaleJobsOptions): Promise<RequeueStaleJobsResult> {
  const prisma = await getPrisma();
  const cutoff = new Date(now.getTime() - visibilityTimeoutMs);
  const rows = await prisma.$queryRaw<{ status: string }[]>`
    WITH stale AS (
      SELECT "id" FROM "jobs" WHERE "status" = 'RUNNING' AND "lockedAt" < ${cutoff}::timestamp(3)
      FOR UPDATE SKIP LOCKED
    )
    UPDATE "jobs" AS j SET
      "status" = CASE WHEN j."attempts" >= j."maxAttempts" THEN 'FAILED'::"JobStatus" ELSE 'QUEUED'::"JobStatus" END,
      "lastError" = 'Worker ' || COALESCE(j."lockedBy", '?') || ' stopped responding during attempt ' || j."attempts",
      "finishedAt" = CASE WHEN j."attempts" >= j."maxAttempts" THEN ${now}::timestamp(3) ELSE NULL END,
      "runAt" = ${now}::timestamp(3), "lockedAt" = NULL, "lockedBy" = NULL, "updatedAt" = ${now}::timestamp(3)
    FROM stale WHERE j."id" = stale."id"
    RETURNING j."status"::text AS "status"`;
  return { requeued: rows.filter((row) => row.status === "QUEUED").length, failed: rows.filter((row) => row.status === "FAILED").length };
}
