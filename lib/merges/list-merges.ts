import { getPrisma } from "../db/client";
import { keysetPage, type Page, type PageRequest } from "../paging";
import type { MergeStatus } from "../db/generated/enums";
import { toMergeView, type MergeView } from "./merge-view";

export type ListMergesOptions = { storeId: string; page: PageRequest; status?: MergeStatus; profileId?: string };

/** The store's merges (the merge queue with status PENDING), newest first by default. */
export async function listMerges({ storeId, page, status, profileId }: ListMergesOptions): Promise<Page<MergeView>> {
  const prisma = await getPrisma();
  const merges = await keysetPage(page, (where, orderBy, take) =>
    prisma.merge.findMany({
      where: { storeId, status, ...(profileId ? { OR: [{ survivorProfileId: profileId }, { sourceProfileId: profileId }] } : {}), ...where },
      orderBy,
      take,
    }),
  );
  return { ...merges, items: merges.items.map(toMergeView) };
}
