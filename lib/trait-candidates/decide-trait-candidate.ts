import { getPrisma } from "../db/client";
import { AppError, isAppError } from "../errors";
import type { Actor } from "../auth/actor";
import { requireRole } from "../auth/roles";
import { isIdOf } from "../ids";
import { recordAuditEvent } from "../audit/record-audit-event";
import { findProfileOrThrow } from "../profiles/find-profile-or-throw";
import { updateProfileTraits } from "../profiles/update-profile-traits";
import { toTraitCandidateView, type TraitCandidateView } from "./trait-candidate-view";

export type DecideTraitCandidateOptions = { storeId: string; profileId: string; candidateId: string; decision: "apply" | "reject"; actor: Actor; requestId?: string };

/**
 * POST …/TraitCandidates/{id}/Apply | Reject. Applying writes the trait as a PATCH of the profile
 * would — a promoted value (email, phone) goes through identity resolution and may merge — and
 * answers 400 when the value does not pass the trait's rules. Only a PENDING candidate can be
 * decided (409 otherwise).
 */
export async function decideTraitCandidate({ storeId, profileId, candidateId, decision, actor, requestId }: DecideTraitCandidateOptions): Promise<TraitCandidateView> {
  requireRole(actor, "ADMIN");
  const prisma = await getPrisma();
  const profile = await findProfileOrThrow(prisma, { storeId, profileId });
  const candidate = isIdOf("traitCandidate", candidateId) ? await prisma.traitCandidate.findUnique({ where: { storeId_id: { storeId, id: candidateId } } }) : null;
  const aliases = candidate ? await prisma.profileAlias.findMany({ where: { storeId, profileId: profile.id }, select: { aliasId: true } }) : [];
  if (!candidate || ![profile.id, ...aliases.map((alias) => alias.aliasId)].includes(candidate.profileId)) throw new AppError("not_found", `Trait candidate ${candidateId} not found`);
  if (candidate.status !== "PENDING") throw new AppError("conflict", `Trait candidate ${candidateId} is ${candidate.status}, not PENDING`);

  if (decision === "apply") {
    try {
      await updateProfileTraits({ storeId, profileId: profile.id, traits: { [candidate.groupName]: { [candidate.traitName]: candidate.value } }, actor, requestId });
    } catch (error) {
      if (isAppError(error) && error.kind === "bad_request") throw new AppError("bad_request", `The proposed ${candidate.groupName}.${candidate.traitName} is not valid: ${error.details?.[0]?.message ?? error.message}`);
      throw error;
    }
  }
  const status = decision === "apply" ? "APPLIED" : "REJECTED";
  return prisma.$transaction(async (tx) => {
    // Conditional on PENDING: two admins deciding at once cannot both win.
    const changed = await tx.traitCandidate.updateMany({ where: { storeId, id: candidate.id, status: "PENDING" }, data: { status, decidedAt: new Date() } });
    if (changed.count === 0) throw new AppError("conflict", `Trait candidate ${candidateId} was decided meanwhile`);
    await recordAuditEvent(tx, { storeId, actor, action: `traitCandidate.${decision}`, resourceType: "profile", resourceId: profile.id, after: { candidateId: candidate.id, trait: `${candidate.groupName}.${candidate.traitName}`, status }, requestId });
    return toTraitCandidateView(await tx.traitCandidate.findUniqueOrThrow({ where: { storeId_id: { storeId, id: candidate.id } } }), profile.id);
  });
}
