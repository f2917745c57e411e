// `npm run worker`: a standalone job worker, for production with PostgreSQL (DATABASE_URL): run as
// many as the load needs, beside the app replicas (which can skip theirs with KITH_WORKER=0).
// With the embedded database the server owns the files and runs the worker itself, so this
// refuses while a server runs; with none running it opens the database and works alone.
import path from "node:path";
import { readEnv } from "../lib/env";
import { closeDatabase, getDatabase } from "../lib/db/client";
import { findEmbeddedOwner } from "../lib/db/open-embedded-database";
import { startJobWorker } from "../lib/startup/start-job-worker";
import { registeredJobTypes } from "../lib/jobs/define-job-handler";

const GRACE_MS = 60_000;

async function main(): Promise<number> {
  const env = readEnv();
  if (!env.DATABASE_URL) {
    const owner = findEmbeddedOwner(env.KITH_DATA_DIR);
    if (owner) {
      console.error(
        `The embedded database in ${path.resolve(env.KITH_DATA_DIR)} is owned by the Kith server (process ${owner.pid}), ` +
          `which already runs a job worker. Standalone workers need PostgreSQL: set DATABASE_URL on the server and the workers.`,
      );
      return 2;
    }
  }
  const database = await getDatabase();
  const worker = await startJobWorker({ concurrency: env.KITH_WORKER_CONCURRENCY });
  const types = registeredJobTypes();
  console.log(
    `Kith worker ${worker.workerId}: ${env.KITH_WORKER_CONCURRENCY} at a time, ` +
      `${database.kind === "embedded" ? `embedded database in ${database.location} (alone: no server running)` : `PostgreSQL at ${database.location}`}, ` +
      `job types: ${types.length ? types.join(", ") : "none registered yet"}. Ctrl-C stops after the current jobs.`,
  );

  await new Promise<void>((resolve) => {
    let stopping = false;
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      process.on(signal, () => {
        if (stopping) {
          console.error("Stopping now; unfinished jobs run again after the visibility timeout.");
          process.exit(1);
        }
        stopping = true;
        console.log(`${signal}: finishing the current jobs (again to stop at once)…`);
        setTimeout(() => {
          console.error(`Jobs still running after ${GRACE_MS / 1000} s; stopping. They run again after the visibility timeout.`);
          process.exit(1);
        }, GRACE_MS).unref();
        worker.stop().then(resolve, resolve);
      });
    }
  });
  await closeDatabase();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`Error: ${error.message}`);
    process.exit(1);
  },
);
