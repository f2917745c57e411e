import { getPrisma } from "../db/client";
import { Prisma } from "../db/generated/client";
import type { Actor } from "../auth/actor";
import { requireRole } from "../auth/roles";
import { recordAuditEvent } from "../audit/record-audit-event";
import { findProfileOrThrow } from "./find-profile-or-throw";

export type EraseProfileOptions = { storeId: string; profileId: string; actor: Actor; requestId?: string };

/** How much was erased: what the `profile.erase` audit event keeps instead of the data. */
export type EraseProfileResult = {
  profileId: string;
  traits: number;
  identifiers: number;
  observations: number;
  observationRevisions: number;
  summaries: number;
  aliases: number;
  merges: number;
  resolutionRecords: number;
  /** Contact details extracted from their conversations, and the records of those extractions. */
  traitCandidates: number;
  extractionRuns: number;
  participantsUnlinked: number;
  auditEventsRedacted: number;
};

/**
 * Erases a person (DELETE …/Profiles/{id}, the right to erasure), in one transaction: traits,
 * identifiers, observations and their revisions, summaries, the ids merged into them, merges and
 * resolution records naming any of those ids (their snapshots and inputs are this person's data),
 * trait candidates and extraction runs, and the profile. Their conversations stay for the other participants: their participant rows
 * only lose the link to the profile. Earlier audit events about them keep who did what and when,
 * but lose their before/after payloads; the erase itself is audited with counts only.
 */
export async function eraseProfile({ storeId, profileId, actor, requestId }: EraseProfileOptions): Promise<EraseProfileResult> {
  requireRole(actor, "ADMIN");
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    // The row lock serialises with identity resolution and merges, which lock profiles the same way.
    await tx.$queryRaw`SELECT "id" FROM "profiles" WHERE "storeId" = ${storeId} AND "id" = ${profileId} FOR UPDATE`;
    const profile = await findProfileOrThrow(tx, { storeId, profileId });
    const id = profile.id;

    const aliases = await tx.profileAlias.findMany({ where: { storeId, profileId: id }, select: { aliasId: true } });
    const personIds = [id, ...aliases.map((alias) => alias.aliasId)];
    const [observations, summaries, merges] = await Promise.all([
      tx.observation.findMany({ where: { storeId, profileId: id }, select: { id: true } }),
      tx.summary.findMany({ where: { storeId, profileId: id }, select: { id: true } }),
      tx.merge.findMany({ where: { storeId, OR: [{ survivorProfileId: { in: personIds } }, { sourceProfileId: { in: personIds } }] }, select: { id: true } }),
    ]);
    const observationIds = observations.map((observation) => observation.id);
    const subjectIds = [...personIds, ...observationIds, ...summaries.map((summary) => summary.id), ...merges.map((merge) => merge.id)];

    const participantsUnlinked = (await tx.participant.updateMany({ where: { storeId, profileId: id }, data: { profileId: null, resolutionId: null } })).count;
    const observationRevisions = (await tx.observationRevision.deleteMany({ where: { storeId, observationId: { in: observationIds } } })).count;
    const result: EraseProfileResult = {
      profileId: id,
      traits: (await tx.traitValue.deleteMany({ where: { storeId, profileId: id } })).count,
      identifiers: (await tx.identifier.deleteMany({ where: { storeId, profileId: id } })).count,
      observations: (await tx.observation.deleteMany({ where: { storeId, profileId: id } })).count,
      observationRevisions,
      summaries: (await tx.summary.deleteMany({ where: { storeId, profileId: id } })).count,
      aliases: (await tx.profileAlias.deleteMany({ where: { storeId, profileId: id } })).count,
      merges: (await tx.merge.deleteMany({ where: { storeId, id: { in: merges.map((merge) => merge.id) } } })).count,
      resolutionRecords: (await tx.resolutionRecord.deleteMany({ where: { storeId, profileId: { in: personIds } } })).count,
      traitCandidates: (await tx.traitCandidate.deleteMany({ where: { storeId, profileId: { in: personIds } } })).count,
      extractionRuns: (await tx.extractionRun.deleteMany({ where: { storeId, profileId: { in: personIds } } })).count,
      participantsUnlinked,
      auditEventsRedacted: (
        await tx.auditEvent.updateMany({ where: { storeId, resourceId: { in: subjectIds } }, data: { before: Prisma.DbNull, after: Prisma.DbNull } })
      ).count,
    };
    await tx.profile.delete({ where: { storeId_id: { storeId, id } } });

    const { traits, identifiers, aliases: aliasCount, resolutionRecords, traitCandidates, extractionRuns, auditEventsRedacted } = result;
    await recordAuditEvent(tx, {
      storeId,
      actor,
      action: "profile.erase",
      resourceType: "profile",
      resourceId: id,
      before: { traits, identifiers, observations: result.observations, observationRevisions, summaries: result.summaries, aliases: aliasCount, merges: result.merges, resolutionRecords, traitCandidates, extractionRuns },
      after: { participantsUnlinked, auditEventsRedacted },
      requestId,
    });
    return result;
  });
}
