import { getPrisma } from "../db/client";
import { AppError } from "../errors";
import type { Actor } from "../auth/actor";
import { requireRole } from "../auth/roles";
import { recordAuditEvent } from "../audit/record-audit-event";
import { recordGuardExclusions } from "../extraction/record-guard-exclusions";
import { screenSensitiveContent } from "../extraction/screen-sensitive-content";
import { checkProvenanceIds } from "../observations/check-provenance-ids";
import { findSummaryOrThrow } from "./find-summary-or-throw";
import type { SummaryPatch } from "./summary-schemas";
import { toSummaryView, type SummaryView } from "./summary-view";
import { enqueueEmbeddingJob } from "../embeddings/enqueue-embedding-job";

export type UpdateSummaryOptions = { storeId: string; profileId: string; summaryId: string; patch: SummaryPatch; actor: Actor; requestId?: string };

/** PATCH …/ConversationSummaries/{id}; new content is screened by the guard (redacted, or refused with 400). */
export async function updateSummary({ storeId, profileId, summaryId, patch, actor, requestId }: UpdateSummaryOptions): Promise<SummaryView> {
  requireRole(actor, "AGENT");
  const prisma = await getPrisma();
  let content = patch.content;
  const verdict = content === undefined ? null : screenSensitiveContent(content);
  if (verdict && verdict.outcome !== "keep") {
    await prisma.$transaction(async (tx) => {
      const summary = await findSummaryOrThrow(tx, { storeId, profileId, summaryId });
      await recordGuardExclusions(tx, { storeId, profileId: summary.profileId, exclusions: [{ resourceType: "summary", outcome: verdict.outcome, categories: verdict.categories }], origin: { source: "api" }, actor, requestId });
    });
    if (verdict.outcome === "drop") {
      throw new AppError("bad_request", `The content holds data Kith does not store (${verdict.categories.join(", ")})`, { details: [{ path: "content", message: `special-category or payment data: ${verdict.categories.join(", ")}` }] });
    }
    content = verdict.text;
  }
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
