import type { Tx } from "../db/transaction";

/**
 * Serialises every write that carries one of these communication `resourceId`s: transaction-scoped
 * advisory locks, taken in sorted order (so two writers never deadlock on them) and always before
 * identity resolution's identifier locks. Two deliveries of one conversation therefore run one
 * after the other, and the second finds the first's communications instead of creating a twin.
 * The unique index on (storeId, resourceId) stays the backstop: a violation is retried.
 */
export async function lockResourceIds(tx: Tx, storeId: string, resourceIds: Iterable<string>): Promise<void> {
  const keys = [...new Set([...resourceIds].map((resourceId) => `${storeId}/communication/${resourceId}`))].sort();
  if (keys.length === 0) return;
  // One round trip for up to 1,000 keys; the subquery fixes the order the locks are taken in.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(key, 0)) FROM (SELECT unnest(${keys}::text[]) AS key ORDER BY 1) AS ordered`;
}
