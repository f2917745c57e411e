import { getPrisma } from "../db/client";
import { keysetPage, type Page } from "../paging";
import { findProfileOrThrow } from "../profiles/find-profile-or-throw";
import type { TraitCandidateListQuery } from "./trait-candidate-schemas";
import { toTraitCandidateView, type TraitCandidateView } from "./trait-candidate-view";

export type ListTraitCandidatesOptions = { storeId: string; profileId: string } & TraitCandidateListQuery;

/**
 * GET …/Profiles/{id}/TraitCandidates: what extraction proposed for this person, newest first —
 * including what it proposed under ids since merged into this profile.
 */
export async function listTraitCandidates({ storeId, profileId, status, ...page }: ListTraitCandidatesOptions): Promise<Page<TraitCandidateView>> {
  const prisma = await getPrisma();
  const profile = await findProfileOrThrow(prisma, { storeId, profileId });
  const aliases = await prisma.profileAlias.findMany({ where: { storeId, profileId: profile.id }, select: { aliasId: true } });
  const personIds = [profile.id, ...aliases.map((alias) => alias.aliasId)];
  const result = await keysetPage(page, (keyset, orderBy, take) =>
    prisma.traitCandidate.findMany({ where: { storeId, profileId: { in: personIds }, ...(status ? { status } : {}), ...keyset }, orderBy, take }),
  );
  return { ...result, items: result.items.map((row) => toTraitCandidateView(row, profile.id)) };
}
