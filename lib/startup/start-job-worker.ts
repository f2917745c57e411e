import { getDatabase } from "../db/client";
import { requeueStaleJobs } from "../jobs/requeue-stale-jobs";
import { newWorkerId, runWorker, type RunWorkerOptions } from "../jobs/run-worker";

/**
 * The modules that define job handlers (defineJobHandler runs when they load). A worker claims
 * only the types registered in its process, so a new job type is added here as well — for
 * example `() => import("../extraction/extraction-job")`.
 */
const jobHandlerModules: Array<() => Promise<unknown>> = [() => import("../extraction/extraction-job"), () => import("../embeddings/embeddings-job")];

export async function loadJobHandlers(): Promise<void> {
  await Promise.all(jobHandlerModules.map((load) => load()));
}

export type StartedJobWorker = { workerId: string; stop(): Promise<void> };

// Started workers, so the shutdown handler can let them finish their current jobs.
const holder = globalThis as unknown as { kithJobWorkers?: Set<StartedJobWorker> };
const started = (holder.kithJobWorkers ??= new Set());

/**
 * Starts a job worker in this process (the server's, or `npm run worker`'s). With the embedded
 * database this process is the only one that can run jobs, so whatever is still RUNNING was left by
 * an earlier run of it that was killed: those jobs go back to the queue at once instead of after
 * the visibility timeout.
 */
export async function startJobWorker(options: Omit<RunWorkerOptions, "signal"> = {}): Promise<StartedJobWorker> {
  await loadJobHandlers();
  const database = await getDatabase();
  if (database.kind === "embedded") await requeueStaleJobs({ visibilityTimeoutMs: 0 });
  // A worker that runs every type re-embeds what lacks a vector of the current model (a model change).
  if (!options.types) await import("../embeddings/embeddings-job").then((module) => module.enqueueStaleEmbeddingJobs()).catch((error: unknown) => console.error("[embeddings] stale check failed", error));
  const workerId = options.workerId ?? newWorkerId();
  const controller = new AbortController();
  const running = runWorker({ ...options, workerId, signal: controller.signal });
  const worker: StartedJobWorker = {
    workerId,
    stop: async () => {
      controller.abort();
      await running;
      started.delete(worker);
    },
  };
  started.add(worker);
  return worker;
}

/** Stops every worker of this process; resolves when their current jobs have finished. */
export async function stopJobWorkers(): Promise<void> {
  await Promise.all([...started].map((worker) => worker.stop()));
}
