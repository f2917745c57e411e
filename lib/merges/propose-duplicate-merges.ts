import type { Prisma } from "../db/generated/client";
import type { Tx } from "../db/transaction";
import { newId } from "../ids";
import type { Actor } from "../auth/actor";
import { recordAuditEvent } from "../audit/record-audit-event";

/** Traits that, with the same full name, make two profiles likely the same person. */
const EVIDENCE_TRAIT_NAMES = ["address", "postalAddress", "birthDate", "dateOfBirth", "dob", "birthday", "company", "companyName", "employer"];
const EVIDENCE_TRAITS = new RegExp(`^(${EVIDENCE_TRAIT_NAMES.join("|")})$`, "i");

/**
 * A case-insensitive SQL pattern (`~*`) matching at least every evidence trait name, for
 * narrowing a read before `isDuplicateEvidence` decides.
 */
export const DUPLICATE_EVIDENCE_SQL_PATTERN = EVIDENCE_TRAITS.source;

/** "  Ada   LOVELACE " and "ada lovelace" compare equal; so do "1 Main St." and "1 main st". */
export function normalizeForComparison(value: unknown): string | null {
  if (typeof value !== "string" && typeof value !== "number") return null;
  const text = String(value)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
  return text || null;
}

/**
 * Whether a trait can be evidence that two same-named profiles are one person: only profiles that
 * hold such a trait can be proposed (with no evidence of its own, a profile shares none).
 */
export function isDuplicateEvidence(trait: { traitName: string; value: unknown }): boolean {
  return EVIDENCE_TRAITS.test(trait.traitName) && normalizeForComparison(trait.value) !== null;
}

export type DuplicateEvidence = { name: string; matchingTraits: { traitGroup: string; name: string; value: unknown }[] };

/**
 * Beyond exact identifier rules (SPEC §4): when a profile's name and one evidence trait (address,
 * birth date, company …) equal another profile's, propose — never apply — a merge, with the
 * evidence. A pair already proposed, applied, rejected or undone is not proposed again. Runs in
 * the caller's transaction after the profile's traits change.
 */
export async function proposeDuplicateMerges(tx: Tx, storeId: string, profileId: string, actor: Actor, known?: { displayName: string | null; createdAt: Date }): Promise<string[]> {
  // `known`: the profile as the caller just wrote it in this transaction (saves reading it back).
  const profile = known ?? (await tx.profile.findUnique({ where: { storeId_id: { storeId, id: profileId } }, select: { displayName: true, createdAt: true } }));
  const name = normalizeForComparison(profile?.displayName);
  if (!profile || !name) return [];
  const candidates = await tx.$queryRaw<{ id: string; createdAt: Date }[]>`
    SELECT "id", "createdAt" FROM "profiles"
    WHERE "storeId" = ${storeId} AND "id" <> ${profileId} AND lower("displayName") = lower(${profile.displayName})
    ORDER BY "id" LIMIT 50`;
  if (candidates.length === 0) return [];

  const traits = await tx.traitValue.findMany({ where: { storeId, profileId: { in: [profileId, ...candidates.map((candidate) => candidate.id)] } } });
  const evidenceOf = (id: string) =>
    new Map(
      traits
        .filter((trait) => trait.profileId === id && isDuplicateEvidence(trait))
        .flatMap((trait) => {
          const normalized = normalizeForComparison(trait.value);
          return normalized ? [[`${trait.groupName}.${trait.traitName}=${normalized}`, trait] as const] : [];
        }),
    );
  const mine = evidenceOf(profileId);
  const proposed: string[] = [];
  for (const candidate of candidates) {
    const shared = [...evidenceOf(candidate.id).keys()].filter((key) => mine.has(key));
    if (shared.length === 0) continue;
    const [survivor, source] = candidate.createdAt <= profile.createdAt ? [candidate.id, profileId] : [profileId, candidate.id];
    // One decision per pair, whoever asks first: concurrent writes to either profile queue here.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`duplicate/${storeId}/${[survivor, source].sort().join("/")}`}, 0))`;
    const existing = await tx.merge.findFirst({
      where: { storeId, OR: [{ survivorProfileId: survivor, sourceProfileId: source }, { survivorProfileId: source, sourceProfileId: survivor }] },
      select: { id: true },
    });
    if (existing) continue;
    const evidence: DuplicateEvidence = {
      name: profile.displayName!,
      matchingTraits: shared.map((key) => {
        const trait = mine.get(key)!;
        return { traitGroup: trait.groupName, name: trait.traitName, value: trait.value };
      }),
    };
    const mergeId = newId("merge");
    await tx.merge.create({
      data: { storeId, id: mergeId, survivorProfileId: survivor, sourceProfileId: source, status: "PENDING", proposedBy: "DUPLICATE_DETECTOR", reason: evidence as unknown as Prisma.InputJsonValue },
    });
    await recordAuditEvent(tx, { storeId, actor, action: "merge.propose", resourceType: "merge", resourceId: mergeId, after: { survivorProfileId: survivor, sourceProfileId: source, evidence } });
    proposed.push(mergeId);
  }
  return proposed;
}
