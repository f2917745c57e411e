// Runs in each test worker before the test files: points Kith at the test database and starts
// it as the server would (migrations, first admin), so readiness and health behave as in production.
import { beforeAll } from "vitest";

process.env.KITH_SEED_DEMO = "0";
// Tests run the inactivity sweep themselves, with an explicit `now`.
process.env.KITH_TIMEOUT_SWEEP_SECONDS = "0";
// Tests refresh table statistics themselves (a VACUUM mid-test would only slow others down).
process.env.KITH_STATISTICS_CHECK_SECONDS = "0";
// Tests run job workers themselves, with their own handlers and timings.
process.env.KITH_WORKER = "0";
process.env.AUTH_SECRET ??= "test-auth-secret-0123456789abcdef";
if (process.env.TEST_DATABASE_URL) {
  process.env.DATABASE_URL = process.env.TEST_DATABASE_URL;
} else {
  delete process.env.DATABASE_URL;
  process.env.KITH_DATA_DIR = "memory://";
}

beforeAll(async () => {
  const { startKith } = await import("@/lib/startup/start-kith");
  await startKith();
});
