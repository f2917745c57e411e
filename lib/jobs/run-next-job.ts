import type { Prisma } from "../db/generated/client";
import { getPrisma } from "../db/client";
import { claimNextJob } from "./claim-next-job";
import { findJobHandler, PermanentJobError, type JobProgress } from "./define-job-handler";
import { defaultRetryBackoff, retryDelayMs, type RetryBackoff } from "./retry-delay";

export type RunNextJobOptions = {
  workerId: string;
  types: string[];
  backoff?: RetryBackoff;
  /** How often the lock is renewed while the handler runs (keep well under the visibility timeout). */
  heartbeatMs?: number;
  /** Jitter source for the retry delay (tests pin it). */
  random?: () => number;
};

/**
 * What became of the attempt: SUCCEEDED, QUEUED again for a retry, FAILED for good, or LOST when
 * the job was no longer ours to finish (it outlived the visibility timeout and was handed on).
 */
export type JobOutcome = { jobId: string; type: string; status: "SUCCEEDED" | "QUEUED" | "FAILED" | "LOST"; error?: string };

const MAX_ERROR_LENGTH = 2_000;

function describeError(error: unknown): string {
  const text = error instanceof Error ? (error.name && error.name !== "Error" ? `${error.name}: ${error.message}` : error.message) : String(error);
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…` : text;
}

function toJson(value: unknown): Prisma.InputJsonValue | undefined {
  return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue);
}

/**
 * Claims one due job and runs it to an outcome: the handler's payload schema first (an invalid
 * payload can never succeed, so it fails at once), then the handler, with the lock renewed every
 * `heartbeatMs` so a long job is not mistaken for a dead worker's. Every final write is fenced on
 * (id, RUNNING, lockedBy, attempts): a worker whose job was reclaimed cannot overwrite the state
 * the next attempt wrote. Returns null when nothing was due.
 */
export async function runNextJob({ workerId, types, backoff = defaultRetryBackoff, heartbeatMs = 30_000, random }: RunNextJobOptions): Promise<JobOutcome | null> {
  const job = await claimNextJob({ workerId, types });
  if (!job) return null;
  const prisma = await getPrisma();
  const ours: Prisma.JobWhereInput = { id: job.id, status: "RUNNING", lockedBy: workerId, attempts: job.attempts };
  const finish = async (status: JobOutcome["status"], data: Prisma.JobUpdateManyMutationInput, error?: string): Promise<JobOutcome> => {
    const { count } = await prisma.job.updateMany({ where: ours, data: { ...data, lockedAt: null, lockedBy: null } });
    if (count === 0) console.warn(`[jobs] ${job.type} ${job.id}: no longer held by ${workerId} (reclaimed after the visibility timeout); its outcome is dropped`);
    return { jobId: job.id, type: job.type, status: count === 0 ? "LOST" : status, ...(error ? { error } : {}) };
  };
  const fail = (error: string) => finish("FAILED", { status: "FAILED", lastError: error, finishedAt: new Date() }, error);

  const handler = findJobHandler(job.type);
  if (!handler) return fail(`No handler is registered for job type "${job.type}" in worker ${workerId}`);
  const parsed = handler.payloadSchema.safeParse(job.payload);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join(".") || "(payload)"}: ${issue.message}`).join("; ");
    return fail(`Invalid payload: ${issues}`);
  }

  const heartbeat = setInterval(() => {
    prisma.job.updateMany({ where: ours, data: { lockedAt: new Date() } }).catch((error: unknown) => console.error(`[jobs] heartbeat for ${job.id} failed`, error));
  }, heartbeatMs);
  heartbeat.unref();
  try {
    const result = await handler.run({
      jobId: job.id,
      storeId: job.storeId,
      payload: parsed.data,
      attempt: job.attempts,
      reportProgress: async ({ done, total }: JobProgress) => {
        await prisma.job.updateMany({ where: ours, data: { progress: { done, total }, lockedAt: new Date() } });
      },
    });
    return await finish("SUCCEEDED", { status: "SUCCEEDED", result: toJson(result), lastError: null, finishedAt: new Date() });
  } catch (error) {
    const message = describeError(error);
    if (error instanceof PermanentJobError || job.attempts >= job.maxAttempts) return await fail(message);
    const runAt = new Date(Date.now() + retryDelayMs(job.attempts, backoff, random));
    return await finish("QUEUED", { status: "QUEUED", runAt, lastError: message }, message);
  } finally {
    clearInterval(heartbeat);
  }
}
