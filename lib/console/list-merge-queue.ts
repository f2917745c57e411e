import { getPrisma } from "../db/client";
import { listMerges } from "../merges/list-merges";
import type { MergeView } from "../merges/merge-view";
import type { Page } from "../paging";
import { describeMergeEvidence } from "./describe-merge-evidence";
import { MERGE_QUEUE_PAGE_SIZE, mergeQueueTabViews, type MergeQueueTab } from "./merge-queue-views";

/** A merge as the queue lists it: the two profiles by name as well as by id, and why in one line. */
export type MergeQueueItem = MergeView & {
  survivorName: string | null;
  /** For an applied merge the folded profile is gone: its name as the undo snapshot keeps it. */
  sourceName: string | null;
  evidenceSummary: string;
};

export type ListMergeQueueOptions = { storeId: string; tab: MergeQueueTab; pageToken?: string };

/**
 * One page of one merge queue tab (lib/merges/list-merges.ts pages it): PENDING oldest first,
 * the history newest decision (or undo) first, each merge with its profiles' names and its evidence in a sentence.
 */
export async function listMergeQueue({ storeId, tab, pageToken }: ListMergeQueueOptions): Promise<Page<MergeQueueItem>> {
  const { status, orderBy, order } = mergeQueueTabViews[tab];
  const page = await listMerges({ storeId, status, order, page: { pageSize: MERGE_QUEUE_PAGE_SIZE, pageToken, orderBy } });
  if (page.items.length === 0) return { ...page, items: [] };
  const prisma = await getPrisma();
  const profileIds = [...new Set(page.items.flatMap((merge) => [merge.survivorProfileId, merge.sourceProfileId]))];
  const [profiles, snapshotNames] = await Promise.all([
    prisma.profile.findMany({ where: { storeId, id: { in: profileIds } }, select: { id: true, displayName: true } }),
    prisma.$queryRaw<{ id: string; name: string | null }[]>`
      SELECT "id", "undoData"->'source'->'profile'->>'displayName' AS "name" FROM "merges"
      WHERE "storeId" = ${storeId} AND "id" = ANY(${page.items.map((merge) => merge.id)}::text[]) AND "undoData" IS NOT NULL`,
  ]);
  const nameOf = (profileId: string) => profiles.find((profile) => profile.id === profileId)?.displayName ?? null;
  return {
    ...page,
    items: page.items.map((merge) => ({
      ...merge,
      survivorName: nameOf(merge.survivorProfileId),
      sourceName: nameOf(merge.sourceProfileId) ?? snapshotNames.find((row) => row.id === merge.id)?.name ?? null,
      evidenceSummary: describeMergeEvidence(merge.proposedBy, merge.reason).summary,
    })),
  };
}
