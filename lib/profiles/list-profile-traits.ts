import { getPrisma } from "../db/client";
import { keysetPage, type Page, type PageRequest } from "../paging";
import type { TraitValue } from "../traits/validate-trait-values";
import { findProfileOrThrow } from "./find-profile-or-throw";

export type ListProfileTraitsOptions = {
  storeId: string;
  profileId: string;
  page: PageRequest;
  /** Only these groups' traits; all when absent. */
  traitGroups?: string[];
};

/** Twilio's FullTrait: one trait flattened out of its group, with when it was last set. */
export type FlatTrait = { name: string; value: TraitValue; traitGroup: string; timestamp: Date };

/**
 * A profile's traits flattened, newest change first by default. A profile holds at most a few
 * thousand values (50 groups × 95 traits), so the page is cut in memory; the keyset is the change
 * time then group and trait name, which keeps pages stable and tokens opaque like every other list.
 */
export async function listProfileTraits({ storeId, profileId, page, traitGroups }: ListProfileTraitsOptions): Promise<Page<FlatTrait>> {
  const prisma = await getPrisma();
  const profile = await findProfileOrThrow(prisma, { storeId, profileId });
  const rows = await prisma.traitValue.findMany({
    where: { storeId, profileId: profile.id, ...(traitGroups ? { groupName: { in: traitGroups } } : {}) },
    select: { groupName: true, traitName: true, value: true, updatedAt: true },
  });
  const keyed = rows.map((row) => ({ id: `${row.updatedAt.toISOString()}/${row.groupName}/${row.traitName}`, row })).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const traits = await keysetPage(page, async (where, orderBy, take) => {
    const bound = where.id;
    const after = bound && "gt" in bound ? bound.gt : undefined;
    const before = bound && "lt" in bound ? bound.lt : undefined;
    const inRange = keyed.filter((entry) => (after === undefined || entry.id > after) && (before === undefined || entry.id < before));
    return (orderBy.id === "asc" ? inRange : inRange.reverse()).slice(0, take);
  });
  return {
    ...traits,
    items: traits.items.map(({ row }) => ({ name: row.traitName, value: row.value as TraitValue, traitGroup: row.groupName, timestamp: row.updatedAt })),
  };
}
