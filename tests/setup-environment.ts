// Runs in each test worker before the test files: points Kith at the test database.
process.env.KITH_SEED_DEMO = "0";
process.env.AUTH_SECRET ??= "test-auth-secret-0123456789abcdef";
if (process.env.TEST_DATABASE_URL) {
  process.env.DATABASE_URL = process.env.TEST_DATABASE_URL;
} else {
  delete process.env.DATABASE_URL;
  process.env.KITH_DATA_DIR = "memory://";
}
