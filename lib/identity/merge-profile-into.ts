import type { Prisma } from "../db/generated/client";
import type { Tx } from "../db/transaction";
import { newId } from "../ids";
import { refreshDisplayName } from "../traits/refresh-display-name";

export type MergeProfileIntoOptions = {
  storeId: string;
  survivorProfileId: string;
  sourceProfileId: string;
  /** RESOLVER, DUPLICATE_DETECTOR, MANUAL */
  proposedBy: string;
  /** Why: which identifiers or traits matched (shown in the console and the audit trail). */
  reason: Record<string, unknown>;
  decidedBy: { type: "USER" | "API_KEY" | "SYSTEM"; id: string | null };
  /** An existing PENDING merge being approved; otherwise a new APPLIED merge row is written. */
  mergeId?: string;
};

function json(value: unknown): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
}

/**
 * Folds the source profile into the survivor inside the caller's transaction (SPEC §4): the
 * source's identifiers, traits (the newer value wins), observations, summaries, conversation
 * links and aliases move to the survivor, the source id becomes an alias, and the merge row keeps
 * a snapshot of both profiles as they were, so the merge can be undone exactly.
 */
export async function mergeProfileInto(tx: Tx, options: MergeProfileIntoOptions): Promise<string> {
  const { storeId, survivorProfileId, sourceProfileId } = options;
  const [source, sourceIdentifiers, sourceTraits, survivorTraits, observations, summaries, participants, aliases] = await Promise.all([
    tx.profile.findUniqueOrThrow({ where: { storeId_id: { storeId, id: sourceProfileId } } }),
    tx.identifier.findMany({ where: { storeId, profileId: sourceProfileId }, orderBy: { createdAt: "asc" } }),
    tx.traitValue.findMany({ where: { storeId, profileId: sourceProfileId } }),
    tx.traitValue.findMany({ where: { storeId, profileId: survivorProfileId } }),
    tx.observation.findMany({ where: { storeId, profileId: sourceProfileId }, select: { id: true } }),
    tx.summary.findMany({ where: { storeId, profileId: sourceProfileId }, select: { id: true } }),
    tx.participant.findMany({ where: { storeId, profileId: sourceProfileId }, select: { id: true } }),
    tx.profileAlias.findMany({ where: { storeId, profileId: sourceProfileId }, select: { aliasId: true } }),
  ]);
  const survivorIdentifiers = await tx.identifier.findMany({ where: { storeId, profileId: survivorProfileId }, select: { idType: true, value: true } });

  // Identifiers: a value both hold (possible for enforceUnique: false types) stays once.
  const survivorKeys = new Set(survivorIdentifiers.map((identifier) => `${identifier.idType}\u0000${identifier.value}`));
  const duplicates = sourceIdentifiers.filter((identifier) => survivorKeys.has(`${identifier.idType}\u0000${identifier.value}`));
  if (duplicates.length > 0) await tx.identifier.deleteMany({ where: { storeId, id: { in: duplicates.map((identifier) => identifier.id) } } });
  await tx.identifier.updateMany({ where: { storeId, profileId: sourceProfileId }, data: { profileId: survivorProfileId } });

  // Traits: the newer value wins, per (group, trait).
  const survivorByKey = new Map(survivorTraits.map((trait) => [`${trait.groupName}.${trait.traitName}`, trait]));
  const replacedSurvivorTraits = [];
  for (const trait of sourceTraits) {
    const existing = survivorByKey.get(`${trait.groupName}.${trait.traitName}`);
    if (existing && existing.updatedAt >= trait.updatedAt) continue;
    if (existing) replacedSurvivorTraits.push(existing);
    await tx.traitValue.upsert({
      where: { storeId_profileId_groupName_traitName: { storeId, profileId: survivorProfileId, groupName: trait.groupName, traitName: trait.traitName } },
      create: { storeId, profileId: survivorProfileId, groupName: trait.groupName, traitName: trait.traitName, value: trait.value as Prisma.InputJsonValue, source: "MERGE" },
      update: { value: trait.value as Prisma.InputJsonValue, source: "MERGE" },
    });
  }

  await tx.observation.updateMany({ where: { storeId, profileId: sourceProfileId }, data: { profileId: survivorProfileId } });
  await tx.summary.updateMany({ where: { storeId, profileId: sourceProfileId }, data: { profileId: survivorProfileId } });
  await tx.participant.updateMany({ where: { storeId, profileId: sourceProfileId }, data: { profileId: survivorProfileId } });
  await tx.profileAlias.updateMany({ where: { storeId, profileId: sourceProfileId }, data: { profileId: survivorProfileId } });

  const undoData = json({
    source: { profile: source, identifiers: sourceIdentifiers, traitValues: sourceTraits },
    movedIds: {
      observationIds: observations.map((row) => row.id),
      summaryIds: summaries.map((row) => row.id),
      participantIds: participants.map((row) => row.id),
      aliasIds: aliases.map((row) => row.aliasId),
      duplicateIdentifierIds: duplicates.map((row) => row.id),
    },
    survivorTraitsReplaced: replacedSurvivorTraits,
  });
  const decided = { status: "APPLIED" as const, decidedByType: options.decidedBy.type, decidedById: options.decidedBy.id, decidedAt: new Date(), undoData };
  const mergeId = options.mergeId ?? newId("merge");
  if (options.mergeId) {
    await tx.merge.update({ where: { storeId_id: { storeId, id: mergeId } }, data: decided });
  } else {
    await tx.merge.create({
      data: { storeId, id: mergeId, survivorProfileId, sourceProfileId, proposedBy: options.proposedBy, reason: json(options.reason), ...decided },
    });
  }
  // The survivor inherits the earlier last contact; the source id keeps resolving to it.
  if (source.lastContactAt) {
    await tx.profile.updateMany({
      where: { storeId, id: survivorProfileId, OR: [{ lastContactAt: null }, { lastContactAt: { lt: source.lastContactAt } }] },
      data: { lastContactAt: source.lastContactAt },
    });
  }
  await tx.profile.delete({ where: { storeId_id: { storeId, id: sourceProfileId } } });
  await refreshDisplayName(tx, storeId, survivorProfileId);
  await tx.profileAlias.create({ data: { storeId, aliasId: sourceProfileId, profileId: survivorProfileId, mergeId } });
  return mergeId;
}
