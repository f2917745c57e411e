import { getPrisma } from "../db/client";
import { keysetPage, type Page, type PageRequest } from "../paging";
import { findObservationOrThrow } from "./find-observation-or-throw";
import { toObservationRevisionView, type ObservationRevisionView } from "./observation-view";

export type ListObservationRevisionsOptions = { storeId: string; profileId: string; observationId: string } & PageRequest;

/** GET …/Observations/{id}/Revisions: every state the observation has been in, newest first (the first is the current one). */
export async function listObservationRevisions({ storeId, profileId, observationId, ...page }: ListObservationRevisionsOptions): Promise<Page<ObservationRevisionView>> {
  const prisma = await getPrisma();
  await findObservationOrThrow(prisma, { storeId, profileId, observationId });
  const result = await keysetPage(page, (keyset, orderBy, take) => prisma.observationRevision.findMany({ where: { storeId, observationId, ...keyset }, orderBy, take }));
  return { ...result, items: result.items.map(toObservationRevisionView) };
}
