import { beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { communicationSearchSql, isLongQuery, observationSearchSql, rankedSelect } from "@/lib/db/vector";
import { buildConversation, buildProfile } from "@/prisma/builders";
import { callApi } from "../helpers/call-api";
import { createTestKey, createTestStore } from "../helpers/test-actors";

// Recall's lexical side finds the rows holding a query lexeme in one of two ways, for speed
// (lib/db/vector.ts, rankedSelect): `@@` row by row, or every document's lexemes hash-joined to the
// terms (communications with a long query). Both must give the same rows with the same scores, for
// short and long queries, on observations and on communications (whose documents carry weighted
// neighbour turns).
describe("recall's two ways of matching query lexemes", () => {
  let storeId: string;
  let profileId: string;

  const texts = [
    "Customer's dog Biscuit needs a vet appointment every March",
    "Prefers email over phone calls; works nights at the hospital",
    "Moved from Lisbon to Porto with her partner and two cats",
    "The router blinks red after every thunderstorm, restarted twice",
    "Asked about the premium plan's price and the family discount",
    "Allergic to peanuts — mentioned when ordering the gift basket",
    "Back\\slash and 'quoted' words: O'Brien's \"router\" problem",
    "Travels to Osaka in spring for cherry blossoms and ramen",
  ];

  beforeAll(async () => {
    const prisma = await getPrisma();
    storeId = (await createTestStore("matching-paths")).id;
    const auth = await createTestKey("AGENT", storeId);
    profileId = (await buildProfile(prisma, { storeId })).id;
    const observations = Array.from({ length: 40 }, (_, index) => ({ content: `${texts[index % texts.length]} (${index})`, occurredAt: new Date(Date.UTC(2026, 0, 1 + index)).toISOString(), source: "customer_service" }));
    for (let start = 0; start < observations.length; start += 10) {
      const created = await callApi("POST", `/v1/Stores/${storeId}/Profiles/${profileId}/Observations`, { auth, json: { observations: observations.slice(start, start + 10) } });
      expect(created.status, JSON.stringify(created.body)).toBe(202);
    }
    await buildConversation(prisma, {
      storeId, channel: "CHAT",
      participants: [{ type: "CUSTOMER", name: "Ana", addresses: [{ channel: "CHAT", address: "ana" }], profileId }, { type: "HUMAN_AGENT", name: "Tom", addresses: [{ channel: "CHAT", address: "tom" }] }],
      communications: texts.flatMap((text, index) => [
        { author: 0, text, occurredAt: new Date(Date.UTC(2026, 1, 1, 10, index * 2)) },
        { author: 1, text: `Thanks, noted: ${text.split(" ").slice(0, 4).join(" ")}`, occurredAt: new Date(Date.UTC(2026, 1, 1, 10, index * 2 + 1)) },
      ]),
    });
  });

  const candidatesOf = (list: "observations" | "communications") =>
    list === "observations"
      ? Prisma.sql`SELECT o."id", o."occurredAt", o."searchVector" AS document, NULL::float8 AS distance FROM "observations" o WHERE o."storeId" = ${storeId} AND o."profileId" = ${profileId}`
      : Prisma.sql`SELECT c."id", c."occurredAt", c."neighbourDocument" AS document, NULL::float8 AS distance FROM "communications" c
          WHERE c."storeId" = ${storeId} AND c."conversationId" IN (SELECT p."conversationId" FROM "participants" p WHERE p."storeId" = ${storeId} AND p."profileId" = ${profileId})`;

  const longQuery = texts.slice(0, 4).join(" ");
  const queries = ["router", "dog vet", "O'Brien's back\\slash", "the and of", "", "zzzunknownword", texts[3], longQuery, `${longQuery} ${texts[7]} cats ramen`];

  it("the query's length picks the way for communications", () => {
    expect(isLongQuery(longQuery)).toBe(true);
    expect(isLongQuery(texts[3])).toBe(false);
    expect(isLongQuery("")).toBe(false);
  });

  for (const list of ["observations", "communications"] as const) {
    it(`gives the same rows and scores both ways (${list})`, async () => {
      const prisma = await getPrisma();
      let matched = 0;
      for (const query of queries) {
        const read = async (joinLexemes: boolean) =>
          (await prisma.$queryRaw<{ id: string; lexicalScore: number }[]>(rankedSelect(candidatesOf(list), query, 10, { joinLexemes })))
            .map((row) => ({ id: row.id, lexicalScore: Number(row.lexicalScore) }))
            .sort((a, b) => a.id.localeCompare(b.id));
        const [byRow, byJoin] = [await read(false), await read(true)];
        // The same rows; each score summed over the same terms, perhaps in another order (last bits).
        expect(byJoin.map((row) => row.id)).toEqual(byRow.map((row) => row.id));
        byJoin.forEach((row, index) => expect(row.lexicalScore).toBeCloseTo(byRow[index].lexicalScore, 12));
        if (byRow.some((row) => row.lexicalScore > 0)) matched++;
      }
      expect(matched).toBeGreaterThanOrEqual(5); // the comparison covers real matches, not only empty answers
    });
  }

  // Whatever the planner estimates (this store was never ANALYZEd), no aggregate, sort or limit of
  // the search runs more than once: each step reads the previous one, with no join back to the
  // candidates (lib/db/vector.ts). A nested loop that re-ran them per candidate made the search 3×
  // slower on LoCoMo's data before.
  it("runs each aggregate and sort of the search once, with or without statistics", async () => {
    const prisma = await getPrisma();
    type PlanNode = { "Node Type": string; "Actual Loops"?: number; Plans?: PlanNode[] };
    const rerun = (node: PlanNode): string[] => [
      ...(["Aggregate", "Sort", "Limit"].includes(node["Node Type"]) && (node["Actual Loops"] ?? 0) > 1 ? [`${node["Node Type"]} ×${node["Actual Loops"]}`] : []),
      ...(node.Plans ?? []).flatMap(rerun),
    ];
    for (const query of ["router", longQuery]) {
      for (const sql of [observationSearchSql({ storeId, profileId, queryText: query, queryVector: null, depth: 10 }), communicationSearchSql({ storeId, profileId, queryText: query, queryVector: null, depth: 10 })]) {
        const [row] = await prisma.$queryRawUnsafe<{ "QUERY PLAN": unknown }[]>(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql.text}`, ...sql.values);
        const plan = (typeof row["QUERY PLAN"] === "string" ? JSON.parse(row["QUERY PLAN"]) : row["QUERY PLAN"]) as { Plan: PlanNode }[];
        expect(rerun(plan[0].Plan)).toEqual([]);
      }
    }
  });
});
