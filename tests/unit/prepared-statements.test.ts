import { describe, expect, it } from "vitest";
import { Prisma } from "@/lib/db/generated/client";
import { MAX_PREPARED_STATEMENTS, PREPARED_STATEMENT, preparedStatementName } from "@/lib/db/prepared-statements";

describe("preparedStatementName (PostgreSQL's statement names)", () => {
  it("names a marked statement by its text, the same name every time, and leaves the others unnamed", () => {
    const marked = Prisma.sql`${PREPARED_STATEMENT}SELECT ${1}::int AS "one"`;
    const name = preparedStatementName({ sql: marked.text });
    expect(name).toMatch(/^kith_[A-Za-z0-9_-]{32}$/);
    expect(preparedStatementName({ sql: Prisma.sql`${PREPARED_STATEMENT}SELECT ${2}::int AS "one"`.text })).toBe(name); // values are not part of the text
    expect(preparedStatementName({ sql: Prisma.sql`${PREPARED_STATEMENT}SELECT ${1}::int AS "two"`.text })).not.toBe(name);
    expect(preparedStatementName({ sql: `SELECT 1` })).toBe("");
    expect(preparedStatementName({ sql: ` ${marked.text}` })).toBe(""); // the mark must come first
  });

  it("stops naming new texts past its bound (a text that varied would otherwise fill every connection)", () => {
    const named = Array.from({ length: MAX_PREPARED_STATEMENTS + 5 }, (_, index) => preparedStatementName({ sql: `/* kith:prepared */ SELECT ${index} AS "bound"` }));
    expect(named.filter((name) => name === "").length).toBeGreaterThanOrEqual(5);
    expect(named.filter((name) => name !== "").length).toBeLessThanOrEqual(MAX_PREPARED_STATEMENTS);
    // Texts named before the bound keep their names.
    expect(preparedStatementName({ sql: Prisma.sql`${PREPARED_STATEMENT}SELECT ${1}::int AS "one"`.text })).toMatch(/^kith_/);
  });
});
