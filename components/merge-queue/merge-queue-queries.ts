import { queryOptions } from "@tanstack/react-query";
import type { ActionResult } from "@/lib/console/action-result";
import type { MergeStatusCounts } from "@/lib/console/count-merges-by-status";
import type { MergeComparison } from "@/lib/console/get-merge-comparison";
import type { MergeUndoPreview } from "@/lib/console/get-merge-undo-preview";
import type { MergeQueueItem } from "@/lib/console/list-merge-queue";
import type { MergeQueueTab } from "@/lib/console/merge-queue-views";
import type { MergeView } from "@/lib/merges/merge-view";
import type { Page } from "@/lib/paging";
import { unwrapAction } from "@/components/console/unwrap-action";

type MergeInput = { storeId: string; mergeId: string };

/** The server actions the merge queue reads and writes through (passed in by the page: components do not import app/). */
export type MergeQueueActions = {
  list(input: { storeId: string; tab: MergeQueueTab; pageToken?: string | null }): Promise<ActionResult<Page<MergeQueueItem>>>;
  countByStatus(input: { storeId: string }): Promise<ActionResult<MergeStatusCounts>>;
  compare(input: MergeInput): Promise<ActionResult<MergeComparison>>;
  previewUndo(input: MergeInput): Promise<ActionResult<MergeUndoPreview>>;
  approve(input: MergeInput): Promise<ActionResult<MergeView>>;
  reject(input: MergeInput): Promise<ActionResult<MergeView>>;
  undo(input: MergeInput): Promise<ActionResult<MergeView>>;
};

export const mergeQueueKeys = {
  all: (storeId: string) => ["merge-queue", storeId] as const,
  list: (storeId: string, tab: MergeQueueTab, pageToken: string | null) => ["merge-queue", storeId, "list", tab, pageToken] as const,
  counts: (storeId: string) => ["merge-queue", storeId, "counts"] as const,
  comparison: (storeId: string, mergeId: string) => ["merge-queue", storeId, "comparison", mergeId] as const,
  undoPreview: (storeId: string, mergeId: string) => ["merge-queue", storeId, "undo-preview", mergeId] as const,
};

/** One page of one tab: PENDING oldest first, the history newest first. */
export function mergeQueueListQueryOptions(actions: MergeQueueActions, storeId: string, tab: MergeQueueTab, pageToken: string | null) {
  return queryOptions({
    queryKey: mergeQueueKeys.list(storeId, tab, pageToken),
    queryFn: async () => unwrapAction(await actions.list({ storeId, tab, pageToken })),
  });
}

/** The store's merges counted by status (the tabs' numbers). */
export function mergeCountsQueryOptions(actions: MergeQueueActions, storeId: string) {
  return queryOptions({
    queryKey: mergeQueueKeys.counts(storeId),
    queryFn: async () => unwrapAction(await actions.countByStatus({ storeId })),
  });
}

/** The side-by-side view of one merge. */
export function mergeComparisonQueryOptions(actions: MergeQueueActions, storeId: string, mergeId: string) {
  return queryOptions({
    queryKey: mergeQueueKeys.comparison(storeId, mergeId),
    queryFn: async () => unwrapAction(await actions.compare({ storeId, mergeId })),
  });
}

/** What undoing one applied merge brings back (read when its confirmation opens). */
export function mergeUndoPreviewQueryOptions(actions: MergeQueueActions, storeId: string, mergeId: string) {
  return queryOptions({
    queryKey: mergeQueueKeys.undoPreview(storeId, mergeId),
    queryFn: async () => unwrapAction(await actions.previewUndo({ storeId, mergeId })),
  });
}
