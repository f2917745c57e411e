// `npm run db:migrate`: apply prisma/migrations to DATABASE_URL (PostgreSQL), or to the embedded
// database when it is unset. The server also migrates at start; this is for deploy pipelines.
import { readEnv } from "../lib/env";
import { openDatabase } from "../lib/db/client";

async function main(): Promise<void> {
  const env = readEnv();
  const started = Date.now();
  const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.KITH_DATA_DIR });
  const rows = await database.prisma.$queryRawUnsafe<{ name: string }[]>(`SELECT "name" FROM "_kith_migrations" ORDER BY "name"`);
  await database.close();
  console.log(`${database.kind === "embedded" ? "Embedded database" : "PostgreSQL"} at ${database.location} is up to date (${rows.length} migrations, ${Date.now() - started} ms):`);
  for (const row of rows) console.log(`  ${row.name}`);
}

main().catch((error: Error) => {
  console.error(`Migration failed: ${error.message}`);
  process.exit(1);
});
