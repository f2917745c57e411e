import { cpSync, mkdtempSync, writeFileSync, appendFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PGlite } from "@electric-sql/pglite";
import { vector } from "@electric-sql/pglite-pgvector";
import { applyMigrations, defaultMigrationsDir, pgliteExecutor } from "@/lib/db/apply-migrations";

describe("migration runner", () => {
  it("applies each migration once, records it, refuses edited history and rolls back a failing one", async () => {
    const db = await PGlite.create({ dataDir: "memory://", extensions: { vector } });
    try {
      const executor = pgliteExecutor(db);
      const dir = mkdtempSync(path.join(tmpdir(), "kith-migrations-"));
      cpSync(defaultMigrationsDir, dir, { recursive: true });

      const first = await applyMigrations({ db: executor, migrationsDir: dir });
      expect(first.length).toBeGreaterThan(0);
      expect(await applyMigrations({ db: executor, migrationsDir: dir })).toEqual([]);
      const tables = await db.query<{ count: number }>(`SELECT count(*)::int AS count FROM information_schema.tables WHERE table_schema = 'public'`);
      expect(tables.rows[0].count).toBeGreaterThan(20);

      cpSync(path.join(dir, first[0]), path.join(dir, "29991231000000_broken"), { recursive: true });
      writeFileSync(path.join(dir, "29991231000000_broken", "migration.sql"), 'CREATE TABLE "half_done" (id int); SELECT no_such_function();');
      await expect(applyMigrations({ db: executor, migrationsDir: dir })).rejects.toThrow(/29991231000000_broken failed/);
      const halfDone = await db.query(`SELECT to_regclass('public.half_done') AS name`);
      expect((halfDone.rows[0] as { name: string | null }).name).toBeNull();

      writeFileSync(path.join(dir, "29991231000000_broken", "migration.sql"), "SELECT 1;");
      appendFileSync(path.join(dir, first[0], "migration.sql"), "\n-- edited later\n");
      await expect(applyMigrations({ db: executor, migrationsDir: dir })).rejects.toThrow(/was changed after it was applied/);
    } finally {
      await db.close();
    }
  });
});
