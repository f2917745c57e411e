import type { RawQueryRunner } from "./client";
import type { Prisma } from "./generated/client";

/**
 * The one JSON cell a raw statement answers (its first row's first column), as a value — both
 * drivers parse `json` themselves; a cell that came as text is parsed here — or null when the
 * statement answered no row. Database.queryRows' statements are written to answer one such cell.
 */
export async function queryJsonCell<Value>(db: RawQueryRunner, sql: Prisma.Sql): Promise<Value | null> {
  const [row] = await db.queryRows<Record<string, unknown>>(sql);
  if (!row) return null;
  const cell = Object.values(row)[0];
  return (typeof cell === "string" ? JSON.parse(cell) : (cell ?? null)) as Value | null;
}
