import type { Tx } from "../db/transaction";
import type { Actor } from "../auth/actor";
import { enqueueExtractionJobs } from "../extraction/extraction-job";

export type ClosedConversation = { storeId: string; conversationId: string; closedAt: Date };

/** Runs inside the transaction that closed the conversations, so what it enqueues commits with the close. */
export type ConversationClosedHook = (tx: Tx, closed: ClosedConversation[], actor: Actor) => Promise<void>;

/**
 * THE hook point for "a conversation closed" (SPEC §5: extraction runs for each CUSTOMER profile
 * when a conversation closes). Every way a conversation closes — PATCH, ingestion of a CLOSED
 * conversation, the inactivity sweep — calls runConversationClosedHooks.
 */
export const conversationClosedHooks: ConversationClosedHook[] = [(tx, closed) => enqueueExtractionJobs(tx, closed)];

export async function runConversationClosedHooks(tx: Tx, closed: ClosedConversation[], actor: Actor): Promise<void> {
  if (closed.length === 0) return;
  for (const hook of conversationClosedHooks) await hook(tx, closed, actor);
}
