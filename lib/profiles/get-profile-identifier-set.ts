import { getPrisma } from "../db/client";
import { AppError } from "../errors";
import { findProfileOrThrow } from "./find-profile-or-throw";
import type { IdentifierSet } from "./list-profile-identifiers";

export type GetProfileIdentifierSetOptions = { storeId: string; profileId: string; idType: string };

/** One type's values on a profile, oldest first; not found when the profile holds none of that type. */
export async function getProfileIdentifierSet({ storeId, profileId, idType }: GetProfileIdentifierSetOptions): Promise<IdentifierSet> {
  const prisma = await getPrisma();
  const profile = await findProfileOrThrow(prisma, { storeId, profileId });
  const identifiers = await prisma.identifier.findMany({
    where: { storeId, profileId: profile.id, idType },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { value: true },
  });
  if (identifiers.length === 0) throw new AppError("not_found", `Profile ${profile.id} has no identifiers of type "${idType}"`);
  return { idType, values: identifiers.map((identifier) => identifier.value) };
}
