import type { DbClient } from "../db/transaction";
import { AppError, type FieldIssue } from "../errors";

export type ProvenanceIds = { conversationIds?: string[]; communicationIds?: string[] };

/**
 * Provenance must point at this store's conversations and communications: an unknown id, or
 * another store's, is a 400 on its field (never stored as a dangling reference).
 */
export async function checkProvenanceIds(db: DbClient, storeId: string, items: readonly ProvenanceIds[], basePath: string): Promise<void> {
  const conversationIds = [...new Set(items.flatMap((item) => item.conversationIds ?? []))];
  const communicationIds = [...new Set(items.flatMap((item) => item.communicationIds ?? []))];
  const [conversations, communications] = await Promise.all([
    conversationIds.length ? db.conversation.findMany({ where: { storeId, id: { in: conversationIds } }, select: { id: true } }) : [],
    communicationIds.length ? db.communication.findMany({ where: { storeId, id: { in: communicationIds } }, select: { id: true } }) : [],
  ]);
  const knownConversations = new Set(conversations.map((row) => row.id));
  const knownCommunications = new Set(communications.map((row) => row.id));
  const issues: FieldIssue[] = [];
  items.forEach((item, index) => {
    const prefix = basePath ? `${basePath}.${index}.` : "";
    for (const id of item.conversationIds ?? []) if (!knownConversations.has(id)) issues.push({ path: `${prefix}conversationIds`, message: `conversation ${id} not found in this store` });
    for (const id of item.communicationIds ?? []) if (!knownCommunications.has(id)) issues.push({ path: `${prefix}communicationIds`, message: `communication ${id} not found in this store` });
  });
  if (issues.length > 0) throw new AppError("bad_request", "Unknown provenance ids", { details: issues });
}
