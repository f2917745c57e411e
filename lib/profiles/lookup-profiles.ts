import { getPrisma } from "../db/client";
import { AppError } from "../errors";
import { normalizeIdentifier, type IdentifierNormalization } from "../identity/normalize-identifier";

export type LookupProfilesOptions = { storeId: string; idType: string; value: string };

export type LookupProfilesResult = { normalizedValue: string; profiles: string[] };

/** Twilio answers at most 100 canonical ids. */
export const MAX_LOOKUP_PROFILES = 100;

/**
 * Which profiles hold this identifier (POST …/Profiles/Lookup). The value is normalised with the
 * store's config for its type first, so `(415) 555-0123` finds `+14155550123`. An unknown type
 * or a value that cannot be normalised is a 400 on its field; no match is an empty list. A value
 * the store blocks identifies no one (SPEC §4: never used for matching), so it finds no profile.
 * Identifiers live on canonical profiles only (a merge moves them), so every id is canonical.
 */
export async function lookupProfiles({ storeId, idType, value }: LookupProfilesOptions): Promise<LookupProfilesResult> {
  const prisma = await getPrisma();
  const config = await prisma.identifierConfig.findUnique({ where: { storeId_idType: { storeId, idType } } });
  if (!config) {
    throw new AppError("bad_request", `Unknown identifier type "${idType}"`, { details: [{ path: "idType", message: `"${idType}" is not an identifier type of this store` }] });
  }
  const normalized = normalizeIdentifier(value, config.normalization.toLowerCase() as IdentifierNormalization);
  if (!normalized.ok) throw new AppError("bad_request", `Invalid ${idType}: the value ${normalized.reason}`, { details: [{ path: "value", message: normalized.reason }] });
  if (config.blockedValues.includes(normalized.value)) return { normalizedValue: normalized.value, profiles: [] };
  const owners = await prisma.identifier.findMany({
    where: { storeId, idType, value: normalized.value },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { profileId: true },
  });
  return { normalizedValue: normalized.value, profiles: [...new Set(owners.map((owner) => owner.profileId))].slice(0, MAX_LOOKUP_PROFILES) };
}
