import { getPrisma } from "../db/client";
import { keysetPage, type Page } from "../paging";
import { findProfileOrThrow } from "../profiles/find-profile-or-throw";
import type { SummaryListQuery } from "./summary-schemas";
import { toSummaryView, type SummaryView } from "./summary-view";

export type ListSummariesOptions = { storeId: string; profileId: string } & SummaryListQuery;

/** GET …/ConversationSummaries: the profile's summaries, newest first, optionally of one conversation. */
export async function listSummaries({ storeId, profileId, conversationId, ...page }: ListSummariesOptions): Promise<Page<SummaryView>> {
  const prisma = await getPrisma();
  const profile = await findProfileOrThrow(prisma, { storeId, profileId });
  const where = { storeId, profileId: profile.id, ...(conversationId ? { conversationId } : {}) };
  const result = await keysetPage(page, (keyset, orderBy, take) => prisma.summary.findMany({ where: { ...where, ...keyset }, orderBy, take }));
  return { ...result, items: result.items.map(toSummaryView) };
}
