import type { MergeStatus } from "../db/generated/enums";

/** The merge queue's tabs: one per merge status. */
export const mergeQueueTabs = ["pending", "applied", "rejected", "undone"] as const;
export type MergeQueueTab = (typeof mergeQueueTabs)[number];

/** Which merges each tab lists, in which order: the queue oldest first (fair), history newest first. */
export const mergeQueueTabViews: Record<MergeQueueTab, { status: MergeStatus; orderBy: "ASC" | "DESC"; label: string }> = {
  pending: { status: "PENDING", orderBy: "ASC", label: "Pending" },
  applied: { status: "APPLIED", orderBy: "DESC", label: "Applied" },
  rejected: { status: "REJECTED", orderBy: "DESC", label: "Rejected" },
  undone: { status: "UNDONE", orderBy: "DESC", label: "Undone" },
};

/** How many merges one page of the merge queue lists. */
export const MERGE_QUEUE_PAGE_SIZE = 20;
