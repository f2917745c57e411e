import { z } from "zod";
import { getPrisma } from "../db/client";
import { Prisma } from "../db/generated/client";
import { Channel } from "../db/generated/enums";
import type { DbClient } from "../db/transaction";
import { isIdOf } from "../ids";
import { readIdentitySettingsView } from "../identity/identity-settings-view";
import { normalizeIdentifier } from "../identity/normalize-identifier";
import { keysetPage, type Page, type PageRequest } from "../paging";

/** Longer than anyone types into a search box; trait values are indexed on their first 200 characters. */
export const MAX_PROFILE_SEARCH_LENGTH = 200;

/** The console's profile list query, as the URL carries it (`?q=…&channel=SMS&pending=1`). */
export const consoleProfileListQuery = z.object({
  q: z.string().trim().max(MAX_PROFILE_SEARCH_LENGTH).optional(),
  channel: z.enum(Object.values(Channel) as [Channel, ...Channel[]]).optional(),
  pending: z.literal("1").optional(),
  merged: z.literal("1").optional(),
  pageToken: z.string().min(1).max(4096).optional(),
  /** Set by the erase action: the list says which profile is gone. */
  erased: z.string().max(64).optional(),
});
export type ConsoleProfileListQuery = z.infer<typeof consoleProfileListQuery>;

export type SearchConsoleProfilesOptions = {
  storeId: string;
  /** A name, any identifier value (normalised per type, as the API does), a trait value or a profile id. */
  query?: string;
  /** Only profiles that took part in a conversation on this channel. */
  channel?: Channel;
  /** Only profiles with at least one PENDING observation. */
  hasPendingReview?: boolean;
  /** Only profiles that other profiles were merged into. */
  hasMerges?: boolean;
  page: PageRequest;
};

export type ConsoleProfileIdentifier = { idType: string; value: string; count: number };

export type ConsoleProfileRow = {
  id: string;
  displayName: string | null;
  createdAt: Date;
  lastContactAt: Date | null;
  /** The oldest value of each identifier type with how many it holds, in matching-rule priority. */
  identifiers: ConsoleProfileIdentifier[];
  /** The channels of the conversations the profile took part in. */
  channels: Channel[];
  observationCount: number;
  pendingObservationCount: number;
  /** How many profiles were merged into this one (ids that now resolve to it). */
  mergedProfileCount: number;
};

/** What a search matched on, for the page to say so. */
export type ProfileSearchInterpretation = { identifierMatches: { idType: string; value: string }[]; isProfileId: boolean };

export type ConsoleProfilePage = Page<ConsoleProfileRow> & { interpretation: ProfileSearchInterpretation | null };

/**
 * The Profiles page: one keyset page of the store's profiles, newest first, optionally searched
 * and filtered. A search matches a profile whose display name or any trait value starts with the
 * text (case-insensitive), that holds the text as an identifier of any type once normalised the
 * way the store normalises that type (`(415) 555-0123` → `+14155550123`, `Ada@Example.com` →
 * `ada@example.com`), that holds an identifier starting with it, or whose id it is (a merged-away
 * id finds the survivor). Each way of matching reads at most one page of its own — through an index
 * range (the console_profile_search migration) when its matches are few, down the id index when
 * they are many — and the page's counts are read for its ids in one grouped query each, so a page
 * stays in the tens of milliseconds on a store of 100,000 profiles (docs/PERFORMANCE.md).
 */
export async function searchConsoleProfiles({ storeId, query, channel, hasPendingReview, hasMerges, page }: SearchConsoleProfilesOptions): Promise<ConsoleProfilePage> {
  const prisma = await getPrisma();
  const text = query?.trim().slice(0, MAX_PROFILE_SEARCH_LENGTH) ?? "";
  const settings = await readIdentitySettingsView(prisma, storeId);
  const typeOrder = settings?.identifierConfigs.map((config) => config.idType) ?? [];

  let interpretation: ProfileSearchInterpretation | null = null;
  const filters: Prisma.Sql[] = [Prisma.sql`p."storeId" = ${storeId}`];
  let branches: Prisma.Sql[] = [];
  if (text) {
    const identifierMatches = (settings?.identifierConfigs ?? []).flatMap((config) => {
      const normalized = normalizeIdentifier(text, config.normalization);
      return normalized.ok ? [{ idType: config.idType, value: normalized.value }] : [];
    });
    const isProfileId = isIdOf("profile", text);
    interpretation = { identifierMatches, isProfileId };
    branches = matchingConditions(text, identifierMatches, isProfileId);
  }
  if (channel) {
    filters.push(Prisma.sql`EXISTS (
      SELECT 1 FROM "participants" pa JOIN "conversations" c ON c."storeId" = pa."storeId" AND c."id" = pa."conversationId"
      WHERE pa."storeId" = p."storeId" AND pa."profileId" = p."id" AND c."channel" = ${channel}::"Channel")`);
  }
  if (hasPendingReview) {
    filters.push(Prisma.sql`EXISTS (SELECT 1 FROM "observations" o WHERE o."storeId" = p."storeId" AND o."profileId" = p."id" AND o."status" = 'PENDING')`);
  }
  if (hasMerges) {
    filters.push(Prisma.sql`EXISTS (SELECT 1 FROM "profile_aliases" a WHERE a."storeId" = p."storeId" AND a."profileId" = p."id")`);
  }

  type ProfileRow = { id: string; displayName: string | null; createdAt: Date; lastContactAt: Date | null };
  const result = await keysetPage<ProfileRow>(page, (where, orderBy, take) => {
    const keyset = where.id ? ("lt" in where.id ? Prisma.sql`p."id" < ${where.id.lt}` : Prisma.sql`p."id" > ${where.id.gt}`) : null;
    const all = keyset ? [...filters, keyset] : filters;
    const direction = orderBy.id === "asc" ? Prisma.sql`ASC` : Prisma.sql`DESC`;
    const select = (conditions: Prisma.Sql[]) => Prisma.sql`
      SELECT p."id", p."displayName", p."createdAt", p."lastContactAt" FROM "profiles" p
      WHERE ${Prisma.join(conditions, " AND ")}
      ORDER BY p."id" ${direction} LIMIT ${take}`;
    if (branches.length === 0) return prisma.$queryRaw<ProfileRow[]>(select(all));
    // One page per way of matching, then the page of their union: each branch stops at `take`
    // rows, whether its matches are few (an index range, then a sort) or many (a walk down the
    // id index that probes each profile until the page is full). A UNION of every match before
    // the page (the first version) read all 25,000 holders of a common trait value.
    const pages = branches.map((branch) => Prisma.sql`(${select([...all, branch])})`);
    return prisma.$queryRaw<ProfileRow[]>`
      SELECT * FROM (${Prisma.join(pages, " UNION ")}) u ORDER BY u."id" ${direction} LIMIT ${take}`;
  });
  const rows = await describeProfiles(prisma, storeId, result.items, typeOrder);
  return { ...result, items: rows, interpretation };
}

/** Above every character: a string starting with the prefix sorts (byte-wise) below prefix + this. */
const LAST_CODE_POINT = String.fromCodePoint(0x10ffff);

/**
 * The ways a search text matches a profile `p`, one condition each. "Starts with" is a byte range
 * (`~>=~ prefix AND ~<~ prefix + U+10FFFF`, the text_pattern_ops operators) rather than LIKE: the
 * indexes serve it under a generic (parameterised) plan too, and the planner estimates it from the
 * column's histogram — LIKE beside the range counted the same selectivity twice, so that 10,000
 * matches of "mar" were estimated at 149 and planned as if rare.
 */
function matchingConditions(text: string, identifierMatches: { idType: string; value: string }[], isProfileId: boolean): Prisma.Sql[] {
  const lower = text.toLowerCase();
  const range = (expression: Prisma.Sql, prefix: string) => Prisma.sql`${expression} ~>=~ ${prefix} AND ${expression} ~<~ ${prefix + LAST_CODE_POINT}`;
  const identifierWhere = (condition: Prisma.Sql) =>
    Prisma.sql`EXISTS (SELECT 1 FROM "identifiers" i WHERE i."storeId" = p."storeId" AND i."profileId" = p."id" AND ${condition})`;
  const conditions: Prisma.Sql[] = [
    range(Prisma.sql`lower(p."displayName")`, lower),
    Prisma.sql`EXISTS (SELECT 1 FROM "trait_values" t WHERE t."storeId" = p."storeId" AND t."profileId" = p."id" AND ${range(Prisma.sql`left(lower(t."value" #>> '{}'), 200)`, lower)})`,
    identifierWhere(range(Prisma.sql`i."value"`, text)),
  ];
  if (lower !== text) conditions.push(identifierWhere(range(Prisma.sql`i."value"`, lower)));
  if (identifierMatches.length > 0) {
    const pairs = Prisma.join(identifierMatches.map(({ idType, value }) => Prisma.sql`(${idType}, ${value})`));
    conditions.push(identifierWhere(Prisma.sql`(i."idType", i."value") IN (VALUES ${pairs})`));
  }
  if (isProfileId) {
    conditions.push(Prisma.sql`p."id" = ${text}`);
    conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM "profile_aliases" a WHERE a."storeId" = p."storeId" AND a."profileId" = p."id" AND a."aliasId" = ${text})`);
  }
  return conditions;
}

/** The page's identifiers, channels, observation and merge counts: one grouped query each, for all its ids. */
async function describeProfiles(
  db: DbClient,
  storeId: string,
  profiles: { id: string; displayName: string | null; createdAt: Date; lastContactAt: Date | null }[],
  typeOrder: string[],
): Promise<ConsoleProfileRow[]> {
  if (profiles.length === 0) return [];
  const ids = profiles.map((profile) => profile.id);
  const [identifiers, channels, observations, aliases] = await Promise.all([
    db.$queryRaw<{ profileId: string; idType: string; value: string; count: number }[]>`
      SELECT "profileId", "idType", (array_agg("value" ORDER BY "createdAt", "id"))[1] AS "value", count(*)::int AS "count"
      FROM "identifiers" WHERE "storeId" = ${storeId} AND "profileId" = ANY(${ids}::text[])
      GROUP BY "profileId", "idType"`,
    db.$queryRaw<{ profileId: string; channels: Channel[]; lastActivityAt: Date | null }[]>`
      SELECT pa."profileId", array_agg(DISTINCT c."channel"::text) AS "channels", max(c."lastActivityAt") AS "lastActivityAt"
      FROM "participants" pa JOIN "conversations" c ON c."storeId" = pa."storeId" AND c."id" = pa."conversationId"
      WHERE pa."storeId" = ${storeId} AND pa."profileId" = ANY(${ids}::text[])
      GROUP BY pa."profileId"`,
    db.$queryRaw<{ profileId: string; total: number; pending: number }[]>`
      SELECT "profileId", count(*)::int AS "total", (count(*) FILTER (WHERE "status" = 'PENDING'))::int AS "pending"
      FROM "observations" WHERE "storeId" = ${storeId} AND "profileId" = ANY(${ids}::text[])
      GROUP BY "profileId"`,
    db.$queryRaw<{ profileId: string; count: number }[]>`
      SELECT "profileId", count(*)::int AS "count" FROM "profile_aliases"
      WHERE "storeId" = ${storeId} AND "profileId" = ANY(${ids}::text[])
      GROUP BY "profileId"`,
  ]);
  const rank = (idType: string) => {
    const index = typeOrder.indexOf(idType);
    return index === -1 ? Number.MAX_SAFE_INTEGER : index;
  };
  return profiles.map((profile) => {
    const conversation = channels.find((row) => row.profileId === profile.id);
    const counts = observations.find((row) => row.profileId === profile.id);
    return {
      ...profile,
      lastContactAt: profile.lastContactAt ?? conversation?.lastActivityAt ?? null,
      identifiers: identifiers
        .filter((row) => row.profileId === profile.id)
        .sort((a, b) => rank(a.idType) - rank(b.idType) || a.idType.localeCompare(b.idType))
        .map(({ idType, value, count }) => ({ idType, value, count })),
      channels: [...(conversation?.channels ?? [])].sort(),
      observationCount: counts?.total ?? 0,
      pendingObservationCount: counts?.pending ?? 0,
      mergedProfileCount: aliases.find((row) => row.profileId === profile.id)?.count ?? 0,
    };
  });
}
