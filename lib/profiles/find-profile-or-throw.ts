import type { Profile } from "../db/generated/client";
import type { DbClient } from "../db/transaction";
import { AppError, ProfileMovedError } from "../errors";
import { isIdOf } from "../ids";

export type FindProfileOrThrowOptions = { storeId: string; profileId: string };

/**
 * The store's profile with this id. A merged-away id throws ProfileMovedError (lib/http answers
 * 301/308 to the survivor); a malformed, unknown or other store's id is "not found" alike.
 */
export async function findProfileOrThrow(db: DbClient, { storeId, profileId }: FindProfileOrThrowOptions): Promise<Profile> {
  if (isIdOf("profile", profileId)) {
    const profile = await db.profile.findUnique({ where: { storeId_id: { storeId, id: profileId } } });
    if (profile) return profile;
    const alias = await db.profileAlias.findUnique({ where: { storeId_aliasId: { storeId, aliasId: profileId } }, select: { profileId: true } });
    if (alias) throw new ProfileMovedError(profileId, alias.profileId);
  }
  throw new AppError("not_found", `Profile ${profileId} not found`);
}
