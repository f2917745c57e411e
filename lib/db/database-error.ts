import { Prisma } from "./generated/client";

/**
 * The PostgreSQL SQLSTATE behind an error (`23505`, `40P01` …), wherever it was raised: Prisma's
 * query builder reports a unique violation as P2002, a raw query (`$queryRaw`, `$executeRaw`) as
 * P2010 with the driver adapter's original code, and a driver error may carry the code itself.
 */
export function sqlStateOf(error: unknown): string | null {
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    const original = (error.meta as { driverAdapterError?: { cause?: { originalCode?: unknown } } } | undefined)?.driverAdapterError?.cause?.originalCode;
    return typeof original === "string" ? original : null;
  }
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) ? code : null;
}

/** A unique constraint refused the write: from the query builder (P2002) or from hand-written SQL. */
export function isUniqueViolation(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return true;
  return sqlStateOf(error) === "23505";
}
