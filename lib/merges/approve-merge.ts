import { getPrisma } from "../db/client";
import { AppError } from "../errors";
import type { Actor } from "../auth/actor";
import { requireRole } from "../auth/roles";
import { withResolutionRetry } from "../identity/resolve-record";
import { findMergeForUpdateOrThrow } from "./find-merge-or-throw";
import { foldProfiles } from "./fold-profiles";
import { toMergeView, type MergeView } from "./merge-view";

export type ApproveMergeOptions = { storeId: string; mergeId: string; actor: Actor; requestId?: string };

/** Folds the proposal's source profile into its survivor; the source id becomes an alias. */
export async function approveMerge({ storeId, mergeId, actor, requestId }: ApproveMergeOptions): Promise<MergeView> {
  requireRole(actor, "ADMIN");
  const prisma = await getPrisma();
  return withResolutionRetry(prisma, async (tx) => {
    const merge = await findMergeForUpdateOrThrow(tx, storeId, mergeId);
    if (merge.status !== "PENDING") throw new AppError("conflict", `Merge ${mergeId} is ${merge.status}, not PENDING`);
    await foldProfiles(tx, {
      storeId,
      survivorProfileId: merge.survivorProfileId,
      sourceProfileId: merge.sourceProfileId,
      proposedBy: merge.proposedBy as "RESOLVER",
      reason: merge.reason as Record<string, unknown>,
      actor,
      requestId,
      mergeId,
    });
    return toMergeView(await tx.merge.findUniqueOrThrow({ where: { storeId_id: { storeId, id: mergeId } } }));
  });
}
