import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDatabase, getPrisma } from "@/lib/db/client";
import { systemActor } from "@/lib/auth/actor";
import { Prisma } from "@/lib/db/generated/client";
import { observationSearchSql, searchCommunications, searchObservations, searchRecallLists, searchSummaries, type RecallSearchRow } from "@/lib/db/vector";
import { mergeProfilesManually } from "@/lib/merges/merge-profiles-manually";
import { setRecallEmbedder } from "@/lib/recall/recall-embedder";
import { scoreBm25 } from "@/lib/recall/score-bm25";
import { buildConversation, buildProfile } from "@/prisma/builders";
import { callApi } from "../helpers/call-api";
import { createHashingEmbedder } from "../helpers/hashing-embedder";
import { embedStoreRows } from "@/lib/embeddings/embed-store-rows";
import { chooseEmbedder } from "@/lib/embeddings/choose-embedder";
import { createTestKey, createTestStore } from "../helpers/test-actors";

const day = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * day);

type Item = { id: string; content?: string; score?: number; explain?: Record<string, number | null>; occurredAt: string };

describe("Recall API", () => {
  const embedder = createHashingEmbedder();
  let storeId: string;
  let auth: string;
  let profileId: string;
  let otherStoreProfileId: string;
  let otherStoreConversationId: string;
  let pastConversationId: string;
  let currentConversationId: string;
  let recitalAnswerId: string;
  let usualSeatMessageId: string;
  const ids: Record<string, string> = {};

  const recallPath = (id = profileId, store = storeId) => `/v1/Stores/${store}/Profiles/${id}/Recall`;
  const recall = (json: unknown, id = profileId) => callApi("POST", recallPath(id), { auth, json });
  const contents = (items: Item[]) => items.map((item) => item.content);

  beforeAll(async () => {
    setRecallEmbedder(embedder);
    const prisma = await getPrisma();
    storeId = (await createTestStore("recall")).id;
    auth = await createTestKey("AGENT", storeId);
    const profile = await buildProfile(prisma, { storeId, traits: { Contact: { firstName: "Dana", lastName: "Okafor" } }, identifiers: [{ idType: "email", value: `dana-${Date.now()}@example.com` }] });
    profileId = profile.id;
    const customer = { type: "CUSTOMER" as const, name: "Dana", addresses: [{ channel: "CHAT" as const, address: "dana-chat" }], profileId };
    const agent = { type: "HUMAN_AGENT" as const, name: "Sam", addresses: [{ channel: "CHAT" as const, address: "sam-agent" }] };
    const past = await buildConversation(prisma, {
      storeId, channel: "CHAT", participants: [customer, agent],
      communications: [
        { author: 1, text: "When is your daughter's dance recital?", occurredAt: daysAgo(30), resourceId: `r-${Date.now()}-1` },
        { author: 0, text: "Next Friday at six, she is so excited!", occurredAt: new Date(daysAgo(30).getTime() + 60_000), resourceId: `r-${Date.now()}-2` },
        { author: 0, text: "Also my blender arrived broken.", occurredAt: new Date(daysAgo(30).getTime() + 120_000), resourceId: `r-${Date.now()}-3` },
      ],
    });
    pastConversationId = past.id;
    recitalAnswerId = past.communications[1].id;
    const current = await buildConversation(prisma, {
      storeId, channel: "CHAT", status: "ACTIVE", participants: [customer, agent],
      communications: [
        { author: 0, text: "Hi, I need to change my flight to Lisbon", occurredAt: daysAgo(0.02) },
        { author: 1, text: "Sure, which date works for you?", occurredAt: daysAgo(0.015) },
        { author: 0, text: "Tuesday, and I want my usual seat on the plane", occurredAt: daysAgo(0.01) },
      ],
    });
    currentConversationId = current.id;
    usualSeatMessageId = current.communications[2].id;

    const observations = [
      { content: "Prefers an aisle seat on long flights", occurredAt: daysAgo(10), conversationIds: [currentConversationId], communicationIds: [usualSeatMessageId] },
      { content: "Has a guinea pig named Oscar", occurredAt: daysAgo(20) },
      { content: "Enjoys photography on weekends", occurredAt: daysAgo(40) },
      { content: "Is learning Portuguese at evening classes", occurredAt: daysAgo(5) },
      { content: "Lives in Porto with her partner", occurredAt: daysAgo(60) },
      { content: "Drives an old Volvo car", occurredAt: daysAgo(70) },
      { content: "Wants a refund for the broken blender", occurredAt: daysAgo(30), status: "REJECTED" },
    ];
    const created = await callApi("POST", `/v1/Stores/${storeId}/Profiles/${profileId}/Observations`, {
      auth, json: { observations: observations.map((item) => ({ source: "customer_service", ...item, occurredAt: item.occurredAt.toISOString() })) },
    });
    expect(created.status).toBe(202);
    for (const observation of created.body.observations as Item[]) ids[observation.content!] = observation.id;
    const summaries = await callApi("POST", `/v1/Stores/${storeId}/Profiles/${profileId}/ConversationSummaries`, {
      auth,
      json: {
        summaries: [
          { content: "Dana asked about her daughter's dance recital tickets and reported a broken blender.", conversationId: pastConversationId, occurredAt: daysAgo(30).toISOString() },
          { content: "Dana changed a flight to Lisbon and asked for an aisle seat.", conversationId: currentConversationId, occurredAt: daysAgo(0.01).toISOString() },
        ],
      },
    });
    expect(summaries.status).toBe(202);
    await embedStoreRows({ storeId, embedder });

    const otherStoreId = (await createTestStore("recall-other")).id;
    const otherProfile = await buildProfile(prisma, { storeId: otherStoreId, identifiers: [{ idType: "email", value: `o-${Date.now()}@example.com` }] });
    otherStoreProfileId = otherProfile.id;
    otherStoreConversationId = (await buildConversation(prisma, { storeId: otherStoreId, channel: "CHAT", participants: [{ type: "CUSTOMER", profileId: otherProfile.id }], communications: [{ author: 0, text: "hi", occurredAt: new Date() }] })).id;
  });

  afterAll(() => setRecallEmbedder(undefined));

  it("ranks the matching observation first for a keyword query, with Twilio's shape and 0–1 scores", async () => {
    const result = await recall({ query: "guinea pig" });
    expect(result.status).toBe(200);
    expect(result.headers.get("Canonical-Profile-Id")).toBe(profileId);
    expect(Object.keys(result.body).sort()).toEqual(["communications", "meta", "observations", "summaries"]);
    const [first] = result.body.observations as Item[];
    expect(first).toMatchObject({ id: ids["Has a guinea pig named Oscar"], content: "Has a guinea pig named Oscar", profileId, status: "APPROVED", source: "customer_service" });
    for (const item of [...result.body.observations, ...result.body.summaries] as Item[]) {
      expect(item.score).toBeGreaterThanOrEqual(0);
      expect(item.score).toBeLessThanOrEqual(1);
      expect(item.explain).toBeUndefined();
    }
    expect(first.score).toBe(Math.max(...(result.body.observations as Item[]).map((item) => item.score!)));
    expect(result.body.communications).toEqual([]);
    expect(result.body.meta.queryTime).toBeGreaterThanOrEqual(0);
    expect(result.body.meta.query).toBe("guinea pig");
  });

  it("finds a memory that shares no word with the query through its vector (photographer → photography)", async () => {
    const result = await recall({ query: "photographer hobbies", explain: true });
    const [first] = result.body.observations as Item[];
    expect(first.content).toBe("Enjoys photography on weekends");
    expect(first.explain!.lexical).toBe(0);
    expect(first.explain!.semantic).toBeGreaterThan(0.2);
  });

  it("explain gives each ranked item its lexical, semantic, recency and fused parts in 0–1", async () => {
    const result = await recall({ query: "aisle seat on my flight", explain: true, communicationsLimit: 5, searchCommunications: true });
    const items = [...result.body.observations, ...result.body.summaries, ...result.body.communications] as Item[];
    expect(items.length).toBeGreaterThan(3);
    for (const item of items) {
      expect(Object.keys(item.explain!).sort()).toEqual(["fused", "lexical", "recency", "semantic"]);
      for (const part of Object.values(item.explain!)) {
        expect(part).not.toBeNull();
        expect(part).toBeGreaterThanOrEqual(0);
        expect(part).toBeLessThanOrEqual(1);
      }
      expect(item.explain!.fused).toBe(item.score);
    }
    expect(result.body.observations[0].content).toBe("Prefers an aisle seat on long flights");
    expect(result.body.summaries[0].content).toBe("Dana changed a flight to Lisbon and asked for an aisle seat.");
  });

  it("relevanceThreshold drops items below it", async () => {
    const all = (await recall({ query: "aisle seat flight", relevanceThreshold: 0 })).body.observations as Item[];
    const high = (await recall({ query: "aisle seat flight", relevanceThreshold: 0.6 })).body.observations as Item[];
    expect(all.length).toBeGreaterThan(high.length);
    expect(high.length).toBeGreaterThan(0);
    for (const item of high) expect(item.score).toBeGreaterThanOrEqual(0.6);
    expect((await recall({ query: "aisle seat flight", relevanceThreshold: 1 })).body.observations.length).toBeLessThanOrEqual(1);
  });

  it("beginDate (inclusive) and endDate (exclusive) filter by occurredAt, ranked or not", async () => {
    const window = { beginDate: daysAgo(25).toISOString(), endDate: daysAgo(8).toISOString() };
    const ranked = (await recall({ query: "seat pig portuguese photography", ...window })).body.observations as Item[];
    expect(contents(ranked).sort()).toEqual(["Has a guinea pig named Oscar", "Prefers an aisle seat on long flights"]);
    const recent = (await recall({ ...window })).body.observations as Item[];
    expect(contents(recent)).toEqual(["Prefers an aisle seat on long flights", "Has a guinea pig named Oscar"]);
    const summaries = (await recall({ beginDate: daysAgo(1).toISOString() })).body.summaries as Item[];
    expect(contents(summaries)).toEqual(["Dana changed a flight to Lisbon and asked for an aisle seat."]);
  });

  it("limits cut each list; 0 leaves it empty", async () => {
    const result = await recall({ query: "seat pig portuguese photography Porto", observationsLimit: 2, summariesLimit: 0 });
    expect(result.body.observations).toHaveLength(2);
    expect(result.body.summaries).toEqual([]);
    const unranked = await recall({ observationsLimit: 1, summariesLimit: 1 });
    expect(unranked.body.observations).toHaveLength(1);
    expect(unranked.body.summaries).toHaveLength(1);
  });

  it("with neither query nor conversation: the newest items, unscored, never REJECTED ones", async () => {
    const result = await recall({});
    expect(result.status).toBe(200);
    const observations = result.body.observations as Item[];
    expect(contents(observations)).toEqual(["Is learning Portuguese at evening classes", "Prefers an aisle seat on long flights", "Has a guinea pig named Oscar", "Enjoys photography on weekends", "Lives in Porto with her partner", "Drives an old Volvo car"]);
    for (const item of [...observations, ...result.body.summaries] as Item[]) expect(item).not.toHaveProperty("score");
    expect(result.body.meta.query).toBeNull();
    // An empty body is the same request.
    const empty = await callApi("POST", recallPath(), { auth });
    expect(empty.status).toBe(200);
    expect(contents(empty.body.observations)).toEqual(contents(observations));
  });

  it("REJECTED observations are never recalled, even for their own words", async () => {
    const result = await recall({ query: "refund for the broken blender", explain: true });
    expect(contents(result.body.observations)).not.toContain("Wants a refund for the broken blender");
    expect((result.body.observations as Item[]).map((item) => item.id)).not.toContain(ids["Wants a refund for the broken blender"]);
  });

  it("with only a conversationId: the query comes from its last turns, and its latest messages come back in thread order", async () => {
    const result = await recall({ conversationId: currentConversationId, communicationsLimit: 2 });
    expect(result.status).toBe(200);
    expect(result.body.meta.query).toContain("usual seat on the plane");
    expect(result.body.observations[0].content).toBe("Prefers an aisle seat on long flights");
    expect(result.body.observations[0].score).toBeGreaterThan(0);
    const communications = result.body.communications as (Item & { content: { text: string }; conversationId: string; author: Record<string, unknown> })[];
    expect(communications.map((item) => item.content.text)).toEqual(["Sure, which date works for you?", "Tuesday, and I want my usual seat on the plane"]);
    expect(communications[1]).toMatchObject({ conversationId: currentConversationId, author: { name: "Dana", type: "CUSTOMER", channel: "CHAT", address: "dana-chat", profileId } });
    expect(communications[0]).not.toHaveProperty("score");
  });

  it("searchCommunications ranks the profile's past turns, each matched with the turn before it", async () => {
    const result = await recall({ query: "daughter dance recital", searchCommunications: true, communicationsLimit: 3, observationsLimit: 0, summariesLimit: 0 });
    const communications = result.body.communications as (Item & { content: { text: string }; resourceId: string | null; conversationId: string })[];
    // The answer holds none of the query's words: it is found through the question before it.
    expect(communications.slice(0, 2).map((item) => item.id)).toContain(recitalAnswerId);
    const answer = communications.find((item) => item.id === recitalAnswerId)!;
    expect(answer).toMatchObject({ conversationId: pastConversationId, content: { text: "Next Friday at six, she is so excited!" }, author: { name: "Dana", type: "CUSTOMER" } });
    expect(answer.resourceId).toMatch(/^r-/);
    expect(answer.score).toBeGreaterThan(0);
  });

  it("a conversation-inferred query does not recall the turns it was made of", async () => {
    const result = await recall({ conversationId: currentConversationId, searchCommunications: true, communicationsLimit: 10 });
    const texts = (result.body.communications as { content: { text: string } }[]).map((item) => item.content.text);
    expect(texts).not.toContain("Tuesday, and I want my usual seat on the plane");
  });

  it("includeTraits adds the profile's traits", async () => {
    const result = await recall({ includeTraits: true, observationsLimit: 0 });
    expect(result.body.traits).toMatchObject({ Contact: { firstName: "Dana", lastName: "Okafor" } });
  });

  it("vectors of another model are never compared: those rows are still found lexically", async () => {
    setRecallEmbedder(createHashingEmbedder("test-hashing-v2"));
    try {
      const result = await recall({ query: "guinea pig photographer", explain: true });
      expect(result.body.observations[0].content).toBe("Has a guinea pig named Oscar");
      for (const item of result.body.observations as Item[]) expect(item.explain!.semantic).toBeNull();
      expect(contents(result.body.observations)).not.toContain("Enjoys photography on weekends");
    } finally {
      setRecallEmbedder(embedder);
    }
  });

  it("a merged-away profile id answers 308 to the survivor", async () => {
    const prisma = await getPrisma();
    const source = await buildProfile(prisma, { storeId, identifiers: [{ idType: "email", value: `merged-${Date.now()}@example.com` }] });
    const survivor = await buildProfile(prisma, { storeId, identifiers: [{ idType: "email", value: `survivor-${Date.now()}@example.com` }] });
    await mergeProfilesManually({ storeId, survivorProfileId: survivor.id, sourceProfileId: source.id, actor: systemActor });
    const moved = await recall({ query: "anything" }, source.id);
    expect(moved.status).toBe(308);
    expect(moved.headers.get("Canonical-Profile-Id")).toBe(survivor.id);
    expect(moved.headers.get("Location")).toContain(`/Profiles/${survivor.id}/Recall`);
  });

  it("answers 400 for invalid input", async () => {
    const invalid = [
      { query: "x".repeat(1025) },
      { observationsLimit: 101 },
      { summariesLimit: -1 },
      { communicationsLimit: 1.5 },
      { relevanceThreshold: 1.5 },
      { query: 5 },
      { explain: "yes" },
      { beginDate: "yesterday" },
      { beginDate: daysAgo(1).toISOString(), endDate: daysAgo(2).toISOString() },
      { unknownField: true },
      [],
    ];
    for (const body of invalid) {
      const result = await recall(body);
      expect(result.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(result.body).toMatchObject({ status: 400, code: expect.any(Number) });
    }
    expect((await recall({ query: "x".repeat(1024) })).status).toBe(200);
    const malformed = await callApi("POST", recallPath(), { auth, body: "{not json", headers: { "content-type": "application/json" } });
    expect(malformed.status).toBe(400);
  });

  it("another store's ids are not found: its profile 404, its conversation a 400 naming conversationId", async () => {
    expect((await recall({ query: "hi" }, otherStoreProfileId)).status).toBe(404);
    expect((await recall({}, "mem_profile_01h455vb4pex5vsknk084sn02q")).status).toBe(404);
    const conversation = await recall({ conversationId: otherStoreConversationId });
    expect(conversation.status).toBe(400);
    expect(conversation.body.details).toEqual([{ path: "conversationId", message: expect.any(String) }]);
    expect((await callApi("POST", recallPath(profileId), { json: {} })).status).toBe(401);
  });

  describe("GET …/Conversations/{id}/Context", () => {
    const contextPath = (id: string, query = "") => `/v1/Stores/${storeId}/Conversations/${id}/Context${query}`;

    it("gives the customer's traits, top memories with their sources and the recent messages, as JSON and as cited text", async () => {
      const result = await callApi("GET", contextPath(currentConversationId), { auth });
      expect(result.status).toBe(200);
      const { conversation, customers, messages, citations, text, meta } = result.body;
      expect(conversation).toMatchObject({ id: currentConversationId, channel: "CHAT", status: "ACTIVE" });
      expect(customers).toHaveLength(1);
      const [customer] = customers;
      expect(customer).toMatchObject({ profileId, displayName: "Dana Okafor", traits: { Contact: { firstName: "Dana", lastName: "Okafor" } } });
      expect(customer.observations[0]).toMatchObject({ content: "Prefers an aisle seat on long flights", citation: 1 });
      expect(customer.observations[0].score).toBeGreaterThan(0);
      expect(citations[0]).toEqual({ number: 1, kind: "observation", id: ids["Prefers an aisle seat on long flights"], profileId, conversationIds: [currentConversationId], communicationIds: [usualSeatMessageId] });
      const summaryCitation = citations.find((citation: { kind: string }) => citation.kind === "summary");
      expect(summaryCitation.conversationIds).toHaveLength(1);
      expect(citations.map((citation: { number: number }) => citation.number)).toEqual(citations.map((_: unknown, index: number) => index + 1));
      expect(contents(customer.observations)).not.toContain("Wants a refund for the broken blender");
      expect(messages.map((message: { content: { text: string } }) => message.content.text)).toEqual([
        "Hi, I need to change my flight to Lisbon",
        "Sure, which date works for you?",
        "Tuesday, and I want my usual seat on the plane",
      ]);
      expect(meta.query).toContain("usual seat");

      expect(text).toContain(`Customer: Dana Okafor — profile ${profileId}`);
      expect(text).toContain("- Contact.firstName: Dana");
      expect(text).toContain("- Prefers an aisle seat on long flights [1]");
      expect(text).toMatch(/\] Dana \(customer\): Tuesday, and I want my usual seat on the plane/);
      expect(text).toMatch(/\] Sam \(agent\): Sure, which date works for you\?/);
      expect(text).toContain(`[1] observation ${ids["Prefers an aisle seat on long flights"]} from conversation ${currentConversationId} (messages ${usualSeatMessageId})`);
      for (const citation of citations) expect(text).toContain(`[${citation.number}] ${citation.kind} ${citation.id}`);
    });

    it("honours the limits", async () => {
      const result = await callApi("GET", contextPath(currentConversationId, "?messagesLimit=1&observationsLimit=2&summariesLimit=0"), { auth });
      expect(result.status).toBe(200);
      expect(result.body.messages).toHaveLength(1);
      expect(result.body.customers[0].observations).toHaveLength(2);
      expect(result.body.customers[0].summaries).toEqual([]);
      expect(result.body.citations).toHaveLength(2);
      expect((await callApi("GET", contextPath(currentConversationId, "?messagesLimit=101"), { auth })).status).toBe(400);
      expect((await callApi("GET", contextPath(currentConversationId, "?unknown=1"), { auth })).status).toBe(400);
    });

    it("another store's or an unknown conversation is 404", async () => {
      expect((await callApi("GET", contextPath(otherStoreConversationId), { auth })).status).toBe(404);
      expect((await callApi("GET", contextPath("conv_conversation_01h455vb4pex5vsknk084sn02q"), { auth })).status).toBe(404);
      expect((await callApi("GET", contextPath("nonsense"), { auth })).status).toBe(404);
    });
  });

  it("the lexical score computed in SQL is BM25 over PostgreSQL's lexemes (as lib/recall/score-bm25.ts defines it)", async () => {
    const prisma = await getPrisma();
    const queryText = "a seat for the guinea pig on long flights";
    const rows = await searchObservations(prisma, { storeId, profileId, queryText, queryVector: null, depth: 100 });
    const [{ terms }] = await prisma.$queryRaw<{ terms: string[] }[]>`SELECT tsvector_to_array(to_tsvector('english', ${queryText})) AS terms`;
    const documents = await prisma.$queryRaw<{ id: string; lexemes: string }[]>`
      SELECT "id", "searchVector"::text AS lexemes FROM "observations" WHERE "storeId" = ${storeId} AND "profileId" = ${profileId} AND "status" <> 'REJECTED'`;
    const parsed = documents.map((document) => {
      const entries = [...document.lexemes.matchAll(/'((?:[^']|'')+)':([0-9A-D,]+)/g)].map((match) => [match[1], match[2].split(",").length] as const);
      return { id: document.id, length: entries.length, termCounts: Object.fromEntries(entries.filter(([lexeme]) => terms.includes(lexeme))) };
    });
    const averageLength = parsed.reduce((sum, document) => sum + document.length, 0) / parsed.length;
    const matching = parsed.filter((document) => Object.keys(document.termCounts).length > 0);
    const expected = scoreBm25(matching, { documentCount: parsed.length, averageLength });
    expect(matching.length).toBeGreaterThan(1);
    expect(rows.filter((row) => row.lexicalScore > 0)).toHaveLength(matching.length);
    for (const [index, document] of matching.entries()) expect(rows.find((row) => row.id === document.id)!.lexicalScore).toBeCloseTo(expected[index], 9);
  });

  it("searchRecallLists: one statement gives each list's search rows and the rows Prisma reads, and whether the profile exists", async () => {
    const prisma = await getPrisma();
    const [vector] = await embedder.embed(["seat dance recital"]);
    const search = { storeId, profileId, queryText: "seat dance recital", queryVector: { vector, model: embedder.model }, depth: 100 };
    const lists = await searchRecallLists(await getDatabase(), { storeId, profileId, checkProfile: true, observations: search, summaries: search, communications: search });
    expect(lists.profileFound).toBe(true);
    const byId = <Row extends { id: string }>(rows: Row[]) => [...rows].sort((a, b) => (a.id < b.id ? -1 : 1));
    const withoutRow = (rows: RecallSearchRow[]) => byId(rows).map(({ id, occurredAt, lexicalScore, distance }) => ({ id, occurredAt, lexicalScore, distance }));
    expect(withoutRow(lists.observations)).toEqual(byId(await searchObservations(prisma, search)));
    expect(withoutRow(lists.summaries)).toEqual(byId(await searchSummaries(prisma, search)));
    expect(withoutRow(lists.communications)).toEqual(byId(await searchCommunications(prisma, search)));
    expect(lists.observations.length * lists.summaries.length * lists.communications.length).toBeGreaterThan(0);
    const ids = (rows: { id: string }[]) => rows.map((row) => row.id);
    expect(byId(lists.observations.map((item) => item.row))).toEqual(byId(await prisma.observation.findMany({ where: { storeId, id: { in: ids(lists.observations) } } })));
    expect(byId(lists.summaries.map((item) => item.row))).toEqual(byId(await prisma.summary.findMany({ where: { storeId, id: { in: ids(lists.summaries) } } })));
    const communications = await prisma.communication.findMany({ where: { storeId, id: { in: ids(lists.communications) } }, include: { participant: true } });
    expect(byId(lists.communications.map((item) => item.row))).toEqual(byId(communications.map(({ participant, ...row }) => (void participant, row))));
    for (const item of lists.communications) {
      const participant = communications.find((row) => row.id === item.id)!.participant;
      expect(item.author).toEqual(participant ? { profileId: participant.profileId, name: participant.name, type: participant.type } : null);
    }
    expect((await searchRecallLists(await getDatabase(), { storeId, profileId: "mem_profile_01h455vb4pex5vsknk084sn02q", checkProfile: true })).profileFound).toBe(false);
  });

  it("the semantic search reads only the profile's rows through its index (EXPLAIN), exact over them", async () => {
    const prisma = await getPrisma();
    const database = await getDatabase();
    // Enough rows of other profiles that a scan of the table would cost more than the index.
    const filler = await buildProfile(prisma, { storeId, identifiers: [{ idType: "email", value: `filler-${Date.now()}@example.com` }] });
    await prisma.$executeRaw`
      INSERT INTO "observations" ("storeId", "id", "profileId", "content", "source", "status", "occurredAt", "updatedAt", "conversationIds", "communicationIds")
      SELECT ${storeId}, 'mem_observation_filler' || g, ${filler.id}, 'Filler observation number ' || g, 'test', 'APPROVED', now(), now(), '{}', '{}'
      FROM generate_series(1, 3000) g`;
    await prisma.$executeRawUnsafe(`ANALYZE "observations"`);
    const [queryVector] = await embedder.embed(["guinea pig"]);
    const options = { storeId, profileId, queryText: "guinea pig", queryVector: { vector: queryVector, model: embedder.model }, depth: 100 };
    const sql = observationSearchSql(options);
    const plan = (await prisma.$queryRaw<{ "QUERY PLAN": string }[]>(Prisma.sql`EXPLAIN ${sql}`)).map((row) => row["QUERY PLAN"].replace(/'\[[^\]]*\]'::vector/g, "'[…]'::vector")).join("\n");
    expect(plan, `${database.kind} plan:\n${plan}`).toMatch(/(Index (Only )?Scan using|Bitmap Index Scan on) "?observations_storeId_profileId_occurredAt_idx/);
    expect(plan).not.toMatch(/Seq Scan on observations/);
    // Exact: every one of the profile's non-rejected observations with a vector gets a distance.
    const rows = await searchObservations(prisma, { ...options, queryText: "" });
    expect(rows).toHaveLength(6);
    expect(rows.every((row) => row.distance !== null && row.lexicalScore === 0)).toBe(true);
    await prisma.observation.deleteMany({ where: { storeId, profileId: filler.id } });
  });
  // Last: it re-embeds the store with the default model.
  it("with the default offline embedder, a paraphrase sharing no word finds its memory (automobile → car)", async () => {
    const defaultEmbedder = chooseEmbedder();
    setRecallEmbedder(undefined);
    try {
      await embedStoreRows({ storeId, embedder: defaultEmbedder });
      const result = await recall({ query: "what automobile does she own", explain: true });
      expect(result.body.observations[0].content).toBe("Drives an old Volvo car");
      expect(result.body.observations[0].explain.lexical).toBe(0);
    } finally {
      setRecallEmbedder(embedder);
    }
  });
});
