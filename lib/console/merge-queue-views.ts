import type { MergeStatus } from "../db/generated/enums";
import type { MergeOrder } from "../merges/list-merges";

/** The merge queue's tabs: one per merge status. */
export const mergeQueueTabs = ["pending", "applied", "rejected", "undone"] as const;
export type MergeQueueTab = (typeof mergeQueueTabs)[number];

/**
 * Which merges each tab lists, in which order: the queue oldest proposal first (fair), the history
 * newest first by the time the tab shows (decided, or undone), not by when the proposal was recorded.
 */
export const mergeQueueTabViews: Record<MergeQueueTab, { status: MergeStatus; orderBy: "ASC" | "DESC"; order: MergeOrder; label: string }> = {
  pending: { status: "PENDING", orderBy: "ASC", order: "recorded", label: "Pending" },
  applied: { status: "APPLIED", orderBy: "DESC", order: "decided", label: "Applied" },
  rejected: { status: "REJECTED", orderBy: "DESC", order: "decided", label: "Rejected" },
  undone: { status: "UNDONE", orderBy: "DESC", order: "undone", label: "Undone" },
};

/** How many merges one page of the merge queue lists. */
export const MERGE_QUEUE_PAGE_SIZE = 20;
