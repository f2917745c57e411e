import { cpSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PGlite } from "@electric-sql/pglite";
import { vector } from "@electric-sql/pglite-pgvector";
import { applyMigrations, defaultMigrationsDir, pgliteExecutor } from "@/lib/db/apply-migrations";

// The migration that adds communications' stored neighbour documents backfills the turns that
// exist when it runs (a database upgraded in place), with the same documents the triggers keep.
const MIGRATION = "20261211120000_communication_neighbour_documents";

const mismatchesSql = `
  SELECT count(*)::int AS mismatches, count(*) FILTER (WHERE t."neighbourDocument" IS NULL)::int AS missing FROM (
    SELECT c."neighbourDocument", c."searchVector" AS own_document,
           lag(c."searchVector") OVER thread AS previous_document,
           coalesce(lag(c."searchVector", 2) OVER thread, ''::tsvector) || coalesce(lead(c."searchVector") OVER thread, ''::tsvector)
             || coalesce(lead(c."searchVector", 2) OVER thread, ''::tsvector) AS neighbour_document,
           min(c."occurredAt") OVER (PARTITION BY c."conversationId") AS session_start
    FROM "communications" c
    WINDOW thread AS (PARTITION BY c."conversationId" ORDER BY c."occurredAt", c."id")
  ) t
  WHERE t."neighbourDocument" IS DISTINCT FROM (
    t.own_document || setweight(coalesce(t.previous_document, ''::tsvector), 'C') || setweight(t.neighbour_document, 'B')
      || to_tsvector('english', to_char(t.session_start, 'FMDD FMMonth YYYY')))`;

describe("the neighbour-document migration", () => {
  it("backfills the documents of turns written before it, and its triggers keep them from then on", async () => {
    const db = await PGlite.create({ dataDir: "memory://", extensions: { vector } });
    try {
      const executor = pgliteExecutor(db);
      const dir = mkdtempSync(path.join(tmpdir(), "kith-neighbour-migration-"));
      for (const name of readdirSync(defaultMigrationsDir).filter((entry) => entry < MIGRATION)) cpSync(path.join(defaultMigrationsDir, name), path.join(dir, name), { recursive: true });
      await applyMigrations({ db: executor, migrationsDir: dir });

      await db.exec(`
        INSERT INTO "stores" ("id", "displayName", "conversationTimeouts", "updatedAt") VALUES ('mem_store_01jbackfill0000000000000000', 'backfill', '{}', now());
        INSERT INTO "conversations" ("storeId", "id", "channel", "updatedAt") VALUES
          ('mem_store_01jbackfill0000000000000000', 'conv_conversation_01jbackfill0000000000001', 'CHAT', now()),
          ('mem_store_01jbackfill0000000000000000', 'conv_conversation_01jbackfill0000000000002', 'SMS', now());
        INSERT INTO "communications" ("storeId", "id", "conversationId", "content", "occurredAt")
        SELECT 'mem_store_01jbackfill0000000000000000', 'conv_communication_01jbackfill' || lpad(g::text, 12, '0'),
               'conv_conversation_01jbackfill000000000000' || (1 + g % 2)::text,
               (ARRAY['my printer jams', 'which model is it', 'the office one, bought in May', 'try the rear tray', 'that worked, thanks'])[1 + g % 5],
               timestamp '2026-05-04 09:00' + g * interval '7 minutes'
        FROM generate_series(1, 9) g;`);

      cpSync(path.join(defaultMigrationsDir, MIGRATION), path.join(dir, MIGRATION), { recursive: true });
      expect(await applyMigrations({ db: executor, migrationsDir: dir })).toEqual([MIGRATION]);
      expect((await db.query(mismatchesSql)).rows).toEqual([{ mismatches: 0, missing: 0 }]);

      await db.exec(`INSERT INTO "communications" ("storeId", "id", "conversationId", "content", "occurredAt")
        VALUES ('mem_store_01jbackfill0000000000000000', 'conv_communication_01jbackfill000000000099', 'conv_conversation_01jbackfill0000000000001', 'it jams again', timestamp '2026-05-04 08:00')`);
      expect((await db.query(mismatchesSql)).rows).toEqual([{ mismatches: 0, missing: 0 }]);
    } finally {
      await db.close();
    }
  });
});
