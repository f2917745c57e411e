// `npm run seed`: seeds the demo store into the configured database (DATABASE_URL, or the
// embedded database in KITH_DATA_DIR). The server does the same at start unless KITH_SEED_DEMO=0.
import path from "node:path";
import { readEnv } from "../lib/env";
import { closeDatabase, getDatabase } from "../lib/db/client";
import { findEmbeddedOwner } from "../lib/db/open-embedded-database";
import { seedDemoStore } from "../prisma/seed-demo-store";

async function main(): Promise<number> {
  const env = readEnv();
  const owner = env.DATABASE_URL ? null : findEmbeddedOwner(env.KITH_DATA_DIR);
  if (owner) {
    console.error(
      `The embedded database in ${path.resolve(env.KITH_DATA_DIR)} is in use by a running Kith server (process ${owner.pid}).\n` +
        `Stop the server first; the server seeds the demo store at start (unless KITH_SEED_DEMO=0).`,
    );
    return 1;
  }
  try {
    const database = await getDatabase();
    const where = database.kind === "embedded" ? `embedded database in ${database.location}` : `PostgreSQL at ${database.location}`;
    const started = Date.now();
    const result = await seedDemoStore();
    const elapsed = Date.now() - started;
    if (!result) {
      console.log("Nothing seeded.");
      return 0;
    }
    const { storeId } = result;
    const [profiles, identifiers, conversations, communications] = await Promise.all([
      database.prisma.profile.count({ where: { storeId } }),
      database.prisma.identifier.count({ where: { storeId } }),
      database.prisma.conversation.count({ where: { storeId } }),
      database.prisma.communication.count({ where: { storeId } }),
    ]);
    const contents = `${profiles} profiles, ${identifiers} identifiers, ${conversations} conversations, ${communications} messages`;
    console.log(
      result.created
        ? `Seeded the demo store "${result.displayName}" (${storeId}) into the ${where} in ${elapsed} ms: ${contents}.`
        : `The demo store "${result.displayName}" (${storeId}) already exists in the ${where} (${contents}); nothing to do.`,
    );
    return 0;
  } finally {
    await closeDatabase();
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`Seeding failed: ${error.message}`);
    process.exit(1);
  },
);
