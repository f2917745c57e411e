import { PrismaClient, type Prisma } from "./generated/client";
import { applyMigrations, pgliteExecutor, type SqlExecutor } from "./apply-migrations";
import { IN_MEMORY, openEmbeddedDatabase } from "./open-embedded-database";
import { readEnv } from "../env";
import { createEmbeddedStatementRunner } from "./embedded-statements";
import { preparedStatementName } from "./prepared-statements";

export type DatabaseKind = "embedded" | "postgres";

/**
 * One raw statement straight to the driver, without Prisma's query engine — for the few statements
 * on every recall's path, where Prisma's own work per statement (~0.3 ms of Node.js CPU) was a
 * large share of the request (docs/PERFORMANCE.md). A statement marked PREPARED_STATEMENT is a
 * named statement on PostgreSQL. Rows come as the driver parses them: write such statements to
 * answer one JSON cell, whose parsing is the same on both databases.
 */
export type RawQueryRunner = { queryRows<Row>(sql: Prisma.Sql): Promise<Row[]> };

export type Database = RawQueryRunner & {
  kind: DatabaseKind;
  prisma: PrismaClient;
  /** Where the data lives: the embedded data directory or the PostgreSQL host/database. */
  location: string;
  close(): Promise<void>;
};

export type OpenDatabaseOptions = {
  /** postgres:// URL; unset = the embedded database. */
  databaseUrl?: string;
  /** Embedded database directory, or "memory://". */
  dataDir: string;
};

// Arbitrary but fixed: serialises concurrent migration runs of several replicas.
const MIGRATION_LOCK_KEY = 7_242_001;

function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
  } catch {
    return "postgres";
  }
}

async function migratePostgres(databaseUrl: string): Promise<string[]> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    const executor: SqlExecutor = {
      exec: (sql) => client.query(sql),
      query: async (sql, params) => ({ rows: (await client.query(sql, params as unknown[])).rows }),
    };
    return await applyMigrations({ db: executor });
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}

/** Opens the configured database and brings its schema up to date. */
export async function openDatabase({ databaseUrl, dataDir }: OpenDatabaseOptions): Promise<Database> {
  if (databaseUrl) {
    await migratePostgres(databaseUrl);
    const [{ PrismaPg }, { default: pg }] = await Promise.all([import("@prisma/adapter-pg"), import("pg")]);
    // One pool for Prisma and the raw statements alike.
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
    pool.on("error", (error) => console.error(`database: an idle connection failed: ${error.message}`)); // it is dropped; the next query opens another
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool, { statementNameGenerator: preparedStatementName, disposeExternalPool: true }) });
    return {
      kind: "postgres",
      prisma,
      location: describeUrl(databaseUrl),
      queryRows: async <Row>(sql: Prisma.Sql) => (await pool.query({ name: preparedStatementName({ sql: sql.text }) || undefined, text: sql.text, values: sql.values })).rows as Row[],
      close: async () => {
        await prisma.$disconnect();
        if (!pool.ended) await pool.end();
      },
    };
  }
  const pglite = await openEmbeddedDatabase(dataDir);
  await applyMigrations({ db: pgliteExecutor(pglite) });
  // Named statements (lib/db/embedded-statements.ts) are planned for their values each time: a
  // generic plan, estimated for an average profile, took a 5,000-memory profile's search with an
  // inferred query from 50 to 100 ms (docs/PERFORMANCE.md). Parsing is still saved.
  await pglite.exec("SET plan_cache_mode = force_custom_plan");
  const { PrismaPGlite } = await import("pglite-prisma-adapter");
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    kind: "embedded",
    prisma,
    location: dataDir === IN_MEMORY ? IN_MEMORY : dataDir,
    queryRows: createEmbeddedStatementRunner(pglite),
    close: async () => {
      await prisma.$disconnect();
      if (!pglite.closed) await pglite.close();
    },
  };
}

// One database per process, shared by every module copy Next's bundler makes (hence globalThis).
const holder = globalThis as unknown as { kithDatabase?: Promise<Database> };

/** The process's database, opened (and migrated) on first use from the environment. */
export function getDatabase(): Promise<Database> {
  if (!holder.kithDatabase) {
    const env = readEnv();
    holder.kithDatabase = openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.KITH_DATA_DIR });
    holder.kithDatabase.catch(() => {
      holder.kithDatabase = undefined;
    });
  }
  return holder.kithDatabase;
}

export async function getPrisma(): Promise<PrismaClient> {
  return (await getDatabase()).prisma;
}

/** Closes the process's database (scripts and tests; the server closes on exit). */
export async function closeDatabase(): Promise<void> {
  const pending = holder.kithDatabase;
  holder.kithDatabase = undefined;
  if (pending) await (await pending).close();
}
