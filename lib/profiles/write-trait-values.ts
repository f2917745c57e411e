import type { Prisma } from "../db/generated/client";
import type { Tx } from "../db/transaction";
import type { TraitValueChange } from "../traits/validate-trait-values";

export type TraitValueSource = "API" | "CONSOLE" | "EXTRACTION" | "MERGE" | "IMPORT";

/** "Ada Lovelace" from Contact.firstName / lastName, for listing and search. */
function displayNameOf(traits: { groupName: string; traitName: string; value: Prisma.JsonValue }[]): string | null {
  const part = (name: string) => {
    const value = traits.find((trait) => trait.groupName === "Contact" && trait.traitName === name)?.value;
    return typeof value === "string" ? value.trim() : "";
  };
  const name = [part("firstName"), part("lastName")].filter(Boolean).join(" ");
  return name || null;
}

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
  const traits = await tx.traitValue.findMany({ where: { storeId, profileId, groupName: "Contact" } });
  await tx.profile.update({ where: { storeId_id: { storeId, id: profileId } }, data: { displayName: displayNameOf(traits), version: { increment: 1 } } });
}
