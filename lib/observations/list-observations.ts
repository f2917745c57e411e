import { getPrisma } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { keysetPage, type Page } from "../paging";
import { findProfileOrThrow } from "../profiles/find-profile-or-throw";
import type { ObservationListQuery } from "./observation-schemas";
import { toObservationView, type ObservationView } from "./observation-view";

export type ListObservationsOptions = { storeId: string; profileId: string } & ObservationListQuery;

/**
 * GET …/Observations: the profile's observations, newest first, filtered by source, creation
 * time (`createdAfter` inclusive, `createdBefore` exclusive), conversation and review status.
 */
export async function listObservations({ storeId, profileId, source, createdAfter, createdBefore, conversationId, status, ...page }: ListObservationsOptions): Promise<Page<ObservationView>> {
  const prisma = await getPrisma();
  const profile = await findProfileOrThrow(prisma, { storeId, profileId });
  const where: Prisma.ObservationWhereInput = {
    storeId,
    profileId: profile.id,
    ...(source ? { source } : {}),
    ...(status ? { status } : {}),
    ...(conversationId ? { conversationIds: { has: conversationId } } : {}),
    ...(createdAfter || createdBefore ? { createdAt: { ...(createdAfter ? { gte: new Date(createdAfter) } : {}), ...(createdBefore ? { lt: new Date(createdBefore) } : {}) } } : {}),
  };
  const result = await keysetPage(page, (keyset, orderBy, take) => prisma.observation.findMany({ where: { ...where, ...keyset }, orderBy, take }));
  return { ...result, items: result.items.map(toObservationView) };
}
