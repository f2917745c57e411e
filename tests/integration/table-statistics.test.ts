import { describe, expect, it } from "vitest";
import { getDatabase, getPrisma } from "@/lib/db/client";
import { needsStatistics, readTableSizes, refreshTableStatistics } from "@/lib/db/refresh-table-statistics";
import { buildProfiles } from "@/prisma/builders";
import { createTestStore } from "../helpers/test-actors";

// The embedded database has no autovacuum, so the server refreshes statistics itself
// (lib/db/refresh-table-statistics.ts): tables never analyzed, or more than doubled since.
describe("table statistics", () => {
  it("needsStatistics: never analyzed, or more than doubled since, and only with data", () => {
    expect(needsStatistics({ table: "t", pages: 0, recordedPages: 0, recordedRows: -1 })).toBe(false);
    expect(needsStatistics({ table: "t", pages: 1, recordedPages: 0, recordedRows: -1 })).toBe(true);
    expect(needsStatistics({ table: "t", pages: 100, recordedPages: 60, recordedRows: 5_000 })).toBe(false);
    expect(needsStatistics({ table: "t", pages: 128, recordedPages: 60, recordedRows: 5_000 })).toBe(false); // 2 × 60 + 8
    expect(needsStatistics({ table: "t", pages: 129, recordedPages: 60, recordedRows: 5_000 })).toBe(true);
    expect(needsStatistics({ table: "t", pages: 9, recordedPages: 0, recordedRows: 0 })).toBe(true); // analyzed while empty, grown since
  });

  it("refreshes the tables that need it, after which none does, and sees growth again", async () => {
    const database = await getDatabase();
    const prisma = await getPrisma();
    const storeId = (await createTestStore("statistics")).id;
    const profilesOf = (count: number, tag: string) => Array.from({ length: count }, (_, index) => ({ traits: { Contact: { firstName: `Stat ${tag} ${index}` } } }));
    await buildProfiles(prisma, storeId, profilesOf(50, "a"));
    await refreshTableStatistics(database);
    const after = await readTableSizes(database);
    expect(after.map((size) => size.table)).toEqual(expect.arrayContaining(["profiles", "identifiers", "communications", "observations"]));
    expect(after.filter(needsStatistics)).toEqual([]);
    const profiles = after.find((size) => size.table === "profiles")!;
    expect(profiles.recordedRows).toBeGreaterThanOrEqual(50);

    // Grow the profiles table well past double its recorded size: it needs statistics again.
    await buildProfiles(prisma, storeId, profilesOf(Math.max(600, profiles.recordedRows * 3), "b"));
    const grown = (await readTableSizes(database)).find((size) => size.table === "profiles")!;
    if (database.kind === "embedded") expect(needsStatistics(grown)).toBe(true); // PostgreSQL's autovacuum may have been first
    expect(await refreshTableStatistics(database)).toEqual(database.kind === "embedded" ? expect.arrayContaining(["profiles"]) : expect.any(Array));
    expect((await readTableSizes(database)).filter(needsStatistics)).toEqual([]);
  });
});
