import type { Conversation } from "../db/generated/client";
import type { Tx } from "../db/transaction";
import { AppError } from "../errors";
import { isIdOf } from "../ids";

export type LockConversationOrThrowOptions = { storeId: string; conversationId: string };

/**
 * The store's conversation, row-locked for the rest of the caller's transaction, so ingestion,
 * status changes and the inactivity sweep of one conversation never interleave. A malformed,
 * unknown or other store's id is "not found" alike.
 */
export async function lockConversationOrThrow(tx: Tx, { storeId, conversationId }: LockConversationOrThrowOptions): Promise<Conversation> {
  if (isIdOf("conversation", conversationId)) {
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "conversations" WHERE "storeId" = ${storeId} AND "id" = ${conversationId} FOR UPDATE`;
    if (locked.length === 1) return tx.conversation.findUniqueOrThrow({ where: { storeId_id: { storeId, id: conversationId } } });
  }
  throw new AppError("not_found", `Conversation ${conversationId} not found`);
}
