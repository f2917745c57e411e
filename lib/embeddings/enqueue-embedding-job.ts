import { sqlTimestamp } from "../db/sql-values";
import type { DbClient } from "../db/transaction";
import { newId } from "../ids";

export const EMBEDDING_JOB_TYPE = "embeddings.run";

/** The one QUEUED embedding job of a store holds this key; the job clears it when it starts. */
export const EMBEDDING_JOB_DEDUPE_KEY = "embeddings";

/**
 * Writes within this window share one job (and the job starts after the writes that enqueued it
 * have committed: a transaction that found the job queued commits well before the job looks).
 */
export const EMBEDDING_JOB_DELAY_MS = 1_000;

/**
 * Asks for the store's new or changed rows to be embedded, in the caller's transaction: one
 * statement, `INSERT … ON CONFLICT DO NOTHING` on the store's QUEUED embedding job, so the ingest
 * hot path pays one cheap insert-or-nothing per request. The job finds its rows itself (every row
 * without a vector of the current model), so it needs no payload and a hundred writes make one job.
 */
export async function enqueueEmbeddingJob(db: DbClient, storeId: string, { delayMs = EMBEDDING_JOB_DELAY_MS }: { delayMs?: number } = {}): Promise<void> {
  const now = Date.now();
  await db.$executeRaw`
    INSERT INTO "jobs" ("id", "storeId", "type", "payload", "dedupeKey", "status", "attempts", "maxAttempts", "runAt", "createdAt", "updatedAt")
    VALUES (${newId("job")}, ${storeId}, ${EMBEDDING_JOB_TYPE}, '{}'::jsonb, ${EMBEDDING_JOB_DEDUPE_KEY}, 'QUEUED', 0, 10,
            ${sqlTimestamp(new Date(now + delayMs))}, ${sqlTimestamp(new Date(now))}, ${sqlTimestamp(new Date(now))})
    ON CONFLICT ("storeId", "dedupeKey") DO NOTHING`;
}
