// `npm run test:pg [-- vitest args]`: the vitest suite against a real PostgreSQL database.
//
//   TEST_DATABASE_URL  defaults to postgresql://kith:kith@127.0.0.1:5432/kith_test
//
// The database is DISPOSABLE: tests/global-setup.ts drops and recreates its `public` schema on
// every run. The role must be allowed to CREATE EXTENSION vector (a superuser: pgvector is not a
// trusted extension). scripts/ci/start-postgres.sh sets up a local cluster that way.
import { spawn } from "node:child_process";
import path from "node:path";
import pg from "pg";

const DEFAULT_URL = "postgresql://kith:kith@127.0.0.1:5432/kith_test";
const root = path.resolve(__dirname, "..");

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparseable URL)";
  }
}

async function check(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ version: string; vector: string | null }>(
      "SELECT current_setting('server_version') AS version, " +
        "(SELECT default_version FROM pg_available_extensions WHERE name = 'vector') AS vector",
    );
    const { version, vector } = rows[0];
    if (!vector) {
      throw new Error(`PostgreSQL ${version} has no pgvector extension installed (sudo bash scripts/ci/install-pgvector.sh)`);
    }
    console.log(`test:pg: PostgreSQL ${version}, pgvector ${vector} at ${redact(url)}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function main(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL || DEFAULT_URL;
  try {
    await check(url);
  } catch (error) {
    console.error(
      `test:pg: cannot use the test database ${redact(url)}:\n  ${(error as Error).message}\n` +
        "Start PostgreSQL and create the role/database (as root: bash scripts/ci/start-postgres.sh),\n" +
        "or point TEST_DATABASE_URL at a disposable PostgreSQL >= 15 database with pgvector.",
    );
    process.exit(2);
  }
  const vitest = path.join(root, "node_modules", "vitest", "vitest.mjs");
  const child = spawn(process.execPath, [vitest, "run", ...process.argv.slice(2)], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, TEST_DATABASE_URL: url },
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

void main();
