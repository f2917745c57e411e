import { queryOptions } from "@tanstack/react-query";
import { unwrapAction } from "@/components/console/unwrap-action";
import type { ActionResult } from "@/lib/console/action-result";
import type { Page } from "@/lib/paging";
import type { ObservationStatusCounts, PendingObservationItem, ReviewQueueSort } from "@/lib/observations/review-queue-views";

/** The server actions the queue reads and writes through (passed in by the page: components do not import app/). */
export type ReviewQueueActions = {
  listPending(input: { storeId: string; sort: ReviewQueueSort; pageToken?: string | null }): Promise<ActionResult<Page<PendingObservationItem>>>;
  countByStatus(input: { storeId: string }): Promise<ActionResult<ObservationStatusCounts>>;
  review(input: {
    storeId: string;
    decision: "APPROVED" | "REJECTED";
    reviews: { observationId: string; expectedVersion: number; content?: string }[];
  }): Promise<ActionResult<{ reviewedIds: string[]; skipped: { observationId: string; reason: "already_reviewed" | "changed"; status: string; version: number }[] }>>;
};

export const reviewQueueKeys = {
  all: (storeId: string) => ["review-queue", storeId] as const,
  pending: (storeId: string, sort: ReviewQueueSort, pageToken: string | null) => ["review-queue", storeId, "pending", sort, pageToken] as const,
  counts: (storeId: string) => ["review-queue", storeId, "counts"] as const,
};

/** One page of the store's PENDING observations in the chosen order. */
export function pendingObservationsQueryOptions(actions: ReviewQueueActions, storeId: string, sort: ReviewQueueSort, pageToken: string | null) {
  return queryOptions({
    queryKey: reviewQueueKeys.pending(storeId, sort, pageToken),
    queryFn: async () => unwrapAction(await actions.listPending({ storeId, sort, pageToken })),
  });
}

/** The store's observations counted by review status. */
export function observationCountsQueryOptions(actions: ReviewQueueActions, storeId: string) {
  return queryOptions({
    queryKey: reviewQueueKeys.counts(storeId),
    queryFn: async () => unwrapAction(await actions.countByStatus({ storeId })),
  });
}
