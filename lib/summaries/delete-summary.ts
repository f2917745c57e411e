import { getPrisma } from "../db/client";
import type { Actor } from "../auth/actor";
import { requireRole } from "../auth/roles";
import { recordAuditEvent } from "../audit/record-audit-event";
import { findSummaryOrThrow } from "./find-summary-or-throw";

export type DeleteSummaryOptions = { storeId: string; profileId: string; summaryId: string; actor: Actor; requestId?: string };

export async function deleteSummary({ storeId, profileId, summaryId, actor, requestId }: DeleteSummaryOptions): Promise<void> {
  requireRole(actor, "AGENT");
  const prisma = await getPrisma();
  await prisma.$transaction(async (tx) => {
    const summary = await findSummaryOrThrow(tx, { storeId, profileId, summaryId });
    await tx.summary.delete({ where: { storeId_id: { storeId, id: summary.id } } });
    await recordAuditEvent(tx, { storeId, actor, action: "summary.delete", resourceType: "summary", resourceId: summary.id, before: { profileId: summary.profileId, conversationId: summary.conversationId }, requestId });
  });
}
