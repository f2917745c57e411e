import { getPrisma } from "../db/client";
import { keysetPage, type Page, type PageRequest } from "../paging";
import { toTraitGroupView, type TraitGroupView } from "./trait-group-view";

export type ListTraitGroupsOptions = { storeId: string; page: PageRequest; includeTraits: boolean };

export async function listTraitGroups({ storeId, page, includeTraits }: ListTraitGroupsOptions): Promise<Page<TraitGroupView>> {
  const prisma = await getPrisma();
  const groups = await keysetPage(page, (where, orderBy, take) =>
    prisma.traitGroup.findMany({ where: { storeId, ...where }, orderBy, take, include: { traits: includeTraits } }),
  );
  return { ...groups, items: groups.items.map((group) => toTraitGroupView(group, includeTraits ? group.traits : null)) };
}
