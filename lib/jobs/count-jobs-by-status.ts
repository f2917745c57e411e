import type { JobStatus } from "../db/generated/enums";
import { getPrisma } from "../db/client";

export type JobStatusCounts = Record<JobStatus, number>;

/** How many of the store's jobs are in each state: the console's job badge. */
export async function countJobsByStatus(storeId: string): Promise<JobStatusCounts> {
  const prisma = await getPrisma();
  const groups = await prisma.job.groupBy({ by: ["status"], where: { storeId }, _count: { _all: true } });
  const counts: JobStatusCounts = { QUEUED: 0, RUNNING: 0, SUCCEEDED: 0, FAILED: 0 };
  for (const group of groups) counts[group.status] = group._count._all;
  return counts;
}
