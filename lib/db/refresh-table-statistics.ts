import { Prisma } from "./generated/client";
import type { Database } from "./client";
import { queryJsonCell } from "./query-json-cell";

/**
 * The embedded database has no autovacuum: PGlite is one backend inside the server, with no
 * background processes, so nothing ever ANALYZEs or VACUUMs its tables. Without statistics the
 * planner guesses one row for everything (recall's search was once 3× slower for it:
 * docs/PERFORMANCE.md, recall fourth pass), and without VACUUM updated rows' old versions are never
 * reused. The server therefore checks its tables now and then and runs `VACUUM (ANALYZE)` on those
 * that were never analyzed or have more than doubled since they last were — so a growing table is
 * processed a logarithmic number of times. PGlite runs it in its one backend, so other statements
 * wait meanwhile; PostgreSQL's own autovacuum does this there.
 */

/** A table's size now and as its last VACUUM or ANALYZE recorded it (pg_class.relpages / reltuples). */
export type TableSize = { table: string; pages: number; recordedPages: number; recordedRows: number };

/** Pages a table may grow by beyond double its recorded size before it is processed again (8 KiB each). */
export const GROWTH_SLACK_PAGES = 8;

/** Whether a table needs fresh statistics: it has data and was never analyzed (reltuples −1), or more than doubled since. Pure. */
export function needsStatistics({ pages, recordedPages, recordedRows }: TableSize): boolean {
  if (pages <= 0) return false;
  return recordedRows < 0 || pages > 2 * recordedPages + GROWTH_SLACK_PAGES;
}

/** The sizes of Kith's tables (the public schema's ordinary tables), in one statement. */
export async function readTableSizes(database: Pick<Database, "queryRows">): Promise<TableSize[]> {
  const sizes = await queryJsonCell<TableSize[]>(database, Prisma.sql`
    SELECT coalesce(json_agg(json_build_object(
             'table', c.relname, 'pages', pg_relation_size(c.oid) / current_setting('block_size')::int,
             'recordedPages', c.relpages, 'recordedRows', c.reltuples) ORDER BY c.relname), '[]'::json) AS sizes
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind = 'r'`);
  return sizes ?? [];
}

/** VACUUM (ANALYZE) of every table that needsStatistics; returns the tables processed. */
export async function refreshTableStatistics(database: Pick<Database, "queryRows" | "prisma">): Promise<string[]> {
  const stale = (await readTableSizes(database)).filter(needsStatistics).map((size) => size.table);
  for (const table of stale) {
    const started = performance.now();
    await database.prisma.$executeRawUnsafe(`VACUUM (ANALYZE) "${table.replace(/"/g, '""')}"`);
    console.log(`[statistics] VACUUM (ANALYZE) ${table}: ${Math.round(performance.now() - started)} ms`);
  }
  return stale;
}
