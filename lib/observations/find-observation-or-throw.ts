import type { Observation } from "../db/generated/client";
import type { DbClient } from "../db/transaction";
import { AppError } from "../errors";
import { isIdOf } from "../ids";
import { findProfileOrThrow } from "../profiles/find-profile-or-throw";

export type FindObservationOrThrowOptions = { storeId: string; profileId: string; observationId: string; forUpdate?: boolean };

/**
 * The observation of this store's profile. A merged-away profile id answers 301/308 (as every
 * profile path does); an unknown, malformed, other profile's or other store's observation is 404.
 * `forUpdate` locks the row for the caller's transaction.
 */
export async function findObservationOrThrow(db: DbClient, { storeId, profileId, observationId, forUpdate = false }: FindObservationOrThrowOptions): Promise<Observation> {
  const profile = await findProfileOrThrow(db, { storeId, profileId });
  if (isIdOf("observation", observationId)) {
    if (forUpdate) await db.$queryRaw`SELECT "id" FROM "observations" WHERE "storeId" = ${storeId} AND "id" = ${observationId} FOR UPDATE`;
    const observation = await db.observation.findUnique({ where: { storeId_id: { storeId, id: observationId } } });
    if (observation && observation.profileId === profile.id) return observation;
  }
  throw new AppError("not_found", `Observation ${observationId} not found`);
}
