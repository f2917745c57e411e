import { describe, expect, it } from "vitest";
import { getDatabase, getPrisma } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { PREPARED_STATEMENT, preparedStatementName } from "@/lib/db/prepared-statements";
import { findStore } from "@/lib/stores/find-store";
import { createTestStore } from "../helpers/test-actors";

// The hot paths' raw statements (Database.queryRows: straight to the driver, marked ones named on
// PostgreSQL) answer what Prisma reads.
describe("raw statements", () => {
  it("findStore reads the row Prisma reads, and nothing for unknown, malformed or deleting stores", async () => {
    const prisma = await getPrisma();
    const plain = await createTestStore("raw-store-plain");
    const full = await createTestStore("raw-store-full");
    await prisma.store.update({
      where: { id: full.id },
      data: { description: "It's \"quoted\" — ünïcode", twilioAuthToken: "token-123", autoApproveObservations: true, conversationTimeouts: { SMS: { inactiveAfterMinutes: 7, closedAfterMinutes: 99 } } },
    });
    for (const { id } of [plain, full]) expect(await findStore(id)).toEqual(await prisma.store.findUnique({ where: { id } }));
    expect(await findStore("mem_store_01h455vb4pex5vsknk084sn02q")).toBeNull();
    expect(await findStore("not-a-store-id")).toBeNull();
    const deleting = await createTestStore("raw-store-deleting");
    await prisma.store.update({ where: { id: deleting.id }, data: { status: "DELETING" } });
    expect(await findStore(deleting.id)).toBeNull();
  });

  it("binds text, numbers, text arrays and NULL alike on both databases", async () => {
    const database = await getDatabase();
    const [row] = await database.queryRows<{ result: unknown }>(
      Prisma.sql`${PREPARED_STATEMENT}SELECT json_build_object('text', ${"it's"}::text, 'number', ${42}::int8 + 1, 'array', cardinality(${["a", "b'", "c,d"]}::text[]), 'null', ${null}::text IS NULL) AS result`,
    );
    const result = typeof row.result === "string" ? JSON.parse(row.result) : row.result;
    expect(result).toEqual({ text: "it's", number: 43, array: 3, null: true });
  });

  it("prepares a marked statement once per connection (PostgreSQL's pool, PGlite's one backend)", async () => {
    const database = await getDatabase();
    const marked = Prisma.sql`${PREPARED_STATEMENT}SELECT ${"prepared-check"}::text AS "value"`;
    // Sequential statements reuse the pool's most recently released connection.
    for (let i = 0; i < 3; i++) expect(await database.queryRows(marked)).toEqual([{ value: "prepared-check" }]);
    const prepared = await database.queryRows<{ name: string }>(Prisma.sql`SELECT name FROM pg_prepared_statements WHERE name = ${preparedStatementName({ sql: marked.text })}`);
    expect(prepared).toHaveLength(1);
  });

  it("a prepared statement that fails answers the database's error and leaves the connection usable", async () => {
    const database = await getDatabase();
    const cast = (value: string) => Prisma.sql`${PREPARED_STATEMENT}SELECT ${value}::int AS "number"`;
    await expect(database.queryRows(cast("not a number"))).rejects.toThrow(/invalid input syntax for type integer/);
    expect(await database.queryRows(cast("7"))).toEqual([{ number: 7 }]);
    await expect(database.queryRows(Prisma.sql`${PREPARED_STATEMENT}SELECT * FROM "no_such_table"`)).rejects.toThrow(/no_such_table/);
    expect(await database.queryRows(cast("8"))).toEqual([{ number: 8 }]);
  });

  it("raw statements interleave with Prisma's transactions without mixing their messages", async () => {
    const database = await getDatabase();
    const prisma = await getPrisma();
    const store = await createTestStore("raw-store-concurrent");
    const reads = Array.from({ length: 20 }, (_, index) => database.queryRows<{ value: string }>(Prisma.sql`${PREPARED_STATEMENT}SELECT ${`read ${index}`}::text AS "value"`));
    const transaction = prisma.$transaction(async (tx) => {
      await tx.store.update({ where: { id: store.id }, data: { description: "inside" } });
      return tx.store.findUnique({ where: { id: store.id } });
    });
    const [written, ...answers] = await Promise.all([transaction, ...reads]);
    expect(written?.description).toBe("inside");
    expect(answers.map((rows) => rows[0].value)).toEqual(Array.from({ length: 20 }, (_, index) => `read ${index}`));
    expect((await findStore(store.id))?.description).toBe("inside");
  });
});
