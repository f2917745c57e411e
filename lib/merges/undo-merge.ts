import type { Identifier, Prisma, Profile, TraitValue } from "../db/generated/client";
import type { Channel } from "../db/generated/enums";
import type { Tx } from "../db/transaction";
import { getPrisma } from "../db/client";
import { AppError } from "../errors";
import type { Actor } from "../auth/actor";
import { requireRole } from "../auth/roles";
import { recordAuditEvent } from "../audit/record-audit-event";
import { readIdentitySettingsView } from "../identity/identity-settings-view";
import { identifierTypeForChannel, normalizeIdentifier } from "../identity/normalize-identifier";
import { withResolutionRetry } from "../identity/resolve-record";
import { findMergeForUpdateOrThrow } from "./find-merge-or-throw";
import { refreshDisplayName } from "../traits/refresh-display-name";
import { toMergeView, type MergeView } from "./merge-view";

export type UndoMergeOptions = { storeId: string; mergeId: string; actor: Actor; requestId?: string };

// The snapshot lib/identity/merge-profile-into.ts stores, as it reads back from JSON.
type Json<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };
type UndoSnapshot = {
  source: { profile: Json<Profile>; identifiers: Json<Identifier>[]; traitValues: Json<TraitValue>[] };
  movedIds: { observationIds: string[]; summaryIds: string[]; participantIds: string[]; aliasIds: string[]; duplicateIdentifierIds: string[] };
  survivorTraitsReplaced: Json<TraitValue>[];
};

/** The normalised identifiers a participant's addresses stand for (`phone:+1415…`). */
function participantKeys(addresses: Prisma.JsonValue, normalizationByType: Map<string, "email" | "phone" | "trim" | "none">): string[] {
  if (!Array.isArray(addresses)) return [];
  return addresses.flatMap((entry) => {
    const { channel, address } = (entry ?? {}) as { channel?: Channel; address?: string };
    if (!channel || typeof address !== "string") return [];
    const idType = identifierTypeForChannel(channel);
    const normalization = normalizationByType.get(idType);
    const normalized = normalization ? normalizeIdentifier(address, normalization) : null;
    return normalized?.ok ? [`${idType}:${normalized.value}`] : [];
  });
}

/**
 * Undoes an applied merge (SPEC §4): the source profile comes back with its own id, identifiers,
 * traits, observations, summaries, conversation links and aliases, and the survivor gets back
 * the trait values the merge replaced. Conversations that arrived after the merge through one of
 * the source's identifiers go back to the source too, with their observations and summaries.
 * Refused (409) when the survivor has itself been merged since: undo that merge first.
 */
export async function undoMerge({ storeId, mergeId, actor, requestId }: UndoMergeOptions): Promise<MergeView> {
  requireRole(actor, "ADMIN");
  const prisma = await getPrisma();
  return withResolutionRetry(prisma, async (tx) => {
    const merge = await findMergeForUpdateOrThrow(tx, storeId, mergeId);
    if (merge.status !== "APPLIED" || !merge.undoData) throw new AppError("conflict", `Merge ${mergeId} is ${merge.status}: only an applied merge can be undone`);
    const { survivorProfileId, sourceProfileId } = merge;
    const survivor = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "profiles" WHERE "storeId" = ${storeId} AND "id" = ${survivorProfileId} FOR UPDATE`;
    if (survivor.length === 0) {
      const later = await tx.profileAlias.findUnique({ where: { storeId_aliasId: { storeId, aliasId: survivorProfileId } } });
      throw new AppError("conflict", later ? `${survivorProfileId} was merged into ${later.profileId} since (merge ${later.mergeId}): undo that merge first` : `${survivorProfileId} no longer exists`);
    }
    const snapshot = merge.undoData as unknown as UndoSnapshot;
    await restoreSourceProfile(tx, storeId, snapshot, survivorProfileId);
    await moveLaterConversations(tx, storeId, snapshot, survivorProfileId, merge.decidedAt ?? merge.createdAt);
    await refreshDisplayName(tx, storeId, survivorProfileId);
    await refreshDisplayName(tx, storeId, sourceProfileId);

    const undone = await tx.merge.update({ where: { storeId_id: { storeId, id: mergeId } }, data: { status: "UNDONE", undoneAt: new Date() } });
    await recordAuditEvent(tx, {
      storeId,
      actor,
      action: "merge.undo",
      resourceType: "merge",
      resourceId: mergeId,
      before: { status: "APPLIED" },
      after: { status: "UNDONE", restoredProfileId: sourceProfileId, survivorProfileId },
      requestId,
    });
    return toMergeView(undone);
  });
}

async function restoreSourceProfile(tx: Tx, storeId: string, snapshot: UndoSnapshot, survivorProfileId: string): Promise<void> {
  const source = snapshot.source.profile;
  await tx.profileAlias.delete({ where: { storeId_aliasId: { storeId, aliasId: source.id } } });
  await tx.profile.create({
    data: {
      storeId,
      id: source.id,
      displayName: source.displayName,
      lastContactAt: source.lastContactAt ? new Date(source.lastContactAt) : null,
      createdAt: new Date(source.createdAt),
      version: source.version + 1,
    },
  });
  const { movedIds } = snapshot;
  await tx.profileAlias.updateMany({ where: { storeId, aliasId: { in: movedIds.aliasIds }, profileId: survivorProfileId }, data: { profileId: source.id } });

  // Identifiers: the source's own rows move back; values both held (dropped from the source at
  // merge time, kept on the survivor) are recreated on the source. Values evicted since stay gone.
  const originalIds = snapshot.source.identifiers.map((identifier) => identifier.id);
  await tx.identifier.updateMany({ where: { storeId, id: { in: originalIds }, profileId: survivorProfileId }, data: { profileId: source.id } });
  const recreated = snapshot.source.identifiers.filter((identifier) => movedIds.duplicateIdentifierIds.includes(identifier.id));
  if (recreated.length > 0) {
    await tx.identifier.createMany({
      data: recreated.map((identifier) => ({ ...identifier, profileId: source.id, createdAt: new Date(identifier.createdAt) })),
      skipDuplicates: true,
    });
  }

  // Traits: the source's come back; the survivor's values the merge replaced come back unless
  // someone changed them since (then the newer value stays).
  for (const trait of snapshot.source.traitValues) {
    await tx.traitValue.create({
      data: { storeId, profileId: source.id, groupName: trait.groupName, traitName: trait.traitName, value: trait.value as Prisma.InputJsonValue, source: trait.source },
    });
    const onSurvivor = await tx.traitValue.findUnique({
      where: { storeId_profileId_groupName_traitName: { storeId, profileId: survivorProfileId, groupName: trait.groupName, traitName: trait.traitName } },
    });
    if (!onSurvivor || onSurvivor.source !== "MERGE" || JSON.stringify(onSurvivor.value) !== JSON.stringify(trait.value)) continue;
    const replaced = snapshot.survivorTraitsReplaced.find((candidate) => candidate.groupName === trait.groupName && candidate.traitName === trait.traitName);
    if (replaced) {
      await tx.traitValue.update({
        where: { storeId_profileId_groupName_traitName: { storeId, profileId: survivorProfileId, groupName: trait.groupName, traitName: trait.traitName } },
        data: { value: replaced.value as Prisma.InputJsonValue, source: replaced.source },
      });
    } else {
      await tx.traitValue.delete({ where: { storeId_profileId_groupName_traitName: { storeId, profileId: survivorProfileId, groupName: trait.groupName, traitName: trait.traitName } } });
    }
  }

  await tx.observation.updateMany({ where: { storeId, id: { in: movedIds.observationIds }, profileId: survivorProfileId }, data: { profileId: source.id } });
  await tx.summary.updateMany({ where: { storeId, id: { in: movedIds.summaryIds }, profileId: survivorProfileId }, data: { profileId: source.id } });
  await tx.participant.updateMany({ where: { storeId, id: { in: movedIds.participantIds }, profileId: survivorProfileId }, data: { profileId: source.id } });
}

/**
 * Conversations that reached the survivor after the merge through an identifier that was the
 * source's (and is the source's again) belong to the source: their participant links, and the
 * observations and summaries made from those conversations, move back.
 */
async function moveLaterConversations(tx: Tx, storeId: string, snapshot: UndoSnapshot, survivorProfileId: string, mergedAt: Date): Promise<void> {
  const sourceId = snapshot.source.profile.id;
  const settings = await readIdentitySettingsView(tx, storeId);
  const normalizationByType = new Map((settings?.identifierConfigs ?? []).map((config) => [config.idType, config.normalization]));
  const [sourceIdentifiers, survivorIdentifiers] = await Promise.all([
    tx.identifier.findMany({ where: { storeId, profileId: sourceId }, select: { idType: true, value: true } }),
    tx.identifier.findMany({ where: { storeId, profileId: survivorProfileId }, select: { idType: true, value: true } }),
  ]);
  const sourceKeys = new Set(sourceIdentifiers.map((identifier) => `${identifier.idType}:${identifier.value}`));
  const survivorKeys = new Set(survivorIdentifiers.map((identifier) => `${identifier.idType}:${identifier.value}`));
  const later = await tx.participant.findMany({ where: { storeId, profileId: survivorProfileId, createdAt: { gte: mergedAt } } });
  const belongToSource = later.filter((participant) => {
    const keys = participantKeys(participant.addresses, normalizationByType);
    return keys.some((key) => sourceKeys.has(key)) && !keys.some((key) => survivorKeys.has(key));
  });
  if (belongToSource.length === 0) return;
  const conversationIds = [...new Set(belongToSource.map((participant) => participant.conversationId))];
  await tx.participant.updateMany({ where: { storeId, id: { in: belongToSource.map((participant) => participant.id) } }, data: { profileId: sourceId } });
  await tx.summary.updateMany({ where: { storeId, profileId: survivorProfileId, conversationId: { in: conversationIds }, createdAt: { gte: mergedAt } }, data: { profileId: sourceId } });
  await tx.observation.updateMany({
    where: { storeId, profileId: survivorProfileId, createdAt: { gte: mergedAt }, conversationIds: { hasSome: conversationIds } },
    data: { profileId: sourceId },
  });
}
