import { getPrisma } from "../db/client";
import type { Actor } from "../auth/actor";
import { requireRole } from "../auth/roles";
import { recordAuditEvent } from "../audit/record-audit-event";
import { screenEditedContent } from "../extraction/screen-edited-content";
import { checkProvenanceIds } from "../observations/check-provenance-ids";
import { findSummaryOrThrow } from "./find-summary-or-throw";
import type { SummaryPatch } from "./summary-schemas";
import { toSummaryView, type SummaryView } from "./summary-view";
import { enqueueEmbeddingJob } from "../embeddings/enqueue-embedding-job";

export type UpdateSummaryOptions = { storeId: string; profileId: string; summaryId: string; patch: SummaryPatch; actor: Actor; requestId?: string };

/** PATCH …/ConversationSummaries/{id}; new content is screened by the guard (redacted, or refused with 400). */
export async function updateSummary({ storeId, profileId, summaryId, patch, actor, requestId }: UpdateSummaryOptions): Promise<SummaryView> {
  requireRole(actor, "AGENT");
  const content = await screenEditedContent(patch.content, {
    storeId,
    resourceType: "summary",
    findProfileId: async (tx) => (await findSummaryOrThrow(tx, { storeId, profileId, summaryId })).profileId,
    actor,
    requestId,
  });
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    const before = await findSummaryOrThrow(tx, { storeId, profileId, summaryId });
    if (patch.conversationId) await checkProvenanceIds(tx, storeId, [{ conversationIds: [patch.conversationId] }], "");
    if (content !== undefined && content !== before.content) await enqueueEmbeddingJob(tx, storeId);
    const updated = await tx.summary.update({
      where: { storeId_id: { storeId, id: before.id } },
      data: {
        ...(content !== undefined ? { content } : {}),
        ...(patch.source !== undefined ? { source: patch.source } : {}),
        ...(patch.occurredAt !== undefined ? { occurredAt: new Date(patch.occurredAt) } : {}),
        ...(patch.conversationId !== undefined ? { conversationId: patch.conversationId } : {}),
      },
    });
    await recordAuditEvent(tx, { storeId, actor, action: "summary.update", resourceType: "summary", resourceId: before.id, before: { content: before.content, source: before.source }, after: { content: updated.content, source: updated.source }, requestId });
    return toSummaryView(updated);
  });
}
