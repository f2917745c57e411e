import { getPrisma } from "../db/client";
import type { ObservationStatusCounts } from "./review-queue-views";

export type CountObservationsByStatusOptions = { storeId: string };

/** How many of the store's observations wait for review, were approved, or were rejected. */
export async function countObservationsByStatus({ storeId }: CountObservationsByStatusOptions): Promise<ObservationStatusCounts> {
  const prisma = await getPrisma();
  const groups = await prisma.observation.groupBy({ by: ["status"], where: { storeId }, _count: { _all: true } });
  const counts: ObservationStatusCounts = { PENDING: 0, APPROVED: 0, REJECTED: 0 };
  for (const group of groups) counts[group.status] = group._count._all;
  return counts;
}
