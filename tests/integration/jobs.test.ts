import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { getDatabase, getPrisma } from "@/lib/db/client";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import { claimNextJob } from "@/lib/jobs/claim-next-job";
import { defineJobHandler, PermanentJobError } from "@/lib/jobs/define-job-handler";
import { runNextJob, type JobOutcome } from "@/lib/jobs/run-next-job";
import { runWorker, type RunWorkerOptions } from "@/lib/jobs/run-worker";
import { requeueStaleJobs } from "@/lib/jobs/requeue-stale-jobs";
import { countJobsByStatus } from "@/lib/jobs/count-jobs-by-status";
import { startJobWorker } from "@/lib/startup/start-job-worker";
import { callApi } from "../helpers/call-api";
import { createTestKey, createTestStore } from "../helpers/test-actors";

// Test-only job types: real handlers run by the real worker loop against the real database.
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const runs: { type: string; jobId: string; attempt: number }[] = [];

defineJobHandler("test.echo", {
  payloadSchema: z.object({ message: z.string(), delayMs: z.number().int().min(0).default(0) }),
  async run({ jobId, payload, attempt }) {
    runs.push({ type: "test.echo", jobId, attempt });
    if (payload.delayMs) await sleep(payload.delayMs);
    return { echoed: payload.message };
  },
});
defineJobHandler("test.flaky", {
  payloadSchema: z.object({}),
  async run({ jobId, attempt }) {
    runs.push({ type: "test.flaky", jobId, attempt });
    if (attempt <= 2) throw new Error(`flaky failure ${attempt}`);
    return { succeededOnAttempt: attempt };
  },
});
defineJobHandler("test.always-fails", {
  payloadSchema: z.object({}),
  async run({ attempt }) {
    throw new Error(`endpoint down (attempt ${attempt})`);
  },
});
defineJobHandler("test.permanent", {
  payloadSchema: z.object({}),
  async run() {
    throw new PermanentJobError("the conversation is gone");
  },
});
defineJobHandler("test.slow", {
  payloadSchema: z.object({ steps: z.number().int().min(1), stepMs: z.number().int().min(1) }),
  async run({ jobId, payload, reportProgress }) {
    runs.push({ type: "test.slow", jobId, attempt: 0 });
    for (let step = 1; step <= payload.steps; step++) {
      await sleep(payload.stepMs);
      await reportProgress({ done: step, total: payload.steps });
    }
    return { steps: payload.steps };
  },
});

const testTypes = ["test.echo", "test.flaky", "test.always-fails", "test.permanent", "test.slow"];
const fastBackoff = { baseMs: 20, capMs: 100 };

async function job(id: string) {
  return (await getPrisma()).job.findUniqueOrThrow({ where: { id } });
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** Runs a real worker loop until `done` holds, then stops it gracefully. */
async function runWorkerUntil(done: () => Promise<boolean>, options: Partial<RunWorkerOptions> = {}): Promise<JobOutcome[]> {
  const controller = new AbortController();
  const outcomes: JobOutcome[] = [];
  const running = runWorker({ types: testTypes, pollIntervalMs: 20, backoff: fastBackoff, concurrency: 2, ...options, signal: controller.signal, onOutcome: (outcome) => outcomes.push(outcome) });
  try {
    await waitFor(done, "the worker");
  } finally {
    controller.abort();
    await running;
  }
  return outcomes;
}

const allFinished = (storeId: string) => async () => (await (await getPrisma()).job.count({ where: { storeId, status: { in: ["QUEUED", "RUNNING"] } } })) === 0;

describe("background jobs", () => {
  let storeId: string;

  beforeAll(async () => {
    storeId = (await createTestStore("jobs")).id;
  });

  // Test files share one database: leave no test job for another test's worker to find.
  afterEach(async () => {
    await (await getPrisma()).job.deleteMany({ where: { type: { startsWith: "test." } } });
    runs.length = 0;
  });

  describe("enqueueJob", () => {
    it("makes one job per dedupe key in a store, answering the existing job the second time", async () => {
      const prisma = await getPrisma();
      const first = await enqueueJob(prisma, { storeId, type: "test.echo", payload: { message: "a" }, dedupeKey: "conversation:1" });
      const second = await enqueueJob(prisma, { storeId, type: "test.echo", payload: { message: "b" }, dedupeKey: "conversation:1" });
      expect(first.created).toBe(true);
      expect(second).toMatchObject({ created: false, job: { id: first.job.id, payload: { message: "a" } } });
      expect(first.job).toMatchObject({ id: expect.stringMatching(/^kith_job_/), storeId, status: "QUEUED", attempts: 0, maxAttempts: 5, dedupeKey: "conversation:1" });

      const otherStore = (await createTestStore("jobs-other")).id;
      const elsewhere = await enqueueJob(prisma, { storeId: otherStore, type: "test.echo", payload: { message: "c" }, dedupeKey: "conversation:1" });
      expect(elsewhere.created).toBe(true);
      // No key: every call is a new job.
      await enqueueJob(prisma, { storeId, type: "test.echo", payload: { message: "d" } });
      await enqueueJob(prisma, { storeId, type: "test.echo", payload: { message: "d" } });
      expect(await prisma.job.count({ where: { storeId, type: "test.echo" } })).toBe(3);
    });

    it("commits with the caller's transaction, and a rolled-back transaction leaves no job (nor its key)", async () => {
      const prisma = await getPrisma();
      await expect(
        prisma.$transaction(async (tx) => {
          await enqueueJob(tx, { storeId, type: "test.echo", payload: { message: "x" }, dedupeKey: "rolled-back" });
          // Even a duplicate inside the transaction must not break it (no unique violation).
          const again = await enqueueJob(tx, { storeId, type: "test.echo", payload: { message: "x" }, dedupeKey: "rolled-back" });
          expect(again.created).toBe(false);
          throw new Error("the close failed");
        }),
      ).rejects.toThrow("the close failed");
      expect(await prisma.job.count({ where: { storeId, dedupeKey: "rolled-back" } })).toBe(0);
      const afterwards = await prisma.$transaction((tx) => enqueueJob(tx, { storeId, type: "test.echo", payload: { message: "y" }, dedupeKey: "rolled-back" }));
      expect(afterwards.created).toBe(true);
      expect(await prisma.job.count({ where: { storeId, dedupeKey: "rolled-back" } })).toBe(1);
    });

    it("ends concurrent enqueues of one key in one job", async () => {
      const prisma = await getPrisma();
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, index) =>
          prisma.$transaction(async (tx) => {
            const result = await enqueueJob(tx, { storeId, type: "test.echo", payload: { message: `racer ${index}` }, dedupeKey: "race" });
            await sleep(5);
            return result;
          }),
        ),
      );
      expect(results.filter((result) => result.created)).toHaveLength(1);
      expect(new Set(results.map((result) => result.job.id)).size).toBe(1);
      expect(await prisma.job.count({ where: { storeId, dedupeKey: "race" } })).toBe(1);
    });
  });

  describe("running jobs", () => {
    it("runs a job to SUCCEEDED with its result, and counts jobs by state per store", async () => {
      const prisma = await getPrisma();
      const { job: queued } = await enqueueJob(prisma, { storeId, type: "test.echo", payload: { message: "hello" } });
      const later = await enqueueJob(prisma, { storeId, type: "test.echo", payload: { message: "later" }, runAt: new Date(Date.now() + 3_600_000) });
      expect(await countJobsByStatus(storeId)).toEqual({ QUEUED: 2, RUNNING: 0, SUCCEEDED: 0, FAILED: 0 });

      const outcomes = await runWorkerUntil(async () => (await job(queued.id)).status === "SUCCEEDED");
      expect(outcomes).toEqual([{ jobId: queued.id, type: "test.echo", status: "SUCCEEDED" }]);
      const done = await job(queued.id);
      expect(done).toMatchObject({ status: "SUCCEEDED", attempts: 1, result: { echoed: "hello" }, lastError: null, lockedAt: null, lockedBy: null });
      expect(done.finishedAt).toBeInstanceOf(Date);
      // Not due yet: untouched.
      expect(await job(later.job.id)).toMatchObject({ status: "QUEUED", attempts: 0 });
      expect(await countJobsByStatus(storeId)).toEqual({ QUEUED: 1, RUNNING: 0, SUCCEEDED: 1, FAILED: 0 });
    });

    it("retries a failing job with exponential backoff, counting attempts, until it succeeds", async () => {
      const prisma = await getPrisma();
      const { job: queued } = await enqueueJob(prisma, { storeId, type: "test.flaky", payload: {} });
      const backoff = { baseMs: 60_000, capMs: 3_600_000 };
      const step = async () => {
        const before = Date.now();
        const outcome = await runNextJob({ workerId: "stepper", types: ["test.flaky"], backoff, random: () => 0 });
        return { outcome, before, after: Date.now() };
      };

      const first = await step();
      expect(first.outcome).toMatchObject({ jobId: queued.id, status: "QUEUED", error: "flaky failure 1" });
      let row = await job(queued.id);
      expect(row).toMatchObject({ status: "QUEUED", attempts: 1, lastError: "flaky failure 1", lockedBy: null, finishedAt: null });
      // First retry: half of base·2⁰ with the jitter pinned to 0.
      expect(row.runAt.getTime()).toBeGreaterThanOrEqual(first.before + 30_000 - 1);
      expect(row.runAt.getTime()).toBeLessThanOrEqual(first.after + 30_000 + 1);
      // Not due: nothing to claim.
      expect(await runNextJob({ workerId: "stepper", types: ["test.flaky"], backoff })).toBeNull();

      await prisma.job.update({ where: { id: queued.id }, data: { runAt: new Date(Date.now() - 1) } });
      const second = await step();
      expect(second.outcome).toMatchObject({ status: "QUEUED", error: "flaky failure 2" });
      row = await job(queued.id);
      expect(row).toMatchObject({ status: "QUEUED", attempts: 2, lastError: "flaky failure 2" });
      // Second retry waits twice as long.
      expect(row.runAt.getTime()).toBeGreaterThanOrEqual(second.before + 60_000 - 1);
      expect(row.runAt.getTime()).toBeLessThanOrEqual(second.after + 60_000 + 1);

      await prisma.job.update({ where: { id: queued.id }, data: { runAt: new Date(Date.now() - 1) } });
      expect((await step()).outcome).toMatchObject({ status: "SUCCEEDED" });
      expect(await job(queued.id)).toMatchObject({ status: "SUCCEEDED", attempts: 3, result: { succeededOnAttempt: 3 }, lastError: null });
      expect(runs.map((run) => run.attempt)).toEqual([1, 2, 3]);
    });

    it("retries in the worker loop by itself (small backoff) and ends SUCCEEDED", async () => {
      const { job: queued } = await enqueueJob(await getPrisma(), { storeId, type: "test.flaky", payload: {} });
      const outcomes = await runWorkerUntil(async () => (await job(queued.id)).status === "SUCCEEDED");
      expect(outcomes.map((outcome) => outcome.status)).toEqual(["QUEUED", "QUEUED", "SUCCEEDED"]);
      expect(await job(queued.id)).toMatchObject({ attempts: 3 });
    });

    it("marks a job FAILED with its last error once maxAttempts are spent", async () => {
      const { job: queued } = await enqueueJob(await getPrisma(), { storeId, type: "test.always-fails", payload: {}, maxAttempts: 3 });
      const outcomes = await runWorkerUntil(async () => (await job(queued.id)).status === "FAILED");
      expect(outcomes.map((outcome) => outcome.status)).toEqual(["QUEUED", "QUEUED", "FAILED"]);
      const failed = await job(queued.id);
      expect(failed).toMatchObject({ status: "FAILED", attempts: 3, lastError: "endpoint down (attempt 3)", lockedBy: null });
      expect(failed.finishedAt).toBeInstanceOf(Date);
    });

    it("fails at once, without retries, on a payload its schema rejects or a PermanentJobError", async () => {
      const prisma = await getPrisma();
      const invalid = await enqueueJob(prisma, { storeId, type: "test.echo", payload: { message: 42 } });
      const permanent = await enqueueJob(prisma, { storeId, type: "test.permanent", payload: {} });
      await runWorkerUntil(allFinished(storeId));
      const rejected = await job(invalid.job.id);
      expect(rejected).toMatchObject({ status: "FAILED", attempts: 1 });
      expect(rejected.lastError).toMatch(/^Invalid payload: message: /);
      expect(runs).toEqual([]); // the handler never saw it
      expect(await job(permanent.job.id)).toMatchObject({ status: "FAILED", attempts: 1, lastError: "PermanentJobError: the conversation is gone" });
    });

    it("reports progress while running and keeps it", async () => {
      const { job: queued } = await enqueueJob(await getPrisma(), { storeId, type: "test.slow", payload: { steps: 4, stepMs: 60 } });
      const seen: unknown[] = [];
      await runWorkerUntil(async () => {
        const row = await job(queued.id);
        if (row.status === "RUNNING" && row.progress) seen.push(row.progress);
        return row.status === "SUCCEEDED";
      });
      expect(seen.length).toBeGreaterThan(0);
      expect(seen[0]).toMatchObject({ total: 4 });
      expect(await job(queued.id)).toMatchObject({ progress: { done: 4, total: 4 }, result: { steps: 4 } });
    });
  });

  describe("several workers", () => {
    it("never hand one job to two concurrent claimers (FOR UPDATE SKIP LOCKED)", async () => {
      const prisma = await getPrisma();
      const ids = new Set<string>();
      for (let index = 0; index < 10; index++) ids.add((await enqueueJob(prisma, { storeId, type: "test.echo", payload: { message: String(index) } })).job.id);
      const claims = await Promise.all(Array.from({ length: 25 }, (_, index) => claimNextJob({ workerId: `claimer-${index}`, types: ["test.echo"] })));
      const claimed = claims.filter((claim) => claim !== null);
      expect(claimed).toHaveLength(10);
      expect(new Set(claimed.map((claim) => claim.id))).toEqual(ids);
      for (const claim of claimed) expect(claim).toMatchObject({ status: "RUNNING", attempts: 1, lockedBy: expect.stringMatching(/^claimer-/) });
    });

    it("runs every job exactly once with two workers of three slots each", async () => {
      const prisma = await getPrisma();
      const total = 30;
      for (let index = 0; index < total; index++) await enqueueJob(prisma, { storeId, type: "test.echo", payload: { message: String(index), delayMs: 15 } });
      const perWorker: Record<string, string[]> = { a: [], b: [] };
      const stop = new AbortController();
      const worker = (name: "a" | "b") =>
        runWorker({ workerId: `worker-${name}`, types: ["test.echo"], pollIntervalMs: 10, concurrency: 3, signal: stop.signal, onOutcome: (outcome) => perWorker[name].push(outcome.jobId) });
      const running = [worker("a"), worker("b")];
      try {
        await waitFor(async () => (await prisma.job.count({ where: { storeId, type: "test.echo", status: "SUCCEEDED" } })) === total, "all jobs");
      } finally {
        stop.abort();
        await Promise.all(running);
      }
      expect(runs).toHaveLength(total);
      expect(new Set(runs.map((run) => run.jobId)).size).toBe(total);
      expect(perWorker.a.length + perWorker.b.length).toBe(total);
      expect(perWorker.a.length).toBeGreaterThan(0);
      expect(perWorker.b.length).toBeGreaterThan(0);
      const rows = await prisma.job.findMany({ where: { storeId, type: "test.echo" } });
      expect(rows.every((row) => row.attempts === 1 && row.status === "SUCCEEDED")).toBe(true);
    });
  });

  describe("crashed and stopping workers", () => {
    async function abandoned(minutesAgo: number, attempts: number, maxAttempts = 5) {
      const prisma = await getPrisma();
      const { job: queued } = await enqueueJob(prisma, { storeId, type: "test.echo", payload: { message: "orphan" }, maxAttempts });
      return prisma.job.update({ where: { id: queued.id }, data: { status: "RUNNING", attempts, lockedBy: "dead-worker", lockedAt: new Date(Date.now() - minutesAgo * 60_000) } });
    }

    it("returns a dead worker's RUNNING job to the queue after the visibility timeout, and fails one with no attempts left", async () => {
      const stale = await abandoned(10, 1);
      const exhausted = await abandoned(10, 5, 5);
      const fresh = await abandoned(0, 1);
      const result = await requeueStaleJobs({ visibilityTimeoutMs: 5 * 60_000 });
      expect(result).toEqual({ requeued: 1, failed: 1 });
      expect(await job(stale.id)).toMatchObject({ status: "QUEUED", lockedBy: null, lockedAt: null, lastError: "Worker dead-worker stopped responding during attempt 1" });
      expect(await job(exhausted.id)).toMatchObject({ status: "FAILED", lastError: "Worker dead-worker stopped responding during attempt 5" });
      expect(await job(fresh.id)).toMatchObject({ status: "RUNNING", lockedBy: "dead-worker" });

      // The worker loop's own sweep takes the job back and runs it: attempt 2.
      await (await getPrisma()).job.update({ where: { id: fresh.id }, data: { lockedAt: new Date(Date.now() - 10 * 60_000) } });
      await runWorkerUntil(async () => (await job(fresh.id)).status === "SUCCEEDED" && (await job(stale.id)).status === "SUCCEEDED", { visibilityTimeoutMs: 60_000 });
      expect(await job(fresh.id)).toMatchObject({ attempts: 2, result: { echoed: "orphan" } });
    });

    it("keeps a long job's lock alive (heartbeat) so another worker's sweep does not take it", async () => {
      const { job: queued } = await enqueueJob(await getPrisma(), { storeId, type: "test.slow", payload: { steps: 1, stepMs: 1_500 } });
      const sweeper = new AbortController();
      // A second worker that runs nothing but sweeps with the same short visibility timeout.
      const sweeping = runWorker({ workerId: "sweeper", types: [], pollIntervalMs: 50, visibilityTimeoutMs: 400, signal: sweeper.signal });
      try {
        await runWorkerUntil(async () => (await job(queued.id)).status === "SUCCEEDED", { visibilityTimeoutMs: 400, concurrency: 1 });
      } finally {
        sweeper.abort();
        await sweeping;
      }
      expect(await job(queued.id)).toMatchObject({ status: "SUCCEEDED", attempts: 1, lastError: null });
      expect(runs).toHaveLength(1);
    });

    it("stops gracefully: the running job finishes, nothing new is claimed", async () => {
      const prisma = await getPrisma();
      const slow = await enqueueJob(prisma, { storeId, type: "test.slow", payload: { steps: 3, stepMs: 80 } });
      const next = await enqueueJob(prisma, { storeId, type: "test.echo", payload: { message: "next" } });
      const controller = new AbortController();
      const running = runWorker({ types: testTypes, pollIntervalMs: 20, concurrency: 1, signal: controller.signal });
      await waitFor(async () => (await job(slow.job.id)).status === "RUNNING", "the slow job to start");
      controller.abort();
      await running;
      expect(await job(slow.job.id)).toMatchObject({ status: "SUCCEEDED", progress: { done: 3, total: 3 } });
      expect(await job(next.job.id)).toMatchObject({ status: "QUEUED", attempts: 0 });
    });

    it("survives a restart: with the embedded database a new worker takes back RUNNING jobs at once", async () => {
      const orphan = await abandoned(0, 1);
      const worker = await startJobWorker({ types: testTypes, pollIntervalMs: 20 });
      try {
        const database = await getDatabase();
        if (database.kind === "embedded") {
          // One process owns the embedded database: a RUNNING job at start-up was a killed run's.
          await waitFor(async () => (await job(orphan.id)).status === "SUCCEEDED", "the orphan to run");
          expect(await job(orphan.id)).toMatchObject({ attempts: 2 });
        } else {
          // On PostgreSQL another replica may be running it: it waits for the visibility timeout.
          await sleep(200);
          expect(await job(orphan.id)).toMatchObject({ status: "RUNNING", lockedBy: "dead-worker" });
        }
      } finally {
        await worker.stop();
      }
    });
  });

  describe("Jobs API", () => {
    let apiStore: string;
    let supervisor: string;
    const ids: string[] = [];

    beforeAll(async () => {
      apiStore = (await createTestStore("jobs-api")).id;
      supervisor = await createTestKey("SUPERVISOR", apiStore);
    });

    async function seedJobs() {
      const prisma = await getPrisma();
      ids.length = 0;
      for (const message of ["one", "two", "three"]) ids.push((await enqueueJob(prisma, { storeId: apiStore, type: "test.echo", payload: { message } })).job.id);
      ids.push((await enqueueJob(prisma, { storeId: apiStore, type: "test.always-fails", payload: {}, maxAttempts: 1 })).job.id);
      await runWorkerUntil(allFinished(apiStore));
    }

    it("lists the store's jobs newest first, in pages, filtered by status and type", async () => {
      await seedJobs();
      const first = await callApi("GET", `/v1/Stores/${apiStore}/Jobs?pageSize=3`, { auth: supervisor });
      expect(first.status).toBe(200);
      expect(first.body.jobs.map((listed: { id: string }) => listed.id)).toEqual([ids[3], ids[2], ids[1]]);
      expect(first.body.meta).toMatchObject({ key: "jobs", pageSize: 3, nextToken: expect.any(String) });
      const second = await callApi("GET", `/v1/Stores/${apiStore}/Jobs?pageSize=3&pageToken=${first.body.meta.nextToken}`, { auth: supervisor });
      expect(second.body.jobs.map((listed: { id: string }) => listed.id)).toEqual([ids[0]]);
      expect(second.body.meta.nextToken).toBeUndefined();

      const failed = await callApi("GET", `/v1/Stores/${apiStore}/Jobs?status=FAILED`, { auth: supervisor });
      expect(failed.body.jobs).toHaveLength(1);
      expect(failed.body.jobs[0]).toMatchObject({ id: ids[3], type: "test.always-fails", status: "FAILED", attempts: 1, maxAttempts: 1, lastError: "endpoint down (attempt 1)" });
      const echoes = await callApi("GET", `/v1/Stores/${apiStore}/Jobs?type=test.echo&status=SUCCEEDED`, { auth: supervisor });
      expect(echoes.body.jobs.map((listed: { id: string }) => listed.id)).toEqual([ids[2], ids[1], ids[0]]);
      expect((await callApi("GET", `/v1/Stores/${apiStore}/Jobs?status=DONE`, { auth: supervisor })).status).toBe(400);
    });

    it("reads one job with its state, attempts, progress and result", async () => {
      await seedJobs();
      const response = await callApi("GET", `/v1/Stores/${apiStore}/Jobs/${ids[0]}`, { auth: supervisor });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        id: ids[0],
        storeId: apiStore,
        type: "test.echo",
        status: "SUCCEEDED",
        payload: { message: "one" },
        dedupeKey: null,
        attempts: 1,
        maxAttempts: 5,
        runAt: expect.any(String),
        lastError: null,
        progress: null,
        result: { echoed: "one" },
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
        startedAt: null,
        finishedAt: expect.any(String),
      });
      expect(response.body).not.toHaveProperty("lockedBy");
    });

    it("answers 404 for another store's job or a malformed id, 401 without credentials, 403 below SUPERVISOR", async () => {
      const otherStore = (await createTestStore("jobs-api-other")).id;
      const foreign = await enqueueJob(await getPrisma(), { storeId: otherStore, type: "test.echo", payload: { message: "not yours" } });
      expect((await callApi("GET", `/v1/Stores/${apiStore}/Jobs/${foreign.job.id}`, { auth: supervisor })).status).toBe(404);
      expect((await callApi("GET", `/v1/Stores/${apiStore}/Jobs/kith_job_nope`, { auth: supervisor })).status).toBe(404);
      expect((await callApi("GET", `/v1/Stores/${otherStore}/Jobs`, { auth: supervisor })).status).toBe(404);
      const listed = await callApi("GET", `/v1/Stores/${apiStore}/Jobs`, { auth: supervisor });
      expect(listed.body.jobs.map((listedJob: { id: string }) => listedJob.id)).not.toContain(foreign.job.id);

      expect((await callApi("GET", `/v1/Stores/${apiStore}/Jobs`)).status).toBe(401);
      const agent = await createTestKey("AGENT", apiStore);
      expect((await callApi("GET", `/v1/Stores/${apiStore}/Jobs`, { auth: agent })).status).toBe(403);
      expect((await callApi("GET", `/v1/Stores/${apiStore}/Jobs/${foreign.job.id}`, { auth: agent })).status).toBe(403);
      expect((await callApi("GET", `/v1/Stores/${otherStore}/Jobs/${foreign.job.id}`, { auth: await createTestKey("ADMIN") })).status).toBe(200);
    });
  });
});
