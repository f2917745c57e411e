import { getPrisma } from "../db/client";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { Actor } from "../auth/actor";
import { requireRole } from "../auth/roles";
import { storeNotFoundError } from "./get-store";
import { toStoreView } from "./store-view";

export type DeleteStoreOptions = { storeId: string; actor: Actor; requestId?: string };

/**
 * Deletes a store and everything in it (profiles, conversations, memories, settings, its keys
 * and jobs: every store-owned table cascades from `stores`). The audit trail keeps the deletion.
 */
export async function deleteStore({ storeId, actor, requestId }: DeleteStoreOptions): Promise<void> {
  requireRole(actor, "ADMIN");
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const store = await tx.store.findUnique({ where: { id: storeId } });
    if (!store) throw storeNotFoundError(storeId);
    await tx.store.delete({ where: { id: storeId } });
    await recordAuditEvent(tx, { storeId, actor, action: "store.delete", resourceType: "store", resourceId: storeId, before: toStoreView(store), requestId });
    
  });
}
