import { Prisma } from "./generated/client";

/**
 * Values for hand-written SQL on the hot paths, bound as parameters and stored exactly as Prisma's
 * query builder stores them: timestamps as UTC wall-clock time in `timestamp(3)` columns
 * (whatever the session's time zone), JSON as jsonb with Dates as ISO strings.
 */
export function sqlTimestamp(date: Date): Prisma.Sql {
  return Prisma.sql`(${date.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
}

/** jsonb, or SQL NULL for undefined and null (as Prisma writes an omitted optional Json). */
export function sqlJson(value: unknown): Prisma.Sql {
  return value === undefined || value === null ? Prisma.sql`NULL` : Prisma.sql`${JSON.stringify(value)}::jsonb`;
}
