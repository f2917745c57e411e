import { z } from "zod";
import type { Actor } from "../auth/actor";
import { getPrisma } from "../db/client";
import { getHandoffContext, type HandoffContext } from "../recall/get-handoff-context";
import { MAX_CONVERSATION_SEARCH_LENGTH } from "./list-console-conversations";

/** The handoff preview's URL: the conversation previewed, and the picker's search and page. */
export const handoffPreviewQuery = z.object({
  conversationId: z.string().trim().min(1).max(200).optional(),
  q: z.string().trim().max(MAX_CONVERSATION_SEARCH_LENGTH).optional(),
  pageToken: z.string().min(1).max(4096).optional(),
});

export type GetConversationHandoffPreviewOptions = { storeId: string; conversationId: string; caller: Actor };

export type ConversationHandoffPreview = {
  /** Exactly what GET …/Conversations/{id}/Context answers the agent, with its default limits. */
  context: HandoffContext;
  /** The conversation each cited message belongs to, for the citations' links (messages erased since are absent). */
  citedMessageConversations: Record<string, string>;
  generatedAt: Date;
};

/**
 * The handoff preview: the context an agent would receive for this conversation now, from the
 * same function (and defaults) as the Context endpoint, plus where each cited message lives so the
 * console can link to it. Unknown, malformed and other stores' ids are not_found.
 */
export async function getConversationHandoffPreview({ storeId, conversationId, caller }: GetConversationHandoffPreviewOptions): Promise<ConversationHandoffPreview> {
  const context = await getHandoffContext({ storeId, conversationId, caller });
  const messageIds = [...new Set(context.citations.flatMap((citation) => citation.communicationIds))];
  const prisma = await getPrisma();
  const rows = messageIds.length
    ? await prisma.communication.findMany({ where: { storeId, id: { in: messageIds } }, select: { id: true, conversationId: true } })
    : [];
  return { context, citedMessageConversations: Object.fromEntries(rows.map((row) => [row.id, row.conversationId])), generatedAt: new Date() };
}
