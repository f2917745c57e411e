import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";

/** The two calls the runner needs; both `pg.Client` and PGlite provide them. */
export type SqlExecutor = {
  exec(sql: string): Promise<unknown>;
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: Row[] }>;
};

/** PGlite as the runner's SqlExecutor (the server's embedded database and the migration tests alike). */
export function pgliteExecutor(pglite: Pick<PGlite, "exec" | "query">): SqlExecutor {
  return { exec: (sql) => pglite.exec(sql), query: (sql, params) => pglite.query(sql, params) as never };
}

export type ApplyMigrationsOptions = { db: SqlExecutor; migrationsDir?: string };

export const defaultMigrationsDir = path.join(process.cwd(), "prisma", "migrations");

/**
 * Applies prisma/migrations/<name>/migration.sql files not applied yet, in name order, each in
 * its own transaction, and records them in `_kith_migrations`. Prisma's own `migrate` cannot run
 * offline (it needs a native engine), so this runner is the only way schema changes reach a
 * database. An applied file whose text changed afterwards is an error, not silently skipped.
 */
export async function applyMigrations({ db, migrationsDir = defaultMigrationsDir }: ApplyMigrationsOptions): Promise<string[]> {
  await db.exec(`CREATE TABLE IF NOT EXISTS "_kith_migrations" (
    "name" TEXT PRIMARY KEY,
    "checksum" TEXT NOT NULL,
    "appliedAt" TIMESTAMPTZ NOT NULL DEFAULT now()
  )`);
  const applied = new Map(
    (await db.query<{ name: string; checksum: string }>(`SELECT "name", "checksum" FROM "_kith_migrations"`)).rows.map((row) => [row.name, row.checksum]),
  );
  const names = readdirSync(/*turbopackIgnore: true*/ migrationsDir)
    .filter((name) => existsSync(/*turbopackIgnore: true*/ path.join(migrationsDir, name, "migration.sql")))
    .sort();
  const newlyApplied: string[] = [];
  for (const name of names) {
    const sql = readFileSync(/*turbopackIgnore: true*/ path.join(migrationsDir, name, "migration.sql"), "utf8");
    const checksum = createHash("sha256").update(sql).digest("hex");
    const appliedChecksum = applied.get(name);
    if (appliedChecksum !== undefined) {
      if (appliedChecksum !== checksum) {
        throw new Error(`Migration ${name} was changed after it was applied; add a new migration instead of editing it.`);
      }
      continue;
    }
    await db.exec("BEGIN");
    try {
      await db.exec(sql);
      await db.query(`INSERT INTO "_kith_migrations" ("name", "checksum") VALUES ($1, $2)`, [name, checksum]);
      await db.exec("COMMIT");
    } catch (error) {
      await db.exec("ROLLBACK");
      throw new Error(`Migration ${name} failed: ${(error as Error).message}`);
    }
    newlyApplied.push(name);
  }
  return newlyApplied;
}
