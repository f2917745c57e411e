import { getPrisma } from "../db/client";

export type ListStoreCountersOptions = { storeId: string; prefix?: string };

/** The store's counters as numbers, by name (`guard.excluded.HEALTH: 3`). */
export async function listStoreCounters({ storeId, prefix }: ListStoreCountersOptions): Promise<Record<string, number>> {
  const prisma = await getPrisma();
  const rows = await prisma.storeCounter.findMany({ where: { storeId, ...(prefix ? { name: { startsWith: prefix } } : {}) }, orderBy: { name: "asc" } });
  return Object.fromEntries(rows.map((row) => [row.name, Number(row.value)]));
}
