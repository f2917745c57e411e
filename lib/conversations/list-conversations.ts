import { getPrisma } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { keysetPage, type Page, type PageRequest } from "../paging";
import type { ConversationListFilters } from "./conversation-schemas";
import { toConversationView, type ConversationView } from "./conversation-view";

export type ListConversationsOptions = { storeId: string; page: PageRequest; filters: ConversationListFilters };

/**
 * GET …/Conversations: newest first by default (ids sort in creation order), each with its
 * participants. `profileId` lists the conversations that profile took part in; a merged-away id
 * is read as its survivor, which now holds those conversations.
 */
export async function listConversations({ storeId, page, filters }: ListConversationsOptions): Promise<Page<ConversationView>> {
  const prisma = await getPrisma();
  let profileId = filters.profileId;
  if (profileId) {
    const alias = await prisma.profileAlias.findUnique({ where: { storeId_aliasId: { storeId, aliasId: profileId } }, select: { profileId: true } });
    profileId = alias?.profileId ?? profileId;
  }
  const where: Prisma.ConversationWhereInput = {
    storeId,
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.channel ? { channel: filters.channel } : {}),
    ...(profileId ? { participants: { some: { profileId } } } : {}),
  };
  const conversations = await keysetPage(page, (keyset, orderBy, take) =>
    prisma.conversation.findMany({ where: { ...where, ...keyset }, orderBy, take, include: { participants: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] } } }),
  );
  return { ...conversations, items: conversations.items.map((conversation) => toConversationView(conversation, conversation.participants)) };
}
