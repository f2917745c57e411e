import { getPrisma } from "../db/client";
import { isAppError } from "../errors";
import type { Actor } from "../auth/actor";
import { updateProfileTraits } from "../profiles/update-profile-traits";

export type ApplyTraitCandidatesOptions = { storeId: string; profileId: string; conversationId: string; actor: Actor };

/**
 * For stores that allow extracted traits: writes a conversation's PENDING trait candidates to the
 * profile as a PATCH would (promoted values such as email and phone go through identity
 * resolution), marking each APPLIED — or INVALID when the value does not pass the trait's rules.
 * Safe to run again: only PENDING candidates are taken.
 */
export async function applyTraitCandidates({ storeId, profileId, conversationId, actor }: ApplyTraitCandidatesOptions): Promise<number> {
  const prisma = await getPrisma();
  const pending = await prisma.traitCandidate.findMany({ where: { storeId, profileId, conversationId, status: "PENDING" }, orderBy: { id: "asc" } });
  let applied = 0;
  for (const candidate of pending) {
    let status = "APPLIED";
    try {
      await updateProfileTraits({ storeId, profileId, traits: { [candidate.groupName]: { [candidate.traitName]: candidate.value } }, actor });
      applied++;
    } catch (error) {
      if (!isAppError(error) || (error.kind !== "bad_request" && error.kind !== "conflict")) throw error;
      status = "INVALID";
    }
    await prisma.traitCandidate.update({ where: { storeId_id: { storeId, id: candidate.id } }, data: { status, decidedAt: new Date() } });
  }
  return applied;
}
