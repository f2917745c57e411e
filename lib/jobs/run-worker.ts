import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { registeredJobTypes } from "./define-job-handler";
import { requeueStaleJobs } from "./requeue-stale-jobs";
import { runNextJob, type JobOutcome } from "./run-next-job";
import type { RetryBackoff } from "./retry-delay";
import { onWorkerNudge } from "./nudge-workers";

export type RunWorkerOptions = {
  /** Names this worker in `lockedBy` (default: host:pid:random). */
  workerId?: string;
  /** Aborting stops claiming; jobs already running are finished first, then runWorker resolves. */
  signal: AbortSignal;
  /** How long an idle slot waits before looking for due jobs again (default 1 s). */
  pollIntervalMs?: number;
  /** Jobs run at once by this worker (default 2). */
  concurrency?: number;
  /** The types to run (default: every type registered in this process, read at each claim). */
  types?: string[];
  backoff?: RetryBackoff;
  /** A RUNNING job unrenewed for this long is a dead worker's and is queued again (default 2 min). */
  visibilityTimeoutMs?: number;
  random?: () => number;
  /** Called after every attempt (tests and logs). */
  onOutcome?: (outcome: JobOutcome) => void;
};

export function newWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
}

/** Resolves after `ms`, or at once when the signal aborts (or, with `wakeOnNudge`, when a job was enqueued in this process). */
function pause(ms: number, signal: AbortSignal, wakeOnNudge = false): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      stopListening();
      resolve();
    };
    const timer = setTimeout(done, ms);
    const stopListening = wakeOnNudge ? onWorkerNudge(done) : () => undefined;
    signal.addEventListener("abort", done, { once: true });
  });
}

/**
 * The worker loop: `concurrency` slots, each claiming and running one job at a time, idling
 * `pollIntervalMs` when nothing is due; beside them, a sweep that re-queues dead workers' jobs
 * every half visibility timeout. Errors (a database restart, say) are logged and retried after a
 * pause, never thrown. Several workers — in one process or many, on PostgreSQL — cooperate through
 * the jobs table alone.
 */
export async function runWorker(options: RunWorkerOptions): Promise<void> {
  const { signal, pollIntervalMs = 1_000, concurrency = 2, backoff, random, onOutcome } = options;
  const workerId = options.workerId ?? newWorkerId();
  const visibilityTimeoutMs = options.visibilityTimeoutMs ?? 120_000;
  const heartbeatMs = Math.max(10, Math.floor(visibilityTimeoutMs / 4));

  const slot = async () => {
    while (!signal.aborted) {
      let outcome: JobOutcome | null = null;
      try {
        outcome = await runNextJob({ workerId, types: options.types ?? registeredJobTypes(), backoff, heartbeatMs, random });
      } catch (error) {
        console.error(`[jobs] worker ${workerId} could not claim or finish a job`, error);
      }
      if (outcome) {
        if (outcome.status === "FAILED") console.error(`[jobs] ${outcome.type} ${outcome.jobId} FAILED: ${outcome.error}`);
        onOutcome?.(outcome);
      } else await pause(pollIntervalMs, signal, true);
    }
  };
  const sweep = async () => {
    while (!signal.aborted) {
      try {
        const { requeued, failed } = await requeueStaleJobs({ visibilityTimeoutMs });
        if (requeued + failed > 0) console.warn(`[jobs] took back ${requeued + failed} job(s) of workers that stopped responding (${failed} had no attempts left)`);
      } catch (error) {
        console.error(`[jobs] stale-job sweep failed`, error);
      }
      await pause(Math.max(pollIntervalMs, visibilityTimeoutMs / 2), signal);
    }
  };
  await Promise.all([sweep(), ...Array.from({ length: Math.max(1, concurrency) }, slot)]);
}
