import type { Metadata } from "next";
import { z } from "zod";
import { ForbiddenState } from "@/components/console/forbidden-state";
import { NoStoreState } from "@/components/console/no-store-state";
import { MergeQueue } from "@/components/merge-queue/merge-queue";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { countMergesByStatus } from "@/lib/console/count-merges-by-status";
import { getMergeComparison, type MergeComparison } from "@/lib/console/get-merge-comparison";
import { listMergeQueue } from "@/lib/console/list-merge-queue";
import { mergeQueueTabs, type MergeQueueTab } from "@/lib/console/merge-queue-views";
import { flattenSearchParams, type SearchParams } from "@/lib/console/search-params";
import type { Actor } from "@/lib/auth/actor";
import { isAppError } from "@/lib/errors";
import { getStoreSelection, requireConsoleUser } from "../console-session";
import { approveMergeAction, countMergesByStatusAction, getMergeComparisonAction, getMergeUndoPreviewAction, listMergeQueueAction, rejectMergeAction, undoMergeAction } from "./actions";

export const metadata: Metadata = { title: "Merge queue" };

const querySchema = z.object({
  tab: z.enum(mergeQueueTabs).catch("pending").default("pending"),
  page: z.string().max(4096).optional().catch(undefined),
});

/** The page the URL names; a page link from another tab or an edited URL shows the first page, and says so. */
async function loadFirstPage(storeId: string, tab: MergeQueueTab, pageToken: string | null) {
  try {
    return { firstPage: await listMergeQueue({ storeId, tab, pageToken: pageToken ?? undefined }), pageToken, isStaleLink: false };
  } catch (error) {
    if (!pageToken || !isAppError(error) || error.kind !== "bad_request") throw error;
    return { firstPage: await listMergeQueue({ storeId, tab }), pageToken: null, isStaleLink: true };
  }
}

/** The first pending merge's comparison, so the page opens with it; the client shows the error state if it fails. */
async function loadFirstComparison(storeId: string, mergeId: string | undefined, actor: Actor): Promise<MergeComparison | null> {
  if (!mergeId) return null;
  return getMergeComparison({ storeId, mergeId, actor }).catch(() => null);
}

const actions = {
  list: listMergeQueueAction,
  countByStatus: countMergesByStatusAction,
  compare: getMergeComparisonAction,
  previewUndo: getMergeUndoPreviewAction,
  approve: approveMergeAction,
  reject: rejectMergeAction,
  undo: undoMergeAction,
};

// Merge queue (ADMIN): proposed merges side by side to approve or reject; applied ones to undo.
export default async function MergeQueuePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { user, area, isAllowed } = await requireConsoleUser("mergeQueue");
  if (!isAllowed) return <ForbiddenState area={area} role={user.role} />;
  const { current } = await getStoreSelection(user.actor);
  const header = <PageHeader title={area.label} description={area.description} />;
  if (!current) return <>{header}<NoStoreState /></>;

  const { tab, page } = querySchema.parse(flattenSearchParams(await searchParams));
  const [{ firstPage, pageToken, isStaleLink }, counts] = await Promise.all([loadFirstPage(current.id, tab, page ?? null), countMergesByStatus({ storeId: current.id })]);
  const initialComparison = tab === "pending" ? await loadFirstComparison(current.id, firstPage.items[0]?.id, user.actor) : null;

  return (
    <>
      {header}
      {isStaleLink ? (
        <Alert tone="warning" className="mb-4">
          That page link is not valid for this list any more; showing the first page.
        </Alert>
      ) : null}
      <MergeQueue
        key={`${current.id}:${tab}:${pageToken ?? ""}`}
        storeId={current.id}
        tab={tab}
        pageToken={pageToken}
        initialPage={firstPage}
        initialCounts={counts}
        initialComparison={initialComparison}
        actions={actions}
      />
    </>
  );
}
