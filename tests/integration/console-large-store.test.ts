import { beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/db/client";
import { isIdOf } from "@/lib/ids";
import { getConsoleProfileDetail, PROFILE_DETAIL_LIMITS } from "@/lib/console/get-console-profile-detail";
import { searchConsoleProfiles, type SearchConsoleProfilesOptions } from "@/lib/console/search-console-profiles";
import { listPendingObservations } from "@/lib/observations/list-pending-observations";
import { defaultTraitGroups } from "@/lib/traits/default-trait-groups";
import { buildStore } from "@/prisma/builders";
import { BUSY_CONVERSATIONS, BUSY_OBSERVATIONS, LARGE_STORE_TRAIT_GROUPS, writeLargeStoreData, type SqlRunner } from "@/scripts/seed-large-data";

const PROFILES = 200;

/** The seed:large generator, run in one transaction (it needs one session for its temporary function). */
async function seedLargeStore(profiles: number): Promise<{ storeId: string; counts: Record<string, number> }> {
  const prisma = await getPrisma();
  const store = await buildStore(prisma, { traitGroups: [...defaultTraitGroups, ...LARGE_STORE_TRAIT_GROUPS] });
  const counts = await prisma.$transaction(
    async (tx) => {
      const runner: SqlRunner = { query: async (text, params = []) => ({ rows: await tx.$queryRawUnsafe<unknown[]>(text, ...params) }) };
      return writeLargeStoreData(runner, { storeId: store.id, profiles });
    },
    { maxWait: 10_000, timeout: 600_000 },
  );
  return { storeId: store.id, counts };
}

// One store for every test here: none of them writes. Seeding takes seconds (minutes on a loaded machine).
let storeId: string;
let counts: Record<string, number>;
beforeAll(async () => {
  ({ storeId, counts } = await seedLargeStore(PROFILES));
}, 600_000);

describe("npm run seed:large's data", () => {

  it("writes the shape it promises, with well-formed, time-ordered ids", async () => {
    const prisma = await getPrisma();
    expect(counts.profiles).toBe(PROFILES);
    // 1–3 conversations a profile, plus the busy profile's (n = 1).
    expect(counts.conversations).toBeGreaterThanOrEqual(PROFILES + BUSY_CONVERSATIONS);
    expect(counts.conversations).toBeLessThanOrEqual(3 * PROFILES + BUSY_CONVERSATIONS);
    expect(counts.observations).toBeGreaterThanOrEqual(2 * PROFILES + BUSY_OBSERVATIONS);
    expect(counts.pending / counts.observations).toBeGreaterThan(0.05);
    expect(counts.pending / counts.observations).toBeLessThan(0.3);
    expect(counts.aliases).toBeGreaterThan(0);

    const profiles = await prisma.profile.findMany({ where: { storeId }, orderBy: { id: "desc" }, select: { id: true, createdAt: true, lastContactAt: true } });
    expect(profiles.every((profile) => isIdOf("profile", profile.id))).toBe(true);
    // Newest first by id is newest first by creation, as with the app's own ids.
    const byCreation = [...profiles].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    expect(byCreation.map((profile) => profile.id)).toEqual(profiles.map((profile) => profile.id));
    expect(profiles.every((profile) => profile.lastContactAt && profile.lastContactAt <= new Date())).toBe(true);
    const identifiers = await prisma.identifier.findMany({ where: { storeId }, select: { id: true, idType: true, value: true } });
    expect(identifiers.every((identifier) => isIdOf("identifier", identifier.id))).toBe(true);
    expect(identifiers.filter((identifier) => identifier.idType === "phone").every((identifier) => /^\+\d{11,12}$/.test(identifier.value))).toBe(true);
    expect(identifiers.filter((identifier) => identifier.idType === "email").every((identifier) => identifier.value === identifier.value.toLowerCase())).toBe(true);
  });

  it("stores phones as E.164 identifiers that the console finds however the trait typed them", async () => {
    const prisma = await getPrisma();
    const typed = await prisma.traitValue.findMany({ where: { storeId, groupName: "Contact", traitName: "phone" }, take: 8, orderBy: { profileId: "asc" } });
    const formats = new Set<string>();
    for (const trait of typed) {
      const text = trait.value as string;
      formats.add(text.replace(/\d/g, "9"));
      const page = await searchConsoleProfiles({ storeId, query: text, page: { pageSize: 25, orderBy: "DESC" } });
      expect(page.items.map((row) => row.id), text).toContain(trait.profileId);
      expect(page.interpretation?.identifierMatches.some((match) => match.idType === "phone" && match.value.startsWith("+"))).toBe(true);
    }
    expect(formats.size).toBeGreaterThanOrEqual(3);
  });

  it("gives the review queue pending observations in both orders, and a busy profile its history", async () => {
    const oldest = await listPendingObservations({ storeId, sort: "oldest", pageSize: 50 });
    const leastConfident = await listPendingObservations({ storeId, sort: "lowestConfidence", pageSize: 50 });
    expect(oldest.items).toHaveLength(50);
    expect(leastConfident.items[0].confidence).toBeNull();
    expect(leastConfident.items.every((item) => item.profile.displayName !== undefined && item.messages.length > 0)).toBe(true);
    const prisma = await getPrisma();
    const busiest = await prisma.observation.groupBy({ by: ["profileId"], where: { storeId }, _count: true, orderBy: { _count: { profileId: "desc" } }, take: 1 });
    expect(busiest[0]._count).toBeGreaterThanOrEqual(BUSY_OBSERVATIONS);
    // The busy profile's page: its latest conversations (ten messages each), counted for those only.
    const detail = await getConsoleProfileDetail({ storeId, profileId: busiest[0].profileId });
    expect(detail.conversationCount).toBeGreaterThan(BUSY_CONVERSATIONS);
    expect(detail.conversations).toHaveLength(PROFILE_DETAIL_LIMITS.conversations);
    expect(detail.conversations.map((conversation) => conversation.messageCount)).toEqual(detail.conversations.map(() => 10));
    expect(detail.conversations.every((conversation) => conversation.messages.length === 10)).toBe(true);
  });
});

describe("the console's profile search on many profiles", () => {

  /** Every page, forwards, then back from the last page: the ids in order, each once. */
  async function walk(options: Omit<SearchConsoleProfilesOptions, "storeId" | "page">): Promise<string[]> {
    const seen: string[] = [];
    const pages: string[][] = [];
    let token: string | undefined;
    let last: Awaited<ReturnType<typeof searchConsoleProfiles>> | undefined;
    do {
      last = await searchConsoleProfiles({ storeId, ...options, page: { pageSize: 7, orderBy: "DESC", pageToken: token } });
      pages.push(last.items.map((row) => row.id));
      seen.push(...last.items.map((row) => row.id));
      token = last.nextToken ?? undefined;
    } while (token);
    let back = last.previousToken;
    for (let index = pages.length - 2; back; index--) {
      const page = await searchConsoleProfiles({ storeId, ...options, page: { pageSize: 7, orderBy: "DESC", pageToken: back } });
      expect(page.items.map((row) => row.id)).toEqual(pages[index]);
      back = page.previousToken;
    }
    return seen;
  }

  /** What a search must find, written the obvious way: every profile any branch matches, newest first. */
  async function reference(text: string, filter = "TRUE"): Promise<string[]> {
    const prisma = await getPrisma();
    const rows = await prisma.$queryRawUnsafe<{ id: string }[]>(
      `SELECT p."id" FROM "profiles" p WHERE p."storeId" = $1 AND (${filter}) AND (
         left(lower(p."displayName"), length($2)) = lower($2)
         OR EXISTS (SELECT 1 FROM "trait_values" t WHERE t."storeId" = p."storeId" AND t."profileId" = p."id" AND left(lower(t."value" #>> '{}'), length($2)) = lower($2))
         OR EXISTS (SELECT 1 FROM "identifiers" i WHERE i."storeId" = p."storeId" AND i."profileId" = p."id" AND (left(i."value", length($2)) IN ($2, lower($2)) OR i."value" = ANY($3::text[])))
       ) ORDER BY p."id" DESC`,
      storeId,
      text,
      extraValues[text] ?? [],
    );
    return rows.map((row) => row.id);
  }
  /** Normalised identifier values a text also matches (a phone typed another way). */
  const extraValues: Record<string, string[]> = {};

  it("finds exactly what each way of matching finds, in order, across pages — common prefixes, rare ones and none", async () => {
    const prisma = await getPrisma();
    const phone = await prisma.identifier.findFirstOrThrow({ where: { storeId, idType: "phone", value: { startsWith: "+1" } } });
    const typedPhone = `(${phone.value.slice(2, 5)}) ${phone.value.slice(5, 8)}-${phone.value.slice(8)}`;
    extraValues[typedPhone] = [phone.value];
    const queries = ["mar", "Gold", "gold", "crm-00001", "salt lake", "hiking", "visitor-1", "Maria Gonzalez", typedPhone, "zzz-nothing", "%", "a"];
    for (const query of queries) {
      const expected = await reference(query);
      expect(await walk({ query }), query).toEqual(expected);
    }
    expect((await reference("gold")).length).toBeGreaterThan(50);
    expect(await walk({ query: typedPhone })).toContain(phone.profileId);
  });

  it("combines a search with the filters without losing matches that lie beyond a branch's first page", async () => {
    const pending = `EXISTS (SELECT 1 FROM "observations" o WHERE o."storeId" = p."storeId" AND o."profileId" = p."id" AND o."status" = 'PENDING')`;
    const whatsapp = `EXISTS (SELECT 1 FROM "participants" pa JOIN "conversations" c ON c."storeId" = pa."storeId" AND c."id" = pa."conversationId" WHERE pa."storeId" = p."storeId" AND pa."profileId" = p."id" AND c."channel" = 'WHATSAPP')`;
    const merged = `EXISTS (SELECT 1 FROM "profile_aliases" a WHERE a."storeId" = p."storeId" AND a."profileId" = p."id")`;
    for (const query of ["a", "gold", "mar"]) {
      expect(await walk({ query, hasPendingReview: true }), `${query} + pending`).toEqual(await reference(query, pending));
      expect(await walk({ query, channel: "WHATSAPP" }), `${query} + WhatsApp`).toEqual(await reference(query, whatsapp));
      expect(await walk({ query, hasMerges: true }), `${query} + merged`).toEqual(await reference(query, merged));
    }
  });

  it("finds a merged-away profile's survivor by the old id", async () => {
    const prisma = await getPrisma();
    const alias = await prisma.profileAlias.findFirstOrThrow({ where: { storeId } });
    const page = await searchConsoleProfiles({ storeId, query: alias.aliasId, page: { pageSize: 25, orderBy: "DESC" } });
    expect(page.items.map((row) => row.id)).toEqual([alias.profileId]);
    expect(page.items[0].mergedProfileCount).toBeGreaterThanOrEqual(1);
  });
});

describe("the console's indexes", () => {
  it("serve every prefix condition with a parameterised range, and the review queue's confidence order", async () => {
    const prisma = await getPrisma();
    const plans = await prisma.$transaction(async (tx) => {
      // On a small table the planner rightly prefers a scan, or another index and a sort of its few
      // rows (PostgreSQL does, with the statistics other tests leave); forbid both to see whether an
      // index can serve the query and its order.
      await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
      await tx.$executeRawUnsafe("SET LOCAL enable_sort = off");
      await tx.$executeRawUnsafe("SET LOCAL plan_cache_mode = force_generic_plan");
      const explain = async (sql: string, args: string) => {
        await tx.$executeRawUnsafe(`PREPARE console_probe AS ${sql}`);
        const rows = await tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN EXECUTE console_probe(${args})`);
        await tx.$executeRawUnsafe("DEALLOCATE console_probe");
        return rows.map((row) => row["QUERY PLAN"]).join("\n");
      };
      const range = (expression: string) => `${expression} ~>=~ $2::text AND ${expression} ~<~ $3::text`;
      const args = "'mem_store_x', 'ada', 'ada\u{10ffff}'";
      return {
        name: await explain(`SELECT "id" FROM "profiles" WHERE "storeId" = $1::text AND ${range(`lower("displayName")`)}`, args),
        trait: await explain(`SELECT "profileId" FROM "trait_values" WHERE "storeId" = $1::text AND ${range(`left(lower("value" #>> '{}'), 200)`)}`, args),
        identifier: await explain(`SELECT "profileId" FROM "identifiers" WHERE "storeId" = $1::text AND ${range(`"value"`)}`, args),
        confidence: await explain(
          `SELECT "id" FROM "observations" WHERE "storeId" = $1::text AND "status" = 'PENDING' ORDER BY "confidence" ASC NULLS FIRST, "id" ASC LIMIT 51`,
          "'mem_store_x'",
        ),
      };
    });
    expect(plans.name).toContain("profiles_storeId_lower_displayName_pattern_idx");
    expect(plans.trait).toContain("trait_values_storeId_value_pattern_idx");
    expect(plans.identifier).toContain("identifiers_storeId_value_pattern_idx");
    expect(plans.confidence).toContain("observations_storeId_status_confidence_id_idx");
    expect(plans.confidence).not.toContain("Sort");
  });
});
