import type { Job } from "../db/generated/client";
import { getPrisma } from "../db/client";

export type ClaimNextJobOptions = {
  /** Recorded in `lockedBy`; finishing the job later checks it. */
  workerId: string;
  /** The types this worker can run. */
  types: string[];
  now?: Date;
};

/**
 * Takes the oldest due QUEUED job of the given types and marks it RUNNING for this worker
 * (lockedAt, lockedBy, attempts + 1), in one statement. `FOR UPDATE SKIP LOCKED` makes concurrent
 * claimers — other slots of this worker, other workers, other replicas — pass over a row someone
 * is claiming instead of waiting for it, so no two claims ever get the same job. The partial
 * index `jobs_due_idx` keeps this a short index scan however many finished jobs the table holds.
 */
export async function claimNextJob({ workerId, types, now = new Date() }: ClaimNextJobOptions): Promise<Job | null> {
  if (types.length === 0) return null;
  const prisma = await getPrisma();
  const claimed = await prisma.$queryRaw<{ id: string }[]>`
    UPDATE "jobs" SET "status" = 'RUNNING', "lockedAt" = ${now}::timestamp(3), "lockedBy" = ${workerId},
                      "attempts" = "attempts" + 1, "updatedAt" = ${now}::timestamp(3)
    WHERE "id" = (
      SELECT "id" FROM "jobs"
      WHERE "status" = 'QUEUED' AND "runAt" <= ${now}::timestamp(3) AND "type" = ANY(${types}::text[])
      ORDER BY "runAt", "id" LIMIT 1
      FOR UPDATE SKIP LOCKED
    )
    RETURNING "id"`;
  if (claimed.length === 0) return null;
  return prisma.job.findUnique({ where: { id: claimed[0].id } });
}
