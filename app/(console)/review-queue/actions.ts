"use server";

import { z } from "zod";
import { toActionFailure, type ActionResult } from "@/lib/console/action-result";
import { REVIEW_QUEUE_PAGE_SIZE } from "@/lib/console/review-queue-page-size";
import { getStoreOrThrow } from "@/lib/stores/get-store";
import { countObservationsByStatus } from "@/lib/observations/count-observations-by-status";
import { listPendingObservations } from "@/lib/observations/list-pending-observations";
import { MAX_OBSERVATIONS_PER_REVIEW, reviewObservations, type SkippedReview } from "@/lib/observations/review-observations";
import { memoryContentSchema } from "@/lib/observations/observation-schemas";
import { reviewQueueSorts, type ObservationStatusCounts, type PendingObservationItem } from "@/lib/observations/review-queue-views";
import type { Page } from "@/lib/paging";
import { requireConsoleActor } from "../console-session";

// Every action checks the role itself: the page's guard does not protect an action's endpoint.
// The store is named by the caller (the page it was loaded for) and checked against the actor.

const storeIdSchema = z.string().trim().min(1).max(64);

const listPendingSchema = z.strictObject({
  storeId: storeIdSchema,
  sort: z.enum(reviewQueueSorts),
  pageToken: z.string().min(1).max(4096).nullish(),
});

export type ListPendingInput = z.input<typeof listPendingSchema>;

/** One page of the review queue (for TanStack Query's refetches; the page renders the first itself). */
export async function listPendingObservationsAction(input: ListPendingInput): Promise<ActionResult<Page<PendingObservationItem>>> {
  try {
    const actor = await requireConsoleActor("SUPERVISOR");
    const { storeId, sort, pageToken } = listPendingSchema.parse(input);
    await getStoreOrThrow({ storeId, actor });
    const page = await listPendingObservations({ storeId, sort, pageSize: REVIEW_QUEUE_PAGE_SIZE, pageToken: pageToken ?? undefined });
    return { status: "success", data: page };
  } catch (error) {
    return toActionFailure(error);
  }
}

export async function countObservationsByStatusAction(input: { storeId: string }): Promise<ActionResult<ObservationStatusCounts>> {
  try {
    const actor = await requireConsoleActor("SUPERVISOR");
    const { storeId } = z.strictObject({ storeId: storeIdSchema }).parse(input);
    await getStoreOrThrow({ storeId, actor });
    return { status: "success", data: await countObservationsByStatus({ storeId }) };
  } catch (error) {
    return toActionFailure(error);
  }
}

const reviewSchema = z.strictObject({
  storeId: storeIdSchema,
  decision: z.enum(["APPROVED", "REJECTED"]),
  reviews: z
    .array(z.strictObject({ observationId: z.string().min(1).max(64), expectedVersion: z.number().int().min(1), content: memoryContentSchema.optional() }))
    .min(1, "select at least one observation")
    .max(MAX_OBSERVATIONS_PER_REVIEW),
});

export type ReviewInput = z.input<typeof reviewSchema>;
export type ReviewOutcome = { reviewedIds: string[]; skipped: SkippedReview[] };

/** Approves (optionally with edited text) or rejects one or many PENDING observations (SUPERVISOR). */
export async function reviewObservationsAction(input: ReviewInput): Promise<ActionResult<ReviewOutcome>> {
  try {
    const actor = await requireConsoleActor("SUPERVISOR");
    const { storeId, decision, reviews } = reviewSchema.parse(input);
    await getStoreOrThrow({ storeId, actor });
    const result = await reviewObservations({ storeId, decision, reviews, actor });
    const decided = result.reviewed.length;
    const message = `${decided} observation${decided === 1 ? "" : "s"} ${decision === "APPROVED" ? "approved" : "rejected"}`;
    return { status: "success", message, data: { reviewedIds: result.reviewed.map((observation) => observation.id), skipped: result.skipped } };
  } catch (error) {
    return toActionFailure(error);
  }
}
