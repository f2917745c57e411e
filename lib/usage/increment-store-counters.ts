import type { DbClient } from "../db/transaction";

/**
 * Adds to per-store counters (`guard.excluded.HEALTH`, `llm.promptTokens` …) in one statement,
 * atomically (concurrent jobs add, never overwrite). Zero increments are skipped.
 */
export async function incrementStoreCounters(db: DbClient, storeId: string, increments: Record<string, number>): Promise<void> {
  const entries = Object.entries(increments).filter(([, value]) => value !== 0);
  if (entries.length === 0) return;
  const names = entries.map(([name]) => name);
  const values = entries.map(([, value]) => Math.round(value));
  await db.$executeRaw`
    INSERT INTO "store_counters" ("storeId", "name", "value", "updatedAt")
    SELECT ${storeId}, name, value, now() AT TIME ZONE 'UTC'
    FROM unnest(${names}::text[], ${values}::bigint[]) AS t(name, value)
    ON CONFLICT ("storeId", "name") DO UPDATE SET "value" = "store_counters"."value" + EXCLUDED."value", "updatedAt" = EXCLUDED."updatedAt"`;
}
