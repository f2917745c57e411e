import { createHash } from "node:crypto";
import { Prisma } from "./generated/client";

const MARK = "/* kith:prepared */ ";

/**
 * The mark that makes a raw statement a named (prepared) statement on PostgreSQL: parsed and
 * planned once per connection, then only bound and executed. Recall's searches are the statements
 * that need it — they are long (several CTEs, one JSON answer), and for a typical profile planning
 * them cost more than running them (docs/PERFORMANCE.md). Only statements whose text comes from a
 * small fixed set may carry it: every distinct text is one more statement kept by each connection.
 * On the embedded database, lib/db/embedded-statements.ts does the same for Database.queryRows.
 */
export const PREPARED_STATEMENT = Prisma.raw(MARK);

/** Distinct marked texts this process names; past it, a new text runs unnamed (a safety net against a text that varies). */
export const MAX_PREPARED_STATEMENTS = 200;

const names = new Map<string, string>();

/**
 * The PostgreSQL adapter's statementNameGenerator: a stable name for a marked statement's text
 * (its hash, so that two texts never share a name); "" — pg's unnamed statement, parsed and planned
 * on every call, as without a generator — for every other statement.
 */
export function preparedStatementName(query: { sql: string }): string {
  if (!query.sql.startsWith(MARK)) return "";
  const known = names.get(query.sql);
  if (known) return known;
  if (names.size >= MAX_PREPARED_STATEMENTS) return "";
  const name = `kith_${createHash("sha256").update(query.sql).digest("base64url").slice(0, 32)}`;
  names.set(query.sql, name);
  return name;
}
