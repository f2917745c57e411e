import type { Tx } from "../db/transaction";
import type { Actor } from "../auth/actor";

export type ClosedConversation = { storeId: string; conversationId: string; closedAt: Date };

/** Runs inside the transaction that closed the conversations, so what it enqueues commits with the close. */
export type ConversationClosedHook = (tx: Tx, closed: ClosedConversation[], actor: Actor) => Promise<void>;

/**
 * THE hook point for "a conversation closed" (SPEC §5: extraction runs for each CUSTOMER profile
 * when a conversation closes). Every way a conversation closes — PATCH, ingestion of a CLOSED
 * conversation, the inactivity sweep — calls runConversationClosedHooks. Extraction is not built
 * yet, so the list is empty; the extraction job's enqueue belongs here.
 */
export const conversationClosedHooks: ConversationClosedHook[] = [];

export async function runConversationClosedHooks(tx: Tx, closed: ClosedConversation[], actor: Actor): Promise<void> {
  if (closed.length === 0) return;
  for (const hook of conversationClosedHooks) await hook(tx, closed, actor);
}
