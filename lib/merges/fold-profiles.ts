import type { Tx } from "../db/transaction";
import { AppError } from "../errors";
import type { Actor } from "../auth/actor";
import { recordAuditEvent } from "../audit/record-audit-event";
import { readIdentitySettingsView } from "../identity/identity-settings-view";
import { mergeProfileInto } from "../identity/merge-profile-into";

/** The id a profile id stands for now: itself, or the survivor it was merged into. */
async function canonicalProfileId(tx: Tx, storeId: string, profileId: string): Promise<string | null> {
  const profile = await tx.profile.findUnique({ where: { storeId_id: { storeId, id: profileId } }, select: { id: true } });
  if (profile) return profile.id;
  const alias = await tx.profileAlias.findUnique({ where: { storeId_aliasId: { storeId, aliasId: profileId } }, select: { profileId: true } });
  return alias?.profileId ?? null;
}

export type FoldProfilesOptions = {
  storeId: string;
  survivorProfileId: string;
  sourceProfileId: string;
  proposedBy: "MANUAL" | "RESOLVER" | "DUPLICATE_DETECTOR";
  reason: Record<string, unknown>;
  actor: Actor;
  requestId?: string;
  /** The PENDING merge being approved, if any. */
  mergeId?: string;
};

/**
 * Merges two profiles on an admin's word (manual merge, or approving a proposal), inside the
 * caller's transaction: follows ids already merged elsewhere to their survivors, locks both
 * profiles (in id order, as resolution does, so the two cannot deadlock), and refuses (409) what
 * a `block` rule forbids — two user_ids on one profile — as automatic resolution would.
 */
export async function foldProfiles(tx: Tx, options: FoldProfilesOptions): Promise<{ mergeId: string; survivorProfileId: string; sourceProfileId: string }> {
  const { storeId, actor } = options;
  const survivorProfileId = await canonicalProfileId(tx, storeId, options.survivorProfileId);
  const sourceProfileId = await canonicalProfileId(tx, storeId, options.sourceProfileId);
  if (!survivorProfileId) throw new AppError("not_found", `Profile ${options.survivorProfileId} not found`);
  if (!sourceProfileId) throw new AppError("not_found", `Profile ${options.sourceProfileId} not found`);
  if (survivorProfileId === sourceProfileId) throw new AppError("conflict", "These are already one profile");
  const ids = [survivorProfileId, sourceProfileId].sort();
  await tx.$queryRaw`SELECT "id" FROM "profiles" WHERE "storeId" = ${storeId} AND "id" = ANY(${ids}::text[]) ORDER BY "id" FOR UPDATE`;

  const settings = await readIdentitySettingsView(tx, storeId);
  const identifiers = await tx.identifier.findMany({ where: { storeId, profileId: { in: ids } }, select: { profileId: true, idType: true, value: true } });
  for (const config of settings?.identifierConfigs ?? []) {
    if (config.limitPolicy !== "block") continue;
    const ofType = identifiers.filter((identifier) => identifier.idType === config.idType);
    const distinct = new Set(ofType.map((identifier) => identifier.value));
    const mostOnOne = Math.max(...ids.map((id) => ofType.filter((identifier) => identifier.profileId === id).length));
    if (distinct.size > Math.max(config.limit, mostOnOne)) {
      throw new AppError("conflict", `Cannot merge: together the profiles would hold ${distinct.size} ${config.idType} values (${[...distinct].join(", ")}) and ${config.idType} is limited to ${config.limit} (block)`);
    }
  }

  const mergeId = await mergeProfileInto(tx, {
    storeId,
    survivorProfileId,
    sourceProfileId,
    proposedBy: options.proposedBy,
    reason: options.reason,
    decidedBy: { type: actor.type, id: actor.id },
    mergeId: options.mergeId,
  });
  await recordAuditEvent(tx, {
    storeId,
    actor,
    action: "profile.merge",
    resourceType: "profile",
    resourceId: survivorProfileId,
    after: { mergeId, survivorProfileId, sourceProfileId, proposedBy: options.proposedBy },
    requestId: options.requestId,
  });
  return { mergeId, survivorProfileId, sourceProfileId };
}
