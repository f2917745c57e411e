import { getPrisma } from "../db/client";
import type { Actor } from "../auth/actor";
import { requireRole } from "../auth/roles";
import { withResolutionRetry } from "../identity/resolve-record";
import { foldProfiles } from "./fold-profiles";
import { findProfileOrThrow } from "../profiles/find-profile-or-throw";
import { toMergeView, type MergeView } from "./merge-view";

export type MergeProfilesManuallyOptions = { storeId: string; survivorProfileId: string; sourceProfileId: string; actor: Actor; requestId?: string };

/** POST …/Profiles/{id}/Merge: an admin says two profiles are one person; {id} survives. */
export async function mergeProfilesManually({ storeId, survivorProfileId, sourceProfileId, actor, requestId }: MergeProfilesManuallyOptions): Promise<MergeView> {
  requireRole(actor, "ADMIN");
  const prisma = await getPrisma();
  return withResolutionRetry(prisma, async (tx) => {
    // A merged-away survivor id answers 308 to its own survivor, as every profile write does.
    await findProfileOrThrow(tx, { storeId, profileId: survivorProfileId });
    const { mergeId } = await foldProfiles(tx, { storeId, survivorProfileId, sourceProfileId, proposedBy: "MANUAL", reason: { by: actor.label }, actor, requestId });
    return toMergeView(await tx.merge.findUniqueOrThrow({ where: { storeId_id: { storeId, id: mergeId } } }));
  });
}
