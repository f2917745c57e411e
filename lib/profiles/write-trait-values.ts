import type { Prisma } from "../db/generated/client";
import type { Tx } from "../db/transaction";
import type { TraitValueChange } from "../traits/validate-trait-values";
import { refreshDisplayName } from "../traits/refresh-display-name";

export type TraitValueSource = "API" | "CONSOLE" | "EXTRACTION" | "MERGE" | "IMPORT";

/**
 * Applies validated trait changes to one profile inside the caller's transaction: a value sets
 * (the newest write wins), null removes. Keeps the profile's display name in step with Contact.
 */
export async function writeTraitValues(tx: Tx, storeId: string, profileId: string, changes: TraitValueChange[], source: TraitValueSource): Promise<void> {
  for (const change of changes) {
    const key = { storeId_profileId_groupName_traitName: { storeId, profileId, groupName: change.groupName, traitName: change.traitName } };
    if (change.value === null) {
      await tx.traitValue.deleteMany({ where: { storeId, profileId, groupName: change.groupName, traitName: change.traitName } });
    } else {
      const value = change.value as Prisma.InputJsonValue;
      await tx.traitValue.upsert({
        where: key,
        create: { storeId, profileId, groupName: change.groupName, traitName: change.traitName, value, source },
        update: { value, source },
      });
    }
  }
  await refreshDisplayName(tx, storeId, profileId);
  await tx.profile.update({ where: { storeId_id: { storeId, id: profileId } }, data: { version: { increment: 1 } } });
}
