import { beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/db/client";
import { newId } from "@/lib/ids";
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
