import { beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/db/client";
import { newId } from "@/lib/ids";
import { getConsoleProfileDetail, PROFILE_DETAIL_LIMITS } from "@/lib/console/get-console-profile-detail";
import { ProfileMovedError } from "@/lib/errors";
import { searchConsoleProfiles, type SearchConsoleProfilesOptions } from "@/lib/console/search-console-profiles";
import { defaultTraitGroups } from "@/lib/traits/default-trait-groups";
import { buildConversation, buildProfile, buildProfiles, buildStore } from "@/prisma/builders";

const loyalty = { displayName: "Loyalty", traits: { tier: { dataType: "STRING" as const }, points: { dataType: "NUMBER" as const } } };
const firstPage = { pageSize: 25, orderBy: "DESC" as const };

type People = Awaited<ReturnType<typeof buildPeople>>;

/** Ada (phone, email, chat, user_id; an SMS conversation; one pending and one approved observation), Bob, and a twin of Ada in another store. */
async function buildPeople() {
  const prisma = await getPrisma();
  const store = await buildStore(prisma, { traitGroups: [...defaultTraitGroups, loyalty] });
  const otherStore = await buildStore(prisma, { traitGroups: [...defaultTraitGroups, loyalty] });
  const storeId = store.id;
  const ada = await buildProfile(prisma, {
    storeId,
    traits: { Contact: { firstName: "Ada", lastName: "Byron", email: "Ada.Byron@Example.com", phone: "+1 415 555 0123" }, Loyalty: { tier: "Platinum", points: 120 } },
    identifiers: [
      { idType: "user_id", value: "crm-ada-001" },
      { idType: "chat", value: "AdaChatHandle" },
      { idType: "whatsapp", value: "whatsapp:+44 7700 900123" },
    ],
  });
  const bob = await buildProfile(prisma, { storeId, traits: { Contact: { firstName: "Bob", lastName: "Tables", email: "bob@example.org" }, Loyalty: { tier: "silver" } } });
  const twin = await buildProfile(prisma, {
    storeId: otherStore.id,
    traits: { Contact: { firstName: "Ada", lastName: "Byron", email: "ada.byron@example.com", phone: "+14155550123" }, Loyalty: { tier: "Platinum" } },
  });
  await buildConversation(prisma, {
    storeId,
    channel: "SMS",
    participants: [{ type: "CUSTOMER", name: "Ada", addresses: [{ channel: "SMS", address: "+14155550123" }], profileId: ada.id }],
    communications: [{ author: 0, text: "My tent pole snapped", occurredAt: new Date() }],
  });
  await buildConversation(prisma, {
    storeId,
    channel: "EMAIL",
    participants: [{ type: "CUSTOMER", name: "Bob", addresses: [{ channel: "EMAIL", address: "bob@example.org" }], profileId: bob.id }],
    communications: [{ author: 0, text: "Where is my kayak", occurredAt: new Date() }],
  });
  const now = new Date();
  await prisma.observation.createMany({
    data: [
      { storeId, id: newId("observation"), profileId: ada.id, content: "Prefers aisle seats", source: "EXTRACTION", status: "PENDING", occurredAt: now },
      { storeId, id: newId("observation"), profileId: ada.id, content: "Owns a tent", source: "EXTRACTION", status: "APPROVED", occurredAt: now },
      { storeId, id: newId("observation"), profileId: bob.id, content: "Owns a kayak", source: "EXTRACTION", status: "APPROVED", occurredAt: now },
    ],
  });
  return { storeId, otherStoreId: otherStore.id, ada, bob, twin };
}

describe("the console's profile search", () => {
  let people: People;
  beforeAll(async () => {
    people = await buildPeople();
  });

  const search = async (options: Partial<SearchConsoleProfilesOptions>) => {
    const page = await searchConsoleProfiles({ storeId: people.storeId, page: firstPage, ...options });
    return page.items.map((row) => row.id);
  };

  it("finds a phone however it is typed, normalised as the API does", async () => {
    for (const typed of ["(415) 555-0123", "415.555.0123", "+1 415 555 0123", "14155550123", "tel:+14155550123"]) {
      expect(await search({ query: typed }), typed).toEqual([people.ada.id]);
    }
  });

  it("finds an email in any case, WhatsApp with or without its scheme, chat and custom ids as stored", async () => {
    expect(await search({ query: "ADA.BYRON@example.COM" })).toEqual([people.ada.id]);
    expect(await search({ query: "  ada.byron@example.com " })).toEqual([people.ada.id]);
    expect(await search({ query: "whatsapp:+447700900123" })).toEqual([people.ada.id]);
    expect(await search({ query: "07700 900123" })).toEqual([]); // read as a US number: the API finds nothing either
    expect(await search({ query: "+44 7700 900123" })).toEqual([people.ada.id]);
    expect(await search({ query: "AdaChatHandle" })).toEqual([people.ada.id]);
    expect(await search({ query: "crm-ada-001" })).toEqual([people.ada.id]);
    // An identifier's beginning finds it too.
    expect(await search({ query: "crm-ada" })).toEqual([people.ada.id]);
  });

  it("finds a name or any trait value by its beginning, case-insensitively", async () => {
    expect(await search({ query: "ada by" })).toEqual([people.ada.id]);
    expect(await search({ query: "byron" })).toEqual([people.ada.id]);
    expect(await search({ query: "platin" })).toEqual([people.ada.id]);
    expect(await search({ query: "120" })).toEqual([people.ada.id]);
    expect(await search({ query: "SILVER" })).toEqual([people.bob.id]);
    expect(await search({ query: "tables" })).toEqual([people.bob.id]);
    expect(await search({ query: "nobody-like-this" })).toEqual([]);
    // LIKE's wildcards are plain characters.
    expect(await search({ query: "%" })).toEqual([]);
    expect(await search({ query: "_da" })).toEqual([]);
  });

  it("finds a profile by its id", async () => {
    expect(await search({ query: people.bob.id })).toEqual([people.bob.id]);
  });

  it("never shows another store's profiles", async () => {
    expect(await search({})).toEqual([people.bob.id, people.ada.id]);
    expect(await search({ query: "+14155550123" })).not.toContain(people.twin.id);
    expect(await search({ query: "platinum" })).not.toContain(people.twin.id);
    expect(await search({ query: people.twin.id })).toEqual([]);
    const other = await searchConsoleProfiles({ storeId: people.otherStoreId, page: firstPage, query: "ada" });
    expect(other.items.map((row) => row.id)).toEqual([people.twin.id]);
  });

  it("filters by channel and by pending review", async () => {
    expect(await search({ channel: "SMS" })).toEqual([people.ada.id]);
    expect(await search({ channel: "EMAIL" })).toEqual([people.bob.id]);
    expect(await search({ channel: "WHATSAPP" })).toEqual([]);
    expect(await search({ hasPendingReview: true })).toEqual([people.ada.id]);
    expect(await search({ hasPendingReview: true, query: "bob" })).toEqual([]);
    expect(await search({ hasMerges: true })).toEqual([]);
  });

  it("describes each row: identifiers in priority order, channels, last contact and counts", async () => {
    const page = await searchConsoleProfiles({ storeId: people.storeId, page: firstPage });
    const ada = page.items.find((row) => row.id === people.ada.id)!;
    expect(ada.displayName).toBe("Ada Byron");
    expect(ada.identifiers[0]).toEqual({ idType: "user_id", value: "crm-ada-001", count: 1 });
    expect(ada.identifiers.map((identifier) => identifier.idType)).toEqual(expect.arrayContaining(["email", "phone", "whatsapp", "chat"]));
    expect(ada.identifiers.find((identifier) => identifier.idType === "phone")?.value).toBe("+14155550123");
    expect(ada.channels).toEqual(["SMS"]);
    expect(ada.lastContactAt).toBeInstanceOf(Date);
    expect(ada).toMatchObject({ observationCount: 2, pendingObservationCount: 1, mergedProfileCount: 0 });
    const bob = page.items.find((row) => row.id === people.bob.id)!;
    expect(bob).toMatchObject({ channels: ["EMAIL"], observationCount: 1, pendingObservationCount: 0 });
  });
});

describe("the console's profile list paging", () => {
  it("walks every profile once, forwards and back, with and without a search", async () => {
    const prisma = await getPrisma();
    const store = await buildStore(prisma, { traitGroups: defaultTraitGroups });
    const built = await buildProfiles(
      prisma,
      store.id,
      Array.from({ length: 23 }, (_, index) => ({ traits: { Contact: { firstName: index % 2 === 0 ? "Even" : "Odd", lastName: `Person ${index}` } } })),
    );
    const newestFirst = built.map((profile) => profile.id).sort().reverse();

    const walk = async (query?: string) => {
      const seen: string[] = [];
      let token: string | undefined;
      const tokens: (string | undefined)[] = [];
      do {
        tokens.push(token);
        const page = await searchConsoleProfiles({ storeId: store.id, query, page: { pageSize: 5, orderBy: "DESC", pageToken: token } });
        expect(page.items.length).toBeLessThanOrEqual(5);
        seen.push(...page.items.map((row) => row.id));
        if (page.nextToken) {
          // The next page's previous link leads back to this page.
          const next = await searchConsoleProfiles({ storeId: store.id, query, page: { pageSize: 5, orderBy: "DESC", pageToken: page.nextToken } });
          const back = await searchConsoleProfiles({ storeId: store.id, query, page: { pageSize: 5, orderBy: "DESC", pageToken: next.previousToken! } });
          expect(back.items.map((row) => row.id)).toEqual(page.items.map((row) => row.id));
        }
        token = page.nextToken ?? undefined;
      } while (token);
      return { seen, pages: tokens.length };
    };

    const all = await walk();
    expect(all.seen).toEqual(newestFirst);
    expect(all.pages).toBe(5);
    const evens = await walk("even");
    expect(evens.seen).toEqual(newestFirst.filter((id) => built.find((profile) => profile.id === id)!.displayName!.startsWith("Even")));
    expect(evens.seen).toHaveLength(12);
    expect(evens.pages).toBe(3);
  });
});

describe("the console's profile detail", () => {
  it("reads provenance, revisions, the timeline's latest messages and the history in a few queries, and never another store's profile", async () => {
    const prisma = await getPrisma();
    const store = await buildStore(prisma, { traitGroups: [...defaultTraitGroups, loyalty] });
    const other = await buildStore(prisma, { traitGroups: defaultTraitGroups });
    const storeId = store.id;
    const ada = await buildProfile(prisma, { storeId, traits: { Contact: { firstName: "Ada", phone: "+14155550123" }, Loyalty: { tier: "gold" } } });
    const start = Date.now() - 3_600_000;
    const long = await buildConversation(prisma, {
      storeId,
      channel: "SMS",
      participants: [{ type: "CUSTOMER", name: "Ada", addresses: [{ channel: "SMS", address: "+14155550123" }], profileId: ada.id }, { type: "HUMAN_AGENT", name: "Sam" }],
      communications: Array.from({ length: 35 }, (_, index) => ({ author: index % 2, text: `message ${index}`, occurredAt: new Date(start + index * 1000) })),
    });
    const email = await buildConversation(prisma, {
      storeId,
      channel: "EMAIL",
      participants: [{ type: "CUSTOMER", name: "Ada", addresses: [{ channel: "EMAIL", address: "ada@example.com" }], profileId: ada.id }],
      communications: [{ author: 0, text: "By email now", occurredAt: new Date(start + 60_000) }],
    });
    const observationId = newId("observation");
    const source = long.communications[4];
    await prisma.observation.create({
      data: { storeId, id: observationId, profileId: ada.id, content: "Prefers mornings", source: "EXTRACTION", status: "PENDING", confidence: 0.8, occurredAt: new Date(), conversationIds: [long.id], communicationIds: [source.id], version: 2 },
    });
    await prisma.observationRevision.createMany({
      data: [
        { storeId, id: newId("revision"), observationId, version: 1, content: "Likes mornings", status: "PENDING", reason: "CREATED", actorType: "SYSTEM" },
        { storeId, id: newId("revision"), observationId, version: 2, content: "Prefers mornings", status: "PENDING", reason: "EDITED", actorType: "SYSTEM" },
      ],
    });
    const mergedAwayId = newId("profile");
    await prisma.profileAlias.create({ data: { storeId, aliasId: mergedAwayId, profileId: ada.id, mergeId: newId("merge") } });

    const detail = await getConsoleProfileDetail({ storeId, profileId: ada.id });
    expect(detail.traitGroups.map((group) => group.name)).toEqual(["Contact", "Loyalty"]);
    expect(detail.traitGroups[0].traits.find((trait) => trait.name === "firstName")).toMatchObject({ value: "Ada", source: "IMPORT" });
    expect(detail.traitGroups[0].traits.find((trait) => trait.name === "address")).toMatchObject({ value: undefined });
    expect(detail.identifiers).toEqual([expect.objectContaining({ idType: "phone", value: "+14155550123", source: "TRAIT_PROMOTION" })]);
    expect(detail.observationCounts).toEqual({ PENDING: 1, APPROVED: 0, REJECTED: 0 });
    const [observation] = detail.observations;
    expect(observation.sourceMessages).toEqual([expect.objectContaining({ id: source.id, content: "message 4", isFromProfile: true })]);
    expect(observation.revisions.map((revision) => revision.version)).toEqual([2, 1]);
    expect(detail.conversationCount).toBe(2);
    const sms = detail.conversations.find((conversation) => conversation.id === long.id)!;
    expect(sms.messageCount).toBe(35);
    expect(sms.messages).toHaveLength(PROFILE_DETAIL_LIMITS.messagesPerConversation);
    expect(sms.messages.at(-1)?.content).toBe("message 34");
    expect(sms.messages[0].content).toBe(`message ${35 - PROFILE_DETAIL_LIMITS.messagesPerConversation}`);
    expect(detail.conversations.find((conversation) => conversation.id === email.id)?.messages.map((message) => message.content)).toEqual(["By email now"]);
    expect(detail.aliasIds).toEqual([mergedAwayId]);

    await expect(getConsoleProfileDetail({ storeId, profileId: mergedAwayId })).rejects.toBeInstanceOf(ProfileMovedError);
    await expect(getConsoleProfileDetail({ storeId: other.id, profileId: ada.id })).rejects.toMatchObject({ kind: "not_found" });
  });
});

describe("the console's profile search indexes", () => {
  it("serve every prefix branch with a parameterised pattern (the expressions match the migration's indexes)", async () => {
    const prisma = await getPrisma();
    const plans = await prisma.$transaction(async (tx) => {
      // On a small table the planner rightly prefers a scan; forbid it to see whether an index can serve the query.
      await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
      await tx.$executeRawUnsafe("SET LOCAL plan_cache_mode = force_generic_plan");
      const explain = async (sql: string) => {
        await tx.$executeRawUnsafe(`PREPARE console_search_probe(text, text, text, text) AS ${sql}`);
        const rows = await tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>("EXPLAIN EXECUTE console_search_probe('mem_store_x', 'ada%', 'ada', 'ada\uffff')");
        await tx.$executeRawUnsafe("DEALLOCATE console_search_probe");
        return rows.map((row) => row["QUERY PLAN"]).join("\n");
      };
      return {
        name: await explain(`SELECT "id" FROM "profiles" WHERE "storeId" = $1 AND lower("displayName") LIKE $2 AND lower("displayName") ~>=~ $3 AND lower("displayName") ~<~ $4`),
        trait: await explain(`SELECT "profileId" FROM "trait_values" WHERE "storeId" = $1 AND left(lower("value" #>> '{}'), 200) LIKE $2 AND left(lower("value" #>> '{}'), 200) ~>=~ $3 AND left(lower("value" #>> '{}'), 200) ~<~ $4`),
        identifier: await explain(`SELECT "profileId" FROM "identifiers" WHERE "storeId" = $1 AND "value" LIKE $2 AND "value" ~>=~ $3 AND "value" ~<~ $4`),
      };
    });
    expect(plans.name).toContain("profiles_storeId_lower_displayName_pattern_idx");
    expect(plans.trait).toContain("trait_values_storeId_value_pattern_idx");
    expect(plans.identifier).toContain("identifiers_storeId_value_pattern_idx");
  });
});
