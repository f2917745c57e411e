// Runs once before all test files. With TEST_DATABASE_URL (a disposable PostgreSQL database),
// the schema is dropped so every run starts from the migrations; without it, each worker uses an
// in-memory embedded database (tests/setup-environment.ts).
import pg from "pg";

export default async function globalSetup(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("DROP SCHEMA IF EXISTS public CASCADE");
    await client.query("CREATE SCHEMA public");
  } finally {
    await client.end();
  }
}
