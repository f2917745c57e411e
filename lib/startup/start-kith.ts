import { readEnv } from "../env";
import { closeDatabase, getDatabase } from "../db/client";
import { IN_MEMORY } from "../db/open-embedded-database";
import { ensureFirstAdmin } from "../users/ensure-first-admin";
import { upsertBootstrapApiKey } from "../auth/upsert-bootstrap-api-key";
import { seedDemoStore } from "../../prisma/seed-demo-store";
import { ensureAuthSecret } from "./auth-secret";
import { markStarting } from "./readiness";
import { startControlSocket } from "./control-socket";
import { startIntervalJob } from "../jobs/start-interval-job";
import { applyConversationTimeouts } from "../conversations/apply-conversation-timeouts";
import { startJobWorker, stopJobWorkers } from "./start-job-worker";
import { refreshTableStatistics } from "../db/refresh-table-statistics";

/**
 * Closes the database cleanly on Ctrl-C / SIGTERM (PGlite flushes its files on close), after the
 * job worker finished its current jobs; one that outlasts the grace period runs again later.
 */
function closeDatabaseOnShutdown(): void {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      const exit = () => process.exit(0);
      stopJobWorkers().then(closeDatabase).then(exit, exit);
      setTimeout(exit, 5000).unref();
    });
  }
}

/**
 * What the server does once before it answers: open and migrate the database, make sure there
 * is an admin, apply the bootstrap key, seed the demo store, and say how to log in.
 */
async function boot(): Promise<void> {
  const started = Date.now();
  const env = readEnv();
  ensureAuthSecret(env.KITH_DATA_DIR);
  const database = await getDatabase();
  if (database.kind === "embedded" && database.location !== IN_MEMORY) await startControlSocket(env.KITH_DATA_DIR);
  closeDatabaseOnShutdown();
  const admin = await ensureFirstAdmin({ email: env.KITH_ADMIN_EMAIL, password: env.KITH_ADMIN_PASSWORD });
  if (env.KITH_BOOTSTRAP_API_KEY) await upsertBootstrapApiKey(env.KITH_BOOTSTRAP_API_KEY);
  const demo = env.KITH_SEED_DEMO === false ? null : await seedDemoStore();
  if (env.KITH_TIMEOUT_SWEEP_SECONDS > 0) startIntervalJob("conversation timeouts", env.KITH_TIMEOUT_SWEEP_SECONDS * 1000, () => applyConversationTimeouts({ storeId: null }));
  if (env.KITH_WORKER !== false) await startJobWorker({ concurrency: env.KITH_WORKER_CONCURRENCY });
  // PGlite has no autovacuum; PostgreSQL's own does this.
  if (database.kind === "embedded" && env.KITH_STATISTICS_CHECK_SECONDS > 0) startIntervalJob("statistics", env.KITH_STATISTICS_CHECK_SECONDS * 1000, () => refreshTableStatistics(database));

  const lines = [
    "",
    `  Kith is ready on http://localhost:${env.PORT}  (${Date.now() - started} ms to start)`,
    `  Database: ${database.kind === "embedded" ? `embedded PGlite in ${database.location}` : `PostgreSQL at ${database.location}`}`,
  ];
  if (demo) lines.push(`  Demo store: ${demo.displayName} (${demo.storeId})${demo.created ? " – just seeded" : ""}`);
  if (admin.status === "created") {
    lines.push(`  Log in at http://localhost:${env.PORT}/login as ${admin.email}`);
    lines.push(admin.generatedPassword ? `  with the generated password: ${admin.generatedPassword}   (shown only this once)` : "  with the password from KITH_ADMIN_PASSWORD");
  } else {
    lines.push(`  Log in at http://localhost:${env.PORT}/login with your console account`);
  }
  if (env.KITH_BOOTSTRAP_API_KEY) lines.push(`  API key from KITH_BOOTSTRAP_API_KEY is active (all stores, ADMIN)`);
  console.log(lines.join("\n") + "\n");
}

let starting: Promise<void> | undefined;

/** Starts Kith once per process; requests wait for it through lib/startup/readiness. */
export function startKith(): Promise<void> {
  if (!starting) {
    starting = boot();
    markStarting(starting);
  }
  return starting;
}
