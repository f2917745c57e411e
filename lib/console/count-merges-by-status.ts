import { getPrisma } from "../db/client";
import type { MergeStatus } from "../db/generated/enums";

export type MergeStatusCounts = Record<MergeStatus, number>;

export type CountMergesByStatusOptions = { storeId: string };

/** How many of the store's merges are waiting, applied, rejected and undone (the merge queue's tabs). */
export async function countMergesByStatus({ storeId }: CountMergesByStatusOptions): Promise<MergeStatusCounts> {
  const prisma = await getPrisma();
  const rows = await prisma.merge.groupBy({ by: ["status"], where: { storeId }, _count: { _all: true } });
  const counts: MergeStatusCounts = { PENDING: 0, APPLIED: 0, REJECTED: 0, UNDONE: 0 };
  for (const row of rows) counts[row.status] = row._count._all;
  return counts;
}
