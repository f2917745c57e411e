"use server";

import { z } from "zod";
import { toActionFailure, type ActionResult } from "@/lib/console/action-result";
import { countMergesByStatus, type MergeStatusCounts } from "@/lib/console/count-merges-by-status";
import { getMergeComparison, type MergeComparison } from "@/lib/console/get-merge-comparison";
import { getMergeUndoPreview, type MergeUndoPreview } from "@/lib/console/get-merge-undo-preview";
import { listMergeQueue, type MergeQueueItem } from "@/lib/console/list-merge-queue";
import { mergeQueueTabs } from "@/lib/console/merge-queue-views";
import { approveMerge } from "@/lib/merges/approve-merge";
import type { MergeView } from "@/lib/merges/merge-view";
import { rejectMerge } from "@/lib/merges/reject-merge";
import { undoMerge } from "@/lib/merges/undo-merge";
import type { Page } from "@/lib/paging";
import { getStoreOrThrow } from "@/lib/stores/get-store";
import { requireConsoleActor } from "../console-session";

// Every action checks the ADMIN role itself (the page's guard does not protect an action's
// endpoint), and the store it is named against the actor; the lib/merges functions check the role
// once more.

const storeIdSchema = z.string().trim().min(1).max(64);
const mergeInputSchema = z.strictObject({ storeId: storeIdSchema, mergeId: z.string().trim().min(1, "choose a merge").max(64) });

export type MergeInput = z.input<typeof mergeInputSchema>;

const listSchema = z.strictObject({ storeId: storeIdSchema, tab: z.enum(mergeQueueTabs), pageToken: z.string().min(1).max(4096).nullish() });

export type ListMergeQueueInput = z.input<typeof listSchema>;

/** One page of one tab of the merge queue (TanStack Query's refetches; the page renders the first itself). */
export async function listMergeQueueAction(input: ListMergeQueueInput): Promise<ActionResult<Page<MergeQueueItem>>> {
  try {
    const actor = await requireConsoleActor("ADMIN");
    const { storeId, tab, pageToken } = listSchema.parse(input);
    await getStoreOrThrow({ storeId, actor });
    return { status: "success", data: await listMergeQueue({ storeId, tab, pageToken: pageToken ?? undefined }) };
  } catch (error) {
    return toActionFailure(error);
  }
}

export async function countMergesByStatusAction(input: { storeId: string }): Promise<ActionResult<MergeStatusCounts>> {
  try {
    const actor = await requireConsoleActor("ADMIN");
    const { storeId } = z.strictObject({ storeId: storeIdSchema }).parse(input);
    await getStoreOrThrow({ storeId, actor });
    return { status: "success", data: await countMergesByStatus({ storeId }) };
  } catch (error) {
    return toActionFailure(error);
  }
}

/** The side-by-side view of one merge's two profiles, with its evidence. */
export async function getMergeComparisonAction(input: MergeInput): Promise<ActionResult<MergeComparison>> {
  try {
    const actor = await requireConsoleActor("ADMIN");
    const { storeId, mergeId } = mergeInputSchema.parse(input);
    await getStoreOrThrow({ storeId, actor });
    return { status: "success", data: await getMergeComparison({ storeId, mergeId, actor }) };
  } catch (error) {
    return toActionFailure(error);
  }
}

/** What undoing an applied merge brings back, and whether undo would be refused now. */
export async function getMergeUndoPreviewAction(input: MergeInput): Promise<ActionResult<MergeUndoPreview>> {
  try {
    const actor = await requireConsoleActor("ADMIN");
    const { storeId, mergeId } = mergeInputSchema.parse(input);
    await getStoreOrThrow({ storeId, actor });
    return { status: "success", data: await getMergeUndoPreview({ storeId, mergeId, actor }) };
  } catch (error) {
    return toActionFailure(error);
  }
}

/** Approves a PENDING merge: the source profile is folded into the survivor. */
export async function approveMergeAction(input: MergeInput): Promise<ActionResult<MergeView>> {
  try {
    const actor = await requireConsoleActor("ADMIN");
    const { storeId, mergeId } = mergeInputSchema.parse(input);
    await getStoreOrThrow({ storeId, actor });
    const merge = await approveMerge({ storeId, mergeId, actor });
    return { status: "success", message: `Merged ${merge.sourceProfileId} into ${merge.survivorProfileId}`, data: merge };
  } catch (error) {
    return toActionFailure(error);
  }
}

/** Rejects a PENDING merge: both profiles stay as they are. */
export async function rejectMergeAction(input: MergeInput): Promise<ActionResult<MergeView>> {
  try {
    const actor = await requireConsoleActor("ADMIN");
    const { storeId, mergeId } = mergeInputSchema.parse(input);
    await getStoreOrThrow({ storeId, actor });
    const merge = await rejectMerge({ storeId, mergeId, actor });
    return { status: "success", message: `Rejected: ${merge.sourceProfileId} and ${merge.survivorProfileId} stay apart`, data: merge };
  } catch (error) {
    return toActionFailure(error);
  }
}

/** Undoes an APPLIED merge: the folded profile comes back as it was. */
export async function undoMergeAction(input: MergeInput): Promise<ActionResult<MergeView>> {
  try {
    const actor = await requireConsoleActor("ADMIN");
    const { storeId, mergeId } = mergeInputSchema.parse(input);
    await getStoreOrThrow({ storeId, actor });
    const merge = await undoMerge({ storeId, mergeId, actor });
    return { status: "success", message: `Undone: ${merge.sourceProfileId} is a profile of its own again`, data: merge };
  } catch (error) {
    return toActionFailure(error);
  }
}
