import type { z } from "zod";

export type JobProgress = { done: number; total: number };

/** What a handler gets for one attempt of one job. */
export type JobContext<Payload> = {
  jobId: string;
  /** The store the job belongs to (null for a job that belongs to no store). */
  storeId: string | null;
  /** The payload, parsed by the handler's schema. */
  payload: Payload;
  /** 1 on the first attempt, 2 on the first retry … */
  attempt: number;
  /** Stores `{ done, total }` on the job (shown by the Jobs API); also proves the worker is alive. */
  reportProgress(progress: JobProgress): Promise<void>;
};

/**
 * A job type's handler. THE CONTRACT: delivery is at least once. A job can run again after it
 * did its work — the worker crashed before marking it done, it outlived the visibility timeout,
 * the database hiccupped on the final update — so `run` must be idempotent: running the same job
 * twice must store nothing twice (upsert by a natural key, check-then-write inside one
 * transaction, dedupe keys on what it enqueues). There is deliberately no transaction around
 * `run`: a handler opens the short transactions it needs, rather than holding one open for the
 * length of an LLM call. Throwing retries the job with backoff; `PermanentJobError` fails it at once.
 * What `run` returns (JSON) is stored as the job's `result`.
 */
export type JobHandler<Schema extends z.ZodType = z.ZodType> = {
  type: string;
  payloadSchema: Schema;
  run(context: JobContext<z.infer<Schema>>): Promise<unknown>;
};

/** Thrown by a handler when retrying cannot help (the input can never succeed): the job fails now. */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PermanentJobError";
  }
}

// One registry per process, shared by every module copy Next's bundler makes (hence globalThis).
const holder = globalThis as unknown as { kithJobHandlers?: Map<string, JobHandler> };
const handlers = (holder.kithJobHandlers ??= new Map());

/**
 * Registers the handler for a job type (once per process; defining a type again replaces it, as
 * happens when a module is loaded twice). Workers claim only the types registered here.
 */
export function defineJobHandler<Schema extends z.ZodType>(type: string, definition: Omit<JobHandler<Schema>, "type">): JobHandler<Schema> {
  const handler: JobHandler<Schema> = { type, ...definition };
  handlers.set(type, handler as unknown as JobHandler);
  return handler;
}

export function findJobHandler(type: string): JobHandler | undefined {
  return handlers.get(type);
}

export function registeredJobTypes(): string[] {
  return [...handlers.keys()].sort();
}
