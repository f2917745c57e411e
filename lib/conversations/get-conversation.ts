import { getPrisma } from "../db/client";
import { AppError } from "../errors";
import { isIdOf } from "../ids";
import { toConversationView, type ConversationView } from "./conversation-view";

export type GetConversationOptions = { storeId: string; conversationId: string };

/** GET …/Conversations/{id}: the conversation with its participants (messages: …/Communications). */
export async function getConversation({ storeId, conversationId }: GetConversationOptions): Promise<ConversationView> {
  const prisma = await getPrisma();
  const conversation = isIdOf("conversation", conversationId)
    ? await prisma.conversation.findUnique({
        where: { storeId_id: { storeId, id: conversationId } },
        include: { participants: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] } },
      })
    : null;
  if (!conversation) throw new AppError("not_found", `Conversation ${conversationId} not found`);
  return toConversationView(conversation, conversation.participants);
}
