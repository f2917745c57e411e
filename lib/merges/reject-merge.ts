import { getPrisma } from "../db/client";
import { AppError } from "../errors";
import type { Actor } from "../auth/actor";
import { requireRole } from "../auth/roles";
import { recordAuditEvent } from "../audit/record-audit-event";
import { findMergeForUpdateOrThrow } from "./find-merge-or-throw";
import { toMergeView, type MergeView } from "./merge-view";

export type RejectMergeOptions = { storeId: string; mergeId: string; actor: Actor; requestId?: string };

/** Declines a proposed merge: both profiles stay as they are. */
export async function rejectMerge({ storeId, mergeId, actor, requestId }: RejectMergeOptions): Promise<MergeView> {
  requireRole(actor, "ADMIN");
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const merge = await findMergeForUpdateOrThrow(tx, storeId, mergeId);
    if (merge.status !== "PENDING") throw new AppError("conflict", `Merge ${mergeId} is ${merge.status}, not PENDING`);
    const rejected = await tx.merge.update({
      where: { storeId_id: { storeId, id: mergeId } },
      data: { status: "REJECTED", decidedAt: new Date(), decidedByType: actor.type, decidedById: actor.id },
    });
    await recordAuditEvent(tx, { storeId, actor, action: "merge.reject", resourceType: "merge", resourceId: mergeId, before: { status: "PENDING" }, after: { status: "REJECTED" }, requestId });
    return toMergeView(rejected);
  });
}
