import type { Tx } from "../db/transaction";

/**
 * Sets a profile's display name ("Ada Lovelace") from its Contact.firstName / lastName traits,
 * after anything that changes them (trait writes, merges, undo). Null when neither is set.
 */
export async function refreshDisplayName(tx: Tx, storeId: string, profileId: string): Promise<void> {
  const traits = await tx.traitValue.findMany({ where: { storeId, profileId, groupName: "Contact", traitName: { in: ["firstName", "lastName"] } } });
  const part = (name: string) => {
    const value = traits.find((trait) => trait.traitName === name)?.value;
    return typeof value === "string" ? value.trim() : "";
  };
  const displayName = [part("firstName"), part("lastName")].filter(Boolean).join(" ") || null;
  await tx.profile.update({ where: { storeId_id: { storeId, id: profileId } }, data: { displayName } });
}
