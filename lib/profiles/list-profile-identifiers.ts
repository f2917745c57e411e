import { getPrisma } from "../db/client";
import { findProfileOrThrow } from "./find-profile-or-throw";

export type ListProfileIdentifiersOptions = { storeId: string; profileId: string };

/** Twilio's IdentifierSet: one type's normalised values, oldest first (arrival order). */
export type IdentifierSet = { idType: string; values: string[] };

/** A profile's identifiers by type: types in the store's matching-rule priority (then by name). */
export async function listProfileIdentifiers({ storeId, profileId }: ListProfileIdentifiersOptions): Promise<IdentifierSet[]> {
  const prisma = await getPrisma();
  const profile = await findProfileOrThrow(prisma, { storeId, profileId });
  const [identifiers, settings] = await Promise.all([
    prisma.identifier.findMany({ where: { storeId, profileId: profile.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { idType: true, value: true } }),
    prisma.identityResolutionSettings.findUnique({ where: { storeId }, select: { matchingRules: true } }),
  ]);
  const sets = new Map<string, string[]>();
  for (const identifier of identifiers) (sets.get(identifier.idType) ?? sets.set(identifier.idType, []).get(identifier.idType)!).push(identifier.value);
  const rules = settings?.matchingRules ?? [];
  const rank = (idType: string) => (rules.includes(idType) ? rules.indexOf(idType) : Number.MAX_SAFE_INTEGER);
  return [...sets.entries()].sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b)).map(([idType, values]) => ({ idType, values }));
}
