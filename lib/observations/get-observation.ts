import { getPrisma } from "../db/client";
import { findObservationOrThrow } from "./find-observation-or-throw";
import { toObservationView, type ObservationView } from "./observation-view";

export type GetObservationOptions = { storeId: string; profileId: string; observationId: string };

export async function getObservation(options: GetObservationOptions): Promise<ObservationView> {
  const prisma = await getPrisma();
  return toObservationView(await findObservationOrThrow(prisma, options));
}
