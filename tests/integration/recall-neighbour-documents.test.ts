import { beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { communicationSearchSql, rankedSelect, type CommunicationSearchOptions } from "@/lib/db/vector";
import { buildConversation, buildProfile } from "@/prisma/builders";
import { callApi } from "../helpers/call-api";
import { createHashingEmbedder } from "../helpers/hashing-embedder";
import { createTestKey, createTestStore } from "../helpers/test-actors";

// Communications' lexical documents with their neighbours are stored on write (migration
// 20261211120000_communication_neighbour_documents) instead of being composed per request.
// These tests hold the stored column to what the request used to compose — the same window over
// each conversation's turns — through every kind of write, and the search to the old statement.

/** The document each turn of a store had in the search before the column: composed by window functions. */
const composedDocumentsSql = (storeId: string) => Prisma.sql`
  SELECT t."id", t."neighbourDocument"::text AS stored, (
    t.own_document || setweight(coalesce(t.previous_document, ''::tsvector), 'C') || setweight(t.neighbour_document, 'B')
      || to_tsvector('english', to_char(t.session_start, 'FMDD FMMonth YYYY'))
  )::text AS composed
  FROM (
    SELECT c."id", c."neighbourDocument", c."searchVector" AS own_document,
           lag(c."searchVector") OVER thread AS previous_document,
           coalesce(lag(c."searchVector", 2) OVER thread, ''::tsvector) || coalesce(lead(c."searchVector") OVER thread, ''::tsvector)
             || coalesce(lead(c."searchVector", 2) OVER thread, ''::tsvector) AS neighbour_document,
           min(c."occurredAt") OVER (PARTITION BY c."conversationId") AS session_start
    FROM "communications" c WHERE c."storeId" = ${storeId}
    WINDOW thread AS (PARTITION BY c."conversationId" ORDER BY c."occurredAt", c."id")
  ) t ORDER BY t."id"`;

/** The communications search as it was before the stored column (commit 5a87b37), for the A/B. */
function composedSearchSql(options: CommunicationSearchOptions): Prisma.Sql {
  const { storeId, profileId, queryText, queryVector, depth, excludeIds = [], beginDate, endDate } = options;
  const distance = queryVector
    ? Prisma.sql`CASE WHEN c."embeddingModel" = ${queryVector.model} AND c."embedding" IS NOT NULL THEN c."embedding" <=> ${`[${Array.from(queryVector.vector).join(",")}]`}::vector END`
    : Prisma.sql`NULL::float8`;
  const dates = Prisma.sql`${beginDate ? Prisma.sql`AND t."occurredAt" >= (${beginDate.toISOString()}::timestamptz AT TIME ZONE 'UTC')` : Prisma.empty} ${endDate ? Prisma.sql`AND t."occurredAt" < (${endDate.toISOString()}::timestamptz AT TIME ZONE 'UTC')` : Prisma.empty}`;
  return rankedSelect(
    Prisma.sql`
      WITH conversations_of_profile AS (
        SELECT DISTINCT p."conversationId" AS id FROM "participants" p WHERE p."storeId" = ${storeId} AND p."profileId" = ${profileId}
      ),
      turns AS (
        SELECT c."id", c."conversationId", c."occurredAt", c."searchVector" AS own_document,
               lag(c."searchVector") OVER thread AS previous_document,
               coalesce(lag(c."searchVector", 2) OVER thread, ''::tsvector) || coalesce(lead(c."searchVector") OVER thread, ''::tsvector)
                 || coalesce(lead(c."searchVector", 2) OVER thread, ''::tsvector) AS neighbour_document,
               min(c."occurredAt") OVER (PARTITION BY c."conversationId") AS session_start,
               c.distance
        FROM (
          SELECT c."id", c."conversationId", c."occurredAt", c."searchVector", ${distance} AS distance
          FROM "communications" c
          WHERE c."storeId" = ${storeId} AND c."conversationId" IN (SELECT id FROM conversations_of_profile)
          OFFSET 0
        ) c
        WINDOW thread AS (PARTITION BY c."conversationId" ORDER BY c."occurredAt", c."id")
      ),
      session_dates AS (
        SELECT t."conversationId" AS id, to_tsvector('english', to_char(t.session_start, 'FMDD FMMonth YYYY')) AS document
        FROM (SELECT DISTINCT "conversationId", session_start FROM turns) t
      )
      SELECT t."id", t."occurredAt", t.distance,
             t.own_document || setweight(coalesce(t.previous_document, ''::tsvector), 'C') || setweight(t.neighbour_document, 'B')
               || coalesce(d.document, ''::tsvector) AS document
      FROM turns t LEFT JOIN session_dates d ON d.id = t."conversationId"
      WHERE NOT (t."id" = ANY(${excludeIds}::text[])) ${dates}`,
    queryText,
    depth,
  );
}

type SearchRow = { id: string; occurredAt: Date; distance: number | null; lexicalScore: number };
const sorted = (rows: SearchRow[]) => [...rows].map((row) => ({ ...row, distance: row.distance === null ? null : Number(row.distance), lexicalScore: Number(row.lexicalScore) })).sort((a, b) => a.id.localeCompare(b.id));

describe("communications' stored neighbour documents", () => {
  let storeId: string;
  let auth: string;
  let profileId: string;
  let conversationId: string;
  let customerParticipantId: string;
  const minute = 60_000;
  const start = new Date("2026-03-04T10:00:00Z");
  const at = (minutes: number) => new Date(start.getTime() + minutes * minute).toISOString();

  const mismatches = async () => {
    const prisma = await getPrisma();
    const rows = await prisma.$queryRaw<{ id: string; stored: string | null; composed: string }[]>(composedDocumentsSql(storeId));
    expect(rows.length).toBeGreaterThan(0);
    return rows.filter((row) => row.stored !== row.composed);
  };

  beforeAll(async () => {
    const prisma = await getPrisma();
    storeId = (await createTestStore("neighbours")).id;
    auth = await createTestKey("ADMIN", storeId);
    profileId = (await buildProfile(prisma, { storeId })).id;
    const customer = { type: "CUSTOMER" as const, name: "Ines", addresses: [{ channel: "CHAT" as const, address: "ines-chat" }], profileId };
    const agent = { type: "HUMAN_AGENT" as const, name: "Rui", addresses: [{ channel: "CHAT" as const, address: "rui-agent" }] };
    // Built with the seed builders (one createMany for two conversations).
    await buildConversation(prisma, {
      storeId, channel: "CHAT", participants: [customer, agent],
      communications: [
        { author: 1, text: "Which hotel did you book in Madeira?", occurredAt: new Date("2026-01-20T09:00:00Z") },
        { author: 0, text: "The one by the harbour, with the blue shutters", occurredAt: new Date("2026-01-20T09:01:00Z") },
        { author: 1, text: "Lovely, and the flights?", occurredAt: new Date("2026-01-20T09:02:00Z") },
        { author: 0, text: "Still waiting on the airline's refund", occurredAt: new Date("2026-01-20T09:03:00Z") },
      ],
    });
    const current = await buildConversation(prisma, {
      storeId, channel: "CHAT", status: "ACTIVE", participants: [customer, agent], createdAt: new Date("2026-03-01T00:00:00Z"),
      communications: [{ author: 0, text: "My parcel to Coimbra never arrived", occurredAt: new Date(at(0)) }],
    });
    conversationId = current.id;
    customerParticipantId = current.participants[0].id;
  });

  it("are written for conversations built in bulk", async () => {
    expect(await mismatches()).toEqual([]);
  });

  it("follow appended turns through the API, including one dated before the first (a new session date for every turn)", async () => {
    const append = (communications: Array<{ text: string; minutes: number }>) =>
      callApi("POST", `/v1/Stores/${storeId}/Conversations/${conversationId}/Communications`, {
        auth,
        json: { communications: communications.map((item) => ({ author: { participantId: customerParticipantId }, content: { text: item.text }, occurredAt: at(item.minutes) })) },
      });
    expect((await append([{ text: "The tracking says delivered to a neighbour", minutes: 2 }])).status).toBe(201);
    expect(await mismatches()).toEqual([]);
    expect((await append([{ text: "I asked the neighbour, nothing", minutes: 3 }, { text: "Could you send a replacement kettle?", minutes: 4 }])).status).toBe(201);
    expect(await mismatches()).toEqual([]);
    // Delivered late, dated between the first two turns: its neighbours on both sides change.
    expect((await append([{ text: "It was a green kettle", minutes: 1 }])).status).toBe(201);
    expect(await mismatches()).toEqual([]);
    // Dated a day before the conversation's first turn: every turn's session date changes.
    expect((await append([{ text: "I ordered it the day before", minutes: -24 * 60 }])).status).toBe(201);
    expect(await mismatches()).toEqual([]);
    const prisma = await getPrisma();
    const [first] = await prisma.$queryRaw<{ hasDate: boolean }[]>`
      SELECT "neighbourDocument" @@ to_tsquery('english', 'march & 2026') AS "hasDate" FROM "communications" WHERE "storeId" = ${storeId} AND "conversationId" = ${conversationId} ORDER BY "occurredAt" DESC LIMIT 1`;
    expect(first.hasDate).toBe(true); // 3 March: the new first turn's day
    expect(await prisma.communication.count({ where: { storeId, conversationId } })).toBe(6);
  });

  it("follow edits of content and occurredAt, and deletes, but embedding writes rewrite nothing", async () => {
    const prisma = await getPrisma();
    const turns = await prisma.communication.findMany({ where: { storeId, conversationId }, orderBy: [{ occurredAt: "asc" }, { id: "asc" }], select: { id: true } });
    await prisma.$executeRaw`UPDATE "communications" SET "content" = 'The kettle was red after all' WHERE "storeId" = ${storeId} AND "id" = ${turns[2].id}`;
    expect(await mismatches()).toEqual([]);
    await prisma.$executeRaw`UPDATE "communications" SET "occurredAt" = "occurredAt" + interval '1 hour' WHERE "storeId" = ${storeId} AND "id" = ${turns[1].id}`;
    expect(await mismatches()).toEqual([]);
    await prisma.communication.delete({ where: { storeId_id: { storeId, id: turns[3].id } } });
    expect(await mismatches()).toEqual([]);
    // The first turn goes: the session date moves to the next one's day.
    await prisma.communication.delete({ where: { storeId_id: { storeId, id: turns[0].id } } });
    expect(await mismatches()).toEqual([]);

    // An update that touches none of the columns the documents depend on leaves them as they are
    // (the trigger returns before recomputing: xmin of the other rows does not move).
    const before = await prisma.$queryRaw<{ id: string; xmin: string }[]>`SELECT "id", xmin::text FROM "communications" WHERE "storeId" = ${storeId} AND "conversationId" = ${conversationId} ORDER BY "id"`;
    await prisma.$executeRaw`UPDATE "communications" SET "embeddingModel" = 'test-model' WHERE "storeId" = ${storeId} AND "id" = ${before[0].id}`;
    const after = await prisma.$queryRaw<{ id: string; xmin: string }[]>`SELECT "id", xmin::text FROM "communications" WHERE "storeId" = ${storeId} AND "conversationId" = ${conversationId} ORDER BY "id"`;
    expect(after.slice(1)).toEqual(before.slice(1));
    expect(await mismatches()).toEqual([]);
  });

  it("give the communications search the same candidates and scores as composing them per request", async () => {
    const prisma = await getPrisma();
    const embedder = createHashingEmbedder();
    const turns = await prisma.communication.findMany({ where: { storeId }, select: { id: true } });
    const [vector] = await embedder.embed(["parcel kettle refund"]);
    await prisma.$executeRaw`UPDATE "communications" SET "embedding" = ${`[${Array.from(vector).join(",")}]`}::vector, "embeddingModel" = ${embedder.model} WHERE "storeId" = ${storeId} AND "id" = ${turns[0].id}`;
    const cases: Array<Partial<CommunicationSearchOptions> & { queryText: string }> = [
      { queryText: "kettle" },
      { queryText: "hotel harbour shutters" },
      { queryText: "when did I order the kettle, March 2026?" },
      { queryText: "refund airline flights", excludeIds: [turns[1].id] },
      { queryText: "neighbour delivered", beginDate: new Date("2026-03-01T00:00:00Z"), endDate: new Date("2026-03-05T00:00:00Z") },
      { queryText: "parcel kettle refund", queryVector: { vector, model: embedder.model } },
      { queryText: "zzzz no such words" },
    ];
    for (const item of cases) {
      const options: CommunicationSearchOptions = { storeId, profileId, queryVector: null, depth: 100, ...item };
      const stored = await prisma.$queryRaw<SearchRow[]>(communicationSearchSql(options));
      const composed = await prisma.$queryRaw<SearchRow[]>(composedSearchSql(options));
      expect(sorted(stored), item.queryText).toEqual(sorted(composed));
    }
    const kettle = await prisma.$queryRaw<SearchRow[]>(communicationSearchSql({ storeId, profileId, queryText: "kettle", queryVector: null, depth: 100 }));
    expect(kettle.some((row) => Number(row.lexicalScore) > 0)).toBe(true);
  });
});
