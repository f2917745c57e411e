import { getPrisma } from "../db/client";
import type { Actor } from "../auth/actor";
import { requireRole } from "../auth/roles";
import { newId } from "../ids";
import { recordAuditEvent } from "../audit/record-audit-event";
import { findProfileOrThrow } from "../profiles/find-profile-or-throw";
import { recordGuardExclusions } from "../extraction/record-guard-exclusions";
import { screenMemoryTexts } from "../extraction/screen-memory-texts";
import type { SensitiveCategory } from "../extraction/extraction-types";
import { checkProvenanceIds } from "../observations/check-provenance-ids";
import type { SummaryCreateItem } from "./summary-schemas";
import { toSummaryView, type SummaryView } from "./summary-view";
import { enqueueEmbeddingJob } from "../embeddings/enqueue-embedding-job";

export type CreateSummariesOptions = { storeId: string; profileId: string; summaries: SummaryCreateItem[]; actor: Actor; requestId?: string };

export type SummaryCreateResult =
  | { index: number; outcome: "added"; summary: SummaryView }
  | { index: number; outcome: "excluded"; categories: SensitiveCategory[] };

/**
 * POST …/ConversationSummaries (≤ 10), each about one of this store's conversations; screened by
 * the guard like observations (sensitive parts redacted, or the summary dropped), in one transaction.
 */
export async function createSummaries({ storeId, profileId, summaries, actor, requestId }: CreateSummariesOptions): Promise<SummaryCreateResult[]> {
  requireRole(actor, "AGENT");
  const prisma = await getPrisma();
  const screened = screenMemoryTexts(summaries, "summary");
  return prisma.$transaction(async (tx) => {
    const profile = await findProfileOrThrow(tx, { storeId, profileId });
    await checkProvenanceIds(tx, storeId, summaries.map((summary) => ({ conversationIds: [summary.conversationId] })), "summaries");
    await recordGuardExclusions(tx, { storeId, profileId: profile.id, exclusions: screened.exclusions, origin: { source: "api" }, actor, requestId });
    const results: SummaryCreateResult[] = screened.dropped.map(({ index, categories }) => ({ index, outcome: "excluded", categories }));
    for (const { index, item } of screened.kept) {
      const created = await tx.summary.create({
        data: { storeId, id: newId("summary"), profileId: profile.id, conversationId: item.conversationId, content: item.content, source: item.source ?? "api", occurredAt: new Date(item.occurredAt) },
      });
      await recordAuditEvent(tx, { storeId, actor, action: "summary.create", resourceType: "summary", resourceId: created.id, after: { profileId: profile.id, conversationId: created.conversationId, source: created.source }, requestId });
      results.push({ index, outcome: "added", summary: toSummaryView(created) });
    }
    if (screened.kept.length > 0) await enqueueEmbeddingJob(tx, storeId);
    return results.sort((a, b) => a.index - b.index);
  });
}
