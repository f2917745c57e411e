import type { Tx } from "../db/transaction";

/** The display name ("Ada Lovelace") for these Contact.firstName / lastName values; null when neither is set. */
export function displayNameOf(firstName: unknown, lastName: unknown): string | null {
  const part = (value: unknown) => (typeof value === "string" ? value.trim() : "");
  return [part(firstName), part(lastName)].filter(Boolean).join(" ") || null;
}

/** A profile's current display name as its stored Contact.firstName / lastName traits make it. */
export async function computeDisplayName(tx: Tx, storeId: string, profileId: string): Promise<string | null> {
  const traits = await tx.traitValue.findMany({ where: { storeId, profileId, groupName: "Contact", traitName: { in: ["firstName", "lastName"] } } });
  const valueOf = (name: string) => traits.find((trait) => trait.traitName === name)?.value;
  return displayNameOf(valueOf("firstName"), valueOf("lastName"));
}

/**
 * Sets a profile's display name ("Ada Lovelace") from its Contact.firstName / lastName traits,
 * after anything that changes them (trait writes, merges, undo). Null when neither is set.
 */
export async function refreshDisplayName(tx: Tx, storeId: string, profileId: string): Promise<void> {
  const displayName = await computeDisplayName(tx, storeId, profileId);
  await tx.profile.update({ where: { storeId_id: { storeId, id: profileId } }, data: { displayName } });
}
