import type { Job, Prisma } from "../db/generated/client";
import type { DbClient } from "../db/transaction";
import { newId } from "../ids";
import { nudgeWorkers } from "./nudge-workers";

export type EnqueueJobOptions = {
  storeId: string;
  /** A type some process registered with defineJobHandler (`extraction.run` …). */
  type: string;
  payload: Prisma.InputJsonValue;
  /**
   * Enqueueing the same key twice in a store makes one job, whatever state the first is in (a
   * finished job is not re-run): e.g. `conversation:<id>` for "extract this conversation once".
   */
  dedupeKey?: string;
  /** Not before this time (default: now). */
  runAt?: Date;
  /** Attempts before the job is FAILED (default 5). */
  maxAttempts?: number;
};

export type EnqueueJobResult = { job: Job; created: boolean };

/**
 * Adds a job. Pass the caller's transaction as `db` to make the job part of it ("conversation
 * closed" and "extraction enqueued" commit together, or neither does). A duplicate `dedupeKey` is
 * settled by INSERT … ON CONFLICT DO NOTHING — never a unique violation, which would abort the
 * caller's transaction — and answers the job that already holds the key. Two transactions racing
 * on one key end in one job: the second waits for the first to commit (or roll back) and then
 * sees its row (or inserts its own).
 */
export async function enqueueJob(db: DbClient, { storeId, type, payload, dedupeKey, runAt, maxAttempts = 5 }: EnqueueJobOptions): Promise<EnqueueJobResult> {
  const id = newId("job");
  const now = new Date();
  const inserted = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO "jobs" ("id", "storeId", "type", "payload", "dedupeKey", "status", "attempts", "maxAttempts", "runAt", "createdAt", "updatedAt")
    VALUES (${id}, ${storeId}, ${type}, ${JSON.stringify(payload)}::jsonb, ${dedupeKey ?? null}, 'QUEUED', 0, ${maxAttempts}::int,
            ${runAt ?? now}::timestamp(3), ${now}::timestamp(3), ${now}::timestamp(3))
    ON CONFLICT ("storeId", "dedupeKey") DO NOTHING
    RETURNING "id"`;
  if (inserted.length === 1) {
    nudgeWorkers();
    return { job: await db.job.findUniqueOrThrow({ where: { id } }), created: true };
  }
  // Only a dedupe key can conflict (the id is new), so the key's job exists and is committed.
  const existing = await db.job.findFirstOrThrow({ where: { storeId, dedupeKey: dedupeKey ?? "" } });
  return { job: existing, created: false };
}
