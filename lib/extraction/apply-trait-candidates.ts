import { getPrisma } from "../db/client";
import { isAppError } from "../errors";
import type { Actor } from "../auth/actor";
import { decideTraitCandidate } from "../trait-candidates/decide-trait-candidate";

export type ApplyTraitCandidatesOptions = { storeId: string; profileId: string; conversationId: string; actor: Actor };

/**
 * For stores that allow extracted traits: applies a conversation's PENDING trait candidates as an
 * admin would (promoted values such as email and phone go through identity resolution); one whose
 * value does not pass the trait's rules is marked INVALID. Safe to run again: only PENDING
 * candidates are taken.
 */
export async function applyTraitCandidates({ storeId, profileId, conversationId, actor }: ApplyTraitCandidatesOptions): Promise<number> {
  const prisma = await getPrisma();
  const pending = await prisma.traitCandidate.findMany({ where: { storeId, profileId, conversationId, status: "PENDING" }, orderBy: { id: "asc" } });
  let applied = 0;
  for (const candidate of pending) {
    try {
      await decideTraitCandidate({ storeId, profileId, candidateId: candidate.id, decision: "apply", actor });
      applied++;
    } catch (error) {
      if (!isAppError(error) || (error.kind !== "bad_request" && error.kind !== "conflict")) throw error;
      if (error.kind === "bad_request") await prisma.traitCandidate.updateMany({ where: { storeId, id: candidate.id, status: "PENDING" }, data: { status: "INVALID", decidedAt: new Date() } });
    }
  }
  return applied;
}
