import { Prisma } from "../db/generated/client";
import type { Tx } from "../db/transaction";
import { sqlJson, sqlTimestamp } from "../db/sql-values";
import type { TraitValueChange } from "../traits/validate-trait-values";
import { computeDisplayName, displayNameOf } from "../traits/refresh-display-name";

export type TraitValueSource = "API" | "CONSOLE" | "EXTRACTION" | "MERGE" | "IMPORT";

/** The profile as the write left it (what duplicate detection needs next). */
export type WrittenProfile = { displayName: string | null; createdAt: Date };

/**
 * Applies validated trait changes to one profile inside the caller's transaction: a value sets
 * (the newest write wins), null removes. Keeps the profile's display name in step with Contact
 * and bumps its version. Round trips: one delete for the removals, one multi-row upsert for the
 * values, one profile update (display name and version together); the display name's traits
 * are read back only when this write does not itself set or remove both Contact names.
 */
export async function writeTraitValues(tx: Tx, storeId: string, profileId: string, changes: TraitValueChange[], source: TraitValueSource): Promise<WrittenProfile> {
  // The last change of a trait wins, as when they were applied one after the other.
  const latest = new Map<string, TraitValueChange>();
  for (const change of changes) {
    const key = `${change.groupName}\u0000${change.traitName}`;
    latest.delete(key);
    latest.set(key, change);
  }
  const removals = [...latest.values()].filter((change) => change.value === null);
  const sets = [...latest.values()].filter((change) => change.value !== null);
  if (removals.length > 0) {
    await tx.traitValue.deleteMany({ where: { storeId, profileId, OR: removals.map(({ groupName, traitName }) => ({ groupName, traitName })) } });
  }
  if (sets.length > 0) {
    const updatedAt = sqlTimestamp(new Date());
    const rows = sets.map((change) => Prisma.sql`(${storeId}, ${profileId}, ${change.groupName}, ${change.traitName}, ${sqlJson(change.value)}, ${source}, ${updatedAt})`);
    await tx.$executeRaw`INSERT INTO "trait_values" ("storeId", "profileId", "groupName", "traitName", "value", "source", "updatedAt")
      VALUES ${Prisma.join(rows)}
      ON CONFLICT ("storeId", "profileId", "groupName", "traitName") DO UPDATE SET "value" = EXCLUDED."value", "source" = EXCLUDED."source", "updatedAt" = EXCLUDED."updatedAt"`;
  }
  const first = latest.get("Contact\u0000firstName");
  const last = latest.get("Contact\u0000lastName");
  const displayName = first && last ? displayNameOf(first.value, last.value) : await computeDisplayName(tx, storeId, profileId);
  return tx.profile.update({
    where: { storeId_id: { storeId, id: profileId } },
    data: { displayName, version: { increment: 1 } },
    select: { displayName: true, createdAt: true },
  });
}
