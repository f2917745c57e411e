// SQL statements per ingest request on PostgreSQL (`npm run test:pg`): counted by wrapping
// `pg.Client.prototype.query`, which every statement of @prisma/adapter-pg goes through (BEGIN and
// COMMIT included). A guard against the hot path growing again; the figures are in PERFORMANCE.md.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callApi } from "../helpers/call-api";
import { createTestKey, createTestStore } from "../helpers/test-actors";

const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

describe.runIf(onPostgres)("statements per ingest request (PostgreSQL)", () => {
  let storeId: string;
  let agent: string;
  let statements: string[] = [];
  const original = pg.Client.prototype.query;

  beforeAll(async () => {
    storeId = (await createTestStore("statement-count")).id;
    agent = await createTestKey("AGENT");
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const first = args[0] as string | { text?: string };
      statements.push(typeof first === "string" ? first : (first?.text ?? "?"));
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof original;
  });
  afterAll(() => {
    pg.Client.prototype.query = original;
  });

  async function count(run: () => Promise<{ status: number }>): Promise<number> {
    // Warm the API key's lastUsedAt refresh so it does not count (it runs once a minute).
    statements = [];
    const response = await run();
    expect(response.status).toBeLessThan(300);
    if (process.env.KITH_PRINT_STATEMENTS) console.log(statements.map((statement) => statement.replace(/\s+/g, " ").slice(0, 160)).join("\n"));
    return statements.length;
  }

  it("POST …/Profiles for a new person and for a repeat", async () => {
    const body = (n: number) => ({ traits: { Contact: { firstName: "Count", lastName: `Person${n}`, email: `count.${n}@example.com`, phone: `(415) 555-01${String(n).padStart(2, "0")}` } } });
    await callApi("POST", `/v1/Stores/${storeId}/Profiles`, { auth: agent, json: body(0) });
    const fresh = await count(() => callApi("POST", `/v1/Stores/${storeId}/Profiles`, { auth: agent, json: body(1) }));
    const repeat = await count(() => callApi("POST", `/v1/Stores/${storeId}/Profiles`, { auth: agent, json: body(1) }));
    console.log(`statements: POST …/Profiles new person ${fresh}, repeat ${repeat}`);
    expect(fresh).toBeLessThanOrEqual(10);
    expect(repeat).toBeLessThanOrEqual(10);
  });

  it("PUT …/Profiles/Bulk of 100 new people and of the same 100 again", async () => {
    const rows = Array.from({ length: 100 }, (_, n) => ({ traits: { Contact: { firstName: "Bulk", lastName: `Person${n}`, email: `bulk.${n}@example.com`, phone: `+1415666${String(n).padStart(4, "0")}` } } }));
    const fresh = await count(() => callApi("PUT", `/v1/Stores/${storeId}/Profiles/Bulk`, { auth: agent, json: { profiles: rows } }));
    const repeat = await count(() => callApi("PUT", `/v1/Stores/${storeId}/Profiles/Bulk`, { auth: agent, json: { profiles: rows } }));
    console.log(`statements: PUT …/Profiles/Bulk, 100 new people ${fresh} (${(fresh / 100).toFixed(2)} per row), the same 100 again ${repeat} (${(repeat / 100).toFixed(2)} per row)`);
    expect(fresh).toBeLessThanOrEqual(20);
    expect(repeat).toBeLessThanOrEqual(20);
  });

  it("POST …/Conversations with a new customer and 5 messages", async () => {
    const body = (n: number) => ({
      channel: "SMS",
      participants: [
        { type: "CUSTOMER", name: "Count Customer", addresses: [{ channel: "SMS", address: `(303) 555-02${String(n).padStart(2, "0")}` }] },
        { type: "HUMAN_AGENT", name: "Sam", addresses: [{ channel: "SMS", address: "+13035550199" }] },
      ],
      communications: Array.from({ length: 5 }, (_, i) => ({
        author: i % 2 === 0 ? { channel: "SMS", address: `(303) 555-02${String(n).padStart(2, "0")}` } : { channel: "SMS", address: "+13035550199" },
        content: { text: `message ${i}` },
        occurredAt: new Date(Date.UTC(2025, 5, 1) + n * 60_000 + i * 1000).toISOString(),
        resourceId: `COUNT-${n}-${i}`,
      })),
    });
    await callApi("POST", `/v1/Stores/${storeId}/Conversations`, { auth: agent, json: body(0) });
    const fresh = await count(() => callApi("POST", `/v1/Stores/${storeId}/Conversations`, { auth: agent, json: body(1) }));
    console.log(`statements: POST …/Conversations (new customer, 5 messages) ${fresh}`);
    expect(fresh).toBeLessThanOrEqual(18);
  });
});
