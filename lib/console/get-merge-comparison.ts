import { getPrisma } from "../db/client";
import type { ObservationStatus } from "../db/generated/enums";
import type { Actor } from "../auth/actor";
import { requireRole } from "../auth/roles";
import { AppError } from "../errors";
import { isIdOf } from "../ids";
import { readIdentitySettingsView } from "../identity/identity-settings-view";
import { toMergeView, type MergeView } from "../merges/merge-view";
import { normalizeForComparison } from "../merges/propose-duplicate-merges";
import { loadTraitGroups } from "../profiles/load-trait-groups";
import { describeMergeEvidence, type MergeEvidence } from "./describe-merge-evidence";

/** One side of a merge as it stands now. */
export type MergeSide =
  | {
      /** `present`: the id is a profile; `moved`: it was merged into `profileId` since (by `movedByMergeId`). */
      state: "present" | "moved";
      /** The id the merge names. */
      requestedId: string;
      /** The profile that id stands for now (what approving would fold). */
      profileId: string;
      movedByMergeId: string | null;
      displayName: string | null;
      createdAt: Date;
      lastContactAt: Date | null;
      observationCounts: Record<ObservationStatus, number>;
      conversationCount: number;
      /** The latest activity of any conversation this profile took part in. */
      lastConversationAt: Date | null;
    }
  /** Neither a profile nor an alias: erased, or never in this store. */
  | { state: "missing"; requestedId: string };

export type ValueComparison = "same" | "overlap" | "different" | "survivor_only" | "source_only";

export type IdentifierTypeComparison = {
  idType: string;
  survivorValues: string[];
  sourceValues: string[];
  /** Values both profiles hold. */
  sharedValues: string[];
  comparison: ValueComparison;
  /** Together the profiles would break this type's `block` limit: approving is refused. */
  exceedsBlockLimit: boolean;
  limit: number | null;
  limitPolicy: string | null;
};

export type TraitComparison = {
  name: string;
  survivorValue: unknown;
  sourceValue: unknown;
  /** `equivalent`: equal but for case, accents, spacing or punctuation ("7 Film Way" / "7 film way"). */
  comparison: Exclude<ValueComparison, "overlap"> | "equivalent";
  /** Which value the merged profile keeps: the newer one (as lib/identity/merge-profile-into.ts decides). */
  keeps: "survivor" | "source";
};

export type TraitGroupComparison = { name: string; traits: TraitComparison[] };

export type MergeComparison = {
  merge: MergeView;
  evidence: MergeEvidence;
  survivor: MergeSide;
  source: MergeSide;
  /** Identifier types in matching-rule priority, then the rest by name. */
  identifiers: IdentifierTypeComparison[];
  /** Declared groups in the order the store lists them, then values of groups no longer declared. */
  traitGroups: TraitGroupComparison[];
  /**
   * For a PENDING merge: why it cannot be approved as filed (a profile gone, the two already one,
   * a block limit), or that the ids stand for other profiles now. Empty when it is as proposed.
   */
  warnings: string[];
  /** A PENDING merge that approving would be refused for (see `warnings`): reject it instead. */
  isBlocked: boolean;
};

export type GetMergeComparisonOptions = { storeId: string; mergeId: string; actor: Actor };

const emptyCounts = (): Record<ObservationStatus, number> => ({ PENDING: 0, APPROVED: 0, REJECTED: 0 });
const sameValue = (left: unknown, right: unknown) => JSON.stringify(left) === JSON.stringify(right);
// The duplicate detector's notion of "equal" (lib/merges/propose-duplicate-merges.ts).
const isEquivalent = (left: unknown, right: unknown) => {
  const normalized = normalizeForComparison(left);
  return normalized !== null && normalized === normalizeForComparison(right);
};

function compareSets(survivor: string[], source: string[]): { shared: string[]; comparison: ValueComparison } {
  const shared = survivor.filter((value) => source.includes(value));
  if (source.length === 0) return { shared, comparison: "survivor_only" };
  if (survivor.length === 0) return { shared, comparison: "source_only" };
  if (shared.length === survivor.length && shared.length === source.length) return { shared, comparison: "same" };
  return { shared, comparison: shared.length > 0 ? "overlap" : "different" };
}

/**
 * The merge queue's side-by-side view of one merge (ADMIN): both profiles as they are now —
 * identifiers per type (shared, different, on one side only), traits per group (and which value
 * a merge keeps), observations by status, conversations and last contact — with the evidence the
 * proposal was filed on. Ids merged elsewhere since are followed to the profile they stand for
 * (approving does the same); a profile that is gone is reported, not thrown. Another store's or an
 * unknown merge id is "not found".
 */
export async function getMergeComparison({ storeId, mergeId, actor }: GetMergeComparisonOptions): Promise<MergeComparison> {
  requireRole(actor, "ADMIN");
  const prisma = await getPrisma();
  const merge = isIdOf("merge", mergeId) ? await prisma.merge.findUnique({ where: { storeId_id: { storeId, id: mergeId } } }) : null;
  if (!merge) throw new AppError("not_found", `Merge ${mergeId} not found`);

  const requestedIds = [merge.survivorProfileId, merge.sourceProfileId];
  const [directProfiles, aliases] = await Promise.all([
    prisma.profile.findMany({ where: { storeId, id: { in: requestedIds } }, select: { id: true } }),
    prisma.profileAlias.findMany({ where: { storeId, aliasId: { in: requestedIds } }, select: { aliasId: true, profileId: true, mergeId: true } }),
  ]);
  const canonical = (requestedId: string): { profileId: string; movedByMergeId: string | null } | null => {
    if (directProfiles.some((profile) => profile.id === requestedId)) return { profileId: requestedId, movedByMergeId: null };
    const alias = aliases.find((candidate) => candidate.aliasId === requestedId);
    return alias ? { profileId: alias.profileId, movedByMergeId: alias.mergeId } : null;
  };
  const survivorNow = canonical(merge.survivorProfileId);
  const sourceNow = canonical(merge.sourceProfileId);
  const profileIds = [...new Set([survivorNow?.profileId, sourceNow?.profileId].filter((id): id is string => Boolean(id)))];

  const [profiles, identifierRows, traitRows, observationCounts, conversationRows, groups, settings] = await Promise.all([
    prisma.profile.findMany({ where: { storeId, id: { in: profileIds } } }),
    prisma.identifier.findMany({ where: { storeId, profileId: { in: profileIds } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { profileId: true, idType: true, value: true } }),
    prisma.traitValue.findMany({ where: { storeId, profileId: { in: profileIds } } }),
    prisma.observation.groupBy({ by: ["profileId", "status"], where: { storeId, profileId: { in: profileIds } }, _count: { _all: true } }),
    profileIds.length
      ? prisma.$queryRaw<{ profileId: string; conversationCount: number; lastConversationAt: Date | null }[]>`
          SELECT p."profileId", count(DISTINCT p."conversationId")::int AS "conversationCount", max(c."lastActivityAt") AS "lastConversationAt"
          FROM "participants" p
          JOIN "conversations" c ON c."storeId" = p."storeId" AND c."id" = p."conversationId"
          WHERE p."storeId" = ${storeId} AND p."profileId" = ANY(${profileIds}::text[])
          GROUP BY p."profileId"`
      : [],
    loadTraitGroups(prisma, storeId),
    readIdentitySettingsView(prisma, storeId),
  ]);

  const sideOf = (requestedId: string, now: { profileId: string; movedByMergeId: string | null } | null): MergeSide => {
    const profile = now ? profiles.find((candidate) => candidate.id === now.profileId) : undefined;
    if (!now || !profile) return { state: "missing", requestedId };
    const counts = emptyCounts();
    for (const row of observationCounts) if (row.profileId === profile.id) counts[row.status] = row._count._all;
    const conversations = conversationRows.find((row) => row.profileId === profile.id);
    return {
      state: now.movedByMergeId ? "moved" : "present",
      requestedId,
      profileId: profile.id,
      movedByMergeId: now.movedByMergeId,
      displayName: profile.displayName,
      createdAt: profile.createdAt,
      lastContactAt: profile.lastContactAt,
      observationCounts: counts,
      conversationCount: conversations?.conversationCount ?? 0,
      lastConversationAt: conversations?.lastConversationAt ?? null,
    };
  };
  const survivor = sideOf(merge.survivorProfileId, survivorNow);
  const source = sideOf(merge.sourceProfileId, sourceNow);
  const survivorId = survivor.state === "missing" ? null : survivor.profileId;
  // When both ids stand for one profile now, show it once, on the survivor's side.
  const sourceId = source.state === "missing" || source.profileId === survivorId ? null : source.profileId;

  // Identifiers, per type.
  const priority = [...(settings?.matchingRules ?? []), ...(settings?.identifierConfigs.map((config) => config.idType) ?? [])];
  const rank = (idType: string) => (priority.includes(idType) ? priority.indexOf(idType) : Number.MAX_SAFE_INTEGER);
  const idTypes = [...new Set(identifierRows.map((row) => row.idType))].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const identifiers = idTypes.map((idType): IdentifierTypeComparison => {
    const valuesOf = (profileId: string | null) => identifierRows.filter((row) => row.profileId === profileId && row.idType === idType).map((row) => row.value);
    const survivorValues = valuesOf(survivorId);
    const sourceValues = valuesOf(sourceId);
    const { shared, comparison } = compareSets(survivorValues, sourceValues);
    const config = settings?.identifierConfigs.find((candidate) => candidate.idType === idType);
    // The same test foldProfiles applies before approving (lib/merges/fold-profiles.ts).
    const distinct = new Set([...survivorValues, ...sourceValues]).size;
    const exceedsBlockLimit = Boolean(config && sourceId && config.limitPolicy === "block" && distinct > Math.max(config.limit, survivorValues.length, sourceValues.length));
    return { idType, survivorValues, sourceValues, sharedValues: shared, comparison, exceedsBlockLimit, limit: config?.limit ?? null, limitPolicy: config?.limitPolicy ?? null };
  });

  // Traits, per group: declared groups first, in the order the store lists them.
  const groupOrder = groups.map((group) => group.displayName);
  const traitOrder = (groupName: string) => Object.keys(groups.find((group) => group.displayName === groupName)?.traits ?? {});
  const keyed = new Map<string, { group: string; name: string; survivor?: (typeof traitRows)[number]; source?: (typeof traitRows)[number] }>();
  for (const row of traitRows) {
    const side = row.profileId === survivorId ? "survivor" : row.profileId === sourceId ? "source" : null;
    if (!side) continue;
    const key = `${row.groupName}.${row.traitName}`;
    const entry = keyed.get(key) ?? { group: row.groupName, name: row.traitName };
    entry[side] = row;
    keyed.set(key, entry);
  }
  const groupNames = [...new Set([...keyed.values()].map((entry) => entry.group))].sort((a, b) => {
    const [left, right] = [groupOrder.indexOf(a), groupOrder.indexOf(b)].map((index) => (index === -1 ? Number.MAX_SAFE_INTEGER : index));
    return left - right || a.localeCompare(b);
  });
  const traitGroups = groupNames.map((groupName): TraitGroupComparison => {
    const order = traitOrder(groupName);
    const position = (name: string) => (order.includes(name) ? order.indexOf(name) : Number.MAX_SAFE_INTEGER);
    const traits = [...keyed.values()]
      .filter((entry) => entry.group === groupName)
      .sort((a, b) => position(a.name) - position(b.name) || a.name.localeCompare(b.name))
      .map(({ name, survivor: onSurvivor, source: onSource }): TraitComparison => {
        const comparison = !onSource ? "survivor_only" : !onSurvivor ? "source_only" : sameValue(onSurvivor.value, onSource.value) ? "same" : isEquivalent(onSurvivor.value, onSource.value) ? "equivalent" : "different";
        const keeps = onSurvivor && (!onSource || onSurvivor.updatedAt >= onSource.updatedAt) ? "survivor" : "source";
        return { name, survivorValue: onSurvivor?.value ?? null, sourceValue: onSource?.value ?? null, comparison, keeps };
      });
    return { name: groupName, traits };
  });

  const warnings: string[] = [];
  let isBlocked = false;
  if (merge.status === "PENDING") {
    for (const [label, side] of [["The surviving profile", survivor], ["The profile to fold in", source]] as const) {
      if (side.state === "missing") {
        warnings.push(`${label} (${side.requestedId}) no longer exists: it was erased. Reject this proposal.`);
        isBlocked = true;
      } else if (side.state === "moved") {
        warnings.push(`${label} (${side.requestedId}) was merged into ${side.profileId} since (merge ${side.movedByMergeId}); approving folds the profile it stands for now.`);
      }
    }
    if (!isBlocked && survivorId && survivorId === (source.state === "missing" ? null : source.profileId)) {
      warnings.push(`Both ids stand for one profile now (${survivorId}): there is nothing left to merge. Reject this proposal.`);
      isBlocked = true;
    }
    for (const identifier of identifiers.filter((candidate) => candidate.exceedsBlockLimit)) {
      warnings.push(
        `Together the profiles would hold ${identifier.survivorValues.length + identifier.sourceValues.length - identifier.sharedValues.length} ${identifier.idType} values, and ${identifier.idType} is limited to ${identifier.limit} (block): approving will be refused.`,
      );
      isBlocked = true;
    }
  }

  return { merge: toMergeView(merge), evidence: describeMergeEvidence(merge.proposedBy, merge.reason), survivor, source, identifiers, traitGroups, warnings, isBlocked };
}
