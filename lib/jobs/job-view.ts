import type { Job } from "../db/generated/client";
import type { JobStatus } from "../db/generated/enums";

/** A job as the Jobs API shows it (the lock owner is left out: it names hosts and pids). */
export type JobView = {
  id: string;
  storeId: string | null;
  type: string;
  status: JobStatus;
  payload: unknown;
  dedupeKey: string | null;
  attempts: number;
  maxAttempts: number;
  runAt: Date;
  lastError: string | null;
  progress: unknown;
  result: unknown;
  createdAt: Date;
  updatedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
};

export function toJobView(job: Job): JobView {
  return {
    id: job.id,
    storeId: job.storeId,
    type: job.type,
    status: job.status,
    payload: job.payload,
    dedupeKey: job.dedupeKey,
    attempts: job.attempts,
    maxAttempts: job.maxAttempts,
    runAt: job.runAt,
    lastError: job.lastError,
    progress: job.progress ?? null,
    result: job.result ?? null,
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
    startedAt: job.status === "RUNNING" ? job.lockedAt : null,
    finishedAt: job.finishedAt,
  };
}
